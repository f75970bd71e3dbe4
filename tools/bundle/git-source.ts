// Where the data came from, asked of git in --root: the commit, its date (the data version, never
// the clock), and whether data/ differs from it. Not a git repository: every fact is null.
import { GitError } from '../git/run.ts';
import { headCommitDate, indexBlobIds, worktreeStatus, type StatusEntry } from '../git/worktree.ts';
import type { BundleSource } from './contents.ts';

const NOT_GIT: BundleSource = { commit: null, committedAt: null, dirty: null };

/** Unix seconds -> YYYY-MM-DDTHH:MM:SSZ (UTC); the commit's own date, so builds are reproducible. */
export function utcSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A caller inside a git hook may export GIT_DIR and friends; they must not redirect us to another repository. */
export const GIT_OPTIONS = { ignoreGitEnv: true };

export async function readGitSource(root: string): Promise<BundleSource> {
  return (await gitFacts(root, false)).source;
}

/** What git says of data/: the source, and (undefined outside git) what differs from HEAD and the index's blob ids. */
export interface GitState {
  source: BundleSource;
  status?: StatusEntry[];
  blobs?: Map<string, string>;
}

export function readGitState(root: string): Promise<GitState> {
  return gitFacts(root, true);
}

async function gitFacts(root: string, withBlobs: boolean): Promise<GitState> {
  let head;
  try {
    head = await headCommitDate(root, GIT_OPTIONS);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new Error(`git could not read HEAD in ${root}: ${error.stderr.trim()}`);
  }
  if (!head) return { source: NOT_GIT };
  let status: StatusEntry[];
  let blobs: Map<string, string> | undefined;
  try {
    [status, blobs] = await Promise.all([worktreeStatus(root, 'data', GIT_OPTIONS), withBlobs ? indexBlobIds(root, 'data', GIT_OPTIONS) : undefined]);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new Error(`git could not list data/ in ${root}: ${error.stderr.trim()}`);
  }
  return { source: { commit: head.commit, committedAt: utcSeconds(head.seconds), dirty: status.length > 0 }, status, blobs };
}
