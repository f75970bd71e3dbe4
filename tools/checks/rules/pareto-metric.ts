// Rule: each cost metric a benchmark lists under `pareto` is one of its metrics, with a direction, other than the primary.
import { primaryMetric } from '../../model/leaderboard.ts';
import type { DatasetFile } from '../../model/types.ts';
import { nearest } from '../nearest.ts';
import type { FileRule } from '../rule.ts';

export const rule: FileRule = {
  id: 'pareto-metric',
  scope: 'file',
  severity: 'error',
  title: '`pareto` names metrics of its benchmark, other than the primary',
  description:
    'A benchmark\'s `pareto` lists cost metrics (Number of params, FLOPs); its leaderboard plots the primary metric against each and draws the frontier. Each name must be exactly one of the benchmark\'s `metrics`, with a `direction`, and not the primary metric, which is the other axis of every such chart. A misspelt name, or one without a direction, would silently plot nothing, so it is an error.',
  check(file, report) {
    if (file.ref.kind !== 'dataset') return;
    ((file.data as DatasetFile).benchmarks ?? []).forEach((benchmark, b) => {
      const names = benchmark.metrics.map((m) => m.name);
      const primary = primaryMetric(benchmark).name;
      (benchmark.pareto ?? []).forEach((name, i) => {
        if (name === primary) {
          report({
            at: ['benchmarks', b, 'pareto', i],
            message: `"${name}" is the primary metric: a Pareto chart plots the primary metric against another metric`,
            tip: 'List cost metrics only, such as a parameter count or FLOPs, or remove this entry.',
          });
          return;
        }
        const declared = benchmark.metrics.find((m) => m.name === name);
        if (declared && declared.direction === undefined) {
          report({
            at: ['benchmarks', b, 'pareto', i],
            message: `the Pareto metric "${name}" has no direction: the frontier needs to know whether lower or higher costs are better`,
            tip: `Declare \`direction: lower\` (or higher) under the metric "${name}".`,
          });
          return;
        }
        if (declared) return;
        const close = nearest(name, names);
        report({
          at: ['benchmarks', b, 'pareto', i],
          message: `the Pareto metric "${name}" is not one of the benchmark's metrics (${names.map((n) => `"${n}"`).join(', ')})`,
          tip: close ? `Did you mean "${close}"? Write the name exactly as declared under metrics.` : 'Write the name of one of the declared metrics, or declare the metric.',
        });
      });
    });
  },
};
