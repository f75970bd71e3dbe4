// Decides what of one (task, dataset) table is taken: which metrics (in order, with a known direction but the ranking one), which values and rows.
import type { MetricSpec } from '../model/types.ts';
import type { BenchmarkDraft, RowDraft } from './archive.ts';
import { metricKey, type MetricDirections } from './metric-direction.ts';
import { parseMetricValue } from './metric-value.ts';
import type { Note, Skipped } from './report.ts';

export interface TakenValue {
  metric: string;
  value: number;
  note?: string;
  /** As the dump prints it, where that is not the number's shortest form (95.50). */
  printed?: string;
}

/** A row and what is taken of it; `values` is in the benchmark's metric order. */
export interface RowDecision {
  row: RowDraft;
  values: TakenValue[];
  /** Why the whole row is not imported (set here or by later stages). */
  skipped?: string;
  /** How many of the row's values are reported one by one (so a value is never both written and reported). */
  listed: number;
}

/** Reports one value of a row as not taken, and removes it from what the row takes. */
export function skipValue(decision: RowDecision, metric: string, reason: string, skip: (s: Skipped) => void): void {
  const raw = decision.row.values.find((v) => v.metric === metric)?.raw;
  skip({ ...decision.row.origin, kind: 'value', name: metric, value: raw, reason });
  decision.listed++;
  decision.values = decision.values.filter((v) => v.metric !== metric);
}

export interface BenchmarkDecision {
  draft: BenchmarkDraft;
  /** Declared metrics, the first ranking; empty when the benchmark is not imported. */
  metrics: MetricSpec[];
  rows: RowDecision[];
  /** Why the benchmark is not imported. */
  skipped?: string;
}

/**
 * The metrics of a table are its `sota.metrics` in order, then names that only rows use. A metric
 * with no number in any row is a column of text, not a metric: left out. Every other metric needs
 * a direction, but the first (ranking) one: when it has none, it is declared without one and the
 * table is an unranked leaderboard (listed, never ranked; validate warns with unranked-benchmark).
 * Any other metric without a direction is left out. Nothing is guessed, and everything left out is reported.
 */
export function decideBenchmark(draft: BenchmarkDraft, directions: MetricDirections, skip: (s: Skipped) => void, note: (n: Omit<Note, 'path'>) => void): BenchmarkDecision {
  const where = { file: draft.origin.file, task: draft.task.name, dataset: draft.dataset.name };
  const declared = [...draft.metrics];
  for (const row of draft.rows) {
    for (const v of row.values) {
      if (v.metric !== '' && !declared.includes(v.metric)) {
        declared.push(v.metric);
        note({ kind: 'metric', note: `"${v.metric}" is used by rows of ${draft.task.name} / ${draft.dataset.name} but not listed in sota.metrics: declared after the listed metrics` });
      }
    }
  }
  // Names that differ only in case or punctuation would be one metric to the validator: the first stands.
  const byKey = new Map<string, string>();
  const twice = new Map<string, string>();
  for (const name of declared) {
    const first = byKey.get(metricKey(name));
    if (first === undefined) byKey.set(metricKey(name), name);
    else twice.set(name, first);
  }

  const rows: RowDecision[] = draft.rows.map((row) => ({ row, values: [], listed: 0 }));
  const parsed = new Map<string, number>(); // metric -> rows with a number
  for (const decision of rows) {
    const { row } = decision;
    for (const { metric, raw } of row.values) {
      if (decision.values.some((v) => v.metric === metric)) {
        skip({ ...row.origin, kind: 'value', name: metric, value: raw, reason: 'the row gives this metric twice (its names differ only in spacing): the first is taken' });
        decision.listed++;
        continue;
      }
      if (metric === '') {
        skipValue(decision, metric, 'the metric has no name', skip);
        continue;
      }
      const earlier = twice.get(metric);
      if (earlier !== undefined) {
        skipValue(decision, metric, `the metric "${metric}" is the same as "${earlier}" but for case or punctuation: only "${earlier}" is declared`, skip);
        continue;
      }
      const result = parseMetricValue(raw);
      if (!result.ok) {
        skipValue(decision, metric, `the value is not taken: ${result.reason}`, skip);
        continue;
      }
      decision.values.push({ metric, value: result.value, note: result.note, ...(result.printed ? { printed: result.printed } : {}) });
      parsed.set(metric, (parsed.get(metric) ?? 0) + 1);
    }
  }

  const kept: MetricSpec[] = [];
  const dropped = new Map<string, string>(); // metric -> why its values are not taken
  for (const name of declared) {
    if (twice.has(name)) continue;
    if (draft.rows.length > 0 && !parsed.has(name)) {
      skip({ ...where, kind: 'metric', name, reason: 'no row has a number for this metric (a column of text, not a metric)' });
      continue;
    }
    const decided = directions.decide(name, { task: draft.task.name, dataset: rootDatasetName(draft) });
    if (!decided) {
      if (kept.length === 0) {
        note({ kind: 'metric', note: `the ranking metric "${name}" of ${draft.task.name} / ${draft.dataset.name} has no known direction: imported as an unranked leaderboard (add it to tools/import-pwc/metric-directions.yaml to rank it)` });
        kept.push({ name });
        continue;
      }
      const why = `the metric "${name}" has no known direction (add it to tools/import-pwc/metric-directions.yaml)`;
      skip({ ...where, kind: 'metric', name, reason: why });
      dropped.set(name, why);
      continue;
    }
    kept.push({ name, direction: decided.direction });
  }
  if (kept.length === 0) {
    const reason = 'the table has no metric with a number';
    skip({ ...where, kind: 'benchmark', reason });
    return skipAll(draft, rows, reason);
  }

  const order = new Map(kept.map((m, i) => [m.name, i]));
  for (const decision of rows) {
    for (const v of [...decision.values]) {
      const why = dropped.get(v.metric);
      if (why) skipValue(decision, v.metric, why, skip);
    }
    decision.values.sort((a, b) => order.get(a.metric)! - order.get(b.metric)!);
    if (decision.values.length === 0) decision.skipped = 'no metric value of the row could be taken';
    else if (decision.row.model === undefined) decision.skipped = 'the row has no model name';
  }
  return { draft, metrics: kept, rows };
}

function skipAll(draft: BenchmarkDraft, rows: RowDecision[], reason: string): BenchmarkDecision {
  for (const decision of rows) {
    decision.values = [];
    decision.skipped = `the table is not imported: ${reason}`;
  }
  return { draft, metrics: [], rows, skipped: reason };
}

/** The dataset name as the dump's table names it (a subdataset's scope is its dataset's). */
function rootDatasetName(draft: BenchmarkDraft): string {
  let d = draft.dataset;
  while (d.variantOf && d.name.startsWith(`${d.variantOf.name} (`)) d = d.variantOf;
  return d.name;
}
