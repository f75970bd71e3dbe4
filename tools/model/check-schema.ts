// Schema conformance of one file's data, with every error turned into a located report.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { loadValidators } from './compiled-validators.ts';
import { fileSchemas, type FileKind } from './schemas.ts';
import type { PathSegment } from './source.ts';

export interface SchemaProblem {
  at: PathSegment[];
  part: 'key' | 'value';
  message: string;
  tip: string;
}

let validators: Map<FileKind, ValidateFunction> | undefined;

function validatorFor(kind: FileKind): ValidateFunction {
  validators ??= loadValidators();
  return validators.get(kind)!;
}

/** Returns [] when the data conforms to the schema of its kind. */
export function checkSchema(kind: FileKind, data: unknown): SchemaProblem[] {
  const validate = validatorFor(kind);
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // A date of the wrong form fails both its pattern and its format: report the form only.
  const formWrong = new Set(errors.filter((e) => e.keyword === 'pattern').map((e) => e.instancePath));
  return errors.filter((e) => !(e.keyword === 'format' && formWrong.has(e.instancePath))).map((e) => explain(e, kind, data));
}

export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The value at a data path. */
function valueAt(data: unknown, at: PathSegment[]): unknown {
  let value = data;
  for (const segment of at) value = typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[segment] : undefined;
  return value;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a YYYY-MM-DD text that is not on the calendar is wrong, e.g. "February 2019 has 28 days". */
export function impossibleDateTip(text: string): string {
  const [year, month] = text.split('-').map(Number);
  // Day 0 of the next month is the last day of this one.
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${MONTHS[month - 1]} ${year} has ${days} days: check the day and the month against the source.`;
}

function explain(e: ErrorObject, kind: FileKind, data: unknown): SchemaProblem {
  const at = pointerToPath(e.instancePath);
  const where = describePath(at);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { at, part: 'value', message: `${where} lacks the required field "${p.missingProperty}"`, tip: `Add "${p.missingProperty}:" to ${where}.` };
    case 'additionalProperties': {
      const allowed = Object.keys(propertiesAt(kind, at) ?? {});
      return {
        at: [...at, String(p.additionalProperty)],
        part: 'key',
        message: `"${p.additionalProperty}" is not a field of ${where}`,
        tip: allowed.length ? `Allowed fields: ${allowed.join(', ')}. Check the spelling, or remove it.` : 'Remove it.',
      };
    }
    case 'pattern':
      return { at, part: 'value', message: `${where} does not match the expected form ${describePattern(String(p.pattern))}`, tip: tipForPattern(String(p.pattern)) };
    case 'format': {
      const value = valueAt(data, at);
      if (p.format === 'date' && typeof value === 'string') {
        return { at, part: 'value', message: `${where} is ${value}, a day that does not exist`, tip: impossibleDateTip(value) };
      }
      return { at, part: 'value', message: `${where} ${e.message}`, tip: 'See the schema in schemas/ for the expected shape.' };
    }
    case 'enum':
      return { at, part: 'value', message: `${where} must be one of: ${(p.allowedValues as unknown[]).join(', ')}`, tip: `Write one of ${(p.allowedValues as unknown[]).join(', ')}.` };
    case 'type':
      return { at, part: 'value', message: `${where} must be ${article(String(p.type))}`, tip: typeTip(String(p.type)) };
    case 'uniqueItems':
      return { at: [...at, Number(p.j)], part: 'value', message: `${where} lists the same item twice (items ${Number(p.i) + 1} and ${Number(p.j) + 1})`, tip: 'Remove the repeated item.' };
    default:
      return { at, part: 'value', message: `${where} ${e.message}`, tip: 'See the schema in schemas/ for the expected shape.' };
  }
}

/** What a list's item is called in a message: "row 1", "task 2"; others are "item N of "<list>"". */
const ITEM_NAMES: Record<string, string> = {
  results: 'row', areas: 'area', tasks: 'task', datasets: 'dataset', methods: 'method', benchmarks: 'benchmark',
  metrics: 'metric', authors: 'author', code: 'code link',
};

/**
 * A data path as people read it, counting items from 1 as they do: ["results", 0, "metrics"] is
 * '"metrics" of row 1', ["benchmarks", 1, "metrics", 0] is 'metric 1 of benchmark 2'.
 */
export function describePath(at: readonly PathSegment[]): string {
  if (at.length === 0) return 'the file';
  const parts: string[] = [];
  let keys: string[] = [];
  at.forEach((segment, i) => {
    if (typeof segment === 'number') {
      const list = keys.pop();
      if (keys.length > 0) parts.push(`"${keys.join('.')}"`);
      keys = [];
      const name = list === undefined ? undefined : ITEM_NAMES[list];
      parts.push(name ? `${name} ${segment + 1}` : list === undefined ? `item ${segment + 1}` : `item ${segment + 1} of "${list}"`);
    } else keys.push(segment);
    if (i === at.length - 1 && keys.length > 0) parts.push(`"${keys.join('.')}"`);
  });
  return parts.reverse().join(' of ');
}

function article(type: string): string {
  const names: Record<string, string> = { string: 'a string', number: 'a finite number', integer: 'an integer', boolean: 'true or false', array: 'a list', object: 'a mapping of fields' };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}

function typeTip(type: string): string {
  if (type === 'number') return 'Write the value as a plain number, e.g. 81.2 (no %, no quotes, not .nan or .inf).';
  if (type === 'string') return 'Quote the value, e.g. "1.0" or "yes", so YAML reads it as text.';
  if (type === 'array') return 'Write a list, one "- item" per line.';
  if (type === 'boolean') return 'Write true or false.';
  return `Write ${article(type)}.`;
}

function describePattern(pattern: string): string {
  if (pattern.startsWith('^[a-z0-9]+')) return '(an id: lowercase a-z, 0-9 and single hyphens)';
  if (pattern.startsWith('^\\d{4}-')) return '(a date: YYYY-MM-DD)';
  if (pattern.startsWith('^https?')) return '(an http or https URL)';
  if (pattern.includes('\\d{4}\\.\\d{4,5}')) return '(an arXiv id such as 1905.00546, without version)';
  return pattern;
}

function tipForPattern(pattern: string): string {
  if (pattern.startsWith('^[a-z0-9]+')) return 'Use the id of the entity: its file name without .yaml.';
  if (pattern.startsWith('^\\d{4}-')) return 'Write the date as YYYY-MM-DD, e.g. 2019-05-02.';
  if (pattern.startsWith('^https?')) return 'Write a full URL starting with https://.';
  if (pattern.includes('\\d{4}\\.\\d{4,5}')) return 'Write the bare arXiv id, e.g. 1905.00546 (no "arXiv:" prefix, no "v2").';
  return 'Change the value to match the expected form.';
}

/** The `properties` of the (sub)schema at a data path, for listing allowed fields. */
function propertiesAt(kind: FileKind, at: PathSegment[]): Record<string, unknown> | undefined {
  let schema: any = fileSchemas[kind];
  for (const segment of at) {
    if (!schema) return undefined;
    if (typeof segment === 'number') schema = schema.items;
    else schema = schema.properties?.[segment] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
  }
  return schema?.properties;
}
