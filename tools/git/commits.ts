// Reading commits: where two branched, the files
// under a folder at one (read whole), whether the work tree holds one, and a throw-away checkout of one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBlobs } from './cat-file.ts';
import { changedSince } from './changes.ts';
import { treeBlobs } from './listing.ts';
import { git, GitError } from './run.ts';

/** Where head branched from base (what GitHub diffs a pull request against); base itself when unrelated. */
export async function mergeBase(root: string, base: string, head: string): Promise<string> {
  try {
    return (await git(root, ['merge-base', base, head])).trim() || base;
  } catch {
    return base;
  }
}

/** The bytes of listed files (path -> blob id, as treeBlobs gives), read in one `git cat-file --batch` pass. */
export async function readEntries(root: string, entries: ReadonlyMap<string, string>, commit = 'the commit'): Promise<Map<string, Uint8Array>> {
  const paths = [...entries.keys()];
  const blobs = await readBlobs(root, paths.map((p) => entries.get(p)!));
  const files = new Map<string, Uint8Array>();
  paths.forEach((path, i) => {
    const bytes = blobs[i];
    // ls-tree has just named it; only a damaged repository lacks it.
    if (!bytes) throw new GitError(`git cat-file: ${commit} lists ${path} as blob ${entries.get(path)}, which the repository at ${root} does not have`);
    files.set(path, bytes);
  });
  return files;
}

/** The bytes of every file under `prefix` at a commit. */
export async function readTree(root: string, commit: string, prefix: string): Promise<Map<string, Uint8Array>> {
  return readEntries(root, await treeBlobs(root, commit, prefix), commit);
}

/**
 * Does the work tree at root hold exactly `commit`'s files under `prefix` (whatever HEAD is)? No
 * tracked file differs from the commit and no untracked (not ignored) file is there.
 */
export async function workTreeMatches(root: string, commit: string, prefix: string): Promise<boolean> {
  try {
    return (await changedSince(root, commit, prefix)).length === 0;
  } catch {
    // A bare repository or a commit git cannot diff against: no.
    return false;
  }
}

/** Runs `work` in a detached worktree of `commit`, removed afterwards whatever happens. */
export async function withWorktree<T>(root: string, commit: string, work: (dir: string) => Promise<T>): Promise<T> {
  const parent = await mkdtemp(join(tmpdir(), 'pwc-worktree-'));
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
