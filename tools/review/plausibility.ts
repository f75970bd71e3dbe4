// Is a claimed new best plausible? Pure judgements of a step over the previous best: against the
// metric's bound (the share of the gap to it that the step closes) or, unbounded, relative to the
// best; and against the leaderboard's own history of state-of-the-art steps.
import { clip } from '../markdown/escape.ts';
import type { Leaderboard } from '../model/leaderboard.ts';
import type { MetricSpec } from '../model/types.ts';

/**
 * A bounded metric's new best is unusual when it closes more than this share of the gap the previous
 * best left to the metric's bound (88.3 over 84.8 on a 0..100 scale closes 3.5 of 15.2 points: 23 %).
 * On the real archive excerpts 10 of 120 real state-of-the-art steps close more (plausibility-archive.test.ts).
 */
export const HEADROOM_SHARE = 0.2;
/** An unbounded metric's new best is unusual when its margin exceeds this share of the previous best's magnitude. */
export const FAR_ABOVE_RELATIVE = 0.1;
/** A new best is unusual for its leaderboard when its step is more than this many times the largest past step... */
export const HISTORY_FACTOR = 2;
/** ...of a history of at least this many steps (fewer say little about the leaderboard)... */
export const MIN_HISTORY_STEPS = 3;
/** ...and the step is at least this share of the fixed cutoff (HEADROOM_SHARE or FAR_ABOVE_RELATIVE), so tiny steps on a still board are left alone. */
export const HISTORY_FLOOR = 0.25;

type Metric = Pick<MetricSpec, 'direction' | 'unit' | 'min' | 'max'>;

/** How large an improvement is: a share of the headroom for a metric bounded in its direction, else relative to |from|. */
export interface StepSize {
  size: number;
  measure: 'headroom' | 'relative';
}

/** One improvement of a leaderboard's best, by paper date. */
export interface SotaStep extends StepSize {
  from: number;
  to: number;
  model: string;
  date: string;
}

/** The bound an improvement moves towards: max when higher is better, min when lower is. */
function limitOf(metric: Metric): number | undefined {
  return metric.direction === 'higher' ? metric.max : metric.min;
}

/** The size of the step from `from` to `to`; undefined when it cannot be measured (no headroom left, or 0 as the base of a relative step). */
export function stepSize(from: number, to: number, metric: Metric): StepSize | undefined {
  const gain = metric.direction === 'higher' ? to - from : from - to;
  const limit = limitOf(metric);
  if (limit !== undefined) {
    const room = Math.abs(limit - from);
    return room > 0 ? { size: gain / room, measure: 'headroom' } : undefined;
  }
  return from === 0 ? undefined : { size: gain / Math.abs(from), measure: 'relative' };
}

/**
 * The leaderboard's state-of-the-art steps in paper-date order: each day whose best result beats
 * the best of all earlier days is one step (a paper's S, M and L models on one day are one step).
 * Results without a date or a primary value are not part of the history.
 */
export function sotaSteps(board: Leaderboard): SotaStep[] {
  const metric = board.primary;
  const value = (e: Leaderboard['entries'][number]) => e.result.metrics[metric.name];
  // Board order is best first, so the first entry seen on a day is that day's best.
  const dayBest = new Map<string, Leaderboard['entries'][number]>();
  for (const e of board.entries) if (e.rank !== undefined && e.date !== '' && !dayBest.has(e.date)) dayBest.set(e.date, e);
  const days = [...dayBest.keys()].sort();
  const steps: SotaStep[] = [];
  let best: number | undefined;
  for (const day of days) {
    const e = dayBest.get(day)!;
    const v = value(e);
    if (best !== undefined && !(metric.direction === 'higher' ? v > best : v < best)) continue;
    const size = best === undefined ? undefined : stepSize(best, v, metric);
    if (best !== undefined && size) steps.push({ ...size, from: best, to: v, model: e.result.model, date: e.date });
    best = v;
  }
  return steps;
}

/** What makes a new best unusual, with the numbers a maintainer needs; undefined when nothing does. */
export interface Implausibility {
  step: StepSize;
  /** Above the fixed cutoff for its measure (HEADROOM_SHARE or FAR_ABOVE_RELATIVE). */
  overCutoff: boolean;
  /** More than HISTORY_FACTOR times the history's largest step (judged from MIN_HISTORY_STEPS steps on). */
  overHistory: boolean;
  /** The leaderboard's past steps measured like this one, and the largest of them (said for comparison). */
  steps: number;
  largest?: SotaStep;
}

export function judgeNewBest(previousBest: number, value: number, metric: Metric, history: readonly SotaStep[]): Implausibility | undefined {
  const step = stepSize(previousBest, value, metric);
  if (!step || !(step.size > 0)) return undefined;
  const cutoff = step.measure === 'headroom' ? HEADROOM_SHARE : FAR_ABOVE_RELATIVE;
  const comparable = history.filter((s) => s.measure === step.measure);
  const largest = comparable.length > 0 ? comparable.reduce((a, b) => (b.size > a.size ? b : a)) : undefined;
  const overCutoff = step.size > cutoff;
  const longEnough = comparable.length >= MIN_HISTORY_STEPS;
  const overHistory = largest && longEnough && step.size > HISTORY_FACTOR * largest.size && step.size >= HISTORY_FLOOR * cutoff;
  if (!overCutoff && !overHistory) return undefined;
  return { step, overCutoff, overHistory: Boolean(overHistory), steps: comparable.length, ...(largest ? { largest } : {}) };
}

/** A share as people read it: "23 %", "7.5 %", "0.4 %". */
export function percent(share: number): string {
  const p = share * 100;
  return `${p >= 10 ? Math.round(p) : Number(p.toFixed(1))} %`;
}

/**
 * The reason in words, after "<value> is <margin> over the previous best <best>": what the step
 * removes or how large it is, and how it compares with the leaderboard's history.
 */
export function describeImplausibility(found: Implausibility, previousBest: number, metric: Metric): string {
  const unit = metric.unit ?? '';
  const parts: string[] = [];
  if (found.step.measure === 'headroom') {
    const limit = limitOf(metric)!;
    const gap = `${round(Math.abs(limit - previousBest))}${unit === '%' ? ' points' : unit ? ` ${unit}` : ''}`;
    parts.push(`it closes ${percent(found.step.size)} of the gap the previous best left to the ${metric.direction === 'higher' ? 'maximum' : 'minimum'} ${limit}${unit} (${gap})`);
    if (found.overCutoff) parts.push(`more than ${percent(HEADROOM_SHARE)} in one step is rare on real leaderboards`);
  } else if (found.overCutoff) {
    parts.push(`more than ${percent(FAR_ABOVE_RELATIVE)} over the best in one step is unusual`);
  }
  const largest = found.largest;
  if (largest) {
    const what = largest.measure === 'headroom' ? `closed ${percent(largest.size)}` : `was ${percent(largest.size)}`;
    const times = found.overHistory ? `; this one is ${Number((found.step.size / largest.size).toFixed(1))} times that` : '';
    const steps = found.steps === 1 ? '1 step' : `${found.steps} steps`;
    parts.push(`the largest step in this leaderboard's history (${steps}) ${what} (${clip(largest.model, 60)}, ${largest.date}: ${largest.from}${unit} → ${largest.to}${unit})${times}`);
  }
  return `${parts.join('; ')}. Check the value, its unit and the evaluation protocol against the paper.`;
}

/** Rounds away float noise (100 - 84.8 = 15.200000000000003). */
function round(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}
