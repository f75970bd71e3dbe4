// Writes a dump's entries as Parquet, in the shapes a JSON dump takes there (for the tests and the bench; uses the devDependency hyparquet-writer).
// - struct: every object a struct holding every key seen at its place (absent keys are nulls), as pyarrow infers them;
// - map: the dicts with varying keys (a row's `metrics`) as MAP<string, value>, the rest as structs;
// - json: every top-level field that holds an object or a list as a JSON string (the Hub's way with deep nesting);
// - entry-json: the whole entry as one JSON string column.
import type { SchemaElement } from 'hyparquet-writer';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';

export type ParquetShape = 'struct' | 'map' | 'json' | 'entry-json';
export const PARQUET_SHAPES: readonly ParquetShape[] = ['struct', 'map', 'json', 'entry-json'];

/** The type of the values at one place of the entries, merged over all of them. */
type ValueType =
  | { kind: 'null' | 'boolean' | 'int' | 'double' | 'string' | 'json' }
  | { kind: 'list'; item: ValueType }
  | { kind: 'struct'; fields: Map<string, ValueType> }
  | { kind: 'map'; value: ValueType };

/** Dicts whose keys vary from entry to entry: written as maps in the map shape. */
const VARYING_KEYS = new Set(['metrics']);

/** The type of `value`; `entry` when it is a whole entry (whose fields are the columns). */
function typeOf(value: unknown, key: string, shape: ParquetShape, entry = false): ValueType {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (typeof value === 'number') return { kind: Number.isInteger(value) ? 'int' : 'double' };
  if (typeof value === 'string') return { kind: 'string' };
  if (Array.isArray(value)) return { kind: 'list', item: value.map((v) => typeOf(v, key, shape)).reduce(merge, { kind: 'null' }) };
  const entries = Object.entries(value as Record<string, unknown>);
  if (shape === 'map' && VARYING_KEYS.has(key)) return { kind: 'map', value: entries.map(([k, v]) => typeOf(v, k, shape)).reduce(merge, { kind: 'null' }) };
  const field = (k: string, v: unknown): ValueType => (entry && shape === 'json' && typeof v === 'object' && v !== null ? { kind: 'json' } : typeOf(v, k, shape));
  return { kind: 'struct', fields: new Map(entries.map(([k, v]) => [k, field(k, v)])) };
}

function merge(a: ValueType, b: ValueType): ValueType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if ((a.kind === 'int' && b.kind === 'double') || (a.kind === 'double' && b.kind === 'int')) return { kind: 'double' };
  if (a.kind !== b.kind) throw new Error(`values of one place have two types: ${a.kind} and ${b.kind}`);
  if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', item: merge(a.item, b.item) };
  if (a.kind === 'map' && b.kind === 'map') return { kind: 'map', value: merge(a.value, b.value) };
  if (a.kind === 'struct' && b.kind === 'struct') {
    const fields = new Map(a.fields);
    for (const [k, t] of b.fields) fields.set(k, fields.has(k) ? merge(fields.get(k)!, t) : t);
    return { kind: 'struct', fields };
  }
  return a;
}

/** The schema elements of one field, in Parquet's flat preorder. */
function elements(name: string, type: ValueType): SchemaElement[] {
  const optional = { name, repetition_type: 'OPTIONAL' as const };
  switch (type.kind) {
    case 'boolean':
      return [{ ...optional, type: 'BOOLEAN' }];
    case 'int':
      return [{ ...optional, type: 'INT64' }];
    case 'double':
      return [{ ...optional, type: 'DOUBLE' }];
    case 'list':
      return [{ ...optional, converted_type: 'LIST', num_children: 1 }, { name: 'list', repetition_type: 'REPEATED', num_children: 1 }, ...elements('element', type.item)];
    case 'map':
      return [
        { ...optional, converted_type: 'MAP', num_children: 1 },
        { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
        { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        ...elements('value', type.value),
      ];
    case 'struct':
      if (type.fields.size === 0) throw new Error(`the object "${name}" never has a key: a struct needs at least one field`);
      return [{ ...optional, num_children: type.fields.size }, ...[...type.fields].flatMap(([k, t]) => elements(k, t))];
    default:
      return [{ ...optional, type: 'BYTE_ARRAY', converted_type: 'UTF8' }];
  }
}

/** A value as the writer takes it at a place of this type (INT64 as bigint, JSON as its text). */
function columnValue(value: unknown, type: ValueType): unknown {
  if (value === undefined || value === null) return null;
  switch (type.kind) {
    case 'json':
      return JSON.stringify(value);
    case 'int':
      return BigInt(value as number);
    case 'list':
      return (value as unknown[]).map((v) => columnValue(v, type.item));
    case 'map':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, columnValue(v, type.value)]));
    case 'struct':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, columnValue(v, type.fields.get(k)!)]));
    default:
      return value;
  }
}

export interface ParquetDumpOptions {
  shape: ParquetShape;
  /** Rows per row group (default 1,000: row groups are what the reader holds at once). */
  rowGroupSize?: number;
}

/**
 * Writes the entries that `entries()` yields into `files` (the shards, split evenly, in order).
 * `entries` is called twice: once to learn the schema, once to write.
 */
export async function writeParquetDump(entries: () => AsyncIterable<unknown> | Iterable<unknown>, files: string[], options: ParquetDumpOptions): Promise<void> {
  const { shape } = options;
  const rowGroupSize = options.rowGroupSize ?? 1000;
  let count = 0;
  let row: ValueType = { kind: 'struct', fields: new Map() };
  for await (const entry of entries()) {
    count++;
    if (shape !== 'entry-json') row = merge(row, typeOf(entry, '', shape, true));
  }
  const fields: [string, ValueType][] = shape === 'entry-json' ? [['entry', { kind: 'json' }]] : [...(row as { fields: Map<string, ValueType> }).fields];
  const schema: SchemaElement[] = [{ name: 'root', num_children: fields.length }, ...fields.flatMap(([k, t]) => elements(k, t))];
  const perShard = Math.ceil(count / files.length);

  let shard = -1;
  let writer: ParquetWriter | undefined;
  let batch: unknown[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const columnData = fields.map(([k, t]) => ({ name: k, data: batch.map((e) => columnValue(shape === 'entry-json' ? e : (e as Record<string, unknown>)[k], t)) }));
    writer!.write({ columnData, rowGroupSize: batch.length });
    batch = [];
  };
  let i = 0;
  for await (const entry of entries()) {
    if (i % perShard === 0) {
      flush();
      writer?.finish();
      writer = new ParquetWriter({ writer: fileWriter(files[++shard]), schema });
    }
    batch.push(entry);
    if (batch.length === rowGroupSize) flush();
    i++;
  }
  flush();
  writer?.finish();
  // Shards with no entry still exist, as empty tables.
  for (shard++; shard < files.length; shard++) new ParquetWriter({ writer: fileWriter(files[shard]), schema }).finish();
}
