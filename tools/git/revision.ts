// Turning a revision a person typed into the commit it names, without letting it pass for an option.
import { git, GitError } from './run.ts';

/**
 * The full commit id a revision names. Throws a GitError when it names no commit (or root is not
 * in a git work tree); `hint` (e.g. how to fetch it) is added to that message.
 */
export async function resolveCommit(root: string, rev: string, hint?: string): Promise<string> {
  // A revision from a pull request or the command line must never be read by git as an option.
  if (rev.startsWith('-')) throw new GitError(`"${rev}" is not a revision`);
  try {
    return (await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
  } catch (error) {
    const why = `"${rev}" does not name a commit in the git repository at ${root}${hint ? ` (${hint})` : ''}`;
    throw new GitError(why, error instanceof GitError ? error.stderr : '', error instanceof GitError && error.notInstalled);
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

/** The last commit that changed anything under `path`, or undefined (no such commit, or not a git work tree). */
export async function lastCommitTouching(root: string, path: string): Promise<string | undefined> {
  try {
    return (await git(root, ['log', '-1', '--format=%H', '--end-of-options', 'HEAD', '--', path])).trim() || undefined;
  } catch {
    return undefined;
  }
}
