// pwc-results.parquet: the flat table as Parquet, written with hyparquet-writer (pure JS, so the
// bytes depend only on the table and the locked version): typed columns, snappy pages, no clock.
import { parquetWriteBuffer } from 'hyparquet-writer';
import { FLAT_COLUMNS, type FlatTable, type FlatType } from './flat.ts';
import type { BundleMeta } from './schema.ts';

const DAY_MS = 86_400_000;

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

/** The Parquet schema element of each column type (strings as UTF8, settings as JSON, dates as DATE days). */
function element(name: string, type: FlatType, nullable: boolean): SchemaElement {
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (type) {
    case 'string':
      return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
    case 'json':
      return { name, type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type };
    case 'double':
      return { name, type: 'DOUBLE', repetition_type };
    case 'boolean':
      return { name, type: 'BOOLEAN', repetition_type };
    case 'int32':
      return { name, type: 'INT32', repetition_type };
    case 'date':
      return { name, type: 'INT32', converted_type: 'DATE', repetition_type };
  }
}

const WITH_STATISTICS = new Set<string>(['benchmark', 'task', 'dataset', 'metric', 'value', 'unit', 'direction', 'is_primary', 'rank', 'extra_training_data', 'date_start']);

/**
 * Strings as UTF-8, each distinct one encoded once and shared: the writer would encode every cell
 * anew, and most cells repeat (a benchmark, a paper, a result's id on each of its values). The
 * writer's own time went mostly to those encodings and the garbage they left.
 */
function utf8Once(values: readonly (string | null)[]): (Uint8Array | null)[] {
  const seen = new Map<string, Uint8Array>();
  return values.map((v) => {
    if (v === null) return null;
    let bytes = seen.get(v);
    if (!bytes) seen.set(v, (bytes = Buffer.from(v, 'utf8')));
    return bytes;
  });
}

/** Days since 1970-01-01 of a YYYY-MM-DD day. */
function epochDay(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

/**
 * The Parquet file. Key-value metadata names the bundle it belongs to (schema version, data
 * version, commit), as pwc-data.json's meta does; nothing else varies with the build.
 */
export function encodeFlatParquet(table: FlatTable, meta: BundleMeta): Buffer {
  const schema: SchemaElement[] = [{ name: 'root', num_children: FLAT_COLUMNS.length }, ...FLAT_COLUMNS.map((c) => element(c.name, c.type, c.nullable))];
  const columnData = FLAT_COLUMNS.map((c) => ({
    name: c.name,
    // Min and max per row group where a reader can skip groups by them (ids, names and notes are
    // in no useful order, and their statistics cost a third of the writing time).
    statistics: WITH_STATISTICS.has(c.name),
    data: c.type === 'date' ? (table[c.name] as (string | null)[]).map((d) => (d === null ? null : epochDay(d))) : c.type === 'string' ? utf8Once(table[c.name] as (string | null)[]) : table[c.name],
  }));
  const kvMetadata = [
    { key: 'pwc.schema_version', value: meta.schema_version },
    { key: 'pwc.data_version', value: meta.data_version ?? '' },
    { key: 'pwc.source_commit', value: meta.source_commit ?? '' },
  ];
  return Buffer.from(parquetWriteBuffer({ columnData, schema, kvMetadata, codec: 'SNAPPY' }));
}
