// Reads a Papers With Code dump stored as Parquet (as the Hub serves the archive), one row group at a time, as entries.
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DumpError, type ParquetPosition } from './dump-error.ts';
import type { DumpEntry, ReadOptions } from './dump-reader.ts';
import { dumpShape } from './dump-shapes.ts';
import { entryFromRow, holdsWholeEntry, ParquetValueError, ShapeGuide } from './parquet-entry.ts';

// Text exactly as written: a leading BOM is part of a value ("\uFEFF93.3" in the dumps), and invalid UTF-8 is an error, as in the JSON reader.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
const parsers = {
  stringFromBytes: (bytes: Uint8Array) => bytes && decoder.decode(bytes),
  jsonFromBytes: (bytes: Uint8Array) => bytes && JSON.parse(decoder.decode(bytes)),
};

/**
 * The rows of a Parquet dump as the JSON dump's entries (see parquet-entry.ts). Memory holds one
 * row group at a time: its columns are read one after the other, so a failure names the column.
 * A file that is not Parquet, lacks a column every entry needs, or has a column that cannot be
 * read is a DumpError naming the file (and the row group and column).
 */
export async function* readParquetDump(file: string, options: ReadOptions = {}): AsyncGenerator<DumpEntry> {
  let buffer: AsyncBuffer;
  let metadata: FileMetaData;
  try {
    buffer = await asyncBufferFromFile(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new DumpError(file, `not a readable Parquet file (${(error as Error).message})`);
  }
  const guide = ShapeGuide.of(options.kind ? dumpShape(options.kind) : {});
  const columns = parquetSchema(metadata).children;
  checkColumns(file, columns, guide, options);
  // Where a value of an entry is, for messages: its top-level column (or the one column holding whole entries).
  const wholeColumn = holdsWholeEntry(columns, guide) ? columns[0].element.name : undefined;

  let groupStart = 0;
  let bytesRead = 0;
  for (const [g, group] of metadata.row_groups.entries()) {
    const groupRows = Number(group.num_rows);
    const values = new Map<string, ArrayLike<unknown>>();
    for (const column of columns) values.set(column.element.name, await readColumn(file, buffer, metadata, column, g, groupStart, groupStart + groupRows));
    for (let i = 0; i < groupRows; i++) {
      const row: Record<string, unknown> = {};
      for (const [name, data] of values) row[name] = data[i];
      const index = groupStart + i;
      const at = (column?: string): ParquetPosition => ({ row: index, rowGroup: g, ...(column === undefined ? {} : { column }) });
      let value: unknown;
      try {
        value = entryFromRow(row, columns, guide);
      } catch (error) {
        if (error instanceof ParquetValueError) throw new DumpError(file, error.reason, at(error.column));
        throw error;
      }
      yield { index, value, start: at(wholeColumn), locate: (path) => at(wholeColumn ?? (typeof path[0] === 'string' ? path[0] : undefined)) };
    }
    groupStart += groupRows;
    bytesRead += Number(group.total_compressed_size ?? 0n);
    options.onProgress?.({ bytesRead: Math.min(bytesRead, buffer.byteLength), totalBytes: buffer.byteLength, entries: groupStart });
  }
}

/** The columns every entry needs must be there (unless one column holds each entry whole). */
function checkColumns(file: string, columns: readonly SchemaTree[], guide: ShapeGuide, options: ReadOptions): void {
  if (holdsWholeEntry(columns, guide)) return;
  const names = columns.map((c) => c.element.name);
  for (const name of guide.required()) {
    if (!names.includes(name)) {
      throw new DumpError(file, `the Parquet file has no column "${name}", which every entry of the ${options.kind} dump has (its columns: ${names.map((n) => `"${n}"`).join(', ')})`);
    }
  }
}

async function readColumn(file: string, buffer: AsyncBuffer, metadata: FileMetaData, column: SchemaTree, rowGroup: number, rowStart: number, rowEnd: number): Promise<ArrayLike<unknown>> {
  const name = column.element.name;
  let rows: unknown[][] = [];
  try {
    await parquetRead({ file: buffer, metadata, columns: [name], rowStart, rowEnd, compressors, parsers, onComplete: (r) => (rows = r) });
  } catch (error) {
    throw new DumpError(file, `cannot read the column (${(error as Error).message})`, { rowGroup, column: name });
  }
  return rows.map((r) => r[0]);
}
