// Rule: a percentage is not written as a fraction of 1 where the rest of its leaderboard uses percent.
import type { LeaderboardEntry } from '../../model/leaderboard.ts';
import { shownMetricValue } from '../../model/printed.ts';
import type { MetricSpec } from '../../model/types.ts';
import { entryFile, leaderboardsOf, rowPath, spreadOf } from '../leaderboards.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'percent-as-fraction',
  scope: 'repository',
  reads: ['leaderboard'],
  severity: 'error',
  title: 'Percentages are not written as fractions',
  description:
    'A value such as 0.812 on a leaderboard whose other results for that metric are 81.2, 79.3, ... is almost surely a percentage written as a fraction, and it would rank last. A value is reported when the metric is on a percent scale (its unit is "%", its max is 100, or it has no unit and every value lies between 0 and 100), the value lies in (0, 1], at least two values of the metric in the other rows are above 1 and they outnumber the others at least two to one, and the value times 100 lies within the spread of those larger values (at least half the smallest and at most twice the largest). So error rates that are genuinely below 1 % are not reported. Write the percentage (81.2), as the other rows do.',
  check(repo, report) {
    for (const board of leaderboardsOf(repo).values()) {
      for (const metric of board.benchmark.metrics) {
        const rows = board.entries.filter((e) => Number.isFinite(e.result.metrics[metric.name]));
        if (!onPercentScale(metric, rows)) continue;
        for (const entry of rows) {
          const value = entry.result.metrics[metric.name];
          if (!(value > 0 && value <= 1)) continue;
          const others = rows.filter((e) => e !== entry).map((e) => e.result.metrics[metric.name]);
          const scaled = fractionSlip(value, others);
          if (scaled === undefined) continue;
          const large = others.filter((v) => v > 1);
          report({
            file: entryFile(repo, entry),
            at: rowPath(entry, 'metrics', metric.name),
            message: `${shownMetricValue(entry.result, metric.name)} looks like a fraction: the other values of "${metric.name}" on ${board.id} are percentages (${spreadOf(large)})`,
            tip: `Write ${scaled}, as a percentage like the other rows, if the paper reports ${scaled} %.`,
          });
        }
      }
    }
  },
};

/**
 * The percentage a value on a percent scale stands for when it is written as a fraction among
 * percentages (0.812 among 81.2, 79.3, ...), by the test the description states; else undefined.
 */
export function fractionSlip(value: number, others: readonly number[]): number | undefined {
  if (!(value > 0 && value <= 1)) return undefined;
  const large = others.filter((v) => v > 1);
  const small = others.length - large.length;
  if (large.length < 2 || large.length < 2 * small) return undefined;
  const scaled = round(value * 100);
  return scaled < Math.min(...large) / 2 || scaled > Math.max(...large) * 2 ? undefined : scaled;
}

/** Is the metric on a percent scale: declared so, or without a unit and every value in 0..100? */
export function onPercentScale(metric: MetricSpec, rows: readonly LeaderboardEntry[]): boolean {
  if (metric.unit === '%' || metric.max === 100) return true;
  if (metric.unit !== undefined) return false;
  return rows.every((e) => {
    const v = e.result.metrics[metric.name];
    return v >= 0 && v <= 100;
  });
}

/** Removes the binary noise of value * 100 (0.812 * 100 = 81.20000000000001). */
function round(x: number): number {
  return Number(x.toPrecision(12));
}
