// The review as Markdown: the sticky PR comment (capped at GitHub's limit) and the full job summary.
import { formatMargin, shownBest, shownMetric } from './compare.ts';
import { directionText } from '../model/leaderboard.ts';
import { count as plural, noun } from '../model/count.ts';
import { clip, code, isWebUrl, markdownDestination, plain } from '../markdown/escape.ts';
import { orderedSettings, otherSettingsNote, settingValueText } from './settings.ts';
import type { LeaderboardChange, ReportFinding, ResultChange, ReviewReport, Standing, TruncatedList } from './report-schema.ts';

export const STICKY_MARKER = '<!-- pwc-review:sticky -->';
/** GitHub refuses comment bodies longer than this. */
export const MAX_COMMENT_CHARS = 65_536;
const MAX_ROWS_PER_BOARD = 25;
/** Rows each list shows at most (the comment must fit; the report holds more, its totals all). */
const MAX_ROWS = { findings: 200, findingsOnBase: 50, leaderboards: 50, suspicious: 100, entities: 300, pages: 300, detailedRows: 60 } as const;
/** The longest `source` or `notes` the comment shows (the report holds up to 2,000 characters). */
const MAX_ROW_TEXT = 300;

const count = (n: number) => n.toLocaleString('en-US');
/** How many items a list has in all: the report's total when it was cut, else its length. */
const totalOf = (report: ReviewReport, list: TruncatedList) => report.truncated?.[list] ?? report[list].length;

/** "…and N more …" under a list showing `shown` of `total` items; nothing when it shows them all. */
function moreLine(shown: number, total: number, one: string, many: string): string[] {
  return total > shown ? ['', `…and ${count(total - shown)} more ${noun(total - shown, one, many)} (${count(total)} in all).`] : [];
}

export interface CommentContext {
  /** The rules page, e.g. https://github.com/o/r/blob/HEAD/docs/rules.md; a finding links to #<rule>. */
  rulesDoc: string;
  /** Rules the catalogue knows; only those get a link. */
  knownRules: ReadonlySet<string>;
  /** Where the full report is shown (the validate run's job summary), for the truncation notice. */
  summaryUrl?: string;
}

export function ruleLink(rule: string, ctx: CommentContext): string {
  return ctx.knownRules.has(rule) ? `[${code(rule)}](${ctx.rulesDoc}#${rule})` : code(rule);
}

const short = (sha: string) => sha.slice(0, 7);

const fromPullRequest = (f: ReportFinding) => f.origin === 'pull-request';
const onBase = (f: ReportFinding) => f.origin === 'base';

/**
 * The base as a reader knows it: the branch name given (`main`), or "the base branch" for a commit
 * id. As Markdown, or as HTML for a <summary> (GitHub shows Markdown there as typed); the name's
 * characters are limited to those that mean nothing in either.
 */
export function baseName(report: ReviewReport, as: 'markdown' | 'html' = 'markdown'): string {
  const ref = report.base.ref.replace(/^(refs\/heads\/|refs\/remotes\/)?(origin\/)?/, '');
  if (!/^[A-Za-z][\w./-]{0,99}$/.test(ref) || /^[0-9a-f]{7,64}$/.test(ref) || ref === 'HEAD') return 'the base branch';
  return as === 'html' ? `<code>${ref}</code>` : code(ref);
}

/** The findings counts that decide the status: the pull request's own, not those already on the base. */
function findingCounts(report: ReviewReport): { errors: number; warnings: number; onBase: number } {
  // Where a large change's report cut the findings, the summary counts them all.
  if (report.truncated?.findings !== undefined) return { errors: report.summary.errors, warnings: report.summary.warnings, onBase: report.summary.alreadyOnBase };
  const own = report.findings.filter(fromPullRequest);
  const errors = own.filter((f) => f.severity === 'error').length;
  return { errors, warnings: own.length - errors, onBase: report.findings.length - own.length };
}

function statusLine(report: ReviewReport): string {
  const { errors, warnings, onBase } = findingCounts(report);
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const base = onBase > 0 ? ` ${plural(onBase, 'finding')} already on ${baseName(report)} ${onBase === 1 ? 'is' : 'are'} listed apart and ${onBase === 1 ? 'does' : 'do'} not count.` : '';
  if (errors > 0) return `❌ **${counts}** from this pull request: the data needs fixes before it can be merged.${base}`;
  if (warnings > 0) return `⚠️ **${counts}** from this pull request: worth a look; nothing blocks the merge.${base}`;
  return `✅ **No problems found in this pull request.**${base}`;
}

function value(change: ResultChange, side: 'old' | 'new', metric: string, unit: string): string {
  const v = shownMetric(change[side], metric);
  return v === undefined ? '–' : `${v}${unit}`;
}

/** Every metric of a row, the primary first: "A 84.4%, B 97%"; for a changed row "A 84.3% → 84.4%" where it changed. */
function metricList(change: ResultChange, board: LeaderboardChange): string {
  const names = [...new Set([board.metric.name, ...Object.keys(change.new?.metrics ?? {}), ...Object.keys(change.old?.metrics ?? {})])];
  const shown = names.filter((n) => change.new?.metrics[n] !== undefined || change.old?.metrics[n] !== undefined);
  return shown
    .map((n) => {
      const unit = (n === board.metric.name ? board.metric.unit : board.units?.[n]) ?? '';
      const now = value(change, 'new', n, unit);
      const moved = change.change === 'changed' && !Object.is(change.old?.metrics[n], change.new?.metrics[n]);
      return moved ? `**${plain(n, 100)} ${plain(`${value(change, 'old', n, unit)} → ${now}`, 100)}**` : `${plain(n, 100)} ${plain(now, 100)}`;
    })
    .join(', ');
}

/** A row's source as one Markdown line: text as written; a mapping as "paper: Table 2, <link>", the url linked only when it is http(s). */
function sourceLine(source: NonNullable<Standing['source']>): string {
  if (typeof source === 'string') return plain(source, MAX_ROW_TEXT);
  const url = source.url === undefined ? undefined : isWebUrl(source.url) ? `[${plain(source.url, MAX_ROW_TEXT)}](${markdownDestination(source.url)})` : plain(source.url, MAX_ROW_TEXT);
  const where = [source.ref === undefined ? undefined : plain(source.ref, MAX_ROW_TEXT), url].filter((p) => p !== undefined);
  return `${source.kind}${where.length > 0 ? `: ${where.join(', ')}` : ''}`;
}

/** A row's settings in declared order (a text value may hold commas): "resolution = 600 px; test\_time\_augmentation = false". */
function settingsLine(settings: Standing['settings'], board: LeaderboardChange): string | undefined {
  const shown = orderedSettings(settings, board.settings).map(([name, value, unit]) => `${plain(name, 100)} = ${plain(settingValueText(value, unit), 100)}`);
  return shown.length > 0 ? shown.join('; ') : undefined;
}

/** A changed row's earlier source, notes or settings, when the change replaced them: " (was: …)". */
function was(change: ResultChange, field: 'source' | 'notes' | 'settings', board: LeaderboardChange): string {
  const shown = (s: Standing | null) => {
    const v = s?.[field];
    return v === undefined ? undefined : field === 'settings' ? settingsLine(s!.settings, board) : field === 'source' ? sourceLine(s!.source!) : plain(s!.notes!, MAX_ROW_TEXT);
  };
  if (change.change !== 'changed') return '';
  const old = shown(change.old);
  return old === shown(change.new) ? '' : ` (was: ${old ?? 'none'})`;
}

/** Each added or changed row in full, for checking against the paper: every metric, its settings, source and notes. */
function rowDetails(changes: readonly ResultChange[], board: LeaderboardChange): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    const { source, notes } = c.new ?? {};
    const settings = settingsLine(c.new?.settings, board);
    lines.push(`- ${code(c.model)} (${c.change}, ${code(c.paper)}): ${metricList(c, board)}`);
    if (settings !== undefined || was(c, 'settings', board)) lines.push(`  - Settings: ${settings ?? 'none'}${was(c, 'settings', board)}`);
    lines.push(source === undefined ? `  - ⚠️ **No source given**: ask the contributor for the table.${was(c, 'source', board)}` : `  - Source: ${sourceLine(source)}${was(c, 'source', board)}`);
    if (notes !== undefined || was(c, 'notes', board)) lines.push(`  - Notes: ${notes === undefined ? 'none' : plain(notes, MAX_ROW_TEXT)}${was(c, 'notes', board)}`);
  }
  return lines;
}

function sotaNote(change: ResultChange, board: LeaderboardChange, unit: string): string {
  if (!change.newSota || !change.margin || !board.previousBest) return '';
  return `**new SOTA**, ${formatMargin(change.margin, board.metric.unit)} over ${shownBest(board.previousBest)}${unit}`;
}

function rankCell(change: ResultChange, board: LeaderboardChange, unit: string): string {
  const rank = (s: ResultChange['old']) => (s?.rank ? String(s.rank) : 'unranked');
  const note = sotaNote(change, board, unit);
  const base = change.change === 'added' ? rank(change.new) : change.change === 'removed' ? `was ${rank(change.old)}` : rank(change.old) === rank(change.new) ? rank(change.new) : `${rank(change.old)} → ${rank(change.new)}`;
  return note ? `${base}: ${note}` : base;
}

function headlines(report: ReviewReport): string[] {
  const out: string[] = [];
  for (const board of report.leaderboards) {
    const unit = board.metric.unit ?? '';
    for (const c of board.changes.filter((x) => x.newSota)) {
      // Measured otherwise than the best it beats: said here too, as it qualifies the claim (also under "Worth a human look").
      const other = otherSettingsNote(board.settings ?? [], c.new?.settings, board.previousBest!.settings);
      out.push(
        `🏆 **New state of the art** on ${code(board.id)}: ${code(c.model)} reaches ${value(c, 'new', board.metric.name, unit)} ${plain(board.metric.name, 100)}, **rank ${c.new?.rank}**, ${sotaNote(c, board, unit).replace('**new SOTA**, ', '')} (${code(board.previousBest!.model)}).` +
          (other ? ` ⚠️ At other settings: ${plain(other, 600)}.` : ''),
      );
    }
  }
  return out;
}

/** Said first and plainly: the pull request changes what judges it, so the check alone is not enough. */
function toolsNotice(report: ReviewReport): string[] {
  const tools = report.toolChanges;
  if (!tools) return [];
  const shown = tools.paths.slice(0, 5).map((p) => code(p, 200)).join(', ');
  const more = tools.count > 5 ? ` and ${tools.count - 5} more` : '';
  return [
    `🛠️ **This pull request changes the tools, not only the data** (${plural(tools.count, 'file')}: ${shown}${more}). ` +
      "Its data was checked with the base branch's tools, not its own, and it needs a maintainer's review before it is merged.",
    '',
  ];
}

/** For a change too large for the report: which lists it cuts, and that the counts are whole. */
function largeChangeNotice(report: ReviewReport): string[] {
  const cut = (Object.entries(report.truncated ?? {}) as [TruncatedList, number][]).map(([list, total]) => `${count(report[list].length)} of ${count(total)} ${list}`);
  if (cut.length === 0) return [];
  return [`📦 **A large change**: the report lists ${cut.join(', ')}; the counts above are of everything.`, ''];
}

/** A table of findings, at most `max` rows, with "…and N more" against `total`. */
function findingsTable(findings: readonly ReportFinding[], total: number, max: number, ctx: CommentContext): string[] {
  const lines = ['| | Where | Rule | Problem | How to fix |', '| --- | --- | --- | --- | --- |'];
  const shown = findings.slice(0, max);
  for (const f of shown) {
    lines.push(`| ${f.severity === 'error' ? '❌' : '⚠️'} | ${code(`${f.file}:${f.line}:${f.column}`, 300)} | ${ruleLink(f.rule, ctx)} | ${plain(f.message)} | ${plain(f.tip)} |`);
  }
  return [...lines, ...moreLine(shown.length, total, 'finding', 'findings')];
}

/** The pull request's findings; then, folded, those already on the base, which do not count against it. */
function findingsSection(report: ReviewReport, ctx: CommentContext): string[] {
  const counts = findingCounts(report);
  const own = report.findings.filter(fromPullRequest);
  const old = report.findings.filter(onBase);
  const lines: string[] = [];
  if (own.length > 0) lines.push('### Findings from this pull request', '', ...findingsTable(own, Math.max(own.length, counts.errors + counts.warnings), MAX_ROWS.findings, ctx), '');
  if (old.length > 0) {
    lines.push(
      `<details><summary>Already on ${baseName(report, 'html')}: ${plural(counts.onBase, 'finding')}, not from this pull request</summary>`,
      '',
      '_In files this pull request does not change, and there before it: they do not count against it._',
      '',
      ...findingsTable(old, Math.max(old.length, counts.onBase), MAX_ROWS.findingsOnBase, ctx),
      '',
      '</details>',
      '',
    );
  }
  return lines;
}

function leaderboardSection(report: ReviewReport): string[] {
  if (report.leaderboards.length === 0) return [];
  const lines = ['### Leaderboards', ''];
  const boards = report.leaderboards.slice(0, MAX_ROWS.leaderboards);
  // The rows spelled out in full, across boards: each takes a few lines of the comment's budget.
  let detailed = 0;
  let notDetailed = 0;
  for (const board of boards) {
    const unit = board.metric.unit ?? '';
    const bench = board.benchmark ? ` (benchmark ${board.benchmark})` : '';
    const ranking = board.metric.direction
      ? `Ranked by ${plain(board.metric.name, 100)} (${directionText(board.metric.direction)}).`
      : `Not ranked: ${plain(board.metric.name, 100)} has no known direction, so no row gets a rank or is a new state of the art.`;
    lines.push(`#### ${code(board.task)} on ${code(board.dataset)}${bench}`, '', ranking, '');
    if (board.changes.length > 0) {
      lines.push(`| Change | Model | Paper | ${plain(board.metric.name, 100)} | Rank |`, '| --- | --- | --- | --- | --- |');
      for (const c of board.changes.slice(0, MAX_ROWS_PER_BOARD)) {
        const shown = c.change === 'changed' ? `${value(c, 'old', board.metric.name, unit)} → ${value(c, 'new', board.metric.name, unit)}` : value(c, c.change === 'removed' ? 'old' : 'new', board.metric.name, unit);
        lines.push(`| ${c.change} | ${code(c.model)} | ${code(c.paper)} | ${plain(shown, 100)} | ${rankCell(c, board, unit)} |`);
      }
      const changes = board.totalChanges ?? board.changes.length;
      if (changes > MAX_ROWS_PER_BOARD) lines.push('', `…and ${plural(changes - MAX_ROWS_PER_BOARD, 'more change', 'more changes')} on this leaderboard.`);
      lines.push('');
      const toDetail = board.changes.slice(0, MAX_ROWS_PER_BOARD).filter((c) => c.change !== 'removed');
      const room = Math.max(0, MAX_ROWS.detailedRows - detailed);
      const details = rowDetails(toDetail.slice(0, room), board);
      detailed += Math.min(room, toDetail.length);
      notDetailed += Math.max(0, toDetail.length - room);
      if (details.length > 0) lines.push('Each added or changed row, to check against the paper:', '', ...details, '');
    }
  }
  if (notDetailed > 0) lines.push(`…${plural(notDetailed, 'more added or changed row is', 'more added or changed rows are')} not spelled out here; the review report the validation run uploads has every row's metrics, source and notes.`, '');
  // The boards end with a blank line already.
  const rest = moreLine(boards.length, totalOf(report, 'leaderboards'), 'leaderboard changed', 'leaderboards changed').slice(1);
  return rest.length > 0 ? [...lines, ...rest, ''] : lines;
}

function suspiciousSection(report: ReviewReport): string[] {
  if (report.suspicious.length === 0) return [];
  const lines = ['### Worth a human look', ''];
  const shown = report.suspicious.slice(0, MAX_ROWS.suspicious);
  for (const s of shown) {
    const where = s.model ? `${code(s.model)} in ${code(s.file || s.leaderboard, 300)}` : code(s.leaderboard);
    lines.push(`- **${s.kind}**: ${where}: ${plain(s.message, 600)}`);
  }
  return [...lines, ...moreLine(shown.length, totalOf(report, 'suspicious'), 'change worth a look', 'changes worth a look'), ''];
}

function changesSection(report: ReviewReport): string[] {
  const lines: string[] = [];
  if (report.entities.length > 0) {
    const shown = report.entities.slice(0, MAX_ROWS.entities);
    lines.push(`<details><summary>Entities changed (${count(totalOf(report, 'entities'))})</summary>`, '');
    for (const e of shown) lines.push(`- ${e.change} ${e.kind} ${code(e.id, 300)}`);
    lines.push(...moreLine(shown.length, totalOf(report, 'entities'), 'entity', 'entities'), '', '</details>', '');
  }
  if (report.pages.length > 0) {
    const shown = report.pages.slice(0, MAX_ROWS.pages);
    lines.push(`<details><summary>Generated pages affected (${count(totalOf(report, 'pages'))})</summary>`, '');
    for (const p of shown) lines.push(`- ${code(p, 300)}`);
    lines.push(...moreLine(shown.length, totalOf(report, 'pages'), 'page', 'pages'), '', '_Pages are regenerated on merge; contributors only edit `data/`._', '', '</details>', '');
  }
  return lines;
}

/** The whole review as Markdown lines, without the marker. */
export function renderReview(report: ReviewReport, ctx: CommentContext): string[] {
  return [
    `## pwc review`,
    '',
    statusLine(report),
    '',
    ...toolsNotice(report),
    ...largeChangeNotice(report),
    `Commit ${code(short(report.head.sha))} compared with ${code(short(report.base.sha))}; ${plural(report.summary.filesChecked, 'file')} checked.`,
    '',
    ...headlines(report).flatMap((h) => [h, '']),
    ...findingsSection(report, ctx),
    ...leaderboardSection(report),
    ...suspiciousSection(report),
    ...changesSection(report),
  ];
}

/** The sticky comment: marker first, then the review, cut at a line to fit GitHub's limit. */
export function renderSticky(report: ReviewReport, ctx: CommentContext): string {
  return fitComment(STICKY_MARKER, renderReview(report, ctx), ctx.summaryUrl);
}

/** Joins lines under `marker`, dropping whole lines from the end (and closing an open <details>) to fit. */
export function fitComment(marker: string, lines: readonly string[], summaryUrl?: string, limit = MAX_COMMENT_CHARS): string {
  const full = [marker, ...lines].join('\n').trimEnd() + '\n';
  if (full.length <= limit) return full;
  const where = summaryUrl && /^https:\/\/[^\s()<>]+$/.test(summaryUrl) ? `[the job summary](${summaryUrl})` : 'the job summary of the validation run';
  const notice = `\n\n---\n✂️ This review is too long for one comment; it is cut here. The full report is in ${where}.\n`;
  const kept: string[] = [marker];
  let size = marker.length;
  let open = false;
  for (const line of lines) {
    const closing = open || line.startsWith('<details>') ? '\n</details>'.length : 0;
    if (size + 1 + line.length + closing + notice.length > limit) break;
    kept.push(line);
    size += 1 + line.length;
    if (line.startsWith('<details>')) open = true;
    if (line === '</details>') open = false;
  }
  if (open) kept.push('', '</details>');
  return clip(kept.join('\n').trimEnd(), limit - notice.length) + notice;
}

/** Where the rules page is for this repository (GitHub resolves blob/HEAD to the default branch). */
export function rulesDocUrl(env: { GITHUB_SERVER_URL?: string; GITHUB_REPOSITORY?: string }): string {
  const server = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(env.GITHUB_SERVER_URL ?? '') ? env.GITHUB_SERVER_URL : 'https://github.com';
  return /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(env.GITHUB_REPOSITORY ?? '') ? `${server}/${env.GITHUB_REPOSITORY}/blob/HEAD/docs/rules.md` : 'docs/rules.md';
}
