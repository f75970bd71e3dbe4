// The git edge of incremental generation: the data state the pages were rendered from (a commit
// and the data files that differed from it then), and what changed since, with each changed
// file's valid content before. The decisions are pure (page-deps.ts); this only reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentsAt, readBlobs } from '../git/cat-file.ts';
import { changedSince } from '../git/changes.ts';
import { treeBlobs } from '../git/listing.ts';
import { headCommit, lastCommitTouching, resolveCommit } from '../git/revision.ts';
import { classifyPath, DATA_DIR, isDataPath, isPathProblem } from '../model/paths.ts';
import { readValidFile, type ValidFile } from '../model/repository.ts';
import { validatedBlobs } from '../checks/validate.ts';
import { GENERATED_DIR } from './links.ts';
import type { DataBase } from './page-memo.ts';

/** Beyond this many data files differing from HEAD, no base is kept: the next run renders every page. */
const DIRTY_LIMIT = 2000;

/** Changed data files (sorted) and each one's valid content before the change (undefined: absent or invalid). */
export interface DataChange {
  paths: string[];
  before: Map<string, ValidFile | undefined>;
}

/** What changed in the work tree's data/ since `base`; undefined when git cannot say (the commit is gone). */
export async function changeSinceBase(root: string, base: DataBase): Promise<DataChange | undefined> {
  try {
    const dirty = new Map(base.dirty);
    const since = (await changedSince(root, base.commit, DATA_DIR)).filter(isDataPath);
    const paths = [...new Set([...since, ...dirty.keys()])].sort();
    const fromGit = paths.filter((p) => !dirty.has(p));
    const bytes = await contentsAt(root, base.commit, fromGit);
    const before = new Map<string, ValidFile | undefined>();
    for (const path of paths) {
      if (dirty.has(path)) {
        const ref = classifyPath(path);
        const data = dirty.get(path);
        before.set(path, data === null || isPathProblem(ref) ? undefined : { ref, data });
      } else {
        const b = bytes.get(path);
        before.set(path, b === undefined ? undefined : readValidFile(path, b));
      }
    }
    return { paths, before };
  } catch {
    return undefined;
  }
}

/** What changed in the work tree's data/ since a revision (resolved here). Throws a GitError for a bad revision. */
export async function changeSince(root: string, rev: string): Promise<DataChange> {
  const commit = await resolveCommit(root, rev);
  const change = await changeSinceBase(root, { commit, validator: '', dirty: [] });
  if (!change) throw new Error(`git could not compare the work tree with ${rev}`);
  return change;
}

/** The files of generated/ (relative to it) that the work tree changed since a revision: hand edits to check too. */
export async function pagesEditedSince(root: string, rev: string): Promise<string[]> {
  const commit = await resolveCommit(root, rev);
  return (await changedSince(root, commit, GENERATED_DIR)).map((p) => p.slice(GENERATED_DIR.length + 1));
}

/**
 * Did data/ change (committed or not) since generated/ was last committed? Then stale pages are what
 * a data change gives until publish.yml rebuilds them on main; if not, the tools or a hand edit made
 * them stale. Undefined when git cannot say (no repository, or generated/ never committed).
 */
export async function dataChangedSinceViews(root: string): Promise<boolean | undefined> {
  const views = await lastCommitTouching(root, GENERATED_DIR);
  if (!views) return undefined;
  try {
    return (await changedSince(root, views, DATA_DIR)).some(isDataPath);
  } catch {
    return undefined;
  }
}

/** The base a run that rendered the work tree's data leaves: HEAD, and the data files that differ from it now. */
export async function currentBase(root: string, validator: string): Promise<DataBase | null> {
  const commit = await headCommit(root);
  if (!commit) return null;
  try {
    const paths = (await changedSince(root, commit, DATA_DIR)).filter(isDataPath);
    if (paths.length > DIRTY_LIMIT) return null;
    const dirty: DataBase['dirty'] = paths.map((path) => {
      let bytes: Buffer | undefined;
      try {
        bytes = readFileSync(join(root, path));
      } catch {
        bytes = undefined;
      }
      return [path, (bytes && readValidFile(path, bytes)?.data) ?? null];
    });
    return { commit, validator, dirty };
  } catch {
    return null;
  }
}

/** The data files of a commit: each path under data/ with its blob id. */
export async function dataBlobs(root: string, commit: string): Promise<Map<string, string>> {
  const all = await treeBlobs(root, commit, DATA_DIR);
  for (const path of all.keys()) if (!isDataPath(path)) all.delete(path);
  return all;
}

/** The valid content of each named blob (path -> blob id), read in one `git cat-file` pass. */
export async function validFilesOf(root: string, blobs: ReadonlyMap<string, string>): Promise<Map<string, ValidFile | undefined>> {
  const paths = [...blobs.keys()];
  const bytes = await readBlobs(root, paths.map((p) => blobs.get(p)!));
  return new Map(paths.map((p, i) => [p, bytes[i] === undefined ? undefined : readValidFile(p, bytes[i]!)]));
}

/**
 * The same, taking each file the validator's cache in `root` holds with the same blob id from the
 * cache (already parsed and checked), and only the others from git. The cache validate.yml
 * restores is main's, so a pull request's base is nearly all in it.
 */
export async function validFilesCached(root: string, blobs: ReadonlyMap<string, string>): Promise<Map<string, ValidFile | undefined>> {
  const { known, unknown } = validatedBlobs(root, blobs);
  for (const [path, file] of await validFilesOf(root, unknown)) known.set(path, file);
  return known;
}
