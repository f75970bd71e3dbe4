// A value as a zoo file gives it (76.5, "76.5%", 25560000 parameters, "4.1G"), converted to the unit a benchmark declares, or why not.
import { printedForm } from '../model/printed.ts';
import type { MetricSpec } from '../model/types.ts';
import type { GivenMetric } from './zoo-entry.ts';

/** Units that are a scale of a count: a value in M is a number of millions. */
const SCALES: Readonly<Record<string, number>> = { K: 1e3, k: 1e3, M: 1e6, G: 1e9, B: 1e9, T: 1e12 };

/** The value in the metric's unit; `note`: the text it was converted from, when it was rescaled. */
export type Converted = { value: number; printed?: string; note?: string } | { problem: string };

/** Removes binary noise (25560000 / 1e6 stays 25.56). */
const tidy = (x: number) => Number(x.toPrecision(12));

/**
 * The value of `given` in the unit of `metric`. A count (a model's Parameters or FLOPs) is
 * divided by the unit's scale (25560000 where the unit is M is 25.56); "76.5%" is 76.5 where the
 * unit is %; "4.1G" is a count with its scale. A plain number in (0, 1] for a percentage where
 * higher is better reads as a fraction of 1: the file does not say which it is, so it is refused,
 * as is anything that is not a number or lies outside the metric's declared range.
 */
export function convertValue(given: GivenMetric, metric: MetricSpec): Converted {
  const { text } = given.value;
  const unit = metric.unit;
  const scale = unit !== undefined ? SCALES[unit] : undefined;
  const percent = /^([-+]?\d+\.?\d*)\s*%$/.exec(text);
  const scaled = /^([-+]?\d+\.?\d*(?:[eE][-+]?\d+)?)\s*([KkMGBT])$/.exec(text);
  let converted: { value: number; printed?: string; note?: string };
  if (percent) {
    if (unit !== '%') return { problem: `${text} is a percentage, but the unit of "${metric.name}" is ${unit ?? 'not declared'}` };
    converted = { value: Number(percent[1]), printed: printedForm(percent[1], Number(percent[1])) };
  } else if (scaled) {
    const count = Number(scaled[1]) * SCALES[scaled[2]];
    if (unit !== undefined && scale === undefined) return { problem: `${text} is a count, but the unit of "${metric.name}" is ${unit}` };
    converted = { value: tidy(count / (scale ?? 1)), note: text };
  } else if (given.value.number === undefined) {
    return { problem: given.value.notScalar ? `${text} is not a number` : `"${text}" is not a number` };
  } else if (given.count && scale !== undefined) {
    converted = { value: tidy(given.value.number / scale), note: text };
  } else if (given.count && unit !== undefined) {
    return { problem: `${text} is a count, but the unit of "${metric.name}" is ${unit}` };
  } else {
    const value = given.value.number;
    if (unit === '%' && metric.direction === 'higher' && value > 0 && value <= 1) {
      return { problem: `${text} reads as a fraction of 1 where the unit of "${metric.name}" is %; the file does not say whether it means ${text} % or ${tidy(value * 100)} %` };
    }
    converted = { value, printed: printedForm(text.replace(/^\+/, ''), value) };
  }
  if (!Number.isFinite(converted.value)) return { problem: `"${text}" is not a finite number` };
  if ((metric.min !== undefined && converted.value < metric.min) || (metric.max !== undefined && converted.value > metric.max)) {
    return { problem: `${converted.value} is outside the declared range of "${metric.name}" (${metric.min ?? '-∞'} to ${metric.max ?? '∞'})` };
  }
  return converted;
}
