// `pwc review`: compares two commits with real git and builds the review report (validated against
// its schema), computing from the change: the validator's cache, the leaderboards the change can
// touch, the changed files' fixes, the pages whose text differs.
import { contentsAt } from '../git/cat-file.ts';
import { changedPaths, type PathChange } from '../git/changes.ts';
import { mergeBase, withWorktree, workTreeMatches } from '../git/commits.ts';
import { resolveCommit as resolveRevision } from '../git/revision.ts';
import { GitError } from '../git/run.ts';
import { validate, type Validation } from '../checks/validate.ts';
import { fixedText } from '../format/format-source.ts';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { decodeSource } from '../model/source.ts';
import { changedPagesAside } from '../views/changed-pages.ts';
import { changedLeaderboards } from './changed-boards.ts';
import { compareLeaderboards, entityChanges, suspiciousChanges } from './compare.ts';
import { replacementHunks } from './fixes.ts';
import { parseReport } from './report.ts';
import { boundedReport, type FullReport } from './truncate.ts';
import { REPORT_SCHEMA_VERSION, type LeaderboardChange, type ReportFinding, type ReportFix, type ReviewReport, type SuspiciousChange } from './report-schema.ts';
import { toolChanges } from './tool-changes.ts';

export interface ReviewOptions {
  root: string;
  base: string;
  /** Default HEAD. */
  head?: string;
  /** Today's date (YYYY-MM-DD) for date rules; the CLI passes the clock's. */
  today?: string;
}

/** PWC_TRACE=1 prints the time of each step to stderr (for the benchmark and for profiling). */
const tracing = process.env.PWC_TRACE === '1';
const traceStart = performance.now();
function trace(step: string): void {
  if (tracing) process.stderr.write(`[review] ${((performance.now() - traceStart) / 1000).toFixed(3)} s ${step}\n`);
}

/** The full commit sha a ref names; a clear error, saying to fetch it, when it names none. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new GitError(`"${ref}" is not a git ref`);
  // A pull request's refs are often not fetched yet in a CI checkout.
  return resolveRevision(root, ref, `fetch it first, e.g. git fetch origin ${ref}`);
}

/** The report for the change from `base` to `head`. Throws only for bad refs or a broken git. */
export async function reviewChange(options: ReviewOptions): Promise<ReviewReport> {
  const { report } = await reviewInFull(options);
  return report;
}

/** The report and, before its long lists were cut to the schema's caps, the whole of it. */
export async function reviewInFull(options: ReviewOptions): Promise<{ report: ReviewReport; full: FullReport }> {
  const headRef = options.head ?? 'HEAD';
  const [baseTip, headSha] = await Promise.all([resolveCommit(options.root, options.base), resolveCommit(options.root, headRef)]);
  // Like the pull request's own diff: what head changed since it branched, not what base did since.
  const baseSha = await mergeBase(options.root, baseTip, headSha);
  const changed = await changedPaths(options.root, baseSha, headSha);
  trace(`${changed.length} paths changed`);
  // The generated pages that differ read the whole base site: on another core while the rest runs.
  const differingPages = changedPagesAside({ root: options.root, base: baseSha, head: headSha, changed });
  differingPages.catch(() => undefined); // awaited below; a step failing first must not leave it unhandled

  const validation = await validateHead(options.root, baseSha, headSha, options.today);
  trace(`validated (${validation.checked.length} files checked)`);

  const boards = await changedLeaderboards(options.root, baseSha, headSha, changed);
  const leaderboards = compareLeaderboards(boards.base, boards.head, boards.before, boards.after);
  const suspicious = suspiciousChanges(leaderboards, boards.before, boards.after);
  trace(`compared ${boards.after.size} leaderboards`);
  const fixes = await fixesFor(options.root, headSha, changed);
  trace(`${fixes.length} fixes`);
  const pages = await differingPages;
  trace(`${pages.length} pages differ`);

  const full = reportOf({ base: { ref: options.base, sha: baseSha }, head: { ref: headRef, sha: headSha }, validation, leaderboards, suspicious, fixes, changed, pages });
  const report = boundedReport(full);
  // What we publish must pass the schema we publish: a failure here is a bug in this module.
  const checked = parseReport(JSON.stringify(report));
  if (checked.error) throw new Error(`internal: the review report does not match its schema: ${checked.error}`);
  return { report, full };
}

/** What a report is made of, each part computed by its step. */
export interface ReportParts {
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  validation: Pick<Validation, 'findings' | 'checked' | 'preexisting'>;
  leaderboards: LeaderboardChange[];
  suspicious: SuspiciousChange[];
  fixes: ReportFix[];
  changed: readonly PathChange[];
  pages: string[];
}

/** The whole report from its parts, before any list is cut. */
export function reportOf(parts: ReportParts): FullReport {
  const tools = toolChanges(parts.changed.map((c) => c.path));
  const findings = findingsOf(parts.validation);
  const own = findings.filter((f) => f.origin === 'pull-request');
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    base: parts.base,
    head: parts.head,
    status: own.some((f) => f.severity === 'error') ? 'fail' : 'pass',
    summary: {
      errors: own.filter((f) => f.severity === 'error').length,
      warnings: own.filter((f) => f.severity === 'warning').length,
      alreadyOnBase: findings.length - own.length,
      filesChecked: parts.validation.checked.length,
      newSota: parts.leaderboards.reduce((n, b) => n + b.changes.filter((c) => c.newSota).length, 0),
      suspicious: parts.suspicious.length,
    },
    findings,
    fixes: parts.fixes,
    leaderboards: parts.leaderboards,
    entities: entityChanges(parts.changed),
    pages: parts.pages,
    ...(tools ? { toolChanges: tools } : {}),
    suspicious: parts.suspicious,
  };
}

/**
 * The validation's findings with their origin, the pull request's first (so a cut list keeps them):
 * "base" for those the validation found already at the base (see Validation.preexisting).
 */
function findingsOf(validation: ReportParts['validation']): ReportFinding[] {
  const old = new Set(validation.preexisting);
  const out = validation.findings.map((f): ReportFinding => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.line, column: f.column, message: f.message, tip: f.tip, origin: old.has(f) ? 'base' : 'pull-request' }));
  return [...out.filter((f) => f.origin === 'pull-request'), ...out.filter((f) => f.origin === 'base')];
}

/**
 * The incremental validation of head against base. Where root's work tree holds head's data (the
 * CI checkout), it runs there with the validator's cache; otherwise on a fresh checkout of head.
 */
async function validateHead(root: string, baseSha: string, headSha: string, today: string | undefined): Promise<Validation> {
  const options = { changedSince: baseSha, ...(today ? { today } : {}) };
  // Both ask git about the whole work tree: at once, they take about the time of one. A run on a
  // work tree that is not head is thrown away (it may have refreshed the cache, as `pwc validate` would).
  const here = validate({ root, cache: true, ...options });
  here.catch(() => undefined);
  if (await workTreeMatches(root, headSha, 'data')) return here;
  await here.catch(() => undefined);
  trace('the work tree is not head: validating a checkout of it');
  return withWorktree(root, headSha, (dir) => validate({ root: dir, cache: false, ...options }));
}

/** What `pwc fix` would change in the added and changed data files, as line replacements of head. */
async function fixesFor(root: string, headSha: string, changed: readonly PathChange[]): Promise<ReportFix[]> {
  const paths = changed.filter((c) => c.change !== 'removed').map((c) => c.path);
  const bytesAt = await contentsAt(root, headSha, paths.filter((p) => !isPathProblem(classifyPath(p))));
  return paths.flatMap((path) => fixesOf(path, bytesAt.get(path)));
}

/** What `pwc fix` would change in one data file (none for a file that is not data or not text). */
export function fixesOf(path: string, bytes: Uint8Array | undefined): ReportFix[] {
  const ref = classifyPath(path);
  if (isPathProblem(ref) || !bytes) return [];
  const text = decodeSource(bytes).text;
  if (text === undefined) return [];
  const fixed = fixedText(ref.kind, text);
  return fixed === undefined ? [] : replacementHunks(path, text.replace(/\r\n?/g, '\n'), fixed);
}
