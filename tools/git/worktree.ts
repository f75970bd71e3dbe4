// What git knows of the working tree: the commit checked out and its date, the paths that differ
// from it (staged or in the working tree), the blob id of each path in the index, and git's blob
// id of any bytes (so a file git has not stored is named the same way).
import { createHash } from 'node:crypto';
import { git, GitError, nulList, type GitOptions } from './run.ts';

/** The commit checked out and its committer date, Unix seconds. */
export interface HeadCommit {
  commit: string;
  seconds: number;
}

/** A git failure that means "no commit to name" rather than a broken setup. */
function meansNoCommit(error: GitError): boolean {
  return (
    error.notInstalled ||
    /not a git repository/i.test(error.stderr) ||
    /unknown revision|ambiguous argument 'HEAD'|needed a single revision/i.test(error.stderr)
  );
}

/** HEAD and its date; undefined outside a git work tree, before the first commit or without git. Other failures throw. */
export async function headCommitDate(root: string, options: GitOptions = {}): Promise<HeadCommit | undefined> {
  let out: string;
  try {
    out = await git(root, ['log', '-1', '--format=%H %ct', 'HEAD'], options);
  } catch (error) {
    if (error instanceof GitError && meansNoCommit(error)) return undefined;
    throw error;
  }
  const [commit, seconds] = out.trim().split(' ');
  return { commit, seconds: Number(seconds) };
}

/** A path that differs from HEAD: in the index (staged), in the working tree (unstaged, deleted or untracked), or both. */
export interface StatusEntry {
  /** Relative to root. */
  path: string;
  staged: boolean;
  /** The working-tree file differs from the index, is deleted, or is untracked. */
  worktree: boolean;
}

/**
 * `git status` of the paths under `pathspec`: every path that differs from HEAD, untracked files
 * one by one (ignored ones left out), a rename as a deletion and an addition. One pass of git over
 * the working tree, which also answers "does anything differ?".
 */
export async function worktreeStatus(root: string, pathspec: string, options: GitOptions = {}): Promise<StatusEntry[]> {
  const [listing, prefix] = await Promise.all([
    git(root, ['status', '--porcelain=v1', '-z', '--no-renames', '--untracked-files=all', '--', pathspec], options),
    git(root, ['rev-parse', '--show-prefix'], options),
  ]);
  // Porcelain paths are relative to the top of the work tree, not to root.
  const top = prefix.trim();
  return nulList(listing).map((entry) => ({
    path: entry.slice(3).startsWith(top) ? entry.slice(3 + top.length) : entry.slice(3),
    staged: entry[0] !== ' ' && entry[0] !== '?',
    worktree: entry[1] !== ' ',
  }));
}

/** The blob id of each path under `pathspec` in the index; a conflicted path (no single blob) is left out. */
export async function indexBlobIds(root: string, pathspec: string, options: GitOptions = {}): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  const conflicted = new Set<string>();
  for (const entry of nulList(await git(root, ['ls-files', '--stage', '-z', '--', pathspec], options))) {
    // "<mode> <blob> <stage>\t<path>"
    const tab = entry.indexOf('\t');
    const [, blob, stage] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (stage === '0') blobs.set(path, blob);
    else conflicted.add(path);
  }
  for (const path of conflicted) blobs.delete(path);
  return blobs;
}

/** git's id of a blob with these bytes (SHA-1 object format), as `git hash-object` gives it. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
