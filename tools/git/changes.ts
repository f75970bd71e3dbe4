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

/** Paths under `folder` that differ between two commits. */
export async function changedBetween(root: string, from: string, to: string, folder: string): Promise<string[]> {
  if (from === to) return [];
  return nulList(await git(root, ['diff', '--name-only', '--no-renames', '--relative', '-z', '--end-of-options', from, to, '--', folder])).sort();
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
