// Formatting numbers, dates and metric names for the pages: locale-free, so every machine writes the same bytes.
import { shownMetricValue } from '../model/printed.ts';
import type { Result } from '../model/repository.ts';
import type { MetricSpec } from '../model/types.ts';

/** "Top-1 Accuracy (%)": the metric's name, with its unit when it has one. */
export function metricLabel(metric: Pick<MetricSpec, 'name' | 'unit'>): string {
  return metric.unit ? `${metric.name} (${metric.unit})` : metric.name;
}

/** A row's value of a metric as its file prints it (77.0 stays 77.0), never locale-formatted. */
export function formatValue(row: Pick<Result, 'metrics' | 'printed'>, metric: string): string {
  return shownMetricValue(row, metric);
}

/** A number with a fixed count of decimals (for chart ticks and coordinates). */
export function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

export { directionText } from '../model/leaderboard.ts';

/** Days since 1970-01-01 for a YYYY-MM-DD date, computed in UTC (no time zone, no clock). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The YYYY-MM-DD date of a day number. */
export function dayDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Code-point order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
