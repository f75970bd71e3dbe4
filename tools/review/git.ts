// Reading two commits with real git: resolving refs, the paths that changed, files' bytes at a commit, worktrees.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ChangedPath } from './compare.ts';

const run = promisify(execFile);

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', root, ...args], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** The full commit sha a ref names; a clear error when it names none. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new Error(`"${ref}" is not a git ref`);
  try {
    return (await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
  } catch {
    throw new Error(`"${ref}" does not name a commit in ${root} (fetch it first, e.g. git fetch origin ${ref})`);
  }
}

/** Paths that differ between two commits (renames as a removal and an addition), sorted. */
export async function changedPaths(root: string, base: string, head: string): Promise<ChangedPath[]> {
  const out = await git(root, ['diff', '--no-renames', '--name-status', '-z', base, head]);
  const parts = out.split('\0').filter((p) => p !== '');
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
  const entries = listing
    .split('\0')
    .filter((l) => l !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [, type, sha] = line.slice(0, tab).split(' ');
      return { type, sha, path: line.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob');
  const files = new Map<string, Uint8Array>();
  if (entries.length === 0) return files;
  const blobs = await catFiles(root, entries.map((e) => e.sha));
  entries.forEach((e, i) => files.set(e.path, blobs[i]));
  return files;
}

function catFiles(root: string, shas: string[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed: ${stderr.trim()}`));
      const all = Buffer.concat(chunks);
      const out: Buffer[] = [];
      let at = 0;
      for (let i = 0; i < shas.length; i++) {
        const eol = all.indexOf(10, at);
        const header = all.subarray(at, eol).toString('utf8').split(' ');
        const size = Number(header[2]);
        out.push(all.subarray(eol + 1, eol + 1 + size));
        at = eol + 1 + size + 1;
      }
      resolve(out);
    });
    child.stdin.end(shas.map((s) => `${s}\n`).join(''));
  });
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
