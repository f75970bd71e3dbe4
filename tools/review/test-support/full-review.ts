// The review computed from both whole trees, as `pwc review` did before it computed from the change:
// the reference the incremental review must equal (tests only, never the shipped path).
import type { Finding } from '../../checks/finding.ts';
import { changedPaths } from '../../git/changes.ts';
import { mergeBase, readTree, withWorktree } from '../../git/commits.ts';
import { validate } from '../../checks/validate.ts';
import { buildLeaderboards } from '../../model/leaderboard.ts';
import { repositoryOfFiles } from '../../model/repository.ts';
import { GENERATED_DIR } from '../../views/links.ts';
import { fullSiteAt } from '../../views/test-support/random-edits.ts';
import { compareLeaderboards, suspiciousChanges } from '../compare.ts';
import { fixesOf, reportOf, resolveCommit, type ReviewOptions } from '../review.ts';
import type { FullReport } from '../truncate.ts';

/**
 * Both commits' data read whole, a fresh checkout of head validated without a cache (and of base
 * in whole, for the findings already there), every leaderboard built twice, both sites rendered.
 */
export async function fullReview(options: ReviewOptions): Promise<FullReport> {
  const headRef = options.head ?? 'HEAD';
  const [baseTip, headSha] = await Promise.all([resolveCommit(options.root, options.base), resolveCommit(options.root, headRef)]);
  const baseSha = await mergeBase(options.root, baseTip, headSha);
  const changed = await changedPaths(options.root, baseSha, headSha);
  const [baseFiles, headFiles] = await Promise.all([readTree(options.root, baseSha, 'data'), readTree(options.root, headSha, 'data')]);
  const base = repositoryOfFiles(baseFiles);
  const head = repositoryOfFiles(headFiles);
  const today = options.today ? { today: options.today } : {};
  const checked = await withWorktree(options.root, headSha, (dir) => validate({ root: dir, changedSince: baseSha, cache: false, ...today }));
  // Already on the base: in a file the change leaves as it was, and found by a whole validation of the base.
  const atBase = await withWorktree(options.root, baseSha, (dir) => validate({ root: dir, cache: false, ...today }));
  const key = (f: Finding) => `${f.file}\u0000${f.rule}\u0000${f.message}`;
  const found = new Set(atBase.findings.map(key));
  const touched = new Set(changed.map((c) => c.path));
  const validation = { ...checked, preexisting: checked.findings.filter((f) => !touched.has(f.file) && found.has(key(f))) };
  const before = buildLeaderboards(base);
  const after = buildLeaderboards(head);
  const leaderboards = compareLeaderboards(base, head, before, after);
  return reportOf({
    base: { ref: options.base, sha: baseSha },
    head: { ref: headRef, sha: headSha },
    validation,
    leaderboards,
    suspicious: suspiciousChanges(leaderboards, before, after),
    fixes: changed.filter((c) => c.change !== 'removed').flatMap((c) => fixesOf(c.path, headFiles.get(c.path))),
    changed,
    pages: await differingPages(options.root, baseSha, headSha),
  });
}

/** Both whole sites rendered and compared: the generated pages whose text differs. */
async function differingPages(root: string, base: string, head: string): Promise<string[]> {
  const [before, after] = await Promise.all([fullSiteAt(root, base), fullSiteAt(root, head)]);
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((p) => before.get(p) !== after.get(p))
    .map((p) => `${GENERATED_DIR}/${p}`)
    .sort();
}
