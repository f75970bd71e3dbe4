// Reading two commits with real git: resolving refs, the paths that changed, files' bytes at a commit, worktrees.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBlobs } from '../git/cat-file.ts';
import { resolveCommit as resolveRevision } from '../git/revision.ts';
import { git, GitError, nulList } from '../git/run.ts';
import type { ChangedPath } from './compare.ts';

/** The full commit sha a ref names; a clear error, saying to fetch it, when it names none. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new GitError(`"${ref}" is not a git ref`);
  // A pull request's refs are often not fetched yet in a CI checkout.
  return resolveRevision(root, ref, `fetch it first, e.g. git fetch origin ${ref}`);
}

/** Paths that differ between two commits (renames as a removal and an addition), sorted. */
export async function changedPaths(root: string, base: string, head: string): Promise<ChangedPath[]> {
  const out = await git(root, ['diff', '--no-renames', '--name-status', '-z', base, head]);
  const parts = nulList(out);
  const changes: ChangedPath[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = parts[i][0];
    changes.push({ path: parts[i + 1], change: status === 'A' ? 'added' : status === 'D' ? 'removed' : 'changed' });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The bytes of every file under `prefix` at a commit, read in one `git cat-file --batch` pass. */
export async function readTree(root: string, commit: string, prefix: string): Promise<Map<string, Uint8Array>> {
  const listing = await git(root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', prefix]);
  const entries = nulList(listing)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [, type, sha] = line.slice(0, tab).split(' ');
      return { type, sha, path: line.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob');
  const blobs = await readBlobs(root, entries.map((e) => e.sha));
  const files = new Map<string, Uint8Array>();
  entries.forEach((e, i) => {
    const bytes = blobs[i];
    // ls-tree has just named it; only a damaged repository lacks it.
    if (!bytes) throw new GitError(`git cat-file: ${commit} lists ${e.path} as blob ${e.sha}, which the repository at ${root} does not have`);
    files.set(e.path, bytes);
  });
  return files;
}

/** Runs `work` in a detached worktree of `commit`, removed afterwards whatever happens. */
export async function withWorktree<T>(root: string, commit: string, work: (dir: string) => Promise<T>): Promise<T> {
  const parent = await mkdtemp(join(tmpdir(), 'pwc-review-'));
  const dir = join(parent, 'head');
  await git(root, ['worktree', 'add', '--detach', '--quiet', dir, commit]);
  try {
    return await work(dir);
  } finally {
    await git(root, ['worktree', 'remove', '--force', dir]).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    await git(root, ['worktree', 'prune']).catch(() => undefined);
  }
}

/** Where head branched from base (what GitHub diffs a pull request against); base itself when unrelated. */
export async function mergeBase(root: string, base: string, head: string): Promise<string> {
  try {
    return (await git(root, ['merge-base', base, head])).trim() || base;
  } catch {
    return base;
  }
}
