// Rule: results are only given for a benchmark the dataset declares.
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'undeclared-benchmark',
  scope: 'repository',
  reads: ['leaderboard'],
  severity: 'error',
  title: 'A result\'s task and dataset have a declared benchmark',
  description:
    'A leaderboard exists when a dataset declares a benchmark for a task (under `benchmarks:` in the dataset file, with its metrics and their directions). Results at `data/results/<task>/<dataset>/` for a pair without such a declaration cannot be ranked or checked. Declare the benchmark in the dataset file (in the same pull request), or move the results to the task the dataset does declare.',
  check(repo, report) {
    for (const set of repo.results.values()) {
      const dataset = repo.datasets.get(set.dataset);
      if (!dataset || !repo.tasks.has(set.task)) continue; // result-path reports those
      const benchmarks = dataset.benchmarks ?? [];
      if (benchmarks.some((b) => b.task === set.task)) continue;
      const declared = benchmarks.map((b) => `"${b.task}"`).join(', ');
      report({
        file: set.path,
        at: [],
        message: `the dataset "${set.dataset}" declares no benchmark for the task "${set.task}"`,
        tip: `Add a benchmark {task: ${set.task}, metrics: [...]} to ${dataset.path}${declared ? ` (it declares benchmarks for ${declared})` : ''}.`,
      });
    }
  },
};
