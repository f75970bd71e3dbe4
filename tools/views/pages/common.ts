// The pieces several page models share: links to other pages, benchmark summaries, paper lists.
import type { Leaderboard } from '../../model/leaderboard.ts';
import type { Paper } from '../../model/repository.ts';
import { formatValue, metricLabel } from '../format.ts';
import type { PageAt } from '../links.ts';
import { bestEntry, type SiteIndex } from '../site-index.ts';

/** A link: `href` is "" when there is nothing to link to, and the text is shown alone. */
export interface Link {
  text: string;
  href: string;
}

export interface BestResult {
  model: string;
  value: string;
  paper: Link;
  extraData: boolean;
}

/** One benchmark as listed on the README, task and dataset pages. */
export interface BoardSummary {
  leaderboard: Link;
  task: Link;
  dataset: Link;
  metric: string;
  best: BestResult | null;
}

export interface PaperItem {
  paper: Link;
  date: string;
}

export function textOnly(text: string): Link {
  return { text, href: '' };
}

export function taskLink(index: SiteIndex, from: PageAt, id: string): Link {
  const task = index.repo.tasks.get(id);
  return task ? { text: task.name, href: from.links.href(from.path, from.links.task(id)) } : textOnly(id);
}

export function datasetLink(index: SiteIndex, from: PageAt, id: string): Link {
  const dataset = index.repo.datasets.get(id);
  return dataset ? { text: dataset.name, href: from.links.href(from.path, from.links.dataset(id)) } : textOnly(id);
}

export function methodLink(index: SiteIndex, from: PageAt, id: string): Link {
  const method = index.repo.methods.get(id);
  return method ? { text: method.name, href: from.links.href(from.path, from.links.method(id)) } : textOnly(id);
}

/** The link to whatever reports a result: its paper's page, or a source's page (its own site where sources have no page). */
export function paperLink(index: SiteIndex, from: PageAt, id: string): Link {
  const paper = index.repo.papers.get(id);
  const source = paper ? undefined : index.repo.sources.get(id);
  if (!source) return linkToPaper(from, id, paper);
  const page = from.links.source(id);
  return { text: source.name, href: page === undefined ? source.url : from.links.href(from.path, page) };
}

function linkToPaper(from: PageAt, id: string, paper: Paper | undefined): Link {
  return paper ? { text: paper.title, href: from.links.href(from.path, from.links.paper(id, paper.date)) } : textOnly(id);
}

export function leaderboardLink(index: SiteIndex, from: PageAt, board: Leaderboard): Link {
  return { text: leaderboardTitle(index, board), href: from.links.href(from.path, from.links.leaderboard(board.task, board.dataset)) };
}

/** "Image Classification on ImageNet". */
export function leaderboardTitle(index: SiteIndex, board: Leaderboard): string {
  const task = index.repo.tasks.get(board.task)?.name ?? board.task;
  const dataset = index.repo.datasets.get(board.dataset)?.name ?? board.dataset;
  return `${task} on ${dataset}`;
}

export function boardSummary(index: SiteIndex, from: PageAt, board: Leaderboard): BoardSummary {
  const best = bestEntry(board);
  return {
    leaderboard: leaderboardLink(index, from, board),
    task: taskLink(index, from, board.task),
    dataset: datasetLink(index, from, board.dataset),
    metric: metricLabel(board.primary),
    best: best
      ? {
          model: best.result.model,
          value: formatValue(best.result, board.primary.name),
          paper: paperLink(index, from, best.paper),
          extraData: best.result.extra_training_data === true,
        }
      : null,
  };
}

export function paperItem(index: SiteIndex, from: PageAt, id: string): PaperItem {
  const paper = index.repo.papers.get(id);
  return { paper: linkToPaper(from, id, paper), date: paper?.date ?? '' };
}

export function paperItems(index: SiteIndex, from: PageAt, ids: readonly string[]): PaperItem[] {
  return ids.map((id) => paperItem(index, from, id));
}

/** The code link a result row shows: its own, else the paper's official one, else the paper's first. */
export function codeUrl(paper: Paper | undefined, rowCode: string | undefined): string {
  if (rowCode) return rowCode;
  const code = paper?.code ?? [];
  return (code.find((c) => c.official) ?? code[0])?.url ?? '';
}
