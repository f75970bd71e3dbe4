// The review computed from both whole trees, as `pwc review` did before it computed from the change:
// the reference the incremental review must equal (tests only, never the shipped path).
import { changedPaths, mergeBase, readTree, withWorktree } from '../../git/commits.ts';
import { validate } from '../../checks/validate.ts';
import { buildLeaderboards } from '../../model/leaderboard.ts';
import { repositoryOfFiles } from '../../model/repository.ts';
import { changedPages } from '../../views/changed-pages.ts';
import { compareLeaderboards, suspiciousChanges } from '../compare.ts';
import { fixesOf, reportOf, resolveCommit, type ReviewOptions } from '../review.ts';
import type { FullReport } from '../truncate.ts';

/** Both commits' data read whole, a fresh checkout of head validated without a cache, every leaderboard built twice. */
export async function fullReview(options: ReviewOptions): Promise<FullReport> {
  const headRef = options.head ?? 'HEAD';
  const [baseTip, headSha] = await Promise.all([resolveCommit(options.root, options.base), resolveCommit(options.root, headRef)]);
  const baseSha = await mergeBase(options.root, baseTip, headSha);
  const changed = await changedPaths(options.root, baseSha, headSha);
  const [baseFiles, headFiles] = await Promise.all([readTree(options.root, baseSha, 'data'), readTree(options.root, headSha, 'data')]);
  const base = repositoryOfFiles(baseFiles);
  const head = repositoryOfFiles(headFiles);
  const validation = await withWorktree(options.root, headSha, (dir) => validate({ root: dir, changedSince: baseSha, cache: false, ...(options.today ? { today: options.today } : {}) }));
  const before = buildLeaderboards(base);
  const leaderboards = compareLeaderboards(base, head, before, buildLeaderboards(head));
  return reportOf({
    base: { ref: options.base, sha: baseSha },
    head: { ref: headRef, sha: headSha },
    validation,
    leaderboards,
    suspicious: suspiciousChanges(leaderboards, before),
    fixes: changed.filter((c) => c.change !== 'removed').flatMap((c) => fixesOf(c.path, headFiles.get(c.path))),
    changed,
    pages: await changedPages(options.root, baseSha, headSha, changed),
  });
}
