// Which generated pages a change of data files can make different: a pure function of the changed
// paths and the site before and after. It over-approximates (a candidate may render the same) and
// never misses: every page reads only the entities named here (see pages/*.ts, chart.ts, pareto.ts, related.ts).
// One side may be the change's neighbourhood alone (changeNeighbourhood): what differs from the
// other side is all in it, so the union of both sides' answers is the same.
import type { Leaderboard } from '../model/leaderboard.ts';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { buildRepository, type Repository, type ValidFile } from '../model/repository.ts';
import { chartPaths } from './chart.ts';
import { pagePaths } from './links.ts';
import { paretoChartPaths } from './pareto.ts';
import { RELATED_PER_ITEM } from './related.ts';
import { comparePapers, type SiteIndex } from './site-index.ts';

/** Papers (or sources, which share their ids) whose own file or one of whose result files changed: their items, date or title may differ. */
export function movedPapers(changedPaths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const path of changedPaths) {
    const ref = classifyPath(path);
    if (!isPathProblem(ref) && (ref.kind === 'paper' || ref.kind === 'source')) out.add(ref.id);
    if (!isPathProblem(ref) && ref.kind === 'result') out.add(ref.paper);
  }
  return out;
}

/**
 * One side of a change without the rest of the repository: the changed files as they are on that
 * side (`files`: path -> valid content, or undefined when absent or invalid) and, for each moved
 * paper, its file and all its result files, so its tasks, datasets and methods come out whole.
 * `other` is the whole site on the other side, where everything else is the same.
 */
export function changeNeighbourhood(other: SiteIndex, files: ReadonlyMap<string, ValidFile | undefined>): Repository {
  const valid = [...files.values()].filter((f): f is ValidFile => f !== undefined);
  const take = (path: string, data: unknown) => {
    const ref = classifyPath(path);
    if (!files.has(path) && !isPathProblem(ref)) valid.push({ ref, data });
  };
  for (const id of movedPapers(files.keys())) {
    const paper = other.repo.papers.get(id);
    if (paper) take(paper.path, paper);
    const source = other.repo.sources.get(id);
    if (source) take(source.path, source);
    for (const set of other.resultsByPaper.get(id) ?? []) take(set.path, set);
  }
  return buildRepository(valid);
}

/**
 * The pages (paths relative to generated/) whose text may differ between `before` and `after`.
 * `partial` names the side that is only the change's neighbourhood (see changeNeighbourhood).
 */
export function candidatePages(changedPaths: readonly string[], before: SiteIndex, after: SiteIndex, partial?: 'before' | 'after'): Set<string> {
  const pages = new Set<string>();
  if (changedPaths.length === 0) return pages;
  const sides = [before, after];
  const moved = movedPapers(changedPaths);
  const inCut: CutTest =
    partial === undefined
      ? (side, list, paper) => list.slice(0, RELATED_PER_ITEM + 1).includes(paper)
      : (side, list, paper, k, item) => {
          const whole = partial === 'before' ? after : before;
          return side === whole ? list.slice(0, RELATED_PER_ITEM + 1).includes(paper) : inMergedCut(side, whole, moved, paper, k, item);
        };
  // Counts, areas and every board's best: the README shows some of everything.
  pages.add(pagePaths.readme());
  /** Papers whose page may change, and papers whose related lists may shift others'. */
  const papers = new Set<string>();
  const boards = new Set<string>();
  const addBoard = (board: Leaderboard | undefined) => {
    if (board) boards.add(board.id);
  };

  for (const path of changedPaths) {
    const ref = classifyPath(path);
    if (isPathProblem(ref)) continue;
    switch (ref.kind) {
      case 'areas':
        // Area names show on every task page.
        for (const side of sides) for (const id of side.repo.tasks.keys()) pages.add(pagePaths.task(id));
        break;
      case 'task':
        for (const side of sides) {
          const task = side.repo.tasks.get(ref.id);
          pages.add(pagePaths.task(ref.id));
          if (task?.parent) pages.add(pagePaths.task(task.parent));
          for (const sub of side.subtasks.get(ref.id) ?? []) pages.add(pagePaths.task(sub));
          for (const board of side.boardsByTask.get(ref.id) ?? []) addBoard(board);
          for (const paper of side.papersByTask.get(ref.id) ?? []) papers.add(paper);
        }
        break;
      case 'dataset':
        for (const side of sides) {
          const dataset = side.repo.datasets.get(ref.id);
          pages.add(pagePaths.dataset(ref.id));
          if (dataset?.variant_of) pages.add(pagePaths.dataset(dataset.variant_of));
          for (const variant of side.variants.get(ref.id) ?? []) pages.add(pagePaths.dataset(variant));
          for (const board of side.boardsByDataset.get(ref.id) ?? []) addBoard(board);
          for (const paper of side.papersByDataset.get(ref.id) ?? []) papers.add(paper);
        }
        break;
      case 'method':
        for (const side of sides) {
          pages.add(pagePaths.method(ref.id));
          for (const paper of side.papersByMethod.get(ref.id) ?? []) papers.add(paper);
        }
        break;
      case 'paper':
        papers.add(ref.id);
        break;
      case 'result':
        // Its rows rank on the board; its paper gains or loses the board's task and dataset.
        for (const side of sides) addBoard(side.leaderboards.get(`${ref.task}/${ref.dataset}`));
        papers.add(ref.paper);
        break;
    }
  }

  // A board's rows, ranks and best: its pages, its summary's pages and every paper ranked on it.
  for (const id of boards) {
    for (const side of sides) {
      const board = side.leaderboards.get(id);
      if (!board) continue;
      for (const page of boardPages(board)) pages.add(page);
      pages.add(pagePaths.task(board.task));
      pages.add(pagePaths.dataset(board.dataset));
      for (const entry of board.entries) papers.add(entry.paper);
    }
  }

  // A changed paper (or one whose results changed): where it is listed, linked or ranked.
  for (const id of moved) {
    for (const side of sides) {
      for (const task of side.paperTasks.get(id) ?? []) pages.add(pagePaths.task(task));
      for (const dataset of side.paperDatasets.get(id) ?? []) pages.add(pagePaths.dataset(dataset));
      for (const method of side.paperMethods.get(id) ?? []) pages.add(pagePaths.method(method));
      for (const set of side.resultsByPaper.get(id) ?? []) {
        const board = side.leaderboards.get(`${set.task}/${set.dataset}`);
        if (!board) continue;
        for (const page of boardPages(board)) pages.add(page);
        // The board's summary on its task's and dataset's pages links its best result's paper or source by name.
        pages.add(pagePaths.task(board.task));
        pages.add(pagePaths.dataset(board.dataset));
      }
      addIntroduced(side, id, pages);
    }
    if (showsInRelated(id, before, after)) for (const other of relatedReaders(id, sides, inCut)) papers.add(other);
  }

  for (const id of papers) {
    for (const side of sides) {
      const paper = side.repo.papers.get(id);
      if (paper) pages.add(pagePaths.paper(paper.id, paper.date));
    }
  }
  return pages;
}

/** A board's own pages: its leaderboard, its chart and its Pareto charts. */
function boardPages(board: Leaderboard): string[] {
  return [pagePaths.leaderboard(board.task, board.dataset), ...chartPaths(board), ...paretoChartPaths(board).map((p) => p.path)];
}

/** Datasets and methods whose page names `paper` as the one that introduced them. */
function addIntroduced(side: SiteIndex, paper: string, pages: Set<string>): void {
  for (const dataset of side.repo.datasets.values()) if (dataset.introduced_by === paper) pages.add(pagePaths.dataset(dataset.id));
  for (const method of side.repo.methods.values()) if (method.introduced_by === paper) pages.add(pagePaths.method(method.id));
}

/** Did anything of the paper that related lists read change: presence, title, date or its items? */
function showsInRelated(id: string, before: SiteIndex, after: SiteIndex): boolean {
  const a = before.repo.papers.get(id);
  const b = after.repo.papers.get(id);
  if (!a || !b) return a !== b;
  return (
    a.title !== b.title ||
    a.date !== b.date ||
    !sameList(before.paperTasks.get(id), after.paperTasks.get(id)) ||
    !sameList(before.paperDatasets.get(id), after.paperDatasets.get(id)) ||
    !sameList(before.paperMethods.get(id), after.paperMethods.get(id))
  );
}

/** Is `paper` among the newest RELATED_PER_ITEM + 1 papers of item `item` (kind k: 0 task, 1 dataset, 2 method), whose papers on `side` are `list`? */
type CutTest = (side: SiteIndex, list: readonly string[], paper: string, k: number, item: string) => boolean;

const ITEM_KINDS = [
  [(s: SiteIndex) => s.paperTasks, (s: SiteIndex) => s.papersByTask],
  [(s: SiteIndex) => s.paperDatasets, (s: SiteIndex) => s.papersByDataset],
  [(s: SiteIndex) => s.paperMethods, (s: SiteIndex) => s.papersByMethod],
] as const;

/**
 * The papers whose related lists may read `paper`: every paper sharing an item whose posting list
 * (its newest RELATED_PER_ITEM + 1 papers) holds it on either side. Outside those lists a paper
 * is seen by no related list, and the lists themselves are unchanged.
 */
function relatedReaders(paper: string, sides: readonly SiteIndex[], inCut: CutTest): Set<string> {
  const out = new Set<string>();
  const touched: { k: number; item: string }[] = [];
  for (const side of sides) {
    ITEM_KINDS.forEach(([of, by], k) => {
      for (const item of of(side).get(paper) ?? []) if (inCut(side, by(side).get(item) ?? [], paper, k, item)) touched.push({ k, item });
    });
  }
  for (const { k, item } of touched) for (const side of sides) for (const other of ITEM_KINDS[k][1](side).get(item) ?? []) out.add(other);
  return out;
}

/**
 * The cut test on a partial side: the item's papers there are the unmoved ones of the whole other
 * side (the same on both) and the moved ones of the partial side, in page order.
 */
function inMergedCut(partial: SiteIndex, whole: SiteIndex, moved: ReadonlySet<string>, paper: string, k: number, item: string): boolean {
  const self = partial.repo.papers.get(paper);
  if (!self) return false;
  let newer = 0;
  for (const id of ITEM_KINDS[k][1](whole).get(item) ?? []) {
    if (moved.has(id)) continue;
    const other = whole.repo.papers.get(id);
    // The list is newest first: past the first paper not ahead of this one, none is.
    if (!other || comparePapers(other, self) >= 0) break;
    if (++newer > RELATED_PER_ITEM) return false;
  }
  for (const id of ITEM_KINDS[k][1](partial).get(item) ?? []) {
    const other = partial.repo.papers.get(id);
    if (id !== paper && other && comparePapers(other, self) < 0) newer++;
  }
  return newer <= RELATED_PER_ITEM;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
