// The SOTA-over-time chart of a leaderboard as plain numbers and strings for the SVG template:
// every result a point by paper date and primary value, the best so far a step line, and a second
// one for results without extra training data when some have it and some do not.
import { periodStart } from '../model/dates.ts';
import { isBetter, ranks, type Leaderboard } from '../model/leaderboard.ts';
import type { MetricSpec } from '../model/types.ts';
import { dayDate, dayNumber, directionText, fixed, formatValue, metricLabel } from './format.ts';
import { pagePaths } from './links.ts';

export interface ChartPoint {
  cx: string;
  cy: string;
  label: string;
  extraData: boolean;
}

export interface ChartTick {
  at: string;
  label: string;
}

/** The size and plot area every chart shares, as the template writes them. */
export interface ChartFrame {
  width: string;
  height: string;
  plot: { left: string; top: string; right: string; bottom: string; tickEnd: string; width: string; height: string; middleX: string; middleY: string };
}

/** What every chart has besides its points and lines: titles, ticks and axis labels. */
export interface ChartAxes extends ChartFrame {
  title: string;
  desc: string;
  xTicks: ChartTick[];
  yTicks: ChartTick[];
  xLabel: string;
  yLabel: string;
  /** Nothing to plot: the template draws an empty frame. */
  empty: boolean;
}

export interface ChartModel extends ChartAxes {
  points: ChartPoint[];
  /** The best-so-far step line as an SVG path, "" when there are no points. */
  step: string;
  /** The best-so-far line of results without extra training data, "" unless results with and without are plotted. */
  stepWithoutExtra: string;
  hasExtraData: boolean;
}

const WIDTH = 720;
const HEIGHT = 400;
const MARGIN = { left: 72, right: 24, top: 56, bottom: 64 };
const COORD_DECIMALS = 2;

interface Datum {
  day: number;
  value: number;
  /** The value as its file prints it. */
  shown: string;
  model: string;
  date: string;
  extraData: boolean;
}

/** The board's state-of-the-art chart path under generated/; none for an unranked board (no best so far). */
export function chartPaths(board: Leaderboard): string[] {
  return ranks(board.primary) ? [pagePaths.chart(board.task, board.dataset)] : [];
}

export function chartModel(board: Leaderboard, title: string): ChartModel {
  const metric = board.primary;
  const data: Datum[] = board.entries
    .filter((e) => e.rank !== undefined && e.date !== '')
    .map((e) => ({
      // A partial date (2019-05) is placed at the start of its period; its label shows it as written.
      day: dayNumber(periodStart(e.date)),
      value: e.result.metrics[metric.name],
      shown: formatValue(e.result, metric.name),
      model: e.result.model,
      date: e.date,
      extraData: e.result.extra_training_data === true,
    }))
    // Board order breaks ties of the same day, so the step line is the same on every run.
    .sort((a, b) => a.day - b.day);

  const { plot, c, frame } = chartFrame();
  const base: Omit<ChartModel, 'xTicks' | 'yTicks' | 'points' | 'step' | 'stepWithoutExtra' | 'desc'> = {
    ...frame,
    title: `${title}: state of the art over time`,
    xLabel: 'Paper date',
    yLabel: `${metricLabel(metric)}, ${directionText(metric.direction)}`,
    empty: data.length === 0,
    hasExtraData: data.some((d) => d.extraData),
  };
  if (data.length === 0) {
    return { ...base, desc: `No results with a date and a ${metricLabel(metric)} value yet.`, xTicks: [], yTicks: [], points: [], step: '', stepWithoutExtra: '' };
  }

  const days = axis(Math.min(...data.map((d) => d.day)), Math.max(...data.map((d) => d.day)), 180);
  const values = valueAxis(Math.min(...data.map((d) => d.value)), Math.max(...data.map((d) => d.value)));
  const x = (day: number) => plot.left + ((day - days.min) / (days.max - days.min)) * (plot.right - plot.left);
  const y = (v: number) => plot.bottom - ((v - values.min) / (values.max - values.min)) * (plot.bottom - plot.top);

  const line = (series: Datum[]) => bestSoFar(series, metric.direction, (d) => c(x(d.day)), (d) => c(y(d.value)), c(plot.right));
  const { path: step, best } = line(data);
  const without = data.filter((d) => !d.extraData);
  const both = without.length > 0 && without.length < data.length;
  const second = both ? line(without) : undefined;

  return {
    ...base,
    desc:
      `${data.length} ${data.length === 1 ? 'result' : 'results'} plotted by paper date against ${metricLabel(metric)} ` +
      `(${directionText(metric.direction)}); the line is the best result so far. ` +
      `Best: ${best.model}, ${best.shown} (${best.date}).` +
      (second
        ? ` The dashed line is the best so far without extra training data; best: ${second.best.model}, ${second.best.shown} (${second.best.date}).`
        : ''),
    xTicks: dateTicks(days.min, days.max).map((t) => ({ at: c(x(t.day)), label: t.label })),
    yTicks: values.ticks.map((v) => ({ at: c(y(v)), label: fixed(v, values.decimals) })),
    points: data.map((d) => ({
      cx: c(x(d.day)),
      cy: c(y(d.value)),
      label: `${d.model}: ${d.shown} (${d.date})${d.extraData ? ', extra training data' : ''}`,
      extraData: d.extraData,
    })),
    step,
    stepWithoutExtra: second?.path ?? '',
  };
}

/**
 * The best-so-far step line through `data` (in the order of the x axis's sweep) as an SVG path
 * ending at x `end`, the best datum, and the data that improved on all before them (the first included).
 */
export function bestSoFar<D extends { value: number }>(
  data: readonly D[],
  direction: MetricSpec['direction'],
  x: (d: D) => string,
  y: (d: D) => string,
  end: string,
): { path: string; best: D; improvements: D[] } {
  let best = data[0];
  let path = `M${x(best)},${y(best)}`;
  const improvements = [best];
  for (const d of data.slice(1)) {
    if (isBetter(d.value, best.value, direction)) {
      best = d;
      improvements.push(d);
      path += `H${x(d)}V${y(d)}`;
    }
  }
  return { path: path + `H${end}`, best, improvements };
}

/** The plot area in numbers, the coordinate formatter, and the frame as the template writes it. */
export function chartFrame(): { plot: { left: number; top: number; right: number; bottom: number }; c: (n: number) => string; frame: ChartFrame } {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: WIDTH - MARGIN.right, bottom: HEIGHT - MARGIN.bottom };
  const c = (n: number) => fixed(n, COORD_DECIMALS);
  const frame: ChartFrame = {
    width: String(WIDTH),
    height: String(HEIGHT),
    plot: {
      left: c(plot.left),
      top: c(plot.top),
      right: c(plot.right),
      bottom: c(plot.bottom),
      tickEnd: c(plot.bottom + 5),
      width: c(plot.right - plot.left),
      height: c(plot.bottom - plot.top),
      middleX: c((plot.left + plot.right) / 2),
      middleY: c((plot.top + plot.bottom) / 2),
    },
  };
  return { plot, c, frame };
}

/** A domain around [lo, hi] with a little room at both ends; `minSpan` when all are equal. */
function axis(lo: number, hi: number, minSpan: number): { min: number; max: number } {
  const span = Math.max(hi - lo, minSpan);
  const mid = (lo + hi) / 2;
  const pad = span * 0.04;
  return { min: mid - span / 2 - pad, max: mid + span / 2 + pad };
}

/** A value axis on round numbers: about five ticks of 1, 2 or 5 times a power of ten. */
export function valueAxis(lo: number, hi: number): { min: number; max: number; ticks: number[]; decimals: number } {
  const span = hi - lo || Math.abs(hi) * 0.1 || 1;
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const stepSize = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const decimals = Math.max(0, -Math.floor(Math.log10(stepSize) + 1e-9));
  const first = Math.floor((hi === lo ? lo - span / 2 : lo) / stepSize);
  const last = Math.ceil((hi === lo ? hi + span / 2 : hi) / stepSize);
  const ticks: number[] = [];
  // Ticks as integer multiples of the step, so rounding never drifts across the axis.
  for (let k = first; k <= last; k++) ticks.push(Number((k * stepSize).toFixed(decimals + 2)));
  return { min: first * stepSize, max: last * stepSize, ticks, decimals };
}

/** Year ticks (every 1, 2, 5 or 10 years), or month ticks for spans under two years. */
function dateTicks(minDay: number, maxDay: number): { day: number; label: string }[] {
  const from = dayDate(Math.ceil(minDay));
  const to = dayDate(Math.floor(maxDay));
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(to.slice(0, 4));
  const years: number[] = [];
  for (let year = firstYear; year <= lastYear + 1; year++) {
    const day = dayNumber(`${year}-01-01`);
    if (day >= minDay && day <= maxDay) years.push(year);
  }
  if (years.length >= 2) {
    const every = [1, 2, 5, 10, 20, 50].find((n) => years.length / n <= 8) ?? 100;
    return years.filter((year) => year % every === 0).map((year) => ({ day: dayNumber(`${year}-01-01`), label: String(year) }));
  }
  const months: { day: number; label: string }[] = [];
  for (let year = firstYear; year <= lastYear + 1; year++) {
    for (let month = 1; month <= 12; month++) {
      const label = `${year}-${String(month).padStart(2, '0')}`;
      const day = dayNumber(`${label}-01`);
      if (day >= minDay && day <= maxDay) months.push({ day, label });
    }
  }
  const every = [1, 2, 3, 6, 12].find((n) => months.length / n <= 8) ?? 12;
  return months.filter((_, i) => i % every === 0);
}
