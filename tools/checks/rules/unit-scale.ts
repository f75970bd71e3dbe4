// Rule (warning): a value is written in its metric's unit, not a thousand or a million times it (5300000 where the unit is M).
import { shownMetricValue } from '../../model/printed.ts';
import { entryFile, leaderboardsOf, rowPath, spreadOf } from '../leaderboards.ts';
import type { RepositoryRule } from '../rule.ts';

/** What a value off by a unit factor would be in the metric's unit, and the factor it is off by (1,000,000 for 5300000 against 5.3). */
export interface UnitSlip {
  written: number;
  factor: number;
}

const FACTORS = [1e3, 1e6, 1e9];

/**
 * Is `value` off from the other values of its metric by a power of 1000, so that dividing (or
 * multiplying) it by that power puts it among them? The value must lie outside a hundredfold of the
 * spread of at least two positive others, and the scaled value within a tenfold of it (of the
 * powers that do, the one nearest the others' median); anything else is not judged.
 */
export function unitSlip(value: number, others: readonly number[]): UnitSlip | undefined {
  const positive = others.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (!(Number.isFinite(value) && value > 0) || positive.length < 2) return undefined;
  const lo = positive[0];
  const hi = positive[positive.length - 1];
  const median = positive[Math.floor(positive.length / 2)];
  if (value >= lo / 100 && value <= hi * 100) return undefined;
  let best: UnitSlip | undefined;
  for (const f of FACTORS) {
    const factor = value > hi ? f : 1 / f;
    const written = Number((value / factor).toPrecision(12));
    const distance = (x: number) => Math.abs(Math.log(x / median));
    if (written >= lo / 10 && written <= hi * 10 && (!best || distance(written) < distance(best.written))) best = { written, factor };
  }
  return best;
}

/**
 * unitSlip of each of `values` against all the others, in O(n log n): the others' smallest and
 * largest come from one sorted copy, so only a value far outside them is judged in full.
 */
export function unitSlipsAmong(values: readonly number[]): Array<UnitSlip | undefined> {
  const sorted = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (sorted.length < 3) return values.map(() => undefined); // the value and at least two others
  const n = sorted.length;
  return values.map((v, i) => {
    if (!(Number.isFinite(v) && v > 0)) return undefined;
    const lo = v === sorted[0] ? sorted[1] : sorted[0];
    const hi = v === sorted[n - 1] ? sorted[n - 2] : sorted[n - 1];
    if (v >= lo / 100 && v <= hi * 100) return undefined;
    return unitSlip(v, values.filter((_, j) => j !== i));
  });
}

/** "1,000,000 times" or "1/1,000 of", for messages. */
export function factorText(factor: number): string {
  return factor >= 1 ? `${factor.toLocaleString('en-US')} times` : `1/${(1 / factor).toLocaleString('en-US')} of`;
}

export const rule: RepositoryRule = {
  id: 'unit-scale',
  scope: 'repository',
  reads: ['leaderboard'],
  severity: 'warning',
  title: "Values are written in the metric's unit",
  description:
    'A value such as 5300000 for "Number of params" whose unit is M (millions), on a leaderboard whose other values of that metric are 14, 25, 193, ... is almost surely written in single units instead of the declared one. A value is reported when its metric declares a unit other than "%" (percentages are the percent-as-fraction rule\'s), at least two other rows give the metric a positive value, the value lies outside a hundredfold of their spread (below a hundredth of the smallest or above a hundred times the largest), and dividing or multiplying it by 1,000, 1,000,000 or 1,000,000,000 puts it within a tenfold of that spread. Write the value in the metric\'s unit (5.3 for 5.3 million parameters when the unit is M). It is a warning because a leaderboard can hold genuinely very different models.',
  check(repo, report) {
    for (const board of leaderboardsOf(repo).values()) {
      for (const metric of board.benchmark.metrics) {
        if (metric.unit === undefined || metric.unit === '%') continue;
        const rows = board.entries.filter((e) => Number.isFinite(e.result.metrics[metric.name]));
        const values = rows.map((e) => e.result.metrics[metric.name]);
        unitSlipsAmong(values).forEach((slip, i) => {
          if (!slip) return;
          const others = values.filter((v, j) => j !== i && v > 0);
          report({
            file: entryFile(repo, rows[i]),
            at: rowPath(rows[i], 'metrics', metric.name),
            message: `${shownMetricValue(rows[i].result, metric.name)} is about ${factorText(slip.factor)} the other values of "${metric.name}" on ${board.id} (${spreadOf(others)}, in ${metric.unit})`,
            tip: `Write ${slip.written} (the unit is ${metric.unit}), if that is what the paper reports; values are written in the metric's unit, like the other rows.`,
          });
        });
      }
    }
  },
};
