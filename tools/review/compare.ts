// What a change does to the leaderboards and entities: pure comparison of the base and head repositories.
import { buildLeaderboards, directionText, isBetter, type Leaderboard, type LeaderboardEntry } from '../model/leaderboard.ts';
import { clip } from '../markdown/escape.ts';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import type { Result } from '../model/repository.ts';
import { shownValue } from '../model/printed.ts';
import type { Repository } from '../model/repository.ts';
import { spreadOf } from '../checks/leaderboards.ts';
import { fractionSlip, onPercentScale } from '../checks/rules/percent-as-fraction.ts';
import { factorText, unitSlip } from '../checks/rules/unit-scale.ts';
import { describeImplausibility, judgeNewBest, sotaSteps, type SotaStep } from './plausibility.ts';
import { otherSettingsNote } from './settings.ts';
import { type EntityChange, type LeaderboardChange, type ResultChange, type Standing, type SuspiciousChange } from './report-schema.ts';

export interface ChangedPath {
  path: string;
  change: 'added' | 'changed' | 'removed';
}

type Holder = NonNullable<LeaderboardChange['best']>;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Entities named by the changed paths (ids come from paths); anything else is "other". */
export function entityChanges(changed: readonly ChangedPath[]): EntityChange[] {
  return changed
    .filter((c) => c.path.startsWith('data/'))
    .map((c): EntityChange => {
      const ref = classifyPath(c.path);
      if (isPathProblem(ref)) return { kind: 'other', id: c.path, path: c.path, change: c.change };
      return { kind: ref.kind, id: ref.kind === 'areas' ? 'areas' : ref.id, path: c.path, change: c.change };
    })
    .sort((a, b) => compareText(a.path, b.path));
}

/** Every leaderboard whose results or benchmark differ between base and head, with each result's change. */
export function compareLeaderboards(base: Repository, head: Repository, before = buildLeaderboards(base), after = buildLeaderboards(head)): LeaderboardChange[] {
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  const out: LeaderboardChange[] = [];
  for (const id of ids) {
    const change = compareBoard(before.get(id), after.get(id), base, head);
    if (change) out.push(change);
  }
  return out;
}

function compareBoard(old: Leaderboard | undefined, now: Leaderboard | undefined, base: Repository, head: Repository): LeaderboardChange | undefined {
  const board = (now ?? old)!;
  const metric = board.primary;
  const oldEntries = keyed(old?.entries ?? []);
  const newEntries = keyed(now?.entries ?? []);
  const previousBest = bestOf(old);
  const changes: ResultChange[] = [];
  for (const [key, entry] of newEntries) {
    const was = oldEntries.get(key);
    // Same values: not a change of this result, even when others moved its rank.
    if (was && sameMetrics(was.result.metrics, entry.result.metrics)) continue;
    changes.push(resultChange(was ? 'changed' : 'added', was, entry, now!, previousBest, head));
  }
  for (const [key, entry] of oldEntries) {
    if (!newEntries.has(key)) changes.push(resultChange('removed', entry, undefined, old!, previousBest, base));
  }
  const benchmark = !old ? 'added' : !now ? 'removed' : JSON.stringify(old.benchmark.metrics) !== JSON.stringify(now.benchmark.metrics) || old.primary.name !== now.primary.name ? 'changed' : undefined;
  if (changes.length === 0 && !benchmark) return undefined;
  const units = unitsOf(board);
  const settings = board.benchmark.settings?.map((d) => ({ name: d.name, ...(d.unit ? { unit: d.unit } : {}) }));
  changes.sort((a, b) => (a.new?.rank ?? Infinity) - (b.new?.rank ?? Infinity) || compareText(a.change, b.change) || compareText(a.resultSet, b.resultSet) || compareText(a.model, b.model));
  return {
    id: board.id,
    task: board.task,
    dataset: board.dataset,
    // No direction (an unranked board): no row is ranked, so none is a new best.
    metric: { name: metric.name, ...(metric.direction ? { direction: metric.direction } : {}), ...(metric.unit ? { unit: metric.unit } : {}) },
    ...(units ? { units } : {}),
    ...(settings ? { settings } : {}),
    previousBest,
    best: bestOf(now),
    ...(benchmark ? { benchmark } : {}),
    changes,
  };
}

/** Entries keyed by result file and model name; a model written twice in one file gets "#2". */
function keyed(entries: readonly LeaderboardEntry[]): Map<string, LeaderboardEntry> {
  const out = new Map<string, LeaderboardEntry>();
  const sorted = [...entries].sort((a, b) => compareText(a.resultSet, b.resultSet) || a.row - b.row);
  for (const entry of sorted) {
    let key = `${entry.resultSet}\u0000${entry.result.model}`;
    for (let n = 2; out.has(key); n++) key = `${entry.resultSet}\u0000${entry.result.model}\u0000${n}`;
    out.set(key, entry);
  }
  return out;
}

function bestOf(board: Leaderboard | undefined): Holder | null {
  const top = board?.entries[0];
  if (!board || !top || top.rank === undefined) return null;
  const printed = top.result.printed?.[board.primary.name];
  const settings = statedSettings(top.result);
  return { value: top.result.metrics[board.primary.name], ...(printed ? { printed } : {}), model: top.result.model, paper: top.paper, ...(settings ? { settings } : {}) };
}

function sameMetrics(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/** Longest `source` or `notes` a report holds (the schema's cap); longer text is cut with "…". */
const MAX_ROW_TEXT = 2000;

/** Longest text setting value a report holds (the schema's cap). */
const MAX_SETTING_TEXT = 300;

/** The most settings of a row, and the longest setting name, a report holds (the schema's caps). */
const MAX_SETTINGS = 50;
const MAX_SETTING_NAME = 200;

/** The settings a row states, within the schema's caps (an undeclared name may be anything: the validator reports it); undefined when it states none. */
function statedSettings(result: Result): Standing['settings'] {
  const stated = Object.entries(result.settings ?? {}).filter(([name]) => name.length <= MAX_SETTING_NAME).slice(0, MAX_SETTINGS);
  if (stated.length === 0) return undefined;
  return Object.fromEntries(stated.map(([name, v]) => [name, typeof v === 'string' ? clip(v, MAX_SETTING_TEXT) : v]));
}

/** The row's source as written: text, or the mapping with each part capped. */
function reportedSource(source: NonNullable<Result['source']>): NonNullable<Standing['source']> {
  if (typeof source === 'string') return clip(source, MAX_ROW_TEXT);
  const { kind, url, ref } = source;
  return { kind, ...(url !== undefined ? { url: clip(url, MAX_ROW_TEXT) } : {}), ...(ref !== undefined ? { ref: clip(ref, MAX_ROW_TEXT) } : {}) };
}

function standing(entry: LeaderboardEntry | undefined): Standing | null {
  if (!entry) return null;
  // What a reviewer checks against the paper: where the numbers are, what qualifies them and how they were measured; the values as the file writes them.
  const { source, notes, printed } = entry.result;
  const settings = statedSettings(entry.result);
  return {
    metrics: { ...entry.result.metrics },
    ...(printed ? { printed: { ...printed } } : {}),
    rank: entry.rank ?? null,
    ...(source ? { source: reportedSource(source) } : {}),
    ...(notes ? { notes: clip(notes, MAX_ROW_TEXT) } : {}),
    ...(settings ? { settings } : {}),
  };
}

/** A standing's value of a metric as its file prints it; undefined when it has none. */
export function shownMetric(s: Standing | null | undefined, metric: string): string | undefined {
  const value = s?.metrics[metric];
  return value === undefined ? undefined : shownValue(value, s!.printed?.[metric]);
}

/** A best result's value as its file prints it. */
export function shownBest(best: Holder): string {
  return shownValue(best.value, best.printed);
}

/** The units the board's metrics declare, by metric name; undefined when none does. */
function unitsOf(board: Leaderboard): Record<string, string> | undefined {
  const declared = board.benchmark.metrics.filter((m) => m.unit).map((m) => [m.name, m.unit!] as const);
  return declared.length > 0 ? Object.fromEntries(declared) : undefined;
}

function resultChange(
  change: ResultChange['change'],
  was: LeaderboardEntry | undefined,
  entry: LeaderboardEntry | undefined,
  board: Leaderboard,
  previousBest: Holder | null,
  repo: Repository,
): ResultChange {
  const subject = (entry ?? was)!;
  const value = entry?.result.metrics[board.primary.name];
  const direction = board.primary.direction;
  let margin: ResultChange['margin'] = null;
  if (previousBest && value !== undefined && Number.isFinite(value)) {
    const absolute = direction === 'higher' ? value - previousBest.value : previousBest.value - value;
    margin = { absolute: round(absolute), relative: previousBest.value === 0 ? null : round(absolute / Math.abs(previousBest.value)) };
  }
  return {
    change,
    resultSet: subject.resultSet,
    file: repo.results.get(subject.resultSet)?.path ?? '',
    paper: subject.paper,
    model: subject.result.model,
    old: standing(was),
    new: standing(entry),
    newSota: entry?.rank === 1 && previousBest !== null && value !== undefined && isBetter(value, previousBest.value, direction),
    margin,
  };
}

/** Rounds away float noise (75.3 - 75.2 = 0.0999...) so reports and comments show what people wrote. */
function round(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/** Longest list of differing settings a suspicion says (its message is capped at 1,000 characters by the schema). */
const MAX_NOTE = 700;

/** Changes worth a human look, in a fixed order. `after` gives the metrics' declared bounds (the report keeps only name, direction and unit). */
export function suspiciousChanges(boards: readonly LeaderboardChange[], before: ReadonlyMap<string, Leaderboard>, after: ReadonlyMap<string, Leaderboard>): SuspiciousChange[] {
  const out: SuspiciousChange[] = [];
  for (const board of boards) {
    const unit = board.metric.unit ?? '';
    const old = before.get(board.id);
    const was = old?.primary;
    const spec = after.get(board.id)?.primary ?? was;
    if (board.benchmark === 'changed' && was && (was.name !== board.metric.name || was.direction !== board.metric.direction)) {
      out.push({
        kind: 'metric-changed',
        leaderboard: board.id,
        file: '',
        model: '',
        message: `the ranking metric changed from "${was.name}" (${directionText(was.direction)}) to "${board.metric.name}" (${directionText(board.metric.direction)}): every rank on this leaderboard may move`,
      });
    }
    // Judged against the metric as the head declares it (its bounds) and the base's state-of-the-art
    // steps; a changed ranking metric is reported above instead.
    const judged = spec && spec.name === board.metric.name && spec.direction === board.metric.direction ? spec : undefined;
    let history: SotaStep[] | undefined;
    for (const c of board.changes) {
      const at = { leaderboard: board.id, file: c.file, model: c.model };
      const value = c.new?.metrics[board.metric.name];
      const best = board.previousBest;
      if (judged && best && c.margin && c.margin.absolute > 0 && value !== undefined) {
        history ??= old && old.primary.name === judged.name ? sotaSteps(old) : [];
        const unusual = judgeNewBest(best.value, value, judged, history);
        if (unusual) {
          out.push({
            ...at,
            kind: 'far-above-best',
            message: `${shownMetric(c.new, board.metric.name)}${unit} is ${formatMargin(c.margin, board.metric.unit)} over the previous best ${shownBest(best)}${unit}: ${describeImplausibility(unusual, best.value, judged)}`,
          });
        }
      }
      // Measured otherwise than the best it beats (600 px against 224 px): a leaderboard mixing the two needs a human's word.
      const otherSettings = c.newSota && best ? otherSettingsNote(board.settings ?? [], c.new?.settings, best.settings) : undefined;
      if (otherSettings) {
        out.push({ ...at, kind: 'other-settings', message: `${clip(otherSettings, MAX_NOTE)} (${clip(best!.model, 100)}): check that the paper states these settings, and whether the two results are comparable` });
      }
      if (c.new) out.push(...unitSlips(c, after.get(board.id), at));
      if (c.change === 'changed') {
        const names = [...new Set([...Object.keys(c.old!.metrics), ...Object.keys(c.new!.metrics)])].sort(compareText);
        const diffs = names.filter((n) => !Object.is(c.old!.metrics[n], c.new!.metrics[n])).map((n) => `${n}: ${shownMetric(c.old, n) ?? '-'} → ${shownMetric(c.new, n) ?? '-'}`);
        out.push({ ...at, kind: 'value-changed', message: `an existing result changed (${diffs.join(', ')}): is there a source for the new value?` });
      }
      if (c.change === 'removed') {
        out.push({ ...at, kind: 'result-removed', message: `a result was removed${c.old?.rank ? ` (it ranked ${c.old.rank})` : ''}: is it withdrawn or wrong?` });
      }
    }
  }
  return out;
}

/**
 * The values of an added or changed row written off their metric's unit, said for the reviewer by
 * the validator's own tests: a power of 1000 off (5300000 where the unit is M, unit-scale) or a
 * percentage written as a fraction (0.771 among 77.0, 84.8, ..., percent-as-fraction).
 */
function unitSlips(c: ResultChange, board: Leaderboard | undefined, at: Pick<SuspiciousChange, 'leaderboard' | 'file' | 'model'>): SuspiciousChange[] {
  if (!board) return [];
  // The row itself on the head board: the first entry of its file with its model and values.
  const self = board.entries.find((e) => e.resultSet === c.resultSet && e.result.model === c.model && sameMetrics(e.result.metrics, c.new!.metrics));
  const out: SuspiciousChange[] = [];
  for (const metric of board.benchmark.metrics) {
    const value = c.new!.metrics[metric.name];
    if (value === undefined) continue;
    const rows = board.entries.filter((e) => Number.isFinite(e.result.metrics[metric.name]));
    const others = rows.filter((e) => e !== self).map((e) => e.result.metrics[metric.name]);
    const percent = onPercentScale(metric, rows) ? fractionSlip(value, others) : undefined;
    if (percent !== undefined) {
      const unit = metric.unit ?? '';
      out.push({ ...at, kind: 'unit-scale', message: `"${metric.name}" is ${shownMetric(c.new, metric.name)}${unit}, a fraction where the other values on this leaderboard are percentages (${spreadOf(others.filter((v) => v > 1))}): the paper's number is probably ${percent}${unit}` });
    }
    if (metric.unit === undefined || metric.unit === '%') continue;
    const slip = unitSlip(value, others);
    if (!slip) continue;
    out.push({
      ...at,
      kind: 'unit-scale',
      message: `"${metric.name}" is ${shownMetric(c.new, metric.name)} ${metric.unit}, about ${factorText(slip.factor)} the other values on this leaderboard (${spreadOf(others.filter((v) => v > 0))}): the unit is ${metric.unit}, so the paper's number is probably ${slip.written}`,
    });
  }
  return out;
}

/**
 * A margin in one unit per number: the difference in the metric's unit ("points" for a percentage,
 * so that it is not read as a relative change), then the relative change in percent, one decimal:
 * "+3.5 points (+4.1 %)", "+0.8 M (+2.0 %)", "+0.02 (+1.5 %)".
 */
export function formatMargin(margin: NonNullable<ResultChange['margin']>, unit: string | undefined): string {
  const signed = (x: string) => (x.startsWith('-') ? x : `+${x}`);
  const what = unit === '%' ? ` ${margin.absolute === 1 ? 'point' : 'points'}` : unit ? ` ${unit}` : '';
  const relative = margin.relative === null ? '' : ` (${signed((margin.relative * 100).toFixed(1))} %)`;
  return `${signed(String(margin.absolute))}${what}${relative}`;
}
