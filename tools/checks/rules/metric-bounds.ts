// Rule: a metric's declared range is not empty.
import type { DatasetFile } from '../../model/types.ts';
import type { FileRule } from '../rule.ts';

export const rule: FileRule = {
  id: 'metric-bounds',
  scope: 'file',
  severity: 'error',
  title: 'A metric\'s min is at most its max',
  description:
    'A metric may declare the range of its possible values with `min` and `max` (e.g. 0 and 100 for a percentage); results outside the range are then reported. A range whose `min` is above its `max` admits no value at all, which is always a typo.',
  check(file, report) {
    if (file.ref.kind !== 'dataset') return;
    ((file.data as DatasetFile).benchmarks ?? []).forEach((benchmark, b) => {
      benchmark.metrics.forEach((metric, m) => {
        if (metric.min === undefined || metric.max === undefined || metric.min <= metric.max) return;
        report({
          at: ['benchmarks', b, 'metrics', m, 'max'],
          message: `the metric "${metric.name}" has min ${metric.min} above max ${metric.max}`,
          tip: 'Swap the two values, or correct the one that is wrong.',
        });
      });
    });
  },
};
