// Rule: a benchmark's primary metric is one it declares.
import type { DatasetFile } from '../../model/types.ts';
import { nearest } from '../nearest.ts';
import type { FileRule } from '../rule.ts';

export const rule: FileRule = {
  id: 'primary-metric',
  scope: 'file',
  severity: 'error',
  title: '`primary` names a metric of its benchmark',
  description:
    'The primary metric ranks a leaderboard. When `primary` is given it must be exactly the name of one of the benchmark\'s `metrics`; when it is left out, the first metric ranks. A misspelt `primary` would silently rank by the first metric instead, so it is an error.',
  check(file, report) {
    if (file.ref.kind !== 'dataset') return;
    ((file.data as DatasetFile).benchmarks ?? []).forEach((benchmark, b) => {
      if (benchmark.primary === undefined) return;
      const names = benchmark.metrics.map((m) => m.name);
      if (names.includes(benchmark.primary)) return;
      const close = nearest(benchmark.primary, names);
      report({
        at: ['benchmarks', b, 'primary'],
        message: `the primary metric "${benchmark.primary}" is not one of the benchmark's metrics (${names.map((n) => `"${n}"`).join(', ')})`,
        tip: close ? `Did you mean "${close}"? Write the name exactly as declared under metrics.` : 'Write the name of one of the declared metrics, or declare the metric.',
      });
    });
  },
};
