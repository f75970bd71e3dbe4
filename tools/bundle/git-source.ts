// Where the data came from, asked of git in --root: the commit, its date (the data version, never
// the clock), and whether data/ differs from it. Not a git repository: every fact is null.
import { execFile } from 'node:child_process';
import type { BundleSource } from './contents.ts';

const NOT_GIT: BundleSource = { commit: null, committedAt: null, dirty: null };

interface GitRun {
  ok: boolean;
  stdout: string;
  stderr: string;
  missing: boolean;
}

function git(root: string, args: string[]): Promise<GitRun> {
  // A caller inside a git hook may export GIT_DIR and friends; they must not redirect us to another repository.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  return new Promise((resolve) => {
    execFile('git', args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr), missing: code === 'ENOENT' });
    });
  });
}

/** A git failure that means "no commit to name" rather than a broken setup. */
function meansNoCommit(run: GitRun): boolean {
  return (
    run.missing ||
    /not a git repository/i.test(run.stderr) ||
    /unknown revision|ambiguous argument 'HEAD'|needed a single revision/i.test(run.stderr)
  );
}

/** Unix seconds -> YYYY-MM-DDTHH:MM:SSZ (UTC); the commit's own date, so builds are reproducible. */
export function utcSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function readGitSource(root: string): Promise<BundleSource> {
  const head = await git(root, ['log', '-1', '--format=%H %ct', 'HEAD']);
  if (!head.ok) {
    if (meansNoCommit(head)) return NOT_GIT;
    throw new Error(`git could not read HEAD in ${root}: ${head.stderr.trim()}`);
  }
  const [commit, seconds] = head.stdout.trim().split(' ');
  const status = await git(root, ['status', '--porcelain', '-z', '--untracked-files=all', '--', 'data']);
  if (!status.ok) throw new Error(`git status failed in ${root}: ${status.stderr.trim()}`);
  return { commit, committedAt: utcSeconds(Number(seconds)), dirty: status.stdout.length > 0 };
}
