// What git says changed under data/: since a commit (working tree included: staged, unstaged and
// untracked files, deletions, renames as a deletion and an addition), between two commits, and the
// contents of files at a commit. The checks reach git only through this module (tools/git runs it).
import { git, nulList } from '../../git/run.ts';
import { isDataPath } from '../../model/paths.ts';

// The validator's callers reach these through this module.
export { contentsAt } from '../../git/cat-file.ts';
export { headCommit, resolveCommit } from '../../git/revision.ts';
export { GitError } from '../../git/run.ts';

/** Git lists every file under data/; only data files count (not data/LICENSE or data/project.json). */
function dataList(output: string): string[] {
  return nulList(output).filter(isDataPath);
}

/** Tracked paths under data/ (relative to root) whose working-tree content differs from `commit` (staged or not, deleted included); `commit` may be any revision. */
export async function trackedChangesSince(root: string, commit: string): Promise<string[]> {
  return dataList(await git(root, ['diff', '--name-only', '--no-renames', '--relative', '-z', '--end-of-options', commit, '--', 'data'], { yieldToCaller: true })).sort();
}

/** Untracked files under data/ (ignored ones left out). */
export async function untrackedFiles(root: string): Promise<string[]> {
  return dataList(await git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', 'data'])).sort();
}

/** Paths under data/ whose working-tree content differs from `commit`, untracked files included. */
export async function changedSince(root: string, commit: string): Promise<string[]> {
  const [tracked, untracked] = await Promise.all([trackedChangesSince(root, commit), untrackedFiles(root)]);
  return [...new Set([...tracked, ...untracked])].sort();
}

/**
 * What git holds for the files under data/: the blob id of each path in the index, and the paths
 * whose index entry differs from `commit` (staged changes). Reads no working-tree file.
 */
export async function indexState(root: string, commit: string): Promise<{ blobs: Map<string, string>; staged: string[] }> {
  const [listed, staged] = await Promise.all([
    git(root, ['ls-files', '--stage', '-z', '--', 'data']),
    git(root, ['diff', '--cached', '--name-only', '--no-renames', '--relative', '-z', commit, '--', 'data']),
  ]);
  const blobs = new Map<string, string>();
  for (const entry of nulList(listed)) {
    // "<mode> <blob> <stage>\t<path>"; a conflicted path (stage > 0) has no single blob.
    const tab = entry.indexOf('\t');
    const [, blob, stage] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (isDataPath(path)) blobs.set(path, stage === '0' ? blob : 'conflict');
  }
  return { blobs, staged: dataList(staged) };
}

/** Paths under data/ that differ between two commits. */
export async function changedBetween(root: string, from: string, to: string): Promise<string[]> {
  if (from === to) return [];
  return dataList(await git(root, ['diff', '--name-only', '--no-renames', '--relative', '-z', from, to, '--', 'data'])).sort();
}
