// Publishing a review on GitHub: find the pull request from the head commit, read its state,
// decide (actions.ts), then perform only the difference. The only module here that calls GitHub.
import type { GitHub } from '../github/octokit.ts';
import { computeActions, type Actions, type DecisionContext, type PullRequestState } from './actions.ts';
import type { ReviewReport } from './report-schema.ts';

export interface Target {
  owner: string;
  repo: string;
}

interface PullSummary {
  number: number;
  state?: string;
  head: { sha: string; repo: { full_name: string } | null };
}

const matches = (p: PullSummary, sha: string, headRepo: string) =>
  p.head.sha === sha && (p.state ?? 'open') === 'open' && p.head.repo?.full_name.toLowerCase() === headRepo.toLowerCase();

/**
 * The open pull requests whose head is exactly this commit of this repository. The commit's pulls
 * first; for a fork that index is often empty, so then the open pulls list. Never the report's word.
 */
export async function findPullRequests(github: GitHub, target: Target, headSha: string, headRepo: string): Promise<number[]> {
  const viaCommit = (await github.paginate(github.rest.repos.listPullRequestsAssociatedWithCommit, { ...target, commit_sha: headSha, per_page: 100 })) as PullSummary[];
  let found = viaCommit.filter((p) => matches(p, headSha, headRepo));
  if (found.length === 0) {
    const open = (await github.paginate(github.rest.pulls.list, { ...target, state: 'open', per_page: 100 })) as PullSummary[];
    found = open.filter((p) => matches(p, headSha, headRepo));
  }
  return [...new Set(found.map((p) => p.number))].sort((a, b) => a - b);
}

export async function readPullRequestState(github: GitHub, target: Target, number: number): Promise<PullRequestState> {
  const args = { ...target, per_page: 100 };
  const [issueComments, reviewComments, labels, files] = await Promise.all([
    github.paginate(github.rest.issues.listComments, { ...args, issue_number: number }),
    github.paginate(github.rest.pulls.listReviewComments, { ...args, pull_number: number }),
    github.paginate(github.rest.issues.listLabelsOnIssue, { ...args, issue_number: number }),
    github.paginate(github.rest.pulls.listFiles, { ...args, pull_number: number }),
  ]);
  return {
    issueComments: issueComments.map((c) => ({ id: c.id, body: c.body, user: c.user })),
    reviewComments: reviewComments.map((c) => ({ id: c.id, body: c.body, user: c.user })),
    labels: labels.map((l) => l.name),
    files: files.map((f) => ({ filename: f.filename, status: f.status, patch: f.patch })),
  };
}

export interface Executed {
  sticky: 'created' | 'updated' | 'unchanged';
  inlineComments: number;
  labelsAdded: string[];
  labelsRemoved: string[];
  warnings: string[];
}

/** Performs the actions; a failure on inline comments or labels is a warning, the sticky comment is not. */
export async function executeActions(github: GitHub, target: Target, number: number, headSha: string, actions: Actions): Promise<Executed> {
  const done: Executed = { sticky: 'unchanged', inlineComments: 0, labelsAdded: [], labelsRemoved: [], warnings: [] };
  if (actions.sticky.kind === 'create') {
    await github.rest.issues.createComment({ ...target, issue_number: number, body: actions.sticky.body });
    done.sticky = 'created';
  } else if (actions.sticky.kind === 'update') {
    await github.rest.issues.updateComment({ ...target, comment_id: actions.sticky.id, body: actions.sticky.body });
    done.sticky = 'updated';
  }
  if (actions.review.comments.length > 0) {
    try {
      await github.rest.pulls.createReview({
        ...target,
        pull_number: number,
        commit_id: headSha,
        event: 'COMMENT',
        body: actions.review.body,
        comments: actions.review.comments.map((c) => ({ path: c.path, line: c.line, side: 'RIGHT' as const, ...(c.startLine ? { start_line: c.startLine, start_side: 'RIGHT' as const } : {}), body: c.body })),
      });
      done.inlineComments = actions.review.comments.length;
    } catch (error) {
      // E.g. a push moved the diff meanwhile: the findings are still in the sticky comment.
      done.warnings.push(`inline comments not posted: ${(error as Error).message}`);
    }
  }
  try {
    if (actions.addLabels.length > 0) {
      await github.rest.issues.addLabels({ ...target, issue_number: number, labels: actions.addLabels });
      done.labelsAdded = actions.addLabels;
    }
    for (const name of actions.removeLabels) {
      await github.rest.issues.removeLabel({ ...target, issue_number: number, name });
      done.labelsRemoved.push(name);
    }
  } catch (error) {
    done.warnings.push(`labels not updated: ${(error as Error).message}`);
  }
  return done;
}

export interface PublishResult {
  pullRequest: number;
  executed: Executed;
}

/** Finds the PR(s) of the head commit and publishes the review on each. */
export async function publishReview(github: GitHub, target: Target, head: { sha: string; repo: string }, report: ReviewReport, ctx: DecisionContext): Promise<PublishResult[]> {
  const numbers = await findPullRequests(github, target, head.sha, head.repo);
  const results: PublishResult[] = [];
  for (const number of numbers) {
    const state = await readPullRequestState(github, target, number);
    const actions = computeActions(report, state, ctx);
    results.push({ pullRequest: number, executed: await executeActions(github, target, number, head.sha, actions) });
  }
  return results;
}
