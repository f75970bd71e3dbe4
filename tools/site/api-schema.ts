// The public JSON Schema (draft 2020-12) of the static API's files (api/v1/schema.json): one
// definition per file kind, the entities taken whole from the bundle's public schema so that the
// API and the bundle tell the same facts the same way.
import { bundleSchema, BUNDLE_SCHEMA_VERSION } from '../bundle/schema.ts';

/** The API's version; kept here so the schema and the files never disagree (api.ts re-exports it). */
export const API_VERSION = '1.0.0';
export const API_SCHEMA_ID = 'https://pwc-data.dev/schemas/api/v1/schema.json';

/** The file kinds, each a definition under $defs. */
export const API_FILE_KINDS = ['index', 'leaderboard', 'paper', 'source', 'task', 'dataset', 'method'] as const;
export type ApiFileKind = (typeof API_FILE_KINDS)[number];

const entity = bundleSchema.properties;
const ref = (name: string) => ({ $ref: `#/$defs/${name}` });

const path = {
  type: 'string',
  pattern: '^(?!/)(?![a-z][a-z0-9+.-]*:)',
  description: 'A path relative to the site\'s root (the folder that holds api/): resolve it against the site\'s URL. "" is the home page.',
} as const;
const slug = entity.tasks.items.properties.id;
const ids = (description: string) => ({ type: 'array', items: slug, description }) as const;
const text = entity.tasks.items.properties.name;

const links = {
  type: 'object',
  additionalProperties: false,
  required: ['page', 'api'],
  properties: {
    page: { ...path, description: 'The entity\'s page (a folder URL ending in "/").' },
    api: { ...path, description: 'This API file.' },
    feed: { ...path, description: 'Its Atom feed, where it has one.' },
    badge: { ...path, description: 'Its SVG badge, where it has one.' },
  },
} as const;

const envelope = (kind: ApiFileKind) =>
  ({
    api_version: { type: 'string', const: API_VERSION, description: 'The version (semver) of the API this file follows (docs/api.md).' },
    kind: { type: 'string', const: kind, description: 'What this file describes.' },
    id: { type: 'string', description: 'The id of what it describes (as in the bundle).' },
  }) as const;

const shown = {
  type: 'object',
  additionalProperties: { type: 'string', description: 'The value as its data file prints it (77.0 stays "77.0").' },
  description: 'The row\'s values as printed, by metric name (the same keys as `metrics`): the precision a paper reports is information.',
} as const;

const rowSchema = {
  ...entity.results.items,
  title: 'Row',
  description: 'A result row: the bundle\'s result (same fields, same meaning), with its printed values, its paper\'s date, who reports it and its code link.',
  required: [...entity.results.items.required, 'shown', 'date', 'reporter'],
  properties: {
    ...entity.results.items.properties,
    // The bundle's pattern ends in ".+", which refuses a model name holding a line break; the data allows one.
    id: { ...entity.results.items.properties.id, pattern: entity.results.items.properties.id.pattern.replace(/\.\+\$$/, '[\\s\\S]+$') },
    shown,
    date: { type: ['string', 'null'], description: 'The paper\'s date as written (YYYY-MM-DD, YYYY-MM or YYYY); null for a source that is not a paper.' },
    reporter: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'page', 'api'],
      description: 'The paper (or source) that reports the row: its title (a source\'s name), page and API file.',
      properties: { title: text, page: path, api: path },
    },
    code_url: {
      type: 'string',
      description: 'The code link the pages show: the row\'s `code`, else its paper\'s official code, else its first; absent when none.',
    },
  },
} as const;

const paperRowSchema = {
  ...rowSchema,
  title: 'PaperRow',
  description: 'A row of a paper (or source), with the size of its leaderboard.',
  required: [...rowSchema.required, 'ranked_rows', 'leaderboard'],
  properties: {
    ...rowSchema.properties,
    ranked_rows: { type: ['integer', 'null'], minimum: 0, description: 'How many rows of its leaderboard are ranked ("#2 of 14"); null when no benchmark is declared for it.' },
    leaderboard: { oneOf: [links, { type: 'null' }], description: 'The links of its leaderboard; null when no benchmark is declared for it.' },
  },
} as const;

const boardSummary = {
  title: 'LeaderboardSummary',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'task', 'dataset', 'title', 'metric', 'ranked_rows', 'best', 'links'],
  description: 'A leaderboard as a task or dataset lists it: its best result.',
  properties: {
    id: { type: 'string', description: 'The benchmark id, "<task>/<dataset>".' },
    task: slug,
    dataset: slug,
    title: { type: 'string', description: '"<task name> on <dataset name>".' },
    metric: { type: 'string', description: 'The primary metric, which ranks it.' },
    ranked_rows: { type: 'integer', minimum: 0, description: 'How many rows are ranked.' },
    best: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['model', 'value', 'shown', 'result'],
          properties: { model: text, value: { type: 'number' }, shown: { type: 'string' }, result: { type: 'string', description: 'The row\'s id.' } },
        },
        { type: 'null' },
      ],
      description: 'The first row ranked 1; null when no row is ranked.',
    },
    links,
  },
} as const;

const boardList = { type: 'array', items: ref('leaderboardSummary'), description: 'Its leaderboards, by id.' } as const;
const paperIds = ids('Its papers (declared or with results), newest first.');

const sotaStep = {
  title: 'SotaStep',
  type: 'object',
  additionalProperties: false,
  required: ['date', 'model', 'value', 'shown', 'result', 'extra_training_data'],
  description: 'A new state of the art: a dated ranked row better than every row dated before it (the chart\'s best-so-far line).',
  properties: {
    date: { type: 'string', description: 'Its paper\'s date as written.' },
    model: text,
    value: { type: 'number', description: 'Its primary metric value.' },
    shown: { type: 'string', description: 'That value as printed.' },
    result: { type: 'string', description: 'The row\'s id.' },
    extra_training_data: { type: 'boolean' },
  },
} as const;

const file = (kind: ApiFileKind, title: string, description: string, properties: Record<string, unknown>) => ({
  title,
  type: 'object',
  description,
  additionalProperties: false,
  required: ['api_version', 'kind', 'id', ...Object.keys(properties)],
  properties: { ...envelope(kind), ...properties },
});

const entityLists = ['tasks', 'datasets', 'leaderboards', 'methods', 'papers', 'sources'] as const;

const indexFile = {
  title: 'Index',
  type: 'object',
  description: 'api/v1/index.json: counts, every id of every kind, and the path templates that turn an id into its files.',
  additionalProperties: false,
  required: ['api_version', 'kind', 'counts', 'links', 'templates', 'areas', ...entityLists],
  properties: {
    api_version: envelope('index').api_version,
    kind: envelope('index').kind,
    counts: {
      type: 'object',
      additionalProperties: false,
      required: ['areas', 'results', ...entityLists],
      properties: Object.fromEntries(['areas', ...entityLists, 'results'].map((k) => [k, { type: 'integer', minimum: 0 }])),
      description: 'How many of each there are (results: rows).',
    },
    links: {
      type: 'object',
      additionalProperties: false,
      required: ['schema', 'home'],
      properties: { schema: { ...path, description: 'This schema.' }, home: { ...path, description: 'The home page.' } },
    },
    templates: {
      type: 'object',
      additionalProperties: false,
      required: ['leaderboard', 'task', 'dataset', 'method', 'paper', 'source'],
      description: 'Each kind\'s paths with "{id}" standing for an id (a leaderboard\'s id is "<task>/<dataset>").',
      properties: Object.fromEntries(['leaderboard', 'task', 'dataset', 'method', 'paper', 'source'].map((k) => [k, links])),
    },
    areas: {
      type: 'array',
      description: 'The areas in data order, each with its tasks and its feed of new results.',
      items: {
        ...entity.areas.items,
        required: [...entity.areas.items.required, 'tasks', 'feed'],
        properties: { ...entity.areas.items.properties, tasks: ids('The ids of its tasks, sorted.'), feed: path },
      },
    },
    ...Object.fromEntries(entityLists.map((k) => [k, { type: 'array', items: { type: 'string' }, uniqueItems: true, description: `Every id of the ${k}, sorted (code-point order).` }])),
  },
} as const;

/** The schema document: `$defs` holds one definition per file kind; the root accepts any of them. */
export const apiSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: API_SCHEMA_ID,
  title: 'PwcApi',
  description: `A file of the pwc-data static API, version ${API_VERSION} (its entities are those of the bundle schema ${BUNDLE_SCHEMA_VERSION}). Validate a file against $defs/<kind>.`,
  oneOf: API_FILE_KINDS.map(ref),
  $defs: {
    index: indexFile,
    leaderboard: file('leaderboard', 'Leaderboard', 'api/v1/sota/<task>/<dataset>.json: one benchmark, its rows in rank order (unranked ones last) and its states of the art in time.', {
      title: { type: 'string', description: '"<task name> on <dataset name>".' },
      benchmark: ref('benchmark'),
      ranked: { type: 'boolean', description: 'False when the primary metric has no direction: no row is ranked.' },
      rows: { type: 'array', items: ref('row'), description: 'Ranked rows best first, then unranked ones (by date, then model).' },
      sota_history: { type: 'array', items: sotaStep, description: 'The states of the art, oldest first.' },
      links: {
        ...links,
        required: [...links.required, 'feed', 'badge', 'task', 'dataset'],
        properties: { ...links.properties, task: { ...path, description: 'The task\'s API file.' }, dataset: { ...path, description: 'The dataset\'s API file.' } },
      },
    }),
    paper: file('paper', 'PaperFile', 'api/v1/paper/<id>.json: a paper and its results with their ranks.', {
      paper: ref('paperEntity'),
      results: { type: 'array', items: ref('paperRow'), description: 'Its rows, by leaderboard then as its result file lists them.' },
      links,
    }),
    source: file('source', 'SourceFile', 'api/v1/source/<id>.json: a source of results that is not a paper, and its results.', {
      source: entity.sources.items,
      results: { type: 'array', items: ref('paperRow'), description: 'Its rows, by leaderboard then as its result file lists them.' },
      links,
    }),
    task: file('task', 'TaskFile', 'api/v1/task/<id>.json: a task, its subtasks, its leaderboards with their best results, and its papers.', {
      task: entity.tasks.items,
      subtasks: ids('The ids of its subtasks, sorted.'),
      leaderboards: boardList,
      papers: paperIds,
      links,
    }),
    dataset: file('dataset', 'DatasetFile', 'api/v1/dataset/<id>.json: a dataset, its benchmarks and leaderboards, variants and papers.', {
      dataset: entity.datasets.items,
      benchmarks: { type: 'array', items: ref('benchmark'), description: 'The benchmarks it declares, in declared order.' },
      variants: ids('The ids of its variants, sorted.'),
      leaderboards: boardList,
      papers: paperIds,
      links,
    }),
    method: file('method', 'MethodFile', 'api/v1/method/<id>.json: a method and the papers that use it.', {
      method: entity.methods.items,
      papers: ids('The papers that name it, newest first.'),
      links,
    }),
    benchmark: entity.benchmarks.items,
    leaderboardSummary: boardSummary,
    paperEntity: entity.papers.items,
    row: rowSchema,
    paperRow: paperRowSchema,
  },
} as const;

/** The schema as the site serves it (pretty-printed: people read it). */
export function apiSchemaText(): string {
  return JSON.stringify(apiSchema, null, 2) + '\n';
}
