// What git says changed under data/: since a commit (working tree included: staged, unstaged and
// untracked files, deletions, renames as a deletion and an addition), between two commits, and the
// contents of files at a commit. The only module of the checks that runs git.
import { execFile, spawn } from 'node:child_process';
import { isDataPath } from '../model/paths.ts';

export class GitError extends Error {}

function git(root: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', root, ...args], { maxBuffer: 1 << 30, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new GitError(`git ${args[0]}: ${(stderr || error.message).trim().split('\n')[0]}`));
      else resolve(stdout);
    });
  });
}

function nulList(output: string): string[] {
  return output.split('\0').filter((p) => p !== '');
}

/** Git lists every file under data/; only data files count (not data/LICENSE or data/project.json). */
function dataList(output: string): string[] {
  return nulList(output).filter(isDataPath);
}

/** The commit a revision names; throws GitError when it names none (or root is not in a git work tree). */
export async function resolveCommit(root: string, rev: string): Promise<string> {
  if (rev.startsWith('-')) throw new GitError(`"${rev}" is not a revision`);
  try {
    return (await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
  } catch {
    throw new GitError(`"${rev}" does not name a commit in the git repository at ${root}`);
  }
}

/** HEAD's commit, or undefined outside a git work tree or before the first commit. */
export async function headCommit(root: string): Promise<string | undefined> {
  try {
    return await resolveCommit(root, 'HEAD');
  } catch {
    return undefined;
  }
}

/** Tracked paths under data/ (relative to root) whose working-tree content differs from `commit` (staged or not, deleted included). */
export async function trackedChangesSince(root: string, commit: string): Promise<string[]> {
  return dataList(await git(root, ['diff', '--name-only', '--no-renames', '--relative', '-z', commit, '--', 'data'])).sort();
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

/** The bytes of each path at a commit (undefined where the commit has no such file), via one `git cat-file --batch`. */
export function contentsAt(root: string, commit: string, paths: readonly string[]): Promise<Map<string, Buffer | undefined>> {
  const out = new Map<string, Buffer | undefined>();
  if (paths.length === 0) return Promise.resolve(out);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (e) => reject(new GitError(`git cat-file: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(`git cat-file: ${stderr.trim() || `exit ${code}`}`));
      const all = Buffer.concat(chunks);
      let at = 0;
      for (const path of paths) {
        const eol = all.indexOf(0x0a, at);
        if (eol < 0) return reject(new GitError('git cat-file: truncated output'));
        const header = all.toString('utf8', at, eol);
        at = eol + 1;
        const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
        if (!m) {
          out.set(path, undefined); // "<name> missing"
          continue;
        }
        const size = Number(m[2]);
        out.set(path, m[1] === 'blob' ? all.subarray(at, at + size) : undefined);
        at += size + 1;
      }
      resolve(out);
    });
    // Paths with a newline cannot be asked for in batch mode; git then has no such file for us.
    child.stdin.end(paths.map((p) => `${commit}:./${p.includes('\n') ? '\0' : p}\n`).join(''));
  });
}
