// Leaderboards: one benchmark (task, dataset) with every result on it, ranked by its primary metric.
import { periodStart } from './dates.ts';
import type { Dataset, Repository, Result, ResultSet } from './repository.ts';
import type { Benchmark, MetricSpec } from './types.ts';

export interface LeaderboardEntry {
  /** The result file's id, "<task>/<dataset>/<paper>", and the row's index in it. */
  resultSet: string;
  row: number;
  paper: string;
  /** The paper's date (YYYY-MM-DD, or YYYY-MM or YYYY when partial), or "" when unknown (or a source, which has none). */
  date: string;
  result: Result;
  /** 1-based; equal values share a rank (1, 2, 2, 4). Undefined: no primary metric value, or a board without a direction, so unranked. */
  rank?: number;
}

export interface Leaderboard {
  /** "<task>/<dataset>" */
  id: string;
  task: string;
  dataset: string;
  benchmark: Benchmark;
  /** Without a direction (see `ranks`) the board is unranked: every entry is listed without a rank. */
  primary: MetricSpec;
  /** Ranked entries first (best first), then unranked ones. */
  entries: LeaderboardEntry[];
}

/** The metric that ranks a benchmark: `primary` when it names a declared metric, else the first. */
export function primaryMetric(benchmark: Benchmark): MetricSpec {
  return benchmark.metrics.find((m) => m.name === benchmark.primary) ?? benchmark.metrics[0];
}

export function leaderboardId(task: string, dataset: string): string {
  return `${task}/${dataset}`;
}

/** Is `a` better than `b` under the metric's direction? Never, when the direction is unknown. */
export function isBetter(a: number, b: number, direction: MetricSpec['direction']): boolean {
  return direction === 'higher' ? a > b : direction === 'lower' ? a < b : false;
}

/** "higher is better", "lower is better", or "direction unknown": how a metric is read, for pages, prompts and reviews. */
export function directionText(direction: MetricSpec['direction']): string {
  return direction === 'higher' ? 'higher is better' : direction === 'lower' ? 'lower is better' : 'direction unknown';
}

/** Does the metric rank? Only with a known direction. */
export function ranks(metric: MetricSpec): metric is MetricSpec & { direction: 'higher' | 'lower' } {
  return metric.direction !== undefined;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ties and unranked rows: by paper date (a partial one at the start of its period), then model name, then where they are written (for determinism). */
function compareEntries(a: LeaderboardEntry, b: LeaderboardEntry): number {
  return (
    compareText(periodStart(a.date), periodStart(b.date)) ||
    compareText(a.result.model, b.result.model) ||
    compareText(a.resultSet, b.resultSet) ||
    a.row - b.row
  );
}

/** Ranks entries by the primary metric (none when it has no direction). Pure: returns new objects, ranked first then unranked. */
export function rankEntries(entries: readonly LeaderboardEntry[], primary: MetricSpec): LeaderboardEntry[] {
  const value = (e: LeaderboardEntry) => e.result.metrics[primary.name];
  const rankable = (e: LeaderboardEntry) => ranks(primary) && Number.isFinite(value(e));
  const ranked = entries.filter(rankable);
  const unranked = entries.filter((e) => !rankable(e));
  const sign = primary.direction === 'higher' ? -1 : 1;
  ranked.sort((a, b) => sign * (value(a) - value(b)) || compareEntries(a, b));
  const out: LeaderboardEntry[] = [];
  ranked.forEach((e, i) => {
    const previous = out[i - 1];
    const rank = previous && value(ranked[i - 1]) === value(e) ? previous.rank : i + 1;
    out.push({ ...e, rank });
  });
  for (const e of [...unranked].sort(compareEntries)) out.push({ ...e, rank: undefined });
  return out;
}

/** The result files of each leaderboard ("<task>/<dataset>" -> sets), in the repository's order. */
export function resultSetsByBoard(repo: Repository): Map<string, ResultSet[]> {
  const byBoard = new Map<string, ResultSet[]>();
  for (const set of repo.results.values()) {
    const key = leaderboardId(set.task, set.dataset);
    const list = byBoard.get(key);
    if (list) list.push(set);
    else byBoard.set(key, [set]);
  }
  return byBoard;
}

/** Every leaderboard with at least a declared benchmark, keyed and ordered by "<task>/<dataset>". */
export function buildLeaderboards(repo: Repository): Map<string, Leaderboard> {
  const byBoard = resultSetsByBoard(repo);
  const boards: Leaderboard[] = [];
  for (const dataset of repo.datasets.values()) boards.push(...datasetLeaderboards(repo, dataset, byBoard));
  boards.sort((a, b) => compareText(a.id, b.id));
  return new Map(boards.map((b) => [b.id, b]));
}

/** The leaderboards of one dataset's benchmarks, from the result sets of each board ("<task>/<dataset>" -> sets). */
export function datasetLeaderboards(repo: Repository, dataset: Dataset, byBoard: ReadonlyMap<string, ResultSet[]>): Leaderboard[] {
  const boards: Leaderboard[] = [];
  const seen = new Set<string>();
  for (const benchmark of dataset.benchmarks ?? []) {
    // A second benchmark for the same task is an error (duplicate-benchmark); the first one stands.
    if (seen.has(benchmark.task)) continue;
    seen.add(benchmark.task);
    boards.push(buildLeaderboard(repo, dataset, benchmark, byBoard.get(leaderboardId(benchmark.task, dataset.id)) ?? []));
  }
  return boards;
}

function buildLeaderboard(repo: Repository, dataset: Dataset, benchmark: Benchmark, sets: ResultSet[]): Leaderboard {
  const primary = primaryMetric(benchmark);
  const entries: LeaderboardEntry[] = [];
  for (const set of sets) {
    const date = repo.papers.get(set.paper)?.date ?? '';
    set.results.forEach((result, row) => entries.push({ resultSet: set.id, row, paper: set.paper, date, result }));
  }
  return {
    id: leaderboardId(benchmark.task, dataset.id),
    task: benchmark.task,
    dataset: dataset.id,
    benchmark,
    primary,
    entries: rankEntries(entries, primary),
  };
}
