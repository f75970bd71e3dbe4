// The flat table of result values (pwc-results.parquet and .csv.gz): one row per metric value of
// every result row, joined with its benchmark's metric declaration and its paper's date, for
// pandas, Polars and DuckDB users. The columns are declared once here; the encoders and the docs
// test read them from FLAT_COLUMNS. Pure: same bundle data, same table.
import { periodStart } from '../model/dates.ts';
import type { BundleBenchmark, BundlePaper, BundleResult } from './schema.ts';

export const FLAT_PARQUET_NAME = 'pwc-results.parquet';
export const FLAT_CSV_GZ_NAME = 'pwc-results.csv.gz';

/** A column's type: strings, a double, a boolean, a 32-bit integer, a calendar day, a JSON text. */
export type FlatType = 'string' | 'double' | 'boolean' | 'int32' | 'date' | 'json';

export interface FlatColumn {
  name: string;
  type: FlatType;
  /** May the column hold nulls? */
  nullable: boolean;
  description: string;
}

/**
 * The columns, in order. Adding one is a minor version of the bundle schema; removing, renaming or
 * retyping one is major (docs/bundle.md, "The flat tables").
 */
export const FLAT_COLUMNS = [
  { name: 'result_id', type: 'string', nullable: false, description: 'The id of the result row in `pwc-data.json` (`<task>/<dataset>/<paper or source>#<model>`): the rows of one result share it.' },
  { name: 'benchmark', type: 'string', nullable: false, description: 'The leaderboard: `<task>/<dataset>`.' },
  { name: 'task', type: 'string', nullable: false, description: 'The task id.' },
  { name: 'dataset', type: 'string', nullable: false, description: 'The dataset id.' },
  { name: 'paper', type: 'string', nullable: true, description: 'The id of the paper that reports the result; null when a source that is not a paper does.' },
  { name: 'source', type: 'string', nullable: true, description: 'The id of that source (an official leaderboard, code, ...); null when a paper reports it. Exactly one of `paper` and `source` is set.' },
  { name: 'model', type: 'string', nullable: false, description: 'The model name as reported; unique on its leaderboard.' },
  { name: 'metric', type: 'string', nullable: false, description: 'The metric name, as the benchmark declares it.' },
  { name: 'value', type: 'double', nullable: false, description: 'The value, exactly as in the data.' },
  { name: 'unit', type: 'string', nullable: true, description: 'The metric\'s declared unit (`%`, `M`, ...); null when it has none.' },
  { name: 'direction', type: 'string', nullable: true, description: '`higher` or `lower` is better; null when unknown.' },
  { name: 'is_primary', type: 'boolean', nullable: false, description: 'True when the metric is the one that ranks the leaderboard.' },
  { name: 'rank', type: 'int32', nullable: true, description: 'The result row\'s rank on its leaderboard by the primary metric (the same on each of its values); null when unranked.' },
  { name: 'extra_training_data', type: 'boolean', nullable: false, description: 'True when the model was trained on data beyond the benchmark\'s training set.' },
  { name: 'date', type: 'string', nullable: true, description: 'The paper\'s date as written: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null for a source.' },
  { name: 'date_start', type: 'date', nullable: true, description: 'The first day of that date\'s period (`2019-05` gives 2019-05-01), for sorting and filtering by time; null with `date`.' },
  { name: 'settings', type: 'json', nullable: false, description: 'The evaluation settings the row states, a JSON object with sorted keys (`{"resolution":224}`); `{}` when none.' },
  { name: 'code', type: 'string', nullable: true, description: 'Code for this model, when it differs from the paper\'s.' },
  { name: 'notes', type: 'string', nullable: true, description: 'Notes on the row\'s setting.' },
  { name: 'provenance_kind', type: 'string', nullable: true, description: 'Where the numbers come from, when structured: `paper`, `code`, `leaderboard`, `reproduction` or `other`.' },
  { name: 'provenance_url', type: 'string', nullable: true, description: 'Its address, when given.' },
  { name: 'provenance_ref', type: 'string', nullable: true, description: 'Where in it, such as `Table 2`, when given.' },
  { name: 'provenance_text', type: 'string', nullable: true, description: 'A plain-text source as written (`Table 3`); set exactly when `provenance_kind` is not.' },
] as const satisfies readonly FlatColumn[];

export type FlatColumnName = (typeof FLAT_COLUMNS)[number]['name'];

type Cell<T extends FlatType> = T extends 'double' | 'int32' ? number : T extends 'boolean' ? boolean : T extends 'json' ? Record<string, unknown> : string;

/** One row of the table, a value (or null where the column allows it) per column. */
export type FlatRow = {
  [C in (typeof FLAT_COLUMNS)[number] as C['name']]: Cell<C['type']> | (C['nullable'] extends true ? null : never);
};

/** The table by columns: what the Parquet writer takes, and what the CSV is written from row by row. */
export type FlatTable = { [K in FlatColumnName]: FlatRow[K][] } & { length: number };

/** What the table reads of the bundle: results in id order, the benchmarks' metrics, the papers' dates. */
export type FlatSource = {
  results: Iterable<BundleResult>;
  benchmarks: Iterable<Pick<BundleBenchmark, 'id' | 'metrics' | 'primary'>>;
  papers: Iterable<Pick<BundlePaper, 'id' | 'date'>>;
};

/**
 * The table: for each result (in the order given, the bundle's id order), one row per metric in
 * code-point order of the names (the order of the row's `metrics`). A `-0` is written `0`, as in
 * pwc-data.json.
 */
export function flatTable(data: FlatSource): FlatTable {
  const metricsOf = new Map<string, { primary: string; specs: Map<string, BundleBenchmark['metrics'][number]> }>();
  for (const b of data.benchmarks) metricsOf.set(b.id, { primary: b.primary, specs: new Map(b.metrics.map((m) => [m.name, m])) });
  const dateOf = new Map<string, string>();
  for (const p of data.papers) dateOf.set(p.id, p.date);
  const table = Object.fromEntries(FLAT_COLUMNS.map((c) => [c.name, []])) as unknown as FlatTable;
  let length = 0;
  for (const r of data.results) {
    const benchmark = metricsOf.get(r.benchmark);
    const date = r.paper === undefined ? null : (dateOf.get(r.paper) ?? null);
    const start = date === null ? null : periodStart(date);
    const provenance = (r.provenance ?? {}) as { kind?: string; url?: string; ref?: string; text?: string };
    for (const metric of Object.keys(r.metrics)) {
      const spec = benchmark?.specs.get(metric);
      table.result_id.push(r.id);
      table.benchmark.push(r.benchmark);
      table.task.push(r.task);
      table.dataset.push(r.dataset);
      table.paper.push(r.paper ?? null);
      table.source.push(r.source ?? null);
      table.model.push(r.model);
      table.metric.push(metric);
      table.value.push(r.metrics[metric] + 0);
      table.unit.push(spec?.unit ?? null);
      table.direction.push(spec?.direction ?? null);
      table.is_primary.push(benchmark?.primary === metric);
      table.rank.push(r.rank);
      table.extra_training_data.push(r.extra_training_data);
      table.date.push(date);
      table.date_start.push(start);
      table.settings.push(r.settings);
      table.code.push(r.code ?? null);
      table.notes.push(r.notes ?? null);
      table.provenance_kind.push(provenance.kind ?? null);
      table.provenance_url.push(provenance.url ?? null);
      table.provenance_ref.push(provenance.ref ?? null);
      table.provenance_text.push(provenance.text ?? null);
      length++;
    }
  }
  table.length = length;
  return table;
}
