// The contributors' file schemas (JSON Schema 2020-12): the single source of truth for
// every kind of file under data/. Types are derived from them in types.ts, and
// `pwc schemas` writes them to schemas/*.schema.json for editors.

const slug = {
  type: 'string',
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 120,
} as const;

const slugList = { type: 'array', items: slug, uniqueItems: true } as const;

// The slug of the entity's page on Papers With Code where it differs from our id, so that its old
// URL (/paper/<slug>, /task/<slug>...) can lead to our page. Papers With Code made slugs with
// Django's slugify, which keeps underscores ("swb_hub_500-wer"), so they are allowed here.
export const PWC_SLUG_PATTERN = '^[a-z0-9_]+(-[a-z0-9_]+)*$';
export const PWC_SLUG_MAX = 200;
const pwcSlug = { type: 'string', pattern: PWC_SLUG_PATTERN, maxLength: PWC_SLUG_MAX } as const;

const text = { type: 'string', minLength: 1 } as const;

// A calendar date written as YYYY-MM-DD (a string: YAML 1.2 core has no date type). The pattern
// checks the form; the format "date" (ajv-formats) that the day exists: no 2019-02-30.
const isoDate = {
  type: 'string',
  pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  format: 'date',
} as const;

// A paper's date: YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known. A full date
// must also exist on the calendar (the format "date"); a partial one is checked by its form alone.
const FULL_DATE = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
const partialDate = {
  type: 'string',
  pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$',
  if: { pattern: FULL_DATE },
  then: { format: 'date' },
} as const;

const url = { type: 'string', pattern: '^https?://[^\\s]+$', maxLength: 2000 } as const;

/** What a source of numbers is: a paper, its code, a leaderboard, a reproduction by someone else, or other. */
export const SOURCE_KINDS = ['paper', 'code', 'leaderboard', 'reproduction', 'other'] as const;

const $schema = 'https://json-schema.org/draft/2020-12/schema';

export const areasSchema = {
  $schema,
  $id: 'https://pwc-data.dev/schemas/areas.schema.json',
  title: 'Research areas (data/areas.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['areas'],
  properties: {
    areas: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: {
          id: slug,
          name: text,
          description: text,
        },
      },
    },
  },
} as const;

export const taskSchema = {
  $schema,
  $id: 'https://pwc-data.dev/schemas/task.schema.json',
  title: 'A task (data/tasks/<task>.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'area'],
  properties: {
    name: text,
    area: slug,
    parent: slug,
    description: text,
    synonyms: { type: 'array', items: text, uniqueItems: true },
    pwc_slug: pwcSlug,
  },
} as const;

export const metricSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: text,
    // Left out when unknown: a benchmark ranked by such a metric is an unranked leaderboard (unranked-benchmark).
    direction: { enum: ['higher', 'lower'] },
    unit: text,
    min: { type: 'number' },
    max: { type: 'number' },
  },
} as const;

/** An evaluation setting a benchmark distinguishes (resolution, extra data...); rows state its value. */
export const settingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type'],
  properties: {
    name: text,
    type: { enum: ['boolean', 'number', 'text', 'choice'] },
    values: { type: 'array', minItems: 1, items: text, uniqueItems: true },
    unit: text,
    description: text,
  },
} as const;

export const benchmarkSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['task', 'metrics'],
  properties: {
    task: slug,
    metrics: { type: 'array', minItems: 1, items: metricSchema },
    primary: text,
    description: text,
    settings: { type: 'array', minItems: 1, items: settingSchema },
    // Cost metrics (Number of params, FLOPs) the leaderboard plots the primary metric against.
    pareto: { type: 'array', minItems: 1, items: text, uniqueItems: true },
  },
} as const;

export const datasetSchema = {
  $schema,
  $id: 'https://pwc-data.dev/schemas/dataset.schema.json',
  title: 'A dataset (data/datasets/<dataset>.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: text,
    full_name: text,
    // Other names the dataset goes by (ImageNet-1k), for matching names written elsewhere (model zoos).
    synonyms: { type: 'array', items: text, uniqueItems: true },
    description: text,
    homepage: url,
    license: text,
    introduced_by: slug,
    introduced_date: isoDate,
    modalities: { type: 'array', items: text, uniqueItems: true },
    languages: { type: 'array', items: text, uniqueItems: true },
    variant_of: slug,
    benchmarks: { type: 'array', items: benchmarkSchema },
    pwc_slug: pwcSlug,
  },
} as const;

export const methodSchema = {
  $schema,
  $id: 'https://pwc-data.dev/schemas/method.schema.json',
  title: 'A method (data/methods/<method>.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: text,
    full_name: text,
    description: text,
    collections: { type: 'array', items: text, uniqueItems: true },
    introduced_by: slug,
    introduced_year: { type: 'integer', minimum: 1900, maximum: 2100 },
    pwc_slug: pwcSlug,
  },
} as const;

export const codeLinkSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    url,
    official: { type: 'boolean' },
    framework: text,
  },
} as const;

export const paperSchema = {
  $schema,
  $id: 'https://pwc-data.dev/schemas/paper.schema.json',
  title: 'A paper (data/papers/<yyyy>/<paper>.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['title', 'date'],
  properties: {
    title: text,
    authors: { type: 'array', items: text },
    date: partialDate,
    arxiv: { type: 'string', pattern: '^(\\d{4}\\.\\d{4,5}|[a-z-]+(\\.[A-Z]{2})?/\\d{7})$' },
    url,
    pdf: url,
    venue: text,
    abstract: text,
    tasks: slugList,
    methods: slugList,
    datasets: slugList,
    code: { type: 'array', items: codeLinkSchema },
    pwc_slug: pwcSlug,
  },
} as const;

export const resultRowSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['model', 'metrics'],
  properties: {
    model: text,
    metrics: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: 'number' },
    },
    extra_training_data: { type: 'boolean' },
    // The evaluation settings the benchmark declares, by name: resolution: 224.
    settings: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: ['boolean', 'number', 'string'], minLength: 1 },
    },
    code: url,
    notes: text,
    // Plain text ("Table 2") or a mapping saying what kind of source, where it is and where in it.
    // One node for both (type applies minLength to text and the rest to a mapping), so errors stay plain.
    source: {
      type: ['string', 'object'],
      minLength: 1,
      additionalProperties: false,
      required: ['kind'],
      properties: {
        kind: { enum: SOURCE_KINDS },
        url,
        ref: text,
      },
    },
  },
} as const;

export const resultSchema = {
  $schema,
  $id: 'https://pwc-data.dev/schemas/result.schema.json',
  title: 'Results of one paper on one benchmark (data/results/<task>/<dataset>/<paper>.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['results'],
  properties: {
    results: { type: 'array', minItems: 1, items: resultRowSchema },
  },
} as const;

export const sourceSchema = {
  $schema,
  $id: 'https://pwc-data.dev/schemas/source.schema.json',
  title: 'A source of results that is not a paper, such as an official leaderboard (data/sources/<source>.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind', 'url'],
  properties: {
    name: text,
    // A paper has its own file under data/papers/.
    kind: { enum: ['code', 'leaderboard', 'reproduction', 'other'] },
    url,
    description: text,
  },
} as const;

export const fileSchemas = {
  areas: areasSchema,
  task: taskSchema,
  dataset: datasetSchema,
  method: methodSchema,
  paper: paperSchema,
  source: sourceSchema,
  result: resultSchema,
} as const;

export type FileKind = keyof typeof fileSchemas;
