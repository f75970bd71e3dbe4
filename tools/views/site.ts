// Every generated page of a repository: first as (path, kind, model), a pure function of the data,
// then rendered to (path, text). Yielded one page at a time so an archive-scale site never sits in
// memory at once.
import type { Repository } from '../model/repository.ts';
import { chartModel, chartPaths } from './chart.ts';
import { pagePaths } from './links.ts';
import { leaderboardTitle } from './pages/common.ts';
import { datasetPage } from './pages/dataset.ts';
import { leaderboardPage } from './pages/leaderboard.ts';
import { methodPage } from './pages/method.ts';
import { boardRanksCache, paperPage } from './pages/paper.ts';
import { readmePage } from './pages/readme.ts';
import { taskPage } from './pages/task.ts';
import { paretoChartModel, paretoChartPaths, paretoFrontier } from './pareto.ts';
import { relatedPapers, type RelatedPaper } from './related.ts';
import { createRenderer, type PageKind, type PageModels, type Renderer } from './render.ts';
import { buildSiteIndex, type SiteIndex } from './site-index.ts';

export interface GeneratedFile {
  /** Relative to generated/, POSIX. */
  path: string;
  text: string;
}

/** A page before rendering: its path, its template and the model the template renders. */
export type SitePage = { [K in PageKind]: { path: string; kind: K; model: PageModels[K] } }[PageKind];

export function* sitePages(repo: Repository): Generator<SitePage> {
  for (const page of lazySitePages(buildSiteIndex(repo))) yield page.page();
}

/** A page whose model is built only when asked for: listing every path costs next to nothing. */
export interface LazyPage {
  path: string;
  page: () => SitePage;
}

/**
 * Every page of the site in one fixed order, models on demand (related papers indexed on first
 * need, by `finder`: relatedPapersOf when only a few paper pages will be asked for).
 */
export function* lazySitePages(index: SiteIndex, finder: (index: SiteIndex) => (paper: string) => RelatedPaper[] = relatedPapers): Generator<LazyPage> {
  const { repo } = index;
  yield { path: pagePaths.readme(), page: () => ({ path: pagePaths.readme(), kind: 'readme', model: readmePage(index) }) };
  for (const board of index.leaderboards.values()) {
    const md = pagePaths.leaderboard(board.task, board.dataset);
    yield { path: md, page: () => ({ path: md, kind: 'leaderboard', model: leaderboardPage(index, board) }) };
    for (const svg of chartPaths(board)) {
      yield { path: svg, page: () => ({ path: svg, kind: 'chart', model: chartModel(board, leaderboardTitle(index, board)) }) };
    }
    for (const { cost, path } of paretoChartPaths(board)) {
      yield { path, page: () => ({ path, kind: 'pareto', model: paretoChartModel(board, leaderboardTitle(index, board), paretoFrontier(board, cost)) }) };
    }
  }
  for (const task of repo.tasks.values()) {
    const path = pagePaths.task(task.id);
    yield { path, page: () => ({ path, kind: 'task', model: taskPage(index, task) }) };
  }
  for (const dataset of repo.datasets.values()) {
    const path = pagePaths.dataset(dataset.id);
    yield { path, page: () => ({ path, kind: 'dataset', model: datasetPage(index, dataset) }) };
  }
  for (const method of repo.methods.values()) {
    const path = pagePaths.method(method.id);
    yield { path, page: () => ({ path, kind: 'method', model: methodPage(index, method) }) };
  }
  let related: ((paper: string) => RelatedPaper[]) | undefined;
  const ranks = boardRanksCache();
  for (const paper of repo.papers.values()) {
    const path = pagePaths.paper(paper.id, paper.date);
    yield { path, page: () => ({ path, kind: 'paper', model: paperPage(index, paper, (related ??= finder(index))(paper.id), ranks) }) };
  }
}

export function renderPage(render: Renderer, page: SitePage): string {
  return (render as (kind: PageKind, model: SitePage['model']) => string)(page.kind, page.model);
}

export function* renderSite(repo: Repository, render: Renderer = createRenderer()): Generator<GeneratedFile> {
  for (const page of sitePages(repo)) yield { path: page.path, text: renderPage(render, page) };
}
