// The public schema of the published bundle (pwc-data.json and manifest.json): the consumers'
// contract, versioned on its own, with a description on every field. Constraints on values are
// taken from the contributors' schemas so the two never disagree.
import type { FromSchema } from 'json-schema-to-ts';
import {
  areasSchema,
  codeLinkSchema,
  datasetSchema,
  methodSchema,
  metricSchema,
  paperSchema,
  resultRowSchema,
  settingSchema,
  sourceSchema,
  taskSchema,
} from '../model/schemas.ts';

/**
 * The version of this schema (semver). Removing or renaming a field or an entity kind, or
 * changing a field's meaning or type, is a major version; adding one is minor; fixes are patch.
 * docs/bundle.md states the policy for consumers.
 */
export const BUNDLE_SCHEMA_VERSION = '2.1.0';

export const BUNDLE_SCHEMA_ID = 'https://pwc-data.dev/schemas/pwc-data.schema.json';

const slugPattern = areasSchema.properties.areas.items.properties.id.pattern;
const slugBody = slugPattern.slice(1, -1);
const slug = areasSchema.properties.areas.items.properties.id;
const text = taskSchema.properties.name;

/** The slug of an entity's page on Papers With Code, where the data records one. */
function pwcSlug(kind: string) {
  return {
    ...taskSchema.properties.pwc_slug,
    description: `The slug of its page on Papers With Code (paperswithcode.com/${kind}/<slug>) where it differs from \`id\`; absent when it is the same or not known. Papers With Code's leaderboard addresses were /sota/<task slug>-on-<dataset slug>.`,
  } as const;
}
const url = paperSchema.properties.url;
// The form only: a consumer's plain Ajv knows no formats, and the data files' "date" format
// already kept impossible days out of the bundle.
const isoDate = { type: datasetSchema.properties.introduced_date.type, pattern: datasetSchema.properties.introduced_date.pattern } as const;
// A paper's date as written: YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known.
const paperDate = { type: paperSchema.properties.date.type, pattern: paperSchema.properties.date.pattern } as const;
const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;

const benchmarkId = {
  type: 'string',
  pattern: `^${slugBody}/${slugBody}$`,
  description: 'The benchmark\'s id: "<task>/<dataset>".',
} as const;

const idList = (description: string) => ({ type: 'array', items: slug, uniqueItems: true, description }) as const;
const textList = (description: string) => ({ type: 'array', items: text, uniqueItems: true, description }) as const;

const metaSchema = {
  title: 'Meta',
  type: 'object',
  description: 'What this file is: the schema it follows and the data it was built from.',
  additionalProperties: false,
  required: ['schema_version', 'data_version', 'source_commit', 'source_dirty'],
  properties: {
    schema_version: {
      type: 'string',
      const: BUNDLE_SCHEMA_VERSION,
      description: 'The version (semver) of the schema this file follows. A new major version may remove or rename fields.',
    },
    data_version: {
      type: ['string', 'null'],
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$',
      description:
        'The version of the data: the commit date (UTC, YYYY-MM-DDTHH:MM:SSZ) of source_commit. Null when the bundle was not built from a git repository.',
    },
    source_commit: {
      type: ['string', 'null'],
      pattern: '^[0-9a-f]{40,64}$',
      description: 'The git commit of the data repository the bundle was built from. Null when not built from a git repository.',
    },
    source_dirty: {
      type: ['boolean', 'null'],
      description:
        'True when files under data/ differed from source_commit at build time (a local build of uncommitted data); false for a clean checkout; null without git.',
    },
  },
} as const;

const areaSchema = {
  title: 'Area',
  type: 'object',
  description: 'A research area, such as computer-vision. Tasks belong to one area.',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: {
    id: { ...slug, description: 'The area\'s id (a slug).' },
    name: { ...text, description: 'Display name.' },
    description: { ...text, description: 'What the area covers (Markdown).' },
  },
} as const;

const taskBundleSchema = {
  title: 'Task',
  type: 'object',
  description: 'A machine-learning task, such as image-classification. Source: data/tasks/<id>.yaml.',
  additionalProperties: false,
  required: ['id', 'name', 'area', 'synonyms'],
  properties: {
    id: { ...slug, description: 'The task\'s id (a slug), also its file name.' },
    name: { ...text, description: 'Display name.' },
    area: { ...taskSchema.properties.area, description: 'The id of the area the task belongs to.' },
    parent: { ...taskSchema.properties.parent, description: 'The id of the parent task, when this task is a subtask.' },
    description: { ...text, description: 'What the task is (Markdown).' },
    synonyms: textList('Other names of the task, as written; empty when none.'),
    pwc_slug: pwcSlug('task'),
  },
} as const;

const datasetBundleSchema = {
  title: 'Dataset',
  type: 'object',
  description: 'A dataset. Its benchmarks are the entries of `benchmarks` whose `dataset` is its id. Source: data/datasets/<id>.yaml.',
  additionalProperties: false,
  required: ['id', 'name', 'modalities', 'languages'],
  properties: {
    id: { ...slug, description: 'The dataset\'s id (a slug), also its file name.' },
    name: { ...text, description: 'Display name.' },
    full_name: { ...text, description: 'The full name, when the name is an abbreviation.' },
    description: { ...text, description: 'What the dataset holds (Markdown).' },
    homepage: { ...datasetSchema.properties.homepage, description: 'The dataset\'s home page (http or https URL).' },
    license: { ...text, description: 'The licence the dataset is published under, as written by its authors.' },
    introduced_by: { ...slug, description: 'The id of the paper that introduced the dataset.' },
    introduced_date: { ...isoDate, description: 'When the dataset was introduced (YYYY-MM-DD).' },
    modalities: textList('Kinds of data it holds (Images, Texts, ...); empty when unknown.'),
    languages: textList('Natural languages it covers; empty when unknown or not applicable.'),
    variant_of: { ...slug, description: 'The id of the dataset this one is a variant of.' },
    pwc_slug: pwcSlug('dataset'),
  },
} as const;

const metricBundleSchema = {
  title: 'Metric',
  type: 'object',
  description: 'A metric declared by a benchmark.',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { ...text, description: 'The metric\'s name, exactly as results use it as a key in `metrics`.' },
    direction: {
      ...metricSchema.properties.direction,
      description: 'Whether higher or lower values are better. Absent when unknown: a benchmark whose primary metric has none is unranked (every row\'s `rank` is null).',
    },
    unit: { ...text, description: 'The unit of the values, such as "%".' },
    min: { type: 'number', description: 'The smallest value the metric can take.' },
    max: { type: 'number', description: 'The largest value the metric can take.' },
  },
} as const;

const settingBundleSchema = {
  title: 'Setting',
  type: 'object',
  description: 'An evaluation setting a benchmark distinguishes (resolution, pre-training data, ...); result rows state its value under `settings`.',
  additionalProperties: false,
  required: ['name', 'type'],
  properties: {
    name: { ...text, description: 'The setting\'s name, exactly as results use it as a key in `settings`.' },
    type: {
      ...settingSchema.properties.type,
      description: 'The type of its values: boolean (true/false), number, text (a string), or choice (one of `values`, a string).',
    },
    values: { ...settingSchema.properties.values, description: 'The allowed values of a choice setting, in their declared order.' },
    unit: { ...text, description: 'The unit of a number setting, such as "px".' },
    description: { ...text, description: 'What the setting means (Markdown).' },
  },
} as const;

const benchmarkBundleSchema = {
  title: 'Benchmark',
  type: 'object',
  description: 'A benchmark: one task evaluated on one dataset, with its declared metrics. Its leaderboard is the results whose `benchmark` is its id.',
  additionalProperties: false,
  required: ['id', 'task', 'dataset', 'metrics', 'primary', 'settings'],
  properties: {
    id: benchmarkId,
    task: { ...slug, description: 'The id of the task.' },
    dataset: { ...slug, description: 'The id of the dataset that declares the benchmark.' },
    metrics: {
      type: 'array',
      minItems: 1,
      items: metricBundleSchema,
      description: 'The declared metrics, in their declared order (the column order of the leaderboard).',
    },
    primary: {
      ...text,
      description: 'The name of the metric that ranks the leaderboard: the one the dataset names as primary, else the first declared.',
    },
    description: { ...text, description: 'The evaluation protocol: split, setting (Markdown).' },
    settings: {
      type: 'array',
      items: settingBundleSchema,
      description: 'The evaluation settings the benchmark distinguishes, in their declared order; empty when none.',
    },
  },
} as const;

const methodBundleSchema = {
  title: 'Method',
  type: 'object',
  description: 'A method (architecture, technique). Source: data/methods/<id>.yaml.',
  additionalProperties: false,
  required: ['id', 'name', 'collections'],
  properties: {
    id: { ...slug, description: 'The method\'s id (a slug), also its file name.' },
    name: { ...text, description: 'Display name.' },
    full_name: { ...text, description: 'The full name, when the name is an abbreviation.' },
    description: { ...text, description: 'What the method is (Markdown).' },
    collections: textList('The collections the method belongs to, as written; empty when none.'),
    introduced_by: { ...slug, description: 'The id of the paper that introduced the method.' },
    introduced_year: { ...methodSchema.properties.introduced_year, description: 'The year the method was introduced.' },
    pwc_slug: pwcSlug('method'),
  },
} as const;

const codeLinkBundleSchema = {
  title: 'CodeLink',
  type: 'object',
  description: 'An implementation of a paper.',
  additionalProperties: false,
  required: ['url', 'official'],
  properties: {
    url: { ...codeLinkSchema.properties.url, description: 'Where the code is (http or https URL).' },
    official: { type: 'boolean', description: 'True for the authors\' own implementation.' },
    framework: { ...text, description: 'The framework it uses, such as pytorch.' },
  },
} as const;

const paperBundleSchema = {
  title: 'Paper',
  type: 'object',
  description: 'A paper. Source: data/papers/<yyyy>/<id>.yaml, where yyyy is the year of its date.',
  additionalProperties: false,
  required: ['id', 'title', 'authors', 'date', 'tasks', 'methods', 'datasets', 'code'],
  properties: {
    id: { ...slug, description: 'The paper\'s id (a slug), also its file name.' },
    title: { ...text, description: 'The title, as published.' },
    authors: { type: 'array', items: text, description: 'The authors, in the paper\'s order; empty when unknown.' },
    date: {
      ...paperDate,
      description:
        'The publication date as written: YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known. Compared as strings (code-point order), dates sort by the start of their period, a partial date before the full dates of its period.',
    },
    arxiv: { ...paperSchema.properties.arxiv, description: 'The arXiv identifier, such as 1905.00546.' },
    url: { ...url, description: 'The paper\'s page.' },
    pdf: { ...paperSchema.properties.pdf, description: 'The PDF.' },
    venue: { ...text, description: 'Where it was published, such as NeurIPS.' },
    abstract: { ...text, description: 'The abstract.' },
    tasks: idList('Ids of the tasks it addresses, sorted.'),
    methods: idList('Ids of the methods it uses or introduces, sorted.'),
    datasets: idList('Ids of the datasets it uses, sorted.'),
    code: { type: 'array', items: codeLinkBundleSchema, description: 'Implementations, in the order listed; empty when none.' },
    pwc_slug: pwcSlug('paper'),
  },
} as const;

const sourceBundleSchema = {
  title: 'Source',
  type: 'object',
  description:
    'A source of results that is not a paper, such as an official leaderboard. Its results name it in `source` instead of `paper`. Ids of papers and sources never collide. Source: data/sources/<id>.yaml.',
  additionalProperties: false,
  required: ['id', 'name', 'kind', 'url'],
  properties: {
    id: { ...slug, description: 'The source\'s id (a slug), also its file name.' },
    name: { ...text, description: 'Display name.' },
    kind: { ...sourceSchema.properties.kind, description: 'What the source is: code, a leaderboard, a reproduction by someone else, or other.' },
    url: { ...sourceSchema.properties.url, description: 'Where the source is (http or https URL).' },
    description: { ...text, description: 'What the source is (Markdown).' },
  },
} as const;

const rowSource = resultRowSchema.properties.source;

// Where a row's numbers come from: one object for both forms, told apart by `kind` (structured) or `text` (plain).
const provenanceBundleSchema = {
  title: 'Provenance',
  type: 'object',
  description:
    'Where the row\'s numbers come from. Either structured, with `kind` and optionally `url` and `ref`, or plain text as the contributor wrote it, with `text` alone. Exactly one of `kind` and `text` is present.',
  additionalProperties: false,
  properties: {
    kind: { ...rowSource.properties.kind, description: 'What the source is: the paper, its code, a leaderboard, a reproduction by someone else, or other.' },
    url: { ...rowSource.properties.url, description: 'Where the source is (http or https URL).' },
    ref: { ...text, description: 'Where in the source the numbers are, such as "Table 2".' },
    text: { ...text, description: 'A plain-text source as written, such as "Table 3".' },
  },
  // Exactly one of kind and text (both would match both branches); url and ref only with kind.
  // Each branch names its property again so a strict Ajv (strictRequired) sees it defined.
  oneOf: [
    { properties: { kind: { type: 'string' } }, required: ['kind'] },
    { properties: { text: { type: 'string' } }, required: ['text'] },
  ],
  dependentRequired: { url: ['kind'], ref: ['kind'] },
} as const;

const resultBundleSchema = {
  title: 'Result',
  type: 'object',
  description:
    'One row of a leaderboard: one model of one paper (or other source) on one benchmark, with its values, settings and rank. Exactly one of `paper` and `source` is present. Source: a row of data/results/<task>/<dataset>/<paper or source>.yaml.',
  additionalProperties: false,
  required: ['id', 'benchmark', 'task', 'dataset', 'model', 'metrics', 'settings', 'extra_training_data', 'rank'],
  // Exactly one of paper and source: a row with both matches both branches.
  oneOf: [
    { properties: { paper: { type: 'string' } }, required: ['paper'] },
    { properties: { source: { type: 'string' } }, required: ['source'] },
  ],
  properties: {
    id: {
      type: 'string',
      // Any character after "#", a line break too: a model name may hold one.
      pattern: `^${slugBody}/${slugBody}/${slugBody}#[\\s\\S]+$`,
      description:
        'The row\'s id: "<task>/<dataset>/<paper or source>#<model>". Stable while the task, dataset, paper (or source) and model name stay the same; the part after the first "#" is the model name as written.',
    },
    benchmark: { ...benchmarkId, description: 'The id of the benchmark ("<task>/<dataset>"), whose leaderboard the row is on.' },
    task: { ...slug, description: 'The id of the task.' },
    dataset: { ...slug, description: 'The id of the dataset.' },
    paper: { ...slug, description: 'The id of the paper that reports the result; absent when a source that is not a paper does (then `source` is present).' },
    source: { ...slug, description: 'The id of the source (in `sources`) that reports the result, when it is not a paper (then `paper` is absent).' },
    model: { ...text, description: 'The model\'s name, as the paper or source reports it; unique on its leaderboard.' },
    metrics: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: 'number', description: 'The value, exactly as written in the data.' },
      description: 'Values by metric name (names are those the benchmark declares), keys sorted.',
    },
    settings: {
      type: 'object',
      additionalProperties: {
        type: ['boolean', 'number', 'string'],
        minLength: 1,
        description: 'The value, of the setting\'s declared type (a choice is a string).',
      },
      description: 'The evaluation settings the row states, by name (names are those the benchmark declares), keys sorted; empty when none.',
    },
    extra_training_data: { type: 'boolean', description: 'True when the model was trained on data beyond the benchmark\'s training set.' },
    rank: {
      type: ['integer', 'null'],
      minimum: 1,
      description:
        'The rank on the leaderboard by the primary metric in its direction; equal values share a rank (1, 2, 2, 4). Null when the row has no value for the primary metric (unranked).',
    },
    code: { ...url, description: 'Code for this model, when it differs from the paper\'s.' },
    notes: { ...text, description: 'Notes on the setting of this row.' },
    provenance: provenanceBundleSchema,
  },
} as const;

const manifestFileSchema = {
  title: 'ManifestFile',
  type: 'object',
  description: 'One file of the bundle.',
  additionalProperties: false,
  required: ['name', 'size', 'sha256'],
  properties: {
    name: { type: 'string', minLength: 1, description: 'The file name, relative to the manifest.' },
    size: { type: 'integer', minimum: 0, description: 'Its size in bytes.' },
    sha256: { ...sha256, description: 'The SHA-256 of its bytes, lowercase hex.' },
  },
} as const;

const counts = {
  title: 'EntityCounts',
  type: 'object',
  description: 'How many entities of each kind pwc-data.json holds.',
  additionalProperties: false,
  required: ['areas', 'tasks', 'datasets', 'benchmarks', 'methods', 'papers', 'sources', 'results'],
  properties: {
    areas: { type: 'integer', minimum: 0, description: 'Number of areas.' },
    tasks: { type: 'integer', minimum: 0, description: 'Number of tasks.' },
    datasets: { type: 'integer', minimum: 0, description: 'Number of datasets.' },
    benchmarks: { type: 'integer', minimum: 0, description: 'Number of benchmarks.' },
    methods: { type: 'integer', minimum: 0, description: 'Number of methods.' },
    papers: { type: 'integer', minimum: 0, description: 'Number of papers.' },
    sources: { type: 'integer', minimum: 0, description: 'Number of sources that are not papers.' },
    results: { type: 'integer', minimum: 0, description: 'Number of result rows.' },
  },
} as const;

export const manifestSchema = {
  title: 'Manifest',
  type: 'object',
  description: 'manifest.json: the files of a bundle with their sizes and SHA-256, and what the bundle holds.',
  additionalProperties: false,
  required: ['schema_version', 'data_version', 'source_commit', 'content_sha256', 'counts', 'files'],
  properties: {
    schema_version: { ...metaSchema.properties.schema_version, description: 'The schema version of pwc-data.json.' },
    data_version: metaSchema.properties.data_version,
    source_commit: metaSchema.properties.source_commit,
    content_sha256: {
      ...sha256,
      description: 'A digest of the entities (everything but meta): two bundles with the same value hold the same data.',
    },
    counts,
    files: { type: 'array', items: manifestFileSchema, description: 'Every file of the bundle except the manifest, sorted by name.' },
  },
} as const;

export const bundleSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: BUNDLE_SCHEMA_ID,
  title: 'PwcData',
  description:
    'pwc-data.json: every entity of the data repository with its id. Each list is sorted by id (code-point order); ids are unique within a kind, and every id a field refers to is present in this file.',
  type: 'object',
  additionalProperties: false,
  required: ['meta', 'areas', 'tasks', 'datasets', 'benchmarks', 'methods', 'papers', 'sources', 'results'],
  properties: {
    meta: metaSchema,
    areas: { type: 'array', items: areaSchema, description: 'Research areas, sorted by id.' },
    tasks: { type: 'array', items: taskBundleSchema, description: 'Tasks, sorted by id.' },
    datasets: { type: 'array', items: datasetBundleSchema, description: 'Datasets, sorted by id.' },
    benchmarks: { type: 'array', items: benchmarkBundleSchema, description: 'Benchmarks (task on dataset), sorted by id.' },
    methods: { type: 'array', items: methodBundleSchema, description: 'Methods, sorted by id.' },
    papers: { type: 'array', items: paperBundleSchema, description: 'Papers, sorted by id.' },
    sources: { type: 'array', items: sourceBundleSchema, description: 'Sources of results that are not papers, sorted by id.' },
    results: { type: 'array', items: resultBundleSchema, description: 'Result rows of every leaderboard, sorted by id.' },
  },
  $defs: { manifest: manifestSchema },
} as const;

export type BundleData = FromSchema<typeof bundleSchema>;
export type BundleMeta = BundleData['meta'];
export type BundleArea = BundleData['areas'][number];
export type BundleTask = BundleData['tasks'][number];
export type BundleDataset = BundleData['datasets'][number];
export type BundleBenchmark = BundleData['benchmarks'][number];
export type BundleMethod = BundleData['methods'][number];
export type BundlePaper = BundleData['papers'][number];
export type BundleSourceEntity = BundleData['sources'][number];
export type BundleResult = BundleData['results'][number];
export type Manifest = FromSchema<typeof manifestSchema>;
export type EntityCounts = Manifest['counts'];

/** The entity collections, in the order the file lists them. */
export const ENTITY_KINDS = ['areas', 'tasks', 'datasets', 'benchmarks', 'methods', 'papers', 'sources', 'results'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
