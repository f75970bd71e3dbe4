// Reads the repository for a bundle, strictly: a file that does not parse or conform would silently
// vanish from the published data, so any such file stops the build and is named.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRepository, listDataFiles, readValidFile, type Repository, type ValidFile } from '../model/repository.ts';
import { count } from '../model/count.ts';
import { BundleError } from './contents.ts';

/** Files read at once: enough to keep the disk busy, few enough to stay under descriptor limits. */
const READ_AHEAD = 64;

export async function loadRepositoryStrict(root: string): Promise<Repository> {
  return readRepositoryStrict(root, await listDataFiles(root));
}

/** The repository of just these files (paths relative to root), read strictly. */
export async function readRepositoryStrict(root: string, paths: readonly string[]): Promise<Repository> {
  const files: ValidFile[] = [];
  const invalid: string[] = [];
  for (let start = 0; start < paths.length; start += READ_AHEAD) {
    const batch = paths.slice(start, start + READ_AHEAD);
    const bytes = await Promise.all(batch.map((path) => readFile(join(root, path))));
    batch.forEach((path, i) => {
      const file = readValidFile(path, bytes[i]);
      if (file) files.push(file);
      else invalid.push(path);
    });
  }
  if (invalid.length > 0) {
    const shown = invalid.slice(0, 20).map((path) => `${path} is not a valid data file (run \`pwc validate\` to see why)`);
    if (invalid.length > shown.length) shown.push(`... and ${count(invalid.length - shown.length, 'more file', 'more files')}`);
    throw new BundleError(shown);
  }
  return buildRepository(files);
}
