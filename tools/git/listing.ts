// Listings of one folder from git: the blobs of a commit's tree, the files of the work tree that
// differ from a commit, and the blobs git's index vouches for in the work tree.
import { git, nulList } from './run.ts';
import { indexBlobIds } from './worktree.ts';

/** Each file under `dir` at `commit` (paths relative to the repository root) with its blob id. */
export async function treeBlobs(root: string, commit: string, dir: string): Promise<Map<string, string>> {
  const listing = await git(root, ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit, '--', dir]);
  const out = new Map<string, string>();
  for (const line of nulList(listing)) {
    // "<mode> <type> <id>\t<path>"
    const tab = line.indexOf('\t');
    const [, type, id] = line.slice(0, tab).split(' ');
    if (type === 'blob') out.set(line.slice(tab + 1), id);
  }
  return out;
}

/** Paths under `dir` whose work-tree content differs from `commit` (staged or not, deleted, untracked), sorted. */
export async function workTreeChangesSince(root: string, commit: string, dir: string): Promise<string[]> {
  const [tracked, untracked] = await Promise.all([
    git(root, ['diff', '--name-only', '--no-renames', '--relative', '-z', '--end-of-options', commit, '--', dir]),
    git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', dir]),
  ]);
  return [...new Set([...nulList(tracked), ...nulList(untracked)])].sort();
}

/**
 * The blob id of each file under `dir` (relative to the repository root) that git's index holds
 * and the work tree has unmodified: what a fresh checkout holds, known without reading a file.
 */
export async function unmodifiedBlobs(root: string, dir: string): Promise<Map<string, string>> {
  const [staged, modified] = await Promise.all([indexBlobIds(root, dir), git(root, ['diff-files', '--name-only', '-z', '--', dir])]);
  for (const path of nulList(modified)) staged.delete(path);
  return staged;
}
