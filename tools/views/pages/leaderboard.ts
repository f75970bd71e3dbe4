// The leaderboard page model: one benchmark's ranked table, its protocol and its chart.
import type { Leaderboard } from '../../model/leaderboard.ts';
import { count } from '../../model/count.ts';
import { directionText, formatValue, metricLabel } from '../format.ts';
import { pagePaths, relativeHref } from '../links.ts';
import type { SiteIndex } from '../site-index.ts';
import { codeUrl, datasetLink, leaderboardTitle, paperLink, taskLink, textOnly, type Link } from './common.ts';

export interface LeaderboardRow {
  rank: string;
  model: string;
  values: string[];
  extraData: string;
  paper: Link;
  code: Link;
  date: string;
}

export interface LeaderboardPage {
  title: string;
  task: Link;
  dataset: Link;
  /** The benchmark's description (Markdown), "" when it has none. */
  protocol: string;
  rankedBy: string;
  direction: string;
  /** The chart image: its alt text and href (rendered as `!` + link). */
  chart: Link;
  columns: string[];
  rows: LeaderboardRow[];
  /** "3 ranked results; 1 without a Top-1 Accuracy (%) value, listed after them unranked." */
  summary: string;
}

const NONE = '—';

export function leaderboardPage(index: SiteIndex, board: Leaderboard): LeaderboardPage {
  const path = pagePaths.leaderboard(board.task, board.dataset);
  const title = leaderboardTitle(index, board);
  const metrics = board.benchmark.metrics;
  const ranked = board.entries.filter((e) => e.rank !== undefined).length;
  return {
    title,
    task: taskLink(index, path, board.task),
    dataset: datasetLink(index, path, board.dataset),
    protocol: board.benchmark.description ?? '',
    rankedBy: metricLabel(board.primary),
    direction: directionText(board.primary.direction),
    chart: { text: `${title}: state of the art over time`, href: relativeHref(path, pagePaths.chart(board.task, board.dataset)) },
    columns: metrics.map(metricLabel),
    rows: board.entries.map((e) => {
      const paper = index.repo.papers.get(e.paper);
      const code = codeUrl(paper, e.result.code);
      return {
        rank: e.rank === undefined ? NONE : String(e.rank),
        model: e.result.model,
        values: metrics.map((m) => (Number.isFinite(e.result.metrics[m.name]) ? formatValue(e.result, m.name) : NONE)),
        extraData: e.result.extra_training_data ? 'Yes' : 'No',
        paper: paperLink(index, path, e.paper),
        code: code ? { text: 'Code', href: code } : textOnly(NONE),
        date: e.date || NONE,
      };
    }),
    summary:
      `${count(ranked, 'ranked result')}` +
      (ranked < board.entries.length
        ? `; ${board.entries.length - ranked} without a ${metricLabel(board.primary)} value, listed after them unranked`
        : '') +
      '.',
  };
}
