// Turns a row of a Parquet dump into the entry the JSON dump holds: the one normalisation step between the two.
// A JSON dump reaches Parquet in several shapes; each is undone here, guided by the dump's own shape (dump-shapes.ts):
// - a dict as a struct holding every key seen anywhere: a null field is a key the entry does not have;
// - a dict as a map (MAP, or a list of {key, value}): its entries, nulls kept (a map writes only the keys it has);
// - a dict or list as a JSON string, where the dump has an object or a list (or in a column annotated JSON);
// - the whole entry in one column (a struct or a JSON string);
// - INT64 as bigint and dates as Date objects, back to the numbers and "YYYY-MM-DD" strings of the JSON.
import type { SchemaTree } from 'hyparquet';
import { isListLike, isMapLike } from 'hyparquet/src/schema.js';

/** A JSON schema node of a dump's shape, as far as the normalisation needs it. */
export interface ShapeNode {
  type?: string | string[];
  properties?: Record<string, ShapeNode>;
  items?: ShapeNode;
  $ref?: string;
  $defs?: Record<string, ShapeNode>;
  required?: string[];
}

/** Where a dump's shape says a value is: resolves `$ref` against the dump's schema. */
export class ShapeGuide {
  private constructor(
    private readonly root: ShapeNode,
    private readonly node: ShapeNode | undefined,
  ) {}

  /** The guide to a dump's entries, from its schema (an empty schema knows nothing: no text is taken for JSON). */
  static of(schema: ShapeNode): ShapeGuide {
    return new ShapeGuide(schema, schema);
  }

  private resolved(): ShapeNode | undefined {
    let node = this.node;
    while (node?.$ref) node = this.root.$defs?.[node.$ref.replace('#/$defs/', '')];
    return node;
  }

  /** The shape of a key of this object. */
  key(name: string): ShapeGuide {
    return new ShapeGuide(this.root, this.resolved()?.properties?.[name]);
  }

  /** The shape of this list's items. */
  items(): ShapeGuide {
    return new ShapeGuide(this.root, this.resolved()?.items);
  }

  /** The keys an entry must have. */
  required(): string[] {
    return this.resolved()?.required ?? [];
  }

  has(name: string): boolean {
    return this.resolved()?.properties?.[name] !== undefined;
  }

  /** Whether the shape wants an object or a list here, and never a string. */
  wantsContainer(): boolean {
    const type = this.resolved()?.type;
    const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
    return types.some((t) => t === 'object' || t === 'array') && !types.includes('string');
  }
}

/** The column that could not be normalised, and why. */
export class ParquetValueError extends Error {
  constructor(
    readonly column: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** One entry from a row: `row` has one value per top-level column (as hyparquet assembles them). */
export function entryFromRow(row: Record<string, unknown>, columns: readonly SchemaTree[], guide: ShapeGuide): unknown {
  if (holdsWholeEntry(columns, guide)) {
    const [column] = columns;
    return valueOf(row[column.element.name], column, guide, column.element.name);
  }
  const entry: Record<string, unknown> = {};
  for (const column of columns) {
    const name = column.element.name;
    const value = valueOf(row[name], column, guide.key(name), name);
    if (value !== null && value !== undefined) entry[name] = value;
  }
  return entry;
}

/** A file of one column that the dump's entries do not have holds each entry whole (as a struct or as JSON). */
export function holdsWholeEntry(columns: readonly SchemaTree[], guide: ShapeGuide): boolean {
  return columns.length === 1 && !guide.has(columns[0].element.name);
}

function valueOf(value: unknown, tree: SchemaTree, guide: ShapeGuide, column: string): unknown {
  if (value === null || value === undefined) return null;
  if (isMapLike(tree)) return mapOf(value, tree.children[0].children.find((c) => c.element.name === 'value'), guide, column);
  if (isListLike(tree)) {
    if (!Array.isArray(value)) return value;
    const element = tree.children[0].children[0];
    if (isKeyValue(element) && !guide.items().wantsContainer() && guide.wantsContainer()) {
      return mapOf(Object.fromEntries(value.map((kv: { key: string; value: unknown }) => [kv.key, kv.value])), element.children.find((c) => c.element.name === 'value'), guide, column);
    }
    return value.map((v) => valueOf(v, element, guide.items(), column));
  }
  if (tree.children.length > 0) {
    if (typeof value !== 'object') return value;
    const struct: Record<string, unknown> = {};
    for (const child of tree.children) {
      const name = child.element.name;
      const v = valueOf((value as Record<string, unknown>)[name], child, guide.key(name), column);
      if (v !== null && v !== undefined) struct[name] = v;
    }
    return struct;
  }
  return leafOf(value, guide, column);
}

/** A map's entries in their order; a null value is the dump's own null. */
function mapOf(value: unknown, valueTree: SchemaTree | undefined, guide: ShapeGuide, column: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const map: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) map[k] = valueTree ? valueOf(v, valueTree, guide.key(k), column) : v;
  return map;
}

/** A list of {key, value} structs: a map written without the MAP annotation. */
function isKeyValue(element: SchemaTree): boolean {
  const names = element.children.map((c) => c.element.name).sort();
  return names.length === 2 && names[0] === 'key' && names[1] === 'value';
}

function leafOf(value: unknown, guide: ShapeGuide, column: string): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'string' && guide.wantsContainer() && /^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch (error) {
      throw new ParquetValueError(column, `the dump has an object or a list here, and the text in its place is not JSON (${(error as Error).message})`);
    }
  }
  return value;
}

/** A date as the JSON dumps write it: "YYYY-MM-DD" at midnight UTC, else the full ISO timestamp. */
export function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
