// Rule (warning): a benchmark's primary metric declares its direction, so its leaderboard can be ranked.
import { primaryMetric } from '../../model/leaderboard.ts';
import type { DatasetFile } from '../../model/types.ts';
import type { FileRule } from '../rule.ts';

export const rule: FileRule = {
  id: 'unranked-benchmark',
  scope: 'file',
  severity: 'warning',
  title: 'The primary metric of a benchmark has a direction',
  description:
    'A metric\'s `direction` (higher or lower is better) may be left out when it is not known, as for some tables of the Papers With Code archive. A benchmark whose primary metric (`primary`, or the first metric) has no direction is an unranked leaderboard: its results are listed by paper date without ranks, without a state-of-the-art chart, and a review never calls a result a new state of the art. This is a warning, not an error, so that such results are kept rather than dropped; declare the direction once it is known.',
  check(file, report) {
    if (file.ref.kind !== 'dataset') return;
    ((file.data as DatasetFile).benchmarks ?? []).forEach((benchmark, b) => {
      const primary = primaryMetric(benchmark);
      if (!primary || primary.direction !== undefined) return;
      const m = benchmark.metrics.indexOf(primary);
      report({
        at: ['benchmarks', b, 'metrics', m, 'name'],
        message: `the primary metric "${primary.name}" of the benchmark for ${benchmark.task} has no direction, so its leaderboard is unranked`,
        tip: 'Declare `direction: higher` or `direction: lower` under the metric when it is known.',
      });
    });
  },
};
