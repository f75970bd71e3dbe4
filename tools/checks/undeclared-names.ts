// The check metrics and settings share: every name a row gives under a field is one its benchmark declares.
import type { Leaderboard } from '../model/leaderboard.ts';
import type { Repository } from '../model/repository.ts';
import type { RuleReport } from './finding.ts';
import { entryFile, leaderboardsOf, rowPath } from './leaderboards.ts';
import { NameIndex } from './nearest.ts';

interface Field {
  /** The row's mapping whose keys are names: "metrics" or "settings". */
  key: 'metrics' | 'settings';
  /** What a name is: "metric", "setting". */
  label: string;
  declared(board: Leaderboard): string[];
  /** The tip when no declared name is close. */
  otherwise(board: Leaderboard, declared: readonly string[]): string;
}

/** Reports each undeclared name in the rows' `field.key`, with the closest declared name as a tip. */
export function reportUndeclaredNames(repo: Repository, report: (r: RuleReport) => void, field: Field): void {
  for (const board of leaderboardsOf(repo).values()) {
    const declared = field.declared(board);
    const names = new Set(declared);
    const index = new NameIndex(declared);
    for (const entry of board.entries) {
      for (const name of Object.keys(entry.result[field.key] ?? {})) {
        if (names.has(name)) continue;
        const close = index.nearest(name);
        report({
          file: entryFile(repo, entry),
          at: rowPath(entry, field.key, name),
          part: 'key',
          message: `"${name}" is not a ${field.label} of the benchmark ${board.id}`,
          tip: close ? `Did you mean "${close}"? Write the name exactly as the benchmark declares it.` : field.otherwise(board, declared),
        });
      }
    }
  }
}
