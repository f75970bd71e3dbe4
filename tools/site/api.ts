// The static API (docs/api.md): one JSON file per leaderboard, paper, source, task, dataset and
// method, an index and the schema, under api/v1/. The entities are the bundle's own (the same
// facts told the same way); the files add what a page shows with them: ranks, links, printed values.
import {
  areaEntities,
  resultRowId,
  benchmarkEntities,
  datasetEntity,
  methodEntity,
  paperEntity,
  resultEntities,
  sourceEntity,
  taskEntity,
} from '../bundle/contents.ts';
import type {
  BundleArea,
  BundleBenchmark,
  BundleDataset,
  BundleMethod,
  BundlePaper,
  BundleResult,
  BundleSourceEntity,
  BundleTask,
} from '../bundle/schema.ts';
import { ranks, type Leaderboard } from '../model/leaderboard.ts';
import { shownMetricValue } from '../model/printed.ts';
import type { Dataset, Method, Paper, Repository, ResultSet, Source, Task } from '../model/repository.ts';
import { codeUrl, leaderboardTitle } from '../views/pages/common.ts';
import { bestEntry, type SiteIndex } from '../views/site-index.ts';
import { API_VERSION, apiSchemaText } from './api-schema.ts';
import { boardFacts } from './board-facts.ts';
import type { SiteFile, SitePart } from './part.ts';
import { pageUrl, sitePaths } from './paths.ts';

export { API_VERSION };
export const API_SCHEMA_PATH = 'api/v1/schema.json';

/** A link: a path relative to the site's root (the folder holding api/), never absolute. */
type Path = string;

export interface ApiLinks {
  page: Path;
  api: Path;
  feed?: Path;
  badge?: Path;
}

/** A result row: the bundle's row, plus its values as printed, its paper's date and who reports it. */
export type ApiRow = BundleResult & {
  shown: Record<string, string>;
  date: string | null;
  reporter: { title: string; page: Path; api: Path };
  code_url?: string;
};

/** A row on a paper's (or source's) file: where it stands on its board. */
export type ApiPaperRow = ApiRow & { ranked_rows: number | null; leaderboard: ApiLinks | null };

export interface ApiSotaStep {
  date: string;
  model: string;
  value: number;
  shown: string;
  result: string;
  extra_training_data: boolean;
}

export interface ApiBoardSummary {
  id: string;
  task: string;
  dataset: string;
  title: string;
  metric: string;
  ranked_rows: number;
  best: { model: string; value: number; shown: string; result: string } | null;
  links: ApiLinks;
}

interface Envelope<K extends string> {
  api_version: string;
  kind: K;
  id: string;
}

export interface ApiLeaderboard extends Envelope<'leaderboard'> {
  title: string;
  benchmark: BundleBenchmark;
  ranked: boolean;
  rows: ApiRow[];
  sota_history: ApiSotaStep[];
  links: ApiLinks & { task: Path; dataset: Path };
}

export interface ApiPaper extends Envelope<'paper'> {
  paper: BundlePaper;
  results: ApiPaperRow[];
  links: ApiLinks;
}

export interface ApiSource extends Envelope<'source'> {
  source: BundleSourceEntity;
  results: ApiPaperRow[];
  links: ApiLinks;
}

export interface ApiTask extends Envelope<'task'> {
  task: BundleTask;
  subtasks: string[];
  leaderboards: ApiBoardSummary[];
  papers: string[];
  links: ApiLinks;
}

export interface ApiDataset extends Envelope<'dataset'> {
  dataset: BundleDataset;
  benchmarks: BundleBenchmark[];
  variants: string[];
  leaderboards: ApiBoardSummary[];
  papers: string[];
  links: ApiLinks;
}

export interface ApiMethod extends Envelope<'method'> {
  method: BundleMethod;
  papers: string[];
  links: ApiLinks;
}

export interface ApiIndex {
  api_version: string;
  kind: 'index';
  counts: Record<'areas' | 'tasks' | 'datasets' | 'leaderboards' | 'methods' | 'papers' | 'sources' | 'results', number>;
  links: { schema: Path; home: Path };
  /** Each kind's file and page paths, with "{id}" standing for the id. */
  templates: Record<'leaderboard' | 'task' | 'dataset' | 'method' | 'paper' | 'source', ApiLinks>;
  areas: (BundleArea & { tasks: string[]; feed: Path })[];
  tasks: string[];
  datasets: string[];
  leaderboards: string[];
  methods: string[];
  papers: string[];
  sources: string[];
}

export type ApiFile = ApiIndex | ApiLeaderboard | ApiPaper | ApiSource | ApiTask | ApiDataset | ApiMethod;

/** Compact JSON with a final newline; key order is the order the code builds objects in, so bytes are stable. */
export function apiBody(file: ApiFile | object): string {
  return JSON.stringify(file) + '\n';
}

export const apiPart: SitePart = ({ index }, unit) => {
  const file = (path: string, value: ApiFile): SiteFile => ({ path, body: apiBody(value) });
  switch (unit.kind) {
    case 'home':
      return [file(sitePaths.api.index(), apiIndex(index)), { path: API_SCHEMA_PATH, body: apiSchemaText() }];
    case 'leaderboard':
      return [file(sitePaths.api.leaderboard(unit.board.task, unit.board.dataset), apiLeaderboard(index, unit.board))];
    case 'paper':
      return [file(sitePaths.api.paper(unit.paper.id), apiPaper(index, unit.paper))];
    case 'source':
      return [file(sitePaths.api.source(unit.source.id), apiSource(index, unit.source))];
    case 'task':
      return [file(sitePaths.api.task(unit.task.id), apiTask(index, unit.task))];
    case 'dataset':
      return [file(sitePaths.api.dataset(unit.dataset.id), apiDataset(index, unit.dataset))];
    case 'method':
      return [file(sitePaths.api.method(unit.method.id), apiMethod(index, unit.method))];
  }
};

const envelope = <K extends string>(kind: K, id: string): Envelope<K> => ({ api_version: API_VERSION, kind, id });

export function leaderboardLinks(task: string, dataset: string): ApiLinks {
  return {
    page: pageUrl(sitePaths.leaderboard(task, dataset)),
    api: sitePaths.api.leaderboard(task, dataset),
    feed: sitePaths.feed.leaderboard(task, dataset),
    badge: sitePaths.badge.leaderboard(task, dataset),
  };
}

const paperLinks = (id: string): ApiLinks => ({ page: pageUrl(sitePaths.paper(id)), api: sitePaths.api.paper(id) });
const sourceLinks = (id: string): ApiLinks => ({ page: pageUrl(sitePaths.source(id)), api: sitePaths.api.source(id) });

/** The page and file of whatever reports results: a paper, or a source that is not a paper (the bundle's rule: a source id wins). */
function reporterLinks(repo: Repository, id: string): ApiLinks {
  return repo.sources.has(id) ? sourceLinks(id) : paperLinks(id);
}

/** The rows of one result file in the API's shape, in file order. */
function apiRows(index: SiteIndex, set: ResultSet): ApiRow[] {
  const { repo } = index;
  const paper = repo.papers.get(set.paper);
  const { page, api } = reporterLinks(repo, set.paper);
  const title = repo.sources.get(set.paper)?.name ?? paper?.title ?? set.paper;
  const bundleRows = resultEntities(set, boardFacts(index).rowRanks, repo);
  return bundleRows.map((row, i) => {
    const result = set.results[i];
    const code = codeUrl(paper, result.code);
    return {
      ...row,
      shown: Object.fromEntries(Object.keys(row.metrics).map((m) => [m, shownMetricValue(result, m)])),
      date: paper?.date ?? null,
      reporter: { title, page, api },
      ...(code ? { code_url: code } : {}),
    };
  });
}

export function apiLeaderboard(index: SiteIndex, board: Leaderboard): ApiLeaderboard {
  const rowsBySet = new Map<string, ApiRow[]>();
  const rows = board.entries.map((e) => {
    let list = rowsBySet.get(e.resultSet);
    if (!list) {
      const set = index.repo.results.get(e.resultSet)!;
      rowsBySet.set(e.resultSet, (list = apiRows(index, set)));
    }
    return list[e.row];
  });
  const dataset = index.repo.datasets.get(board.dataset);
  const benchmark = (dataset ? benchmarkEntities(dataset) : []).find((b) => b.task === board.task)!;
  return {
    ...envelope('leaderboard', board.id),
    title: leaderboardTitle(index, board),
    benchmark,
    ranked: ranks(board.primary),
    rows,
    sota_history: boardFacts(index).sotaSteps(board).map((e) => ({
      date: e.date,
      model: e.result.model,
      value: e.result.metrics[board.primary.name],
      shown: shownMetricValue(e.result, board.primary.name),
      result: resultRowId({ id: e.resultSet }, e.result.model),
      extra_training_data: e.result.extra_training_data ?? false,
    })),
    links: { ...leaderboardLinks(board.task, board.dataset), task: sitePaths.api.task(board.task), dataset: sitePaths.api.dataset(board.dataset) },
  };
}

/** A paper's (or source's) rows on every board it reports on, by result file id then file order. */
function reporterResults(index: SiteIndex, id: string): ApiPaperRow[] {
  const facts = boardFacts(index);
  return (index.resultsByPaper.get(id) ?? []).flatMap((set) => {
    const board = index.leaderboards.get(`${set.task}/${set.dataset}`);
    return apiRows(index, set).map((row) => ({
      ...row,
      ranked_rows: board ? facts.rankedCount(board) : null,
      leaderboard: board ? leaderboardLinks(board.task, board.dataset) : null,
    }));
  });
}

export function apiPaper(index: SiteIndex, paper: Paper): ApiPaper {
  const id = paper.id;
  return { ...envelope('paper', id), paper: paperEntity(paper), results: reporterResults(index, id), links: paperLinks(id) };
}

export function apiSource(index: SiteIndex, source: Source): ApiSource {
  const id = source.id;
  return { ...envelope('source', id), source: sourceEntity(source), results: reporterResults(index, id), links: sourceLinks(id) };
}

function boardSummary(index: SiteIndex, board: Leaderboard): ApiBoardSummary {
  const best = bestEntry(board);
  const metric = board.primary.name;
  return {
    id: board.id,
    task: board.task,
    dataset: board.dataset,
    title: leaderboardTitle(index, board),
    metric,
    ranked_rows: boardFacts(index).rankedCount(board),
    best: best
      ? { model: best.result.model, value: best.result.metrics[metric], shown: shownMetricValue(best.result, metric), result: resultRowId({ id: best.resultSet }, best.result.model) }
      : null,
    links: leaderboardLinks(board.task, board.dataset),
  };
}

export function apiTask(index: SiteIndex, task: Task): ApiTask {
  const id = task.id;
  return {
    ...envelope('task', id),
    task: taskEntity(task),
    subtasks: index.subtasks.get(id) ?? [],
    leaderboards: (index.boardsByTask.get(id) ?? []).map((b) => boardSummary(index, b)),
    papers: index.papersByTask.get(id) ?? [],
    links: { page: pageUrl(sitePaths.task(id)), api: sitePaths.api.task(id), feed: sitePaths.feed.task(id) },
  };
}

export function apiDataset(index: SiteIndex, dataset: Dataset): ApiDataset {
  const id = dataset.id;
  return {
    ...envelope('dataset', id),
    dataset: datasetEntity(dataset),
    benchmarks: benchmarkEntities(dataset),
    variants: index.variants.get(id) ?? [],
    leaderboards: (index.boardsByDataset.get(id) ?? []).map((b) => boardSummary(index, b)),
    papers: index.papersByDataset.get(id) ?? [],
    links: { page: pageUrl(sitePaths.dataset(id)), api: sitePaths.api.dataset(id) },
  };
}

export function apiMethod(index: SiteIndex, method: Method): ApiMethod {
  const id = method.id;
  return {
    ...envelope('method', id),
    method: methodEntity(method),
    papers: index.papersByMethod.get(id) ?? [],
    links: { page: pageUrl(sitePaths.method(id)), api: sitePaths.api.method(id) },
  };
}

const sortedIds = (ids: Iterable<string>): string[] => [...ids].sort();

/** Path templates: each kind's paths with "{id}" for the id (a leaderboard's id is "<task>/<dataset>"). */
export function apiTemplates(): ApiIndex['templates'] {
  const id = '{id}';
  const board = leaderboardLinks('{task}', '{dataset}');
  const asId = (path: string | undefined) => path?.replace('{task}/{dataset}', id);
  return {
    leaderboard: { page: asId(board.page)!, api: asId(board.api)!, feed: asId(board.feed), badge: asId(board.badge) },
    task: { page: pageUrl(sitePaths.task(id)), api: sitePaths.api.task(id), feed: sitePaths.feed.task(id) },
    dataset: { page: pageUrl(sitePaths.dataset(id)), api: sitePaths.api.dataset(id) },
    method: { page: pageUrl(sitePaths.method(id)), api: sitePaths.api.method(id) },
    paper: paperLinks(id),
    source: sourceLinks(id),
  };
}

export function apiIndex(index: SiteIndex): ApiIndex {
  const { repo } = index;
  const tasksOfArea = new Map<string, string[]>();
  for (const task of repo.tasks.values()) {
    const list = tasksOfArea.get(task.area);
    if (list) list.push(task.id);
    else tasksOfArea.set(task.area, [task.id]);
  }
  let results = 0;
  for (const set of repo.results.values()) results += set.results.length;
  return {
    api_version: API_VERSION,
    kind: 'index',
    counts: {
      areas: repo.areas.length,
      tasks: repo.tasks.size,
      datasets: repo.datasets.size,
      leaderboards: index.leaderboards.size,
      methods: repo.methods.size,
      papers: repo.papers.size,
      sources: repo.sources.size,
      results,
    },
    links: { schema: API_SCHEMA_PATH, home: pageUrl(sitePaths.home()) },
    templates: apiTemplates(),
    areas: areaEntities(repo).map((a) => ({ ...a, tasks: sortedIds(tasksOfArea.get(a.id) ?? []), feed: sitePaths.feed.area(a.id) })),
    tasks: sortedIds(repo.tasks.keys()),
    datasets: sortedIds(repo.datasets.keys()),
    leaderboards: sortedIds(index.leaderboards.keys()),
    methods: sortedIds(repo.methods.keys()),
    papers: sortedIds(repo.papers.keys()),
    sources: sortedIds(repo.sources.keys()),
  };
}
