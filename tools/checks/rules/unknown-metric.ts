// Rule: every metric a result gives is declared by its benchmark.
import { NameIndex } from '../nearest.ts';
import { entryFile, leaderboardsOf, rowPath } from '../leaderboards.ts';
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
    for (const board of leaderboardsOf(repo).values()) {
      const declared = board.benchmark.metrics.map((m) => m.name);
      const names = new Set(declared);
      const index = new NameIndex(declared);
      for (const entry of board.entries) {
        for (const name of Object.keys(entry.result.metrics)) {
          if (names.has(name)) continue;
          const close = index.nearest(name);
          report({
            file: entryFile(repo, entry),
            at: rowPath(entry, 'metrics', name),
            part: 'key',
            message: `"${name}" is not a metric of the benchmark ${board.id}`,
            tip: close
              ? `Did you mean "${close}"? Write the name exactly as the benchmark declares it.`
              : `The benchmark declares ${declared.map((n) => `"${n}"`).join(', ')}; use one of them, or declare the metric in data/datasets/${board.dataset}.yaml.`,
          });
        }
      }
    }
  },
};
