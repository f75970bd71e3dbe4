// Rule: every metric a result gives is declared by its benchmark.
import { reportUndeclaredNames } from '../undeclared-names.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'unknown-metric',
  scope: 'repository',
  reads: ['leaderboard'],
  severity: 'error',
  title: 'Every metric in a result is declared by its benchmark',
  description:
    'The benchmark in the dataset file declares the metrics of a leaderboard (name, direction, unit, range). A result row must use exactly those names: a near miss such as "Top-1 Accuracy" for "Top 1 Accuracy" would otherwise create a column nobody ranks. The tip names the closest declared metric (ignoring case, spaces and punctuation, and allowing a small typo). If the paper really reports another metric, declare it in the benchmark first.',
  check(repo, report) {
    reportUndeclaredNames(repo, report, {
      key: 'metrics',
      label: 'metric',
      declared: (board) => board.benchmark.metrics.map((m) => m.name),
      otherwise: (board, declared) =>
        `The benchmark declares ${declared.map((n) => `"${n}"`).join(', ')}; use one of them, or declare the metric in data/datasets/${board.dataset}.yaml.`,
    });
  },
};
