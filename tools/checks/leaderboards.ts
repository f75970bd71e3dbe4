// The leaderboards of a repository, built once per run and shared by the rules that compare rows.
import { buildLeaderboards, type Leaderboard, type LeaderboardEntry } from '../model/leaderboard.ts';
import type { Repository } from '../model/repository.ts';
import type { PathSegment } from '../model/source.ts';

const memo = new WeakMap<Repository, Map<string, Leaderboard>>();

export function leaderboardsOf(repo: Repository): Map<string, Leaderboard> {
  let boards = memo.get(repo);
  if (!boards) {
    boards = buildLeaderboards(repo);
    memo.set(repo, boards);
  }
  return boards;
}

/** The file an entry was read from. */
export function entryFile(repo: Repository, entry: LeaderboardEntry): string {
  return repo.results.get(entry.resultSet)!.path;
}

/** The data path of a row, or of a field of it, in its result file. */
export function rowPath(entry: LeaderboardEntry, ...rest: PathSegment[]): PathSegment[] {
  return ['results', entry.row, ...rest];
}

/** Values in a message: all of them when few ("14, 25, 42"), else "from 14 to 193, median 42". */
export function spreadOf(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length <= 3) return sorted.join(', ');
  return `from ${sorted[0]} to ${sorted[sorted.length - 1]}, median ${sorted[Math.floor(sorted.length / 2)]}`;
}
