// Rule: a dataset declares at most one benchmark per task.
import type { DatasetFile } from '../../model/types.ts';
import type { FileRule } from '../rule.ts';

export const rule: FileRule = {
  id: 'duplicate-benchmark',
  scope: 'file',
  severity: 'error',
  title: 'One benchmark per task per dataset',
  description:
    'A leaderboard is identified by its task and dataset, and its results live at `data/results/<task>/<dataset>/`, so a dataset may declare only one benchmark for a task. When two evaluation settings really differ (another split, another protocol), make the setting a dataset variant (a dataset with `variant_of`) or a more specific task.',
  check(file, report) {
    if (file.ref.kind !== 'dataset') return;
    const first = new Map<string, number>();
    ((file.data as DatasetFile).benchmarks ?? []).forEach((benchmark, i) => {
      const earlier = first.get(benchmark.task);
      if (earlier === undefined) {
        first.set(benchmark.task, i);
        return;
      }
      report({
        at: ['benchmarks', i, 'task'],
        message: `a second benchmark for the task "${benchmark.task}" (the first is benchmark ${earlier + 1})`,
        tip: 'Merge the two benchmarks into one, or declare the other setting as a dataset variant (variant_of) or a more specific task.',
      });
    });
  },
};
