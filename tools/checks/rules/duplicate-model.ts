// Rule: a model appears once on a leaderboard.
import { entryFile, leaderboardsOf, rowPath } from '../leaderboards.ts';
import type { LeaderboardEntry } from '../../model/leaderboard.ts';
import { normaliseModel } from '../nearest.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'duplicate-model',
  scope: 'repository',
  reads: ['leaderboard'],
  severity: 'error',
  title: 'A model appears once per leaderboard',
  description:
    'Each row of a leaderboard is one model, named by `model`; two rows with the same name (ignoring case, spaces, hyphens and underscores), in the same result file or in files of different papers on the same task and dataset, make the ranking ambiguous. Every occurrence is reported. Name the variants apart by what distinguishes them, e.g. "ResNet-50 (semi-supervised)" and "ResNet-50 (semi-weakly supervised)", or remove the repeated row.',
  check(repo, report) {
    for (const board of leaderboardsOf(repo).values()) {
      const groups = new Map<string, LeaderboardEntry[]>();
      for (const entry of board.entries) {
        const key = normaliseModel(entry.result.model);
        const group = groups.get(key);
        if (group) group.push(entry);
        else groups.set(key, [entry]);
      }
      for (const group of groups.values()) {
        if (group.length < 2) continue;
        const where = group
          .map((e) => ({ file: entryFile(repo, e), row: e.row, entry: e }))
          .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.row - b.row));
        for (const self of where) {
          const others = where.filter((o) => o !== self).map((o) => (o.file === self.file ? `row ${o.row + 1}` : `${o.file} row ${o.row + 1}`));
          report({
            file: self.file,
            at: rowPath(self.entry, 'model'),
            message: `the model "${self.entry.result.model}" appears ${group.length} times on ${board.id} (also ${others.join(', ')})`,
            tip: 'Name the variants apart by what distinguishes them, e.g. "ResNet-50 (semi-supervised)", or remove the repeated row.',
          });
        }
      }
    }
  },
};
