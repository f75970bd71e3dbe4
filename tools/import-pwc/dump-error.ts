// The one error a dump that cannot be read gives: the file, the reason, and where (in the JSON text, or in the Parquet table).
import type { DumpPosition } from './list-scanner.ts';

/** Where in a Parquet file: the row (0-based over the file, the entry's index) when one row is meant, its row group, the top-level column. */
export interface ParquetPosition {
  row?: number;
  rowGroup: number;
  column?: string;
}

export type DumpLocation = DumpPosition | ParquetPosition;

/** A dump that cannot be read: names the file and, when known, the position in the (uncompressed) JSON or the Parquet table. */
export class DumpError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly position?: DumpLocation,
    /** For gzip errors: how many compressed bytes had been read. */
    readonly compressedOffset?: number,
  ) {
    super(`${file}: ${reason}${describePosition(position, compressedOffset)}`);
  }
}

function describePosition(position: DumpLocation | undefined, compressedOffset: number | undefined): string {
  const parts: string[] = [];
  if (position && 'line' in position) parts.push(`line ${position.line}, column ${position.column} (byte ${position.offset} of the JSON)`);
  else if (position) {
    const group = `row group ${position.rowGroup}`;
    parts.push(position.row === undefined ? group : `row ${position.row} (${group})`);
    if (position.column !== undefined) parts.push(`column "${position.column}"`);
  }
  if (compressedOffset !== undefined) parts.push(`after ${compressedOffset} bytes of the gzip file`);
  return parts.length ? ` at ${parts.join(', ')}` : '';
}
