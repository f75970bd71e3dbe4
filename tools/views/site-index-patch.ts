// The site index of a repository that differs from an indexed one in a few files, made from that
// index: only what the changed files can move is recomputed (the boards of the datasets they touch,
// the lists of the papers they move), the rest is shared. Equal to buildSiteIndex of the new
// repository, for the cost of the change instead of the whole site.
import { datasetLeaderboards, leaderboardId, type Leaderboard } from '../model/leaderboard.ts';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import type { Repository, ResultSet } from '../model/repository.ts';
import { compareText } from './format.ts';
import { movedPapers } from './page-deps.ts';
import { boardsBy, childrenOf, comparePapers, paperItemsOf, type SiteIndex } from './site-index.ts';

/**
 * The index of `repo`, which is `from.repo` with the files at `changedPaths` replaced (withFiles).
 * Never changes `from`: every list it recomputes is new.
 */
export function patchSiteIndex(from: SiteIndex, repo: Repository, changedPaths: readonly string[]): SiteIndex {
  const moved = movedPapers(changedPaths);
  const changedResults = new Map<string, string[]>();
  const datasets = new Set<string>();
  for (const path of changedPaths) {
    const ref = classifyPath(path);
    if (isPathProblem(ref)) continue;
    if (ref.kind === 'dataset') datasets.add(ref.id);
    if (ref.kind === 'result') {
      datasets.add(ref.dataset);
      const ids = changedResults.get(ref.paper);
      if (ids) ids.push(ref.id);
      else changedResults.set(ref.paper, [ref.id]);
    }
  }

  // Result sets of the moved papers, as the new repository has them.
  const resultsByPaper = new Map(from.resultsByPaper);
  for (const paper of moved) {
    const ids = new Set([...(from.resultsByPaper.get(paper) ?? []).map((s) => s.id), ...(changedResults.get(paper) ?? [])]);
    const sets = [...ids].map((id) => repo.results.get(id)).filter((s): s is ResultSet => s !== undefined);
    if (sets.length === 0) resultsByPaper.delete(paper);
    else resultsByPaper.set(paper, sets.sort((a, b) => compareText(a.id, b.id)));
  }

  // A board reads its dataset's benchmark, its result sets and their papers' dates: every board of
  // a dataset touched so is built again (a moved paper's boards, on either side, included).
  for (const paper of moved) for (const sets of [from.resultsByPaper.get(paper), resultsByPaper.get(paper)]) for (const s of sets ?? []) datasets.add(s.dataset);
  const byBoard = new Map<string, ResultSet[]>();
  for (const set of repo.results.values()) {
    if (!datasets.has(set.dataset)) continue;
    const key = leaderboardId(set.task, set.dataset);
    const list = byBoard.get(key);
    if (list) list.push(set);
    else byBoard.set(key, [set]);
  }
  const boards: Leaderboard[] = [...from.leaderboards.values()].filter((b) => !datasets.has(b.dataset));
  for (const id of datasets) {
    const dataset = repo.datasets.get(id);
    if (dataset) boards.push(...datasetLeaderboards(repo, dataset, byBoard));
  }
  boards.sort((a, b) => compareText(a.id, b.id));
  const leaderboards = new Map(boards.map((b) => [b.id, b]));

  // The moved papers' items, and the paper lists of every item they leave or join.
  const paperTasks = new Map(from.paperTasks);
  const paperDatasets = new Map(from.paperDatasets);
  const paperMethods = new Map(from.paperMethods);
  const kinds = [
    { of: paperTasks, by: new Map(from.papersByTask), key: 'tasks' },
    { of: paperDatasets, by: new Map(from.papersByDataset), key: 'datasets' },
    { of: paperMethods, by: new Map(from.papersByMethod), key: 'methods' },
  ] as const;
  const touched = kinds.map(() => new Set<string>());
  for (const id of moved) {
    const paper = repo.papers.get(id);
    const items = paper && paperItemsOf(paper, resultsByPaper.get(id) ?? []);
    kinds.forEach(({ of, key }, k) => {
      for (const item of of.get(id) ?? []) touched[k].add(item);
      if (items) {
        of.set(id, items[key]);
        for (const item of items[key]) touched[k].add(item);
      } else of.delete(id);
    });
  }
  const newer = (a: string, b: string) => comparePapers(repo.papers.get(a)!, repo.papers.get(b)!);
  kinds.forEach(({ of, by }, k) => {
    for (const item of touched[k]) {
      const kept = (by.get(item) ?? []).filter((p) => !moved.has(p));
      const joined = [...moved].filter((p) => of.get(p)?.includes(item));
      const list = joined.length === 0 ? kept : [...kept, ...joined].sort(newer);
      if (list.length === 0) by.delete(item);
      else by.set(item, list);
    }
  });

  return {
    repo,
    leaderboards,
    ...boardsBy(leaderboards),
    resultsByPaper,
    papersByTask: kinds[0].by,
    papersByDataset: kinds[1].by,
    papersByMethod: kinds[2].by,
    ...childrenOf(repo),
    paperTasks,
    paperDatasets,
    paperMethods,
  };
}
