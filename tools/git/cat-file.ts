// Reading many blobs with one `git cat-file --batch`: by object id, or by path at a commit.
import { spawn } from 'node:child_process';
import { failure, gitEnv, GitError } from './run.ts';

/**
 * The bytes of each named object (a blob id, or `<commit>:<path>`), in order; undefined where git
 * has no such object, or it is not a blob. One git process for all of them.
 */
export function readBlobs(root: string, names: readonly string[]): Promise<(Buffer | undefined)[]> {
  // Batch input is one name a line, so a name with a newline cannot be asked for: git has no such object for us.
  const asked = names.filter((name) => !name.includes('\n'));
  const out: (Buffer | undefined)[] = names.map(() => undefined);
  if (asked.length === 0) return Promise.resolve(out);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'], env: gitEnv() });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // git that exits early (not a repository) closes its stdin; the exit code tells why.
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => reject(failure('git cat-file', stderr, e)));
    child.on('close', (code) => {
      if (code !== 0) return reject(failure('git cat-file', stderr, new Error(`exit code ${code}`)));
      const all = Buffer.concat(chunks);
      const found = new Map<string, Buffer | undefined>();
      let at = 0;
      for (const name of asked) {
        const eol = all.indexOf(0x0a, at);
        if (eol < 0) return reject(new GitError('git cat-file: truncated output', stderr));
        const header = all.toString('utf8', at, eol);
        at = eol + 1;
        // "<id> <type> <size>" then the content and a newline; otherwise "<name> missing" (or "ambiguous").
        const m = /^[0-9a-f]+ ([a-z]+) (\d+)$/.exec(header);
        if (!m) {
          found.set(name, undefined);
          continue;
        }
        const size = Number(m[2]);
        if (at + size > all.length) return reject(new GitError('git cat-file: truncated output', stderr));
        found.set(name, m[1] === 'blob' ? all.subarray(at, at + size) : undefined);
        at += size + 1;
      }
      names.forEach((name, i) => (out[i] = found.get(name)));
      resolve(out);
    });
    child.stdin.end(asked.map((name) => `${name}\n`).join(''));
  });
}

/** The bytes of each path (relative to root) at a commit; undefined where the commit has no such file. */
export async function contentsAt(root: string, commit: string, paths: readonly string[]): Promise<Map<string, Buffer | undefined>> {
  // "./" makes the path relative to root, as listings made with --relative are.
  const blobs = await readBlobs(root, paths.map((p) => `${commit}:./${p}`));
  return new Map(paths.map((p, i) => [p, blobs[i]]));
}
