// The Pareto frontier of a leaderboard against each cost metric its benchmark lists under `pareto`
// (Number of params, FLOPs): the ranked results that no other result beats on both the primary
// metric and the cost, and the chart of the primary metric against the cost with the frontier drawn.
import { isBetter, ranks, type Leaderboard, type LeaderboardEntry } from '../model/leaderboard.ts';
import type { MetricSpec } from '../model/types.ts';
import { bestSoFar, chartFrame, type ChartAxes, valueAxis } from './chart.ts';
import { directionText, fixed, formatValue, metricLabel } from './format.ts';
import { pagePaths, type LinkScheme } from './links.ts';

export interface ParetoPoint {
  entry: LeaderboardEntry;
  /** The primary metric's value (the step line's `value`) and the cost metric's. */
  value: number;
  cost: number;
}

export interface ParetoFrontier {
  cost: MetricSpec;
  /** Every ranked result that states the cost, in the sweep's order: best cost first, then best value. */
  points: ParetoPoint[];
  /** The points no other point beats on both (better or equal on one and strictly better on the other), best cost first. */
  frontier: ParetoPoint[];
}

export interface ParetoChartPoint {
  cx: string;
  cy: string;
  label: string;
  onFrontier: boolean;
}

export interface ParetoChartModel extends ChartAxes {
  points: ParetoChartPoint[];
  /** The frontier as a step line (the best value at each cost or better), "" when there are no points. */
  frontier: string;
}

/**
 * The benchmark's cost metrics that it declares (the pareto-metric rule reports the others), in its
 * order; those with a direction only, and none on an unranked board: a frontier needs both directions.
 */
export function paretoMetrics(board: Leaderboard): MetricSpec[] {
  if (!ranks(board.primary)) return [];
  return (board.benchmark.pareto ?? [])
    .filter((name) => name !== board.primary.name)
    .flatMap((name) => board.benchmark.metrics.filter((m) => m.name === name).slice(0, 1))
    .filter(ranks);
}

/** Each cost metric's chart path under generated/, by the metric's name made safe for a file name. */
export function paretoChartPaths(board: Leaderboard, links: Pick<LinkScheme, 'pareto'> = pagePaths): { cost: MetricSpec; path: string }[] {
  const used = new Set<string>();
  return paretoMetrics(board).map((cost, i) => {
    let slug = cost.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'metric';
    // Two names may make one slug (FLOPs, flops): the later one takes its place in the list too.
    if (used.has(slug)) slug += `-${i + 1}`;
    used.add(slug);
    return { cost, path: links.pareto(board.task, board.dataset, slug) };
  });
}

export function paretoFrontier(board: Leaderboard, cost: MetricSpec): ParetoFrontier {
  const primary = board.primary;
  const points = board.entries
    .filter((e) => e.rank !== undefined && Number.isFinite(e.result.metrics[cost.name]))
    .map((entry) => ({ entry, value: entry.result.metrics[primary.name], cost: entry.result.metrics[cost.name] }));
  const sign = (direction: MetricSpec['direction']) => (direction === 'lower' ? 1 : -1);
  // A stable sort over board order: equal points keep their rank order, so the frontier is the same on every run.
  points.sort((a, b) => sign(cost.direction) * (a.cost - b.cost) || sign(primary.direction) * (a.value - b.value));
  // Swept from the best cost, a point is on the frontier when its value beats that of every point before it.
  const frontier: ParetoPoint[] = [];
  for (const p of points) if (frontier.length === 0 || isBetter(p.value, frontier[frontier.length - 1].value, primary.direction)) frontier.push(p);
  return { cost, points, frontier };
}

export function paretoChartModel(board: Leaderboard, title: string, front: ParetoFrontier): ParetoChartModel {
  const { primary } = board;
  const { cost, points, frontier } = front;
  const { plot, c, frame } = chartFrame();
  const base = {
    ...frame,
    title: `${title}: ${metricLabel(primary)} against ${metricLabel(cost)}`,
    xLabel: `${metricLabel(cost)}, ${directionText(cost.direction)}`,
    yLabel: `${metricLabel(primary)}, ${directionText(primary.direction)}`,
    empty: points.length === 0,
  };
  if (points.length === 0) {
    return { ...base, desc: `No ranked result states ${metricLabel(cost)} yet.`, xTicks: [], yTicks: [], points: [], frontier: '' };
  }
  const costs = valueAxis(Math.min(...points.map((p) => p.cost)), Math.max(...points.map((p) => p.cost)));
  const values = valueAxis(Math.min(...points.map((p) => p.value)), Math.max(...points.map((p) => p.value)));
  const x = (v: number) => plot.left + ((v - costs.min) / (costs.max - costs.min)) * (plot.right - plot.left);
  const y = (v: number) => plot.bottom - ((v - values.min) / (values.max - values.min)) * (plot.bottom - plot.top);
  const on = new Set(frontier);
  // The line runs from the best cost towards the worst: rightwards when lower costs are better.
  const end = c(cost.direction === 'lower' ? plot.right : plot.left);
  const line = bestSoFar(points, primary.direction, (p) => c(x(p.cost)), (p) => c(y(p.value)), end);
  const shown = (p: ParetoPoint) => `${p.entry.result.model}: ${formatValue(p.entry.result, primary.name)} at ${formatValue(p.entry.result, cost.name)}`;
  return {
    ...base,
    desc:
      `${points.length} ${points.length === 1 ? 'result' : 'results'} plotted by ${metricLabel(cost)} against ${metricLabel(primary)}; ` +
      `the line is the Pareto frontier, through ${frontier.length === 1 ? 'one result' : `${frontier.length} results`}: ` +
      `${frontier.map(shown).join('; ')}.`,
    xTicks: costs.ticks.map((v) => ({ at: c(x(v)), label: fixed(v, costs.decimals) })),
    yTicks: values.ticks.map((v) => ({ at: c(y(v)), label: fixed(v, values.decimals) })),
    points: points.map((p) => ({ cx: c(x(p.cost)), cy: c(y(p.value)), label: shown(p) + (on.has(p) ? ', on the frontier' : ''), onFrontier: on.has(p) })),
    frontier: line.path,
  };
}
