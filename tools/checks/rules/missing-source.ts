// Rule (warning): a row a change adds says where its numbers come from.
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'missing-source',
  scope: 'repository',
  // Only the file it reports on (and the base's models of it, which the context gives).
  reads: [],
  severity: 'warning',
  title: 'A new result row states its source',
  description:
    'A number is only as good as its source, so a row should say where it comes from under `source`: plain text ("Table 2"), or a mapping with the `kind` of source (`paper`, `code`, `leaderboard`, `reproduction` or `other`), its `url` and `ref`, where in it the number is ("Table 2"). Only rows a pull request adds are reported, by `pwc review` (the pull-request check), which knows the base of the change; `pwc validate` alone does not report it, so rows already in the data (such as imported ones) raise nothing until they are edited into new rows. It is a warning: add the source, or ignore it when none can be named.',
  check(repo, report, context) {
    const base = context.baseModels;
    if (!base) return;
    for (const set of repo.results.values()) {
      const before = base.get(set.path);
      if (!before) continue;
      set.results.forEach((row, i) => {
        if (row.source !== undefined || before.has(row.model)) return;
        report({
          file: set.path,
          at: ['results', i, 'model'],
          message: `the new row "${row.model}" does not say where its numbers come from`,
          tip: 'Add `source:` to the row: where in the paper the numbers are ("Table 2"), or {kind: paper, url: <link>, ref: Table 2}.',
        });
      });
    }
  },
};
