// What git says changed under a folder of the work tree: since a commit (working tree included:
// staged, unstaged and untracked files, deletions, renames as a deletion and an addition), between
// two commits, and what the index holds. Paths are relative to root, sorted.
import { git, nulList } from './run.ts';
import { indexBlobIds } from './worktree.ts';

/**
 * Tracked paths under `folder` whose working-tree content differs from `commit` (staged or not,
 * deleted included); `commit` may be any revision (it cannot pass for an option). git runs at a
 * lower priority than the caller: it stats every tracked file, from many threads.
 */
export async function trackedChangesSince(root: string, commit: string, folder: string): Promise<string[]> {
  return nulList(await git(root, ['diff', '--name-only', '--no-renames', '--relative', '-z', '--end-of-options', commit, '--', folder], { yieldToCaller: true })).sort();
}

/** Untracked files under `folder` (ignored ones left out). */
export async function untrackedFiles(root: string, folder: string): Promise<string[]> {
  return nulList(await git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', folder])).sort();
}

/** Paths under `folder` whose working-tree content differs from `commit`, untracked files included. */
export async function changedSince(root: string, commit: string, folder: string): Promise<string[]> {
  const [tracked, untracked] = await Promise.all([trackedChangesSince(root, commit, folder), untrackedFiles(root, folder)]);
  return [...new Set([...tracked, ...untracked])].sort();
}

export interface PathChange {
  path: string;
  change: 'added' | 'changed' | 'removed';
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Paths (under `folder`; all when left out) that differ between two commits, with how; renames as
 * a removal and an addition. `base` and `head` may be any revisions (neither can pass for an option).
 */
export async function changedPaths(root: string, base: string, head: string, folder?: string): Promise<PathChange[]> {
  if (base === head) return [];
  const args = ['diff', '--no-renames', '--name-status', '--relative', '-z', '--end-of-options', base, head];
  const parts = nulList(await git(root, folder === undefined ? args : [...args, '--', folder]));
  const changes: PathChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = parts[i][0];
    changes.push({ path: parts[i + 1], change: status === 'A' ? 'added' : status === 'D' ? 'removed' : 'changed' });
  }
  return changes.sort(byPath);
}

/** Paths under `folder` that differ between two commits. */
export async function changedBetween(root: string, from: string, to: string, folder: string): Promise<string[]> {
  return (await changedPaths(root, from, to, folder)).map((c) => c.path);
}

/** What the index holds under a folder: each path's blob id, and the paths staged since a commit. */
export interface IndexState {
  /** Path -> blob id; a path with unmerged stages (no single blob) is left out. */
  blobs: Map<string, string>;
  /** Paths whose index entry differs from the commit. */
  staged: string[];
}

/** What the index holds under `folder` (see IndexState); reads no working-tree file. */
export async function indexState(root: string, commit: string, folder: string): Promise<IndexState> {
  const [blobs, staged] = await Promise.all([
    indexBlobIds(root, folder),
    git(root, ['diff', '--cached', '--name-only', '--no-renames', '--relative', '-z', '--end-of-options', commit, '--', folder]),
  ]);
  return { blobs, staged: nulList(staged).sort() };
}
