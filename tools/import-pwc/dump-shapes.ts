// The shapes of the archive's dumps that the importer relies on, checked entry by entry with Ajv.
// Only structure the mapping walks is constrained; free-text fields are read leniently (see fields.ts).
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../model/ajv.ts';
import { pointerToPath } from '../model/check-schema.ts';
import { DumpError, type DumpEntry } from './dump-reader.ts';
import type { JsonPath } from './locate-json.ts';
import type { ShapeNode } from './parquet-entry.ts';

export type DumpKind = 'evaluation-tables' | 'papers' | 'links' | 'datasets' | 'methods';

/** A schema that also admits null (the dumps write null for absent values). */
const nullable = (schema: { type: string }) => ({ ...schema, type: [schema.type, 'null'] });
const list = (items: object) => nullable({ type: 'array', items } as { type: string });
const link = { type: 'object' };

const evaluationTableSchema = {
  $id: 'pwc-dump:evaluation-tables',
  $ref: '#/$defs/task',
  $defs: {
    task: {
      type: 'object',
      required: ['task'],
      properties: {
        task: { type: 'string' },
        categories: list({ type: 'string' }),
        synonyms: list({ type: 'string' }),
        subtasks: list({ $ref: '#/$defs/task' }),
        datasets: list({ $ref: '#/$defs/dataset' }),
        source_link: nullable(link),
      },
    },
    dataset: {
      type: 'object',
      required: ['dataset'],
      properties: { dataset: { type: 'string' }, ...datasetBody() },
    },
    subdataset: {
      type: 'object',
      required: ['subdataset'],
      properties: { subdataset: { type: 'string' }, ...datasetBody() },
    },
    row: {
      type: 'object',
      properties: {
        model_name: nullable({ type: 'string' }),
        paper_title: nullable({ type: 'string' }),
        paper_url: nullable({ type: 'string' }),
        paper_date: nullable({ type: 'string' }),
        code_links: list(link),
        model_links: list(link),
        metrics: nullable({ type: 'object' }),
      },
    },
  },
};

function datasetBody() {
  return {
    dataset_links: list(link),
    dataset_citations: list(link),
    subdatasets: list({ $ref: '#/$defs/subdataset' }),
    sota: nullable({
      type: 'object',
      properties: { metrics: list({ type: 'string' }), rows: list({ $ref: '#/$defs/row' }) },
    } as { type: string }),
  };
}

const methodEntry = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, main_collection: nullable({ type: 'object' }) },
};

const papersSchema = {
  $id: 'pwc-dump:papers',
  type: 'object',
  properties: {
    authors: list({ type: 'string' }),
    tasks: list({ type: 'string' }),
    methods: list(methodEntry),
  },
};

const linksSchema = {
  $id: 'pwc-dump:links',
  type: 'object',
  properties: { repo_url: nullable({ type: 'string' }) },
};

const datasetsSchema = {
  $id: 'pwc-dump:datasets',
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string' },
    paper: nullable({ type: 'object' }),
    modalities: list({ type: 'string' }),
    languages: list({ type: 'string' }),
    variants: list({ type: 'string' }),
    tasks: list({}),
    data_loaders: list({}),
  },
};

const methodsSchema = {
  $id: 'pwc-dump:methods',
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string' },
    paper: nullable({ type: 'object' }),
    collections: list({ type: 'object', properties: { collection: nullable({ type: 'string' }) } }),
  },
};

const schemas: Record<DumpKind, ShapeNode> = {
  'evaluation-tables': evaluationTableSchema,
  papers: papersSchema,
  links: linksSchema,
  datasets: datasetsSchema,
  methods: methodsSchema,
};

/** What one entry of each dump is, for messages. */
const ENTRY_NAMES: Record<DumpKind, string> = {
  'evaluation-tables': 'a task',
  papers: 'a paper',
  links: 'a link between a paper and its code',
  datasets: 'a dataset',
  methods: 'a method',
};

/** The shape of one entry of a dump (a JSON schema), for readers that need to know where objects and lists are. */
export function dumpShape(kind: DumpKind): ShapeNode {
  return schemas[kind];
}

let validators: Map<DumpKind, ValidateFunction> | undefined;

function validatorFor(kind: DumpKind): ValidateFunction {
  if (!validators) {
    // Dumps carry many fields the importer does not read: unknown keywords are fine, strictness is not wanted here.
    const ajv = createAjv();
    ajv.opts.strictTypes = false;
    validators = new Map(Object.entries(schemas).map(([k, schema]) => [k as DumpKind, ajv.compile(schema)]));
  }
  return validators.get(kind)!;
}

export function formatJsonPath(path: JsonPath): string {
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_]\w*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('').replace(/^\./, '');
}

/**
 * Throws a DumpError at the offending value when an entry does not have the shape of its dump:
 * a wrong shape means the file is not the dump it is given as, so the import stops before writing.
 */
export function checkEntryShape(kind: DumpKind, file: string, entry: DumpEntry): void {
  const validate = validatorFor(kind);
  if (validate(entry.value)) return;
  const first = validate.errors![0];
  const path = pointerToPath(first.instancePath);
  const where = path.length ? `"${formatJsonPath(path)}" of entry ${entry.index}` : `entry ${entry.index}`;
  const what = first.keyword === 'required' ? `lacks "${(first.params as { missingProperty: string }).missingProperty}"` : first.keyword === 'type' ? `must be ${describeType(first.params as { type: string })}` : String(first.message);
  throw new DumpError(
    file,
    `wrong shape for the ${kind} dump (a list of entries, each ${ENTRY_NAMES[kind]}): ${where} ${what}, found ${describeFound(valueAt(entry.value, path))}`,
    entry.locate(path),
  );
}

function describeType(params: { type: string }): string {
  const names: Record<string, string> = { object: 'an object', array: 'a list', string: 'a string', null: 'null', integer: 'an integer', number: 'a number', boolean: 'true or false' };
  return String(params.type)
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

function valueAt(value: unknown, path: JsonPath): unknown {
  let v = value;
  for (const s of path) v = (v as Record<string | number, unknown>)?.[s];
  return v;
}

function describeFound(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
