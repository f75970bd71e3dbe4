// Listings of one folder from git: the blobs of a commit's tree and the blobs git's index vouches
// for in the work tree (what differs from a commit: changes.ts).
import { git, nulList } from './run.ts';
import { indexBlobIds } from './worktree.ts';

/** Each file under `dir` (or under each of several) at `commit` (paths relative to the repository root) with its blob id. */
export async function treeBlobs(root: string, commit: string, dir: string | readonly string[]): Promise<Map<string, string>> {
  const dirs = typeof dir === 'string' ? [dir] : dir;
  if (dirs.length === 0) return new Map();
  const listing = await git(root, ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit, '--', ...dirs]);
  const out = new Map<string, string>();
  for (const line of nulList(listing)) {
    // "<mode> <type> <id>\t<path>"
    const tab = line.indexOf('\t');
    const [, type, id] = line.slice(0, tab).split(' ');
    if (type === 'blob') out.set(line.slice(tab + 1), id);
  }
  return out;
}

/**
 * The blob id of each file under `dir` (relative to the repository root) that git's index holds
 * and the work tree has unmodified: what a fresh checkout holds, known without reading a file.
 */
export async function unmodifiedBlobs(root: string, dir: string): Promise<Map<string, string>> {
  // A conflicted path (no single blob) vouches for nothing: indexBlobIds leaves it out. --relative:
  // paths relative to root, as ls-files gives them, when root is a folder inside the repository.
  const [blobs, modified] = await Promise.all([indexBlobIds(root, dir), git(root, ['diff-files', '--name-only', '--relative', '-z', '--', dir])]);
  for (const path of nulList(modified)) blobs.delete(path);
  return blobs;
}
