// The data files of a root as `pwc validate` sees them, read through what a validation left behind:
// a file git vouches for as unmodified is taken from the validator's cache when it holds that blob.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unmodifiedBlobs } from '../git/listing.ts';
import { DATA_DIR } from '../model/paths.ts';
import { buildRepository, listDataFiles, readValidFile, type Repository, type ValidFile } from '../model/repository.ts';
import { planState, type DataNow } from './if-written.ts';
import { LayeredIndex, type DependencyIndex, type FileState } from './plan.ts';
import { CACHE_DIR, validatedBlobs } from './validate.ts';

export interface DataRead extends DataNow {
  valid: Map<string, ValidFile>;
  repo: Repository;
  /** How many files came from the cache rather than the disk. */
  fromCache: number;
}

/**
 * Every data file under `root` (valid or not), the schema-valid ones, their repository and the
 * planner's index: what reading and checking every file gives, at the cost of the files that
 * changed since the last `pwc validate`. Without git or a cache of these tools, every file is read.
 */
export async function readDataNow(root: string): Promise<DataRead> {
  // git looks at the work tree while this process walks it; without a cache, nothing would use what it says.
  const none = new Map<string, string>();
  const vouched = existsSync(join(root, CACHE_DIR)) ? unmodifiedBlobs(root, DATA_DIR).catch(() => none) : Promise.resolve(none);
  const files = await listDataFiles(root);
  const blobs = await vouched;
  // Only the listed files: what git tracks but the walk leaves out (a symlink, a dot folder) is not data.
  const listed = new Map<string, string>();
  for (const path of files) {
    const blob = blobs.get(path);
    if (blob !== undefined) listed.set(path, blob);
  }
  const { known, dependencies } = listed.size > 0 ? validatedBlobs(root, listed) : { known: new Map<string, ValidFile | undefined>(), dependencies: () => undefined };
  const valid = new Map<string, ValidFile>();
  // One file at a time, synchronously: at 190,000 files the fastest way, and no "too many open files".
  for (const path of files) {
    const file = known.has(path) ? known.get(path) : readValidFile(path, readFileSync(join(root, path)));
    if (file) valid.set(path, file);
  }
  const cached = dependencies();
  const index = cached && layered(cached, files, known, valid);
  return { files, valid, index, repo: buildRepository(valid.values()), fromCache: known.size };
}

/** The cache's index with what differs from it now: the files read from disk, and the cache's files that are gone. */
function layered(cached: DependencyIndex, files: readonly string[], known: ReadonlyMap<string, unknown>, valid: ReadonlyMap<string, ValidFile>): DependencyIndex {
  const overlay = new Map<string, FileState | undefined>();
  for (const path of files) if (!known.has(path)) overlay.set(path, planState(valid.get(path)));
  const present = new Set(files);
  for (const path of cached.pathsUnder(`${DATA_DIR}/`)) if (!present.has(path)) overlay.set(path, undefined);
  return new LayeredIndex(cached, overlay);
}
