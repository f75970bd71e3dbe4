// The leaderboard page model: one benchmark's ranked table, its protocol and its chart.
import { ranks, type Leaderboard } from '../../model/leaderboard.ts';
import { count } from '../../model/count.ts';
import { numberText } from '../../model/printed.ts';
import type { SettingValue } from '../../model/types.ts';
import { directionText, formatValue, metricLabel } from '../format.ts';
import { markdownLinks, type LinkScheme } from '../links.ts';
import { paretoChartPaths, paretoFrontier } from '../pareto.ts';
import type { SiteIndex } from '../site-index.ts';
import { codeUrl, datasetLink, leaderboardTitle, paperLink, taskLink, textOnly, type Link } from './common.ts';

export interface LeaderboardRow {
  rank: string;
  model: string;
  values: string[];
  /** The row's value of each declared setting, as stated; "" when the row does not state it. */
  settings: string[];
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
  /** Why the board has no ranks and no chart, when its primary metric has no known direction; else "". */
  unranked: string;
  /** The chart image: its alt text and href (rendered as `!` + link). */
  chart: Link;
  columns: string[];
  /** The benchmark's declared settings, each headed by its name (and unit). */
  settingColumns: string[];
  rows: LeaderboardRow[];
  /** "Best without extra training data: ResNet-50, 75.3 (rank 16)." when results with and without are ranked, else "". */
  bestWithoutExtra: string;
  /** One part per cost metric the benchmark lists under `pareto`; none when it lists none. */
  pareto: ParetoPart[];
  /** "3 ranked results; 1 without a Top-1 Accuracy (%) value, listed after them unranked." */
  summary: string;
}

export interface ParetoPart {
  /** "Top 1 Accuracy (%) against Number of params (M)" */
  heading: string;
  chart: Link;
  valueLabel: string;
  costLabel: string;
  /** The results on the frontier, best cost first. */
  rows: { model: string; value: string; cost: string; extraData: string; paper: Link }[];
}

const NONE = '—';

export function leaderboardPage(index: SiteIndex, board: Leaderboard, links: LinkScheme = markdownLinks): LeaderboardPage {
  const path = { path: links.leaderboard(board.task, board.dataset), links };
  const title = leaderboardTitle(index, board);
  const metrics = board.benchmark.metrics;
  const settings = board.benchmark.settings ?? [];
  const ranked = board.entries.filter((e) => e.rank !== undefined).length;
  return {
    title,
    task: taskLink(index, path, board.task),
    dataset: datasetLink(index, path, board.dataset),
    protocol: board.benchmark.description ?? '',
    rankedBy: metricLabel(board.primary),
    direction: directionText(board.primary.direction),
    unranked: ranks(board.primary)
      ? ''
      : `Not ranked: the primary metric ${metricLabel(board.primary)} has no known direction (whether higher or lower is better), so the results are listed by paper date without ranks and without a state-of-the-art chart.`,
    chart: { text: `${title}: state of the art over time`, href: links.href(path.path, links.chart(board.task, board.dataset)) },
    columns: metrics.map(metricLabel),
    settingColumns: settings.map(metricLabel),
    rows: board.entries.map((e) => {
      const paper = index.repo.papers.get(e.paper);
      const code = codeUrl(paper, e.result.code);
      return {
        rank: e.rank === undefined ? NONE : String(e.rank),
        model: e.result.model,
        values: metrics.map((m) => (Number.isFinite(e.result.metrics[m.name]) ? formatValue(e.result, m.name) : NONE)),
        settings: settings.map((s) => settingText(e.result.settings?.[s.name])),
        extraData: e.result.extra_training_data ? 'Yes' : 'No',
        paper: paperLink(index, path, e.paper),
        code: code ? { text: 'Code', href: code } : textOnly(NONE),
        date: e.date || NONE,
      };
    }),
    bestWithoutExtra: bestWithoutExtra(board),
    pareto: paretoChartPaths(board, links).map(({ cost, path: chartPath }) => {
      const heading = `${metricLabel(board.primary)} against ${metricLabel(cost)}`;
      return {
        heading,
        chart: { text: `${title}: ${heading}`, href: links.href(path.path, chartPath) },
        valueLabel: metricLabel(board.primary),
        costLabel: metricLabel(cost),
        rows: paretoFrontier(board, cost).frontier.map(({ entry }) => ({
          model: entry.result.model,
          value: formatValue(entry.result, board.primary.name),
          cost: formatValue(entry.result, cost.name),
          extraData: entry.result.extra_training_data ? 'Yes' : 'No',
          paper: paperLink(index, path, entry.paper),
        })),
      };
    }),
    summary: !ranks(board.primary)
      ? `${count(board.entries.length, 'unranked result')}.`
      : `${count(ranked, 'ranked result')}` +
      (ranked < board.entries.length
        ? `; ${board.entries.length - ranked} without a ${metricLabel(board.primary)} value, listed after them unranked`
        : '') +
      '.',
  };
}

/** A setting's value as the row states it: text as written, a number in its shortest form, a boolean as Yes or No. */
function settingText(value: SettingValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return typeof value === 'number' ? numberText(value) : value;
}

/** The top ranked entry without extra training data, when the board also has ranked entries with it. */
function bestWithoutExtra(board: Leaderboard): string {
  const ranked = board.entries.filter((e) => e.rank !== undefined);
  const best = ranked.find((e) => !e.result.extra_training_data);
  if (!best || !ranked.some((e) => e.result.extra_training_data)) return '';
  return `Best without extra training data: ${best.result.model}, ${formatValue(best.result, board.primary.name)} (rank ${best.rank}).`;
}
