// Rule: a result value lies inside its metric's declared range.
import { shownMetricValue } from '../../model/printed.ts';
import { entryFile, leaderboardsOf, rowPath } from '../leaderboards.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'metric-out-of-range',
  scope: 'repository',
  reads: ['leaderboard'],
  severity: 'error',
  title: 'Result values lie within the metric\'s min and max',
  description:
    'When a benchmark declares `min` or `max` for a metric (0 to 100 for a percentage, 0 to 1 for a ratio), every value given for it must lie in that range. A value outside is a typo, a value on another scale (a fraction of 1 where percentages are expected, or the reverse), or a different metric. Check the number against the paper\'s table.',
  check(repo, report) {
    for (const board of leaderboardsOf(repo).values()) {
      for (const metric of board.benchmark.metrics) {
        if (metric.min === undefined && metric.max === undefined) continue;
        if (metric.min !== undefined && metric.max !== undefined && metric.min > metric.max) continue; // metric-bounds reports it
        for (const entry of board.entries) {
          const value = entry.result.metrics[metric.name];
          if (value === undefined) continue;
          const below = metric.min !== undefined && value < metric.min;
          const above = metric.max !== undefined && value > metric.max;
          if (!below && !above) continue;
          const range = `${metric.min ?? '-∞'} to ${metric.max ?? '∞'}`;
          report({
            file: entryFile(repo, entry),
            at: rowPath(entry, 'metrics', metric.name),
            message: `${shownMetricValue(entry.result, metric.name)} is outside the range of "${metric.name}" (${range}${metric.unit ? `, in ${metric.unit}` : ''})`,
            tip: 'Check the value against the paper\'s table; write it on the metric\'s scale and unit.',
          });
        }
      }
    }
  },
};
