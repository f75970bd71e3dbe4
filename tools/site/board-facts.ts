// What the API, the feeds and the badges read off the leaderboards, computed once per site index
// (site parts are called once per unit: nothing here may rescan the whole index per call).
import type { RowRanks } from '../bundle/contents.ts';
import { periodStart } from '../model/dates.ts';
import { leaderboardId, ranks, type Leaderboard, type LeaderboardEntry } from '../model/leaderboard.ts';
import { bestSoFar } from '../views/chart.ts';
import type { SiteIndex } from '../views/site-index.ts';

export interface BoardFacts {
  /** Every row's rank on its leaderboard, keyed "<result set id>\n<row>" as the bundle's rows are. */
  rowRanks: RowRanks;
  /** How many rows of a board are ranked (the "of 14" in "#2 of 14"). */
  rankedCount(board: Leaderboard): number;
  /** The board's states of the art in time: each dated ranked entry that beat every earlier one. */
  sotaSteps(board: Leaderboard): LeaderboardEntry[];
}

const cache = new WeakMap<SiteIndex, BoardFacts>();

export function boardFacts(index: SiteIndex): BoardFacts {
  let facts = cache.get(index);
  if (!facts) {
    facts = computeFacts(index);
    cache.set(index, facts);
  }
  return facts;
}

function computeFacts(index: SiteIndex): BoardFacts {
  // Each board's rows are read when one of them is asked for: a rebuild after a small change asks for a few boards' of thousands.
  const ranked = new Map<string, number | null>();
  const counts = new Map<Leaderboard, number>();
  const read = (board: Leaderboard): number => {
    let count = counts.get(board);
    if (count !== undefined) return count;
    count = 0;
    for (const e of board.entries) {
      ranked.set(`${e.resultSet}\n${e.row}`, e.rank ?? null);
      if (e.rank !== undefined) count++;
    }
    counts.set(board, count);
    return count;
  };
  // A row's rank is on its result set's board (model/leaderboard.ts resultSetsByBoard): "<result set id>\n<row>".
  const rowRanks: RowRanks = {
    get(key) {
      const set = index.repo.results.get(key.slice(0, key.lastIndexOf('\n')));
      const board = set && index.leaderboards.get(leaderboardId(set.task, set.dataset));
      if (board) read(board);
      return ranked.get(key);
    },
  };
  const steps = new WeakMap<Leaderboard, LeaderboardEntry[]>();
  return {
    rowRanks,
    rankedCount: read,
    sotaSteps(board) {
      let list = steps.get(board);
      if (!list) {
        list = sotaSteps(board);
        steps.set(board, list);
      }
      return list;
    },
  };
}

/**
 * The best-so-far line of the board's chart (tools/views/chart.ts), as entries: the dated ranked
 * entries by the start of their date's period (board order breaks ties), each one that is better
 * than all before it. None on an unranked board.
 */
export function sotaSteps(board: Leaderboard): LeaderboardEntry[] {
  if (!ranks(board.primary)) return [];
  const metric = board.primary.name;
  const data = board.entries
    .filter((e) => e.rank !== undefined && e.date !== '')
    .map((entry) => ({ entry, start: periodStart(entry.date), value: entry.result.metrics[metric] }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  if (data.length === 0) return [];
  const none = () => '';
  return bestSoFar(data, board.primary.direction, none, none, '').improvements.map((d) => d.entry);
}

/** "84.8%", "12.3 ms", "0.91": a value as printed with its metric's unit. */
export function valueWithUnit(shown: string, unit: string | undefined): string {
  if (!unit) return shown;
  return unit === '%' ? `${shown}%` : `${shown} ${unit}`;
}
