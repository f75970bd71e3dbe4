// Turns placed rows into the text of each result file the import writes: rows added to existing files (formatted, comments kept) or new files; rows already there skipped.
import { join } from 'node:path';
import { addResultRow } from '../format/add-result-row.ts';
import { readIfExists } from '../format/write-new-file.ts';
import { stringifyData } from '../format/stringify-data.ts';
import { leaderboardId, resultSetsByBoard } from '../model/leaderboard.ts';
import type { Repository } from '../model/repository.ts';
import { sameModel, type PlacedRow, type Unplaced } from './place.ts';

/** One file the import writes: its text now (undefined for a new file) and after. */
export interface FilePlan {
  path: string;
  before?: string;
  text: string;
  rows: PlacedRow[];
}

export interface ImportPlan {
  files: FilePlan[];
  /** Rows already in the repository with the same model and values. */
  alreadyThere: PlacedRow[];
  unplaced: Unplaced[];
}

const sameValues = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => Object.is(b[k], v));

const valuesText = (metrics: Record<string, number>) => Object.entries(metrics).map(([k, v]) => `${k} ${v}`).join(', ');

/**
 * Which placed rows are new: a row whose leaderboard already has the model (as duplicate-model
 * judges names) is skipped when it is the same row of the same file with the same values, and
 * left out with the reason otherwise; so is a model given twice in one run. Pure.
 */
export function newRows(repo: Repository, placed: readonly PlacedRow[]): { rows: PlacedRow[]; alreadyThere: PlacedRow[]; unplaced: Unplaced[] } {
  const rows: PlacedRow[] = [];
  const alreadyThere: PlacedRow[] = [];
  const unplaced: Unplaced[] = [];
  // The result files of each leaderboard, gathered once (an archive-scale repository has 60,000).
  const byBoard = resultSetsByBoard(repo);
  for (const p of placed) {
    const board = leaderboardId(p.task, p.dataset);
    const existing = (byBoard.get(board) ?? [])
      .flatMap((set) => set.results.filter((r) => sameModel(r.model, p.row.model)).map((r) => ({ set, r })));
    const same = existing.find(({ set, r }) => set.path === p.path && r.model === p.row.model && sameValues(r.metrics, p.row.metrics));
    if (same) {
      alreadyThere.push(p);
      continue;
    }
    if (existing.length > 0) {
      const { set, r } = existing[0];
      unplaced.push({ entry: p.entry, reason: `${board} already has a row "${r.model}" in ${set.path} with other values (${valuesText(r.metrics)}; here ${valuesText(p.row.metrics)})`, tip: 'Correct that row by hand if these values are the right ones.' });
      continue;
    }
    const twin = rows.find((o) => o.task === p.task && o.dataset === p.dataset && sameModel(o.row.model, p.row.model));
    if (twin) {
      if (!(twin.path === p.path && twin.row.model === p.row.model && sameValues(twin.row.metrics, p.row.metrics))) {
        unplaced.push({ entry: p.entry, reason: `the model "${p.row.model}" is also given for ${board} by ${twin.entry.where}, with other values or another paper` });
      }
      continue;
    }
    rows.push(p);
  }
  return { rows, alreadyThere, unplaced };
}


/** The plan of a run under `root`: every file's text after the import, in path order. */
export async function planImport(root: string, repo: Repository, placed: readonly PlacedRow[], unplaced: readonly Unplaced[]): Promise<ImportPlan> {
  const chosen = newRows(repo, placed);
  const byPath = new Map<string, PlacedRow[]>();
  for (const p of chosen.rows) {
    const rows = byPath.get(p.path);
    if (rows) rows.push(p);
    else byPath.set(p.path, [p]);
  }
  const files: FilePlan[] = [];
  const left = [...unplaced, ...chosen.unplaced];
  for (const path of [...byPath.keys()].sort()) {
    const rows = byPath.get(path)!;
    const before = await readIfExists(join(root, path));
    if (before === undefined) {
      files.push({ path, text: stringifyData('result', { results: rows.map((r) => r.row) }, rows.map((r) => r.printed)), rows });
      continue;
    }
    let text = before;
    const kept: PlacedRow[] = [];
    for (const r of rows) {
      const added = addResultRow(text, r.row, r.printed);
      if ('problem' in added) {
        left.push({ entry: r.entry, reason: `${path}: ${added.problem}` });
        continue;
      }
      text = added.text;
      kept.push(r);
    }
    if (kept.length > 0) files.push({ path, before, text, rows: kept });
  }
  return { files, alreadyThere: chosen.alreadyThere, unplaced: left };
}
