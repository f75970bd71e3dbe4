// The bundle's data from the repository: every entity in its public shape, sorted by id, with
// result rows ranked on their leaderboards. Pure: same repository and source -> same value.
import { buildLeaderboards, primaryMetric } from '../model/leaderboard.ts';
import type { Dataset, Method, Paper, Repository, ResultSet, Source, Task } from '../model/repository.ts';
import type { MetricSpec, ResultRow, RowSource, SettingSpec } from '../model/types.ts';
import {
  BUNDLE_SCHEMA_VERSION,
  ENTITY_KINDS,
  type EntityKind,
  type BundleArea,
  type BundleBenchmark,
  type BundleData,
  type BundleDataset,
  type BundleMeta,
  type BundleMethod,
  type BundlePaper,
  type BundleResult,
  type BundleSourceEntity,
  type BundleTask,
} from './schema.ts';

/** Where the data came from: git facts about --root (all null when it is not a git repository). */
export interface BundleSource {
  commit: string | null;
  /** The commit date, UTC, YYYY-MM-DDTHH:MM:SSZ. */
  committedAt: string | null;
  /** Did data/ differ from the commit? */
  dirty: boolean | null;
}

/** The data is not fit for a bundle (it would break the bundle's guarantees); `problems` says why. */
export class BundleError extends Error {
  constructor(readonly problems: string[]) {
    super(`the data cannot be bundled:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The separator between a result row's leaderboard part and its model name. */
export const ROW_ID_SEPARATOR = '#';

export function resultRowId(set: Pick<ResultSet, 'id'>, model: string): string {
  return `${set.id}${ROW_ID_SEPARATOR}${model}`;
}

export function compareIds(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Copies the optional fields that are set, in the given order (so key order is fixed by code, not by the file). */
function present<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

const sorted = (ids: readonly string[] | undefined): string[] => [...(ids ?? [])].sort();

function metricSpec(m: MetricSpec): BundleBenchmark['metrics'][number] {
  return { name: m.name, ...present(m, ['direction', 'unit', 'min', 'max']) };
}

function settingSpec(s: SettingSpec): BundleBenchmark['settings'][number] {
  return { name: s.name, type: s.type, ...(s.values === undefined ? {} : { values: [...s.values] }), ...present(s, ['unit', 'description']) } as BundleBenchmark['settings'][number];
}

/** Metric values with keys in code-point order; fromEntries keeps keys like "__proto__" as plain data. */
function metricValues(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(metrics).sort().map((k) => [k, metrics[k]]));
}

/** A row's settings with keys in code-point order; empty when it states none. */
function settingValues(settings: ResultRow['settings']): Record<string, boolean | number | string> {
  const given = settings ?? {};
  return Object.fromEntries(Object.keys(given).sort().map((k) => [k, given[k]]));
}

/** A row's source as one object: structured ones keep kind, url and ref; plain text is `{text}`, so the two never look alike. */
function provenance(source: RowSource): NonNullable<BundleResult['provenance']> {
  if (typeof source === 'string') return { text: source };
  return { kind: source.kind, ...present(source, ['url', 'ref']) };
}

export function bundleMeta(source: BundleSource): BundleMeta {
  return {
    schema_version: BUNDLE_SCHEMA_VERSION,
    data_version: source.committedAt,
    source_commit: source.commit,
    source_dirty: source.dirty,
  };
}

/** The areas of data/areas.yaml. */
export function areaEntities(repo: Repository): BundleArea[] {
  return repo.areas.map((a) => ({ id: a.id, name: a.name, ...present(a, ['description']) }));
}

export function taskEntity(t: Task): BundleTask {
  return { id: t.id, name: t.name, area: t.area, ...present(t, ['parent', 'description']), synonyms: [...(t.synonyms ?? [])], ...present(t, ['pwc_slug']) };
}

export function datasetEntity(d: Dataset): BundleDataset {
  return {
    id: d.id,
    name: d.name,
    ...present(d, ['full_name', 'description', 'homepage', 'license', 'introduced_by', 'introduced_date']),
    modalities: [...(d.modalities ?? [])],
    languages: [...(d.languages ?? [])],
    ...present(d, ['variant_of', 'pwc_slug']),
  };
}

/** The benchmarks a dataset file declares. */
export function benchmarkEntities(d: Dataset): BundleBenchmark[] {
  return (d.benchmarks ?? []).map((b) => ({
    id: `${b.task}/${d.id}`,
    task: b.task,
    dataset: d.id,
    metrics: b.metrics.map(metricSpec) as BundleBenchmark['metrics'],
    primary: primaryMetric(b).name,
    ...present(b, ['description']),
    settings: (b.settings ?? []).map(settingSpec),
  }));
}

export function methodEntity(m: Method): BundleMethod {
  return {
    id: m.id,
    name: m.name,
    ...present(m, ['full_name', 'description']),
    collections: [...(m.collections ?? [])],
    ...present(m, ['introduced_by', 'introduced_year', 'pwc_slug']),
  };
}

export function paperEntity(p: Paper): BundlePaper {
  return {
    id: p.id,
    title: p.title,
    authors: [...(p.authors ?? [])],
    // As written, partial or not: compared as strings, dates sort by the start of their period.
    date: p.date,
    ...present(p, ['arxiv', 'url', 'pdf', 'venue', 'abstract']),
    tasks: sorted(p.tasks),
    methods: sorted(p.methods),
    datasets: sorted(p.datasets),
    code: (p.code ?? []).map((c) => ({ url: c.url, official: c.official ?? false, ...present(c, ['framework']) })),
    ...present(p, ['pwc_slug']),
  };
}

/**
 * The rank of every result row ("<result set id>\n<row index>"), taken from the leaderboards (the
 * one ranking rule of the project). A rank depends only on the rows of its leaderboard and its
 * benchmark's primary metric, so a repository holding just those gives the same ranks.
 */
export type ResultRanks = Map<string, number | null>;
/** What resultEntities reads of the ranks (the site's are computed a board at a time, when asked). */
export type RowRanks = Pick<ResultRanks, 'get'>;

export function resultRanks(repo: Repository): ResultRanks {
  const ranks: ResultRanks = new Map();
  for (const board of buildLeaderboards(repo).values()) {
    for (const entry of board.entries) ranks.set(`${entry.resultSet}\n${entry.row}`, entry.rank ?? null);
  }
  return ranks;
}

export function sourceEntity(s: Source): BundleSourceEntity {
  return { id: s.id, name: s.name, kind: s.kind, url: s.url, ...present(s, ['description']) };
}

/**
 * The rows of one result file, each with its rank. The file's id names a paper, or a source that
 * is not a paper (data/sources/: `repo` needs only those that the file could name).
 */
export function resultEntities(set: ResultSet, ranks: RowRanks, repo: Pick<Repository, 'sources'>): BundleResult[] {
  const reporter = repo.sources.has(set.paper) ? { source: set.paper } : { paper: set.paper };
  return set.results.map((row, index) => ({
    id: resultRowId(set, row.model),
    benchmark: `${set.task}/${set.dataset}`,
    task: set.task,
    dataset: set.dataset,
    ...reporter,
    model: row.model,
    metrics: metricValues(row.metrics),
    settings: settingValues(row.settings),
    extra_training_data: row.extra_training_data ?? false,
    // A row off every leaderboard (no declared benchmark) is caught by danglingReferences.
    rank: ranks.get(`${set.id}\n${index}`) ?? null,
    ...present(row, ['code', 'notes']),
    ...(row.source === undefined ? {} : { provenance: provenance(row.source) }),
  }));
}

/** The bundle's data. Throws BundleError when the repository breaks a guarantee the bundle makes. */
export function bundleData(repo: Repository, source: BundleSource): BundleData {
  const ranks = resultRanks(repo);
  const data: BundleData = {
    meta: bundleMeta(source),
    areas: areaEntities(repo).sort(compareIds),
    tasks: [...repo.tasks.values()].map(taskEntity).sort(compareIds),
    datasets: [...repo.datasets.values()].map(datasetEntity).sort(compareIds),
    benchmarks: [...repo.datasets.values()].flatMap(benchmarkEntities).sort(compareIds),
    methods: [...repo.methods.values()].map(methodEntity).sort(compareIds),
    papers: [...repo.papers.values()].map(paperEntity).sort(compareIds),
    sources: [...repo.sources.values()].map(sourceEntity).sort(compareIds),
    results: [...repo.results.values()].flatMap((set) => resultEntities(set, ranks, repo)).sort(compareIds),
  };
  const problems = dataProblems(data);
  if (problems.length > 0) throw new BundleError(problems);
  return data;
}

/** What breaks the bundle's guarantees: an id used twice, a reference to no known id. */
export function dataProblems(data: BundleData): string[] {
  return [...duplicateIds(data), ...danglingReferences(data)];
}

function duplicateIds(data: BundleData): string[] {
  const problems: string[] = [];
  for (const kind of ENTITY_KINDS) {
    const list = data[kind] as { id: string }[];
    for (let i = 1; i < list.length; i++) {
      if (list[i].id !== list[i - 1].id) continue;
      problems.push(
        kind === 'results'
          ? `result id "${list[i].id}" is used by two rows: the model "${(list[i] as BundleResult).model}" appears twice in ${resultFile(list[i] as BundleResult)}; give each row its own model name`
          : kind === 'benchmarks'
            ? `benchmark "${list[i].id}" is declared twice by dataset "${(list[i] as BundleBenchmark).dataset}"; declare one benchmark per task`
            : `${kind.slice(0, -1)} id "${list[i].id}" is defined twice`,
      );
    }
  }
  return problems;
}

/** The id of the paper or source that reports the row (its result file's name). */
export function reporterOf(r: BundleResult): string {
  return (r.paper ?? r.source)!;
}

function resultFile(r: BundleResult): string {
  return `data/results/${r.task}/${r.dataset}/${reporterOf(r)}.yaml`;
}

/** Every id a field refers to must exist in the bundle: consumers may join on them without checking. */
export function danglingReferences(data: BundleData): string[] {
  const ids = (list: { id: string }[]) => new Set(list.map((e) => e.id));
  const known = {
    areas: ids(data.areas),
    tasks: ids(data.tasks),
    datasets: ids(data.datasets),
    benchmarks: ids(data.benchmarks),
    methods: ids(data.methods),
    papers: ids(data.papers),
    sources: ids(data.sources),
  };
  return referenceProblems(data, known);
}

/** The ids of each kind that references may name. */
export type KnownIds = Record<Exclude<EntityKind, 'results'>, ReadonlySet<string>>;

/** The references of these entities that name no known id. */
export function referenceProblems(data: Pick<BundleData, EntityKind>, known: KnownIds): string[] {
  const { areas, tasks, datasets, benchmarks, methods, papers, sources } = known;
  const problems: string[] = [];
  const expect = (where: string, field: string, id: string | undefined, ids: ReadonlySet<string>, kind: string) => {
    if (id !== undefined && !ids.has(id)) problems.push(`${where}: ${field} "${id}" is not a known ${kind}`);
  };
  for (const t of data.tasks) {
    expect(`data/tasks/${t.id}.yaml`, 'area', t.area, areas, 'area');
    expect(`data/tasks/${t.id}.yaml`, 'parent', t.parent, tasks, 'task');
  }
  for (const d of data.datasets) {
    expect(`data/datasets/${d.id}.yaml`, 'introduced_by', d.introduced_by, papers, 'paper');
    expect(`data/datasets/${d.id}.yaml`, 'variant_of', d.variant_of, datasets, 'dataset');
  }
  for (const b of data.benchmarks) expect(`data/datasets/${b.dataset}.yaml`, 'benchmark task', b.task, tasks, 'task');
  for (const m of data.methods) expect(`data/methods/${m.id}.yaml`, 'introduced_by', m.introduced_by, papers, 'paper');
  for (const p of data.papers) {
    const where = `data/papers/${p.date.slice(0, 4)}/${p.id}.yaml`;
    for (const t of p.tasks) expect(where, 'tasks', t, tasks, 'task');
    for (const m of p.methods) expect(where, 'methods', m, methods, 'method');
    for (const d of p.datasets) expect(where, 'datasets', d, datasets, 'dataset');
  }
  const reported = new Set<string>();
  for (const r of data.results) {
    const where = resultFile(r);
    if (reported.has(where)) continue;
    const before = problems.length;
    expect(where, 'benchmark', r.benchmark, benchmarks, `benchmark (dataset "${r.dataset}" declares no benchmark for task "${r.task}")`);
    expect(where, 'paper', r.paper, papers, 'paper');
    expect(where, 'source', r.source, sources, 'source');
    if (problems.length > before) reported.add(where);
  }
  return problems;
}
