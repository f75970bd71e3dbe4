// Every generated page of a repository, as (path, text) pairs: a pure function of the data, yielded
// one page at a time so an archive-scale site never sits in memory at once.
import type { Repository } from '../model/repository.ts';
import { chartModel } from './chart.ts';
import { pagePaths } from './links.ts';
import { leaderboardTitle } from './pages/common.ts';
import { datasetPage } from './pages/dataset.ts';
import { leaderboardPage } from './pages/leaderboard.ts';
import { methodPage } from './pages/method.ts';
import { boardRanksCache, paperPage } from './pages/paper.ts';
import { readmePage } from './pages/readme.ts';
import { taskPage } from './pages/task.ts';
import { relatedPapers } from './related.ts';
import { createRenderer, type Renderer } from './render.ts';
import { buildSiteIndex } from './site-index.ts';

export interface GeneratedFile {
  /** Relative to generated/, POSIX. */
  path: string;
  text: string;
}

export function* renderSite(repo: Repository, render: Renderer = createRenderer()): Generator<GeneratedFile> {
  const index = buildSiteIndex(repo);
  yield { path: pagePaths.readme(), text: render('readme', readmePage(index)) };
  for (const board of index.leaderboards.values()) {
    yield { path: pagePaths.leaderboard(board.task, board.dataset), text: render('leaderboard', leaderboardPage(index, board)) };
    yield { path: pagePaths.chart(board.task, board.dataset), text: render('chart', chartModel(board, leaderboardTitle(index, board))) };
  }
  for (const task of repo.tasks.values()) yield { path: pagePaths.task(task.id), text: render('task', taskPage(index, task)) };
  for (const dataset of repo.datasets.values()) yield { path: pagePaths.dataset(dataset.id), text: render('dataset', datasetPage(index, dataset)) };
  for (const method of repo.methods.values()) yield { path: pagePaths.method(method.id), text: render('method', methodPage(index, method)) };
  const related = relatedPapers(index);
  const ranks = boardRanksCache();
  for (const paper of repo.papers.values()) {
    yield { path: pagePaths.paper(paper.id, paper.date), text: render('paper', paperPage(index, paper, related(paper.id), ranks)) };
  }
}
