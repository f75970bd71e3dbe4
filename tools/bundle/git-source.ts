// Where the data came from, asked of git in --root: the commit, its date (the data version, never
// the clock), and whether data/ differs from it. Not a git repository: every fact is null.
import { git, GitError } from '../git/run.ts';
import type { BundleSource } from './contents.ts';

const NOT_GIT: BundleSource = { commit: null, committedAt: null, dirty: null };

/** A git failure that means "no commit to name" rather than a broken setup. */
function meansNoCommit(error: GitError): boolean {
  return (
    error.notInstalled ||
    /not a git repository/i.test(error.stderr) ||
    /unknown revision|ambiguous argument 'HEAD'|needed a single revision/i.test(error.stderr)
  );
}

/** Unix seconds -> YYYY-MM-DDTHH:MM:SSZ (UTC); the commit's own date, so builds are reproducible. */
export function utcSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function readGitSource(root: string): Promise<BundleSource> {
  // A caller inside a git hook may export GIT_DIR and friends; they must not redirect us to another repository.
  const options = { ignoreGitEnv: true };
  let head: string;
  try {
    head = await git(root, ['log', '-1', '--format=%H %ct', 'HEAD'], options);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    if (meansNoCommit(error)) return NOT_GIT;
    throw new Error(`git could not read HEAD in ${root}: ${error.stderr.trim()}`);
  }
  const [commit, seconds] = head.trim().split(' ');
  let status: string;
  try {
    status = await git(root, ['status', '--porcelain', '-z', '--untracked-files=all', '--', 'data'], options);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new Error(`git status failed in ${root}: ${error.stderr.trim()}`);
  }
  return { commit, committedAt: utcSeconds(Number(seconds)), dirty: status.length > 0 };
}
