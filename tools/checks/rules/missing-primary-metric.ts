// Rule (warning): a result row gives the primary metric of its benchmark, so it can be ranked.
import { ranks } from '../../model/leaderboard.ts';
import { entryFile, leaderboardsOf, rowPath } from '../leaderboards.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'missing-primary-metric',
  scope: 'repository',
  reads: ['leaderboard'],
  severity: 'warning',
  title: 'A result row gives the primary metric',
  description:
    'Leaderboards are ranked by the benchmark\'s primary metric (`primary`, or the first metric). A row without it is listed after the ranked rows, without a rank. This is a warning, not an error: some papers do not report the primary metric (in the Papers With Code archive, about one row in 150 lacks it), and such a row still records what the paper does report. If the paper reports it, add it; if the value is there under another name, see unknown-metric.',
  check(repo, report) {
    for (const board of leaderboardsOf(repo).values()) {
      // An unranked board (no direction) ranks no row at all: unranked-benchmark reports it once.
      if (!ranks(board.primary)) continue;
      for (const entry of board.entries) {
        if (entry.rank !== undefined) continue;
        report({
          file: entryFile(repo, entry),
          at: rowPath(entry, 'metrics'),
          part: 'key',
          message: `the row "${entry.result.model}" has no value for the primary metric "${board.primary.name}" of ${board.id}, so it cannot be ranked`,
          tip: `Add "${board.primary.name}: <value>" under metrics if the paper reports it.`,
        });
      }
    }
  },
};
