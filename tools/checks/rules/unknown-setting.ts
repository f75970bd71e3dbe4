// Rule: every setting a result states is declared by its benchmark.
import { reportUndeclaredNames } from '../undeclared-names.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'unknown-setting',
  scope: 'repository',
  reads: ['leaderboard'],
  severity: 'error',
  title: 'Every setting in a result is declared by its benchmark',
  description:
    'The benchmark in the dataset file declares the evaluation settings its leaderboard distinguishes (`settings`: name, type, unit). A result row states its values under `settings` with exactly those names, so that rows at 224 px and at 600 px are told apart rather than compared as equals. The tip names the closest declared setting (ignoring case, spaces and punctuation, and allowing a small typo). If the paper reports a setting the benchmark does not distinguish yet, declare it in the benchmark first, or say it in the row\'s `notes`.',
  check(repo, report) {
    reportUndeclaredNames(repo, report, {
      key: 'settings',
      label: 'setting',
      declared: (board) => (board.benchmark.settings ?? []).map((s) => s.name),
      otherwise: (board, declared) =>
        declared.length > 0
          ? `The benchmark declares ${declared.map((n) => `"${n}"`).join(', ')}; use one of them, or declare the setting in data/datasets/${board.dataset}.yaml.`
          : `The benchmark declares no settings; declare it under \`settings\` of the benchmark in data/datasets/${board.dataset}.yaml, or say it in the row's notes.`,
    });
  },
};
