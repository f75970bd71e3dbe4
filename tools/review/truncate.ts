// Cutting a large change's report to what its schema allows: every long list keeps its first items
// (to its cap, then by halves until the written report fits its size limit) and its total is kept.
import { LIST_CAPS, MAX_REPORT_BYTES, type LeaderboardChange, type ReviewReport, type TruncatedList } from './report-schema.ts';

/** The report as computed, before any list is cut: the same shape, lists of any length. */
export type FullReport = ReviewReport;

const LISTS: readonly TruncatedList[] = ['findings', 'fixes', 'leaderboards', 'entities', 'pages', 'suspicious'];
/** Room kept for the `truncated` object and rounding. */
const SLACK_BYTES = 4096;

/** The bytes an item takes in the report as the CLI writes it (two-space indented, items at depth 2). */
function writtenBytes(item: unknown): number {
  const text = JSON.stringify(item, null, 2);
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return Buffer.byteLength(text) + 4 * lines + 2;
}

/** A board's changes cut to their cap, with their total. */
function boundedBoard(board: LeaderboardChange): LeaderboardChange {
  if (board.changes.length <= LIST_CAPS.changes) return board;
  return { ...board, changes: board.changes.slice(0, LIST_CAPS.changes), totalChanges: board.changes.length };
}

/** The report with every list within its cap and the whole within `maxBytes` as written; the same object when nothing is cut. */
export function boundedReport(full: FullReport, maxBytes = MAX_REPORT_BYTES): ReviewReport {
  const kept = new Map<TruncatedList, unknown[]>(LISTS.map((key) => [key, full[key].slice(0, LIST_CAPS[key])]));
  kept.set('leaderboards', (kept.get('leaderboards') as LeaderboardChange[]).map(boundedBoard));
  // Each list's running size, so halving a list costs nothing to measure.
  const sums = new Map(LISTS.map((key) => [key, kept.get(key)!.reduce<number[]>((acc, item) => (acc.push((acc.at(-1) ?? 0) + writtenBytes(item)), acc), [])]));
  const sizeOf = (key: TruncatedList) => sums.get(key)![kept.get(key)!.length - 1] ?? 0;
  const build = (): ReviewReport => {
    const truncated: Partial<Record<TruncatedList, number>> = {};
    for (const key of LISTS) if (kept.get(key)!.length < full[key].length) truncated[key] = full[key].length;
    const cut = Object.keys(truncated).length > 0;
    if (!cut && kept.get('leaderboards')!.every((b, i) => b === full.leaderboards[i])) return full;
    return { ...full, ...(Object.fromEntries(kept) as Pick<ReviewReport, TruncatedList>), ...(cut ? { truncated } : {}) };
  };
  const overhead = writtenBytes({ ...full, ...Object.fromEntries(LISTS.map((key) => [key, []])) }) + SLACK_BYTES;
  for (;;) {
    let total = overhead;
    for (const key of LISTS) total += sizeOf(key);
    if (total <= maxBytes) break;
    // The list taking the most room loses half its items.
    const largest = LISTS.reduce((a, b) => (sizeOf(b) > sizeOf(a) ? b : a));
    const list = kept.get(largest)!;
    if (list.length === 0) break;
    kept.set(largest, list.slice(0, Math.floor(list.length / 2)));
  }
  return build();
}
