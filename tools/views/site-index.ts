// The cross references the pages need (who uses what, which boards a task has), computed once
// from the repository; every list is in a fixed order so pages never depend on insertion order.
import { periodStart } from '../model/dates.ts';
import { buildLeaderboards, rankEntries, type Leaderboard, type LeaderboardEntry } from '../model/leaderboard.ts';
import type { Paper, Repository, ResultSet } from '../model/repository.ts';
import { compareText } from './format.ts';

export interface SiteIndex {
  repo: Repository;
  leaderboards: Map<string, Leaderboard>;
  boardsByTask: Map<string, Leaderboard[]>;
  boardsByDataset: Map<string, Leaderboard[]>;
  resultsByPaper: Map<string, ResultSet[]>;
  /** Paper ids, newest first (then by id). */
  papersByTask: Map<string, string[]>;
  papersByDataset: Map<string, string[]>;
  papersByMethod: Map<string, string[]>;
  subtasks: Map<string, string[]>;
  variants: Map<string, string[]>;
  /** Every paper's tasks, datasets and methods: what it declares plus where it has results. */
  paperTasks: Map<string, string[]>;
  paperDatasets: Map<string, string[]>;
  paperMethods: Map<string, string[]>;
}

/** Newest first (a partial date at the start of its period), then by id: the order of every paper list on the pages. */
export function comparePapers(a: Paper, b: Paper): number {
  return compareText(periodStart(b.date), periodStart(a.date)) || compareText(a.id, b.id);
}

export function buildSiteIndex(repo: Repository): SiteIndex {
  const leaderboards = buildLeaderboards(repo);
  const { boardsByTask, boardsByDataset } = boardsBy(leaderboards);
  const resultsByPaper = new Map<string, ResultSet[]>();
  for (const set of repo.results.values()) push(resultsByPaper, set.paper, set);
  for (const sets of resultsByPaper.values()) sets.sort((a, b) => compareText(a.id, b.id));

  const paperTasks = new Map<string, string[]>();
  const paperDatasets = new Map<string, string[]>();
  const paperMethods = new Map<string, string[]>();
  const papersByTask = new Map<string, string[]>();
  const papersByDataset = new Map<string, string[]>();
  const papersByMethod = new Map<string, string[]>();
  const papers = [...repo.papers.values()].sort(comparePapers);
  for (const paper of papers) {
    const { tasks, datasets, methods } = paperItemsOf(paper, resultsByPaper.get(paper.id) ?? []);
    paperTasks.set(paper.id, tasks);
    paperDatasets.set(paper.id, datasets);
    paperMethods.set(paper.id, methods);
    // Papers are visited newest first, so these lists come out in page order.
    for (const t of tasks) push(papersByTask, t, paper.id);
    for (const d of datasets) push(papersByDataset, d, paper.id);
    for (const m of methods) push(papersByMethod, m, paper.id);
  }

  const { subtasks, variants } = childrenOf(repo);
  return {
    repo,
    leaderboards,
    boardsByTask,
    boardsByDataset,
    resultsByPaper,
    papersByTask,
    papersByDataset,
    papersByMethod,
    subtasks,
    variants,
    paperTasks,
    paperDatasets,
    paperMethods,
  };
}

/** A paper's tasks, datasets and methods: what it declares plus where it has results (`sets`). */
export function paperItemsOf(paper: Paper, sets: readonly ResultSet[]): { tasks: string[]; datasets: string[]; methods: string[] } {
  return {
    tasks: sortedUnique([...(paper.tasks ?? []), ...sets.map((s) => s.task)]),
    datasets: sortedUnique([...(paper.datasets ?? []), ...sets.map((s) => s.dataset)]),
    methods: sortedUnique(paper.methods ?? []),
  };
}

/** Each task's subtasks and each dataset's variants, sorted. */
export function childrenOf(repo: Repository): Pick<SiteIndex, 'subtasks' | 'variants'> {
  const subtasks = new Map<string, string[]>();
  for (const task of repo.tasks.values()) if (task.parent) push(subtasks, task.parent, task.id);
  const variants = new Map<string, string[]>();
  for (const dataset of repo.datasets.values()) if (dataset.variant_of) push(variants, dataset.variant_of, dataset.id);
  for (const list of [...subtasks.values(), ...variants.values()]) list.sort(compareText);
  return { subtasks, variants };
}

/** Boards listed by task and by dataset, in the boards' order. */
export function boardsBy(leaderboards: ReadonlyMap<string, Leaderboard>): Pick<SiteIndex, 'boardsByTask' | 'boardsByDataset'> {
  const boardsByTask = new Map<string, Leaderboard[]>();
  const boardsByDataset = new Map<string, Leaderboard[]>();
  for (const board of leaderboards.values()) {
    push(boardsByTask, board.task, board);
    push(boardsByDataset, board.dataset, board);
  }
  return { boardsByTask, boardsByDataset };
}

/** The best entry of a board (rank 1, first in board order), if any result has the primary metric. */
export function bestEntry(board: Leaderboard): LeaderboardEntry | undefined {
  const first = board.entries[0];
  return first?.rank === 1 ? first : undefined;
}

/**
 * Each entry's rank on the board when ranked by `metric` (same rules as the leaderboard itself),
 * keyed by "<result set id>#<row>". Unranked entries (no value for the metric) are absent.
 */
export function ranksByMetric(board: Leaderboard, metricName: string): Map<string, number> {
  const metric = board.benchmark.metrics.find((m) => m.name === metricName);
  const out = new Map<string, number>();
  if (!metric) return out;
  for (const e of rankEntries(board.entries, metric)) if (e.rank !== undefined) out.set(entryKey(e), e.rank);
  return out;
}

export function entryKey(e: Pick<LeaderboardEntry, 'resultSet' | 'row'>): string {
  return `${e.resultSet}#${e.row}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort(compareText);
}
