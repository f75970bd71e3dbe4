// Deciding what the bot should do on a pull request: a pure function of the report and what is
// already there (comments, labels, the PR's files). The executor performs only what this returns.
import { createHash } from 'node:crypto';
import { fitComment, renderSticky, ruleLink, STICKY_MARKER, type CommentContext } from './comment.ts';
import { commentableLines, type PullFile } from './diff-lines.ts';
import { fenced, plain } from '../markdown/escape.ts';
import { count } from '../model/count.ts';
import type { ReportFinding, ReportFix, ReviewReport } from './report-schema.ts';
import { mergeToolChanges } from './tool-changes.ts';

export const INLINE_MARKER_PREFIX = '<!-- pwc-review:inline ';
export const REVIEW_MARKER = '<!-- pwc-review:review -->';
/** Labels the bot owns: it adds and removes these, and never touches any other. */
export const MANAGED_LABELS = ['changes-tools', 'needs-fixes', 'new-sota', 'suspicious-change'] as const;
/** At most this many inline comments per run; the rest are in the sticky comment anyway. */
export const MAX_INLINE_COMMENTS = 50;

export interface ExistingComment {
  id: number;
  body?: string;
  user?: { login: string } | null;
}

export interface PullRequestState {
  issueComments: readonly ExistingComment[];
  reviewComments: readonly ExistingComment[];
  labels: readonly string[];
  files: readonly PullFile[];
}

export interface InlineComment {
  key: string;
  path: string;
  line: number;
  /** For a suggestion spanning several lines. */
  startLine?: number;
  body: string;
}

export interface Actions {
  sticky: { kind: 'create'; body: string } | { kind: 'update'; id: number; body: string } | { kind: 'none'; id?: number };
  /** New inline comments, posted together as one review; empty: no review. */
  review: { body: string; comments: InlineComment[] };
  addLabels: string[];
  removeLabels: string[];
}

export interface DecisionContext extends CommentContext {
  /** The login the bot's comments are written by (github-actions[bot] in Actions). */
  botLogin: string;
}

/** A finding's identity across commits: file, rule and message, not the line (lines move as a file is edited). */
export function findingKey(f: Pick<ReportFinding, 'file' | 'rule' | 'message'>): string {
  return createHash('sha256').update(`${f.file}\0${f.rule}\0${f.message}`).digest('hex').slice(0, 16);
}

function fixKey(fix: ReportFix): string {
  return createHash('sha256').update(`${fix.file}\0fix\0${fix.text}`).digest('hex').slice(0, 16);
}

export const inlineMarker = (key: string) => `${INLINE_MARKER_PREFIX}${key} -->`;

const ours = (c: ExistingComment, ctx: DecisionContext) => c.user?.login === ctx.botLogin;

/** Keys of the inline comments the bot already wrote (whatever problems they were about). */
export function postedInlineKeys(comments: readonly ExistingComment[], ctx: DecisionContext): Set<string> {
  const keys = new Set<string>();
  for (const c of comments) {
    if (!ours(c, ctx) || !c.body?.startsWith(INLINE_MARKER_PREFIX)) continue;
    const match = /^<!-- pwc-review:inline ([0-9a-f]{16}) -->/.exec(c.body);
    if (match) keys.add(match[1]);
  }
  return keys;
}

/** A suggestion that GitHub can apply: no hidden markers smuggled in, a sane size. */
function usableFix(fix: ReportFix): boolean {
  return fix.endLine >= fix.startLine && fix.endLine - fix.startLine < 50 && fix.text.length <= 5000 && !fix.text.includes('<!--');
}

function inlineFor(report: ReviewReport, state: PullRequestState, ctx: DecisionContext): InlineComment[] {
  const lines = commentableLines(state.files);
  const inDiff = (file: string, from: number, to: number) => {
    const set = lines.get(file);
    if (!set) return false;
    for (let l = from; l <= to; l++) if (!set.has(l)) return false;
    return true;
  };
  const fixes = report.fixes.filter((f) => usableFix(f) && inDiff(f.file, f.startLine, f.endLine));
  const usedFixes = new Set<ReportFix>();
  const out: InlineComment[] = [];
  for (const f of report.findings) {
    if (!inDiff(f.file, f.line, f.line)) continue;
    const fix = fixes.find((x) => x.file === f.file && x.startLine <= f.line && f.line <= x.endLine && !usedFixes.has(x));
    const key = findingKey(f);
    const parts = [inlineMarker(key), `${f.severity === 'error' ? '❌' : '⚠️'} **${plain(f.message)}** (${ruleLink(f.rule, ctx)})`, '', plain(f.tip, 1000)];
    if (fix) {
      usedFixes.add(fix);
      parts.push('', '`pwc fix` would write:', '', fenced('suggestion', fix.text));
    }
    out.push({ key, path: f.file, line: fix ? fix.endLine : f.line, ...(fix && fix.startLine < fix.endLine ? { startLine: fix.startLine } : {}), body: parts.join('\n') });
  }
  for (const fix of fixes) {
    if (usedFixes.has(fix)) continue;
    const key = fixKey(fix);
    const body = [inlineMarker(key), '🧹 `pwc fix` would format these lines differently (run `npx pwc fix`, or apply the suggestion):', '', fenced('suggestion', fix.text)].join('\n');
    out.push({ key, path: fix.file, line: fix.endLine, ...(fix.startLine < fix.endLine ? { startLine: fix.startLine } : {}), body });
  }
  // One comment per key: the same problem twice in a file is one comment.
  const seen = new Set<string>();
  return out.filter((c) => !seen.has(c.key) && seen.add(c.key));
}

export function desiredLabels(report: ReviewReport): Set<string> {
  const labels = new Set<string>();
  // Where a large change's report cut a list, its summary counts what the list leaves out.
  const cut = report.truncated ?? {};
  // Only the pull request's own errors: one already on the base is not for its contributor to fix.
  if (report.findings.some((f) => f.severity === 'error' && f.origin === 'pull-request') || (cut.findings !== undefined && report.summary.errors > 0)) labels.add('needs-fixes');
  const boardsCut = cut.leaderboards !== undefined || report.leaderboards.some((b) => b.totalChanges !== undefined);
  if (report.leaderboards.some((b) => b.changes.some((c) => c.newSota)) || (boardsCut && report.summary.newSota > 0)) labels.add('new-sota');
  if (report.suspicious.length > 0 || (cut.suspicious !== undefined && report.summary.suspicious > 0)) labels.add('suspicious-change');
  if (report.toolChanges) labels.add('changes-tools');
  return labels;
}

/** The whole decision. Pure: same inputs, same actions. */
export function computeActions(reported: ReviewReport, state: PullRequestState, ctx: DecisionContext): Actions {
  // GitHub's own list of the pull request's files counts too: a pull request that edits the
  // workflow could write a report that hides its tool changes.
  const toolChanges = mergeToolChanges(reported.toolChanges, state.files.map((f) => f.filename));
  const report: ReviewReport = toolChanges ? { ...reported, toolChanges } : reported;
  const body = renderSticky(report, ctx);
  const existing = state.issueComments.find((c) => ours(c, ctx) && c.body?.startsWith(STICKY_MARKER));
  const sticky: Actions['sticky'] = !existing ? { kind: 'create', body } : existing.body === body ? { kind: 'none', id: existing.id } : { kind: 'update', id: existing.id, body };

  const posted = postedInlineKeys(state.reviewComments, ctx);
  const comments = inlineFor(report, state, ctx)
    .filter((c) => !posted.has(c.key))
    .slice(0, MAX_INLINE_COMMENTS);
  const reviewBody = fitComment(REVIEW_MARKER, [`pwc review: ${count(comments.length, 'inline comment')} on lines this pull request changes; the summary is in the pwc review comment.`]);

  const want = desiredLabels(report);
  const have = new Set(state.labels.map((l) => l.toLowerCase()));
  return {
    sticky,
    review: { body: reviewBody, comments },
    addLabels: [...want].filter((l) => !have.has(l)).sort(),
    removeLabels: MANAGED_LABELS.filter((l) => have.has(l) && !want.has(l)),
  };
}
