// Rule: a benchmark declares each metric once, even allowing for case and punctuation.
import type { DatasetFile } from '../../model/types.ts';
import { normaliseName } from '../nearest.ts';
import type { FileRule } from '../rule.ts';

export const rule: FileRule = {
  id: 'duplicate-metric',
  scope: 'file',
  severity: 'error',
  title: 'A benchmark declares each metric once',
  description:
    'Results name their metrics by name, and names that differ only in case, spacing or punctuation ("Top-1 Accuracy" and "top 1 accuracy") are treated as the same name when suggesting fixes. A benchmark that declares the same metric twice leaves it unclear which declaration (direction, unit, range) applies, so the second one is reported.',
  check(file, report) {
    if (file.ref.kind !== 'dataset') return;
    ((file.data as DatasetFile).benchmarks ?? []).forEach((benchmark, b) => {
      const first = new Map<string, string>();
      benchmark.metrics.forEach((metric, m) => {
        const key = normaliseName(metric.name);
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, metric.name);
          return;
        }
        report({
          at: ['benchmarks', b, 'metrics', m, 'name'],
          message: `the metric "${metric.name}" is declared twice in the benchmark for "${benchmark.task}"${earlier === metric.name ? '' : ` (as "${earlier}" before)`}`,
          tip: 'Keep one declaration of the metric and delete the other.',
        });
      });
    });
  },
};
