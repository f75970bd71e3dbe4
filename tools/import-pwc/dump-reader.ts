// Reads a Papers With Code dump (a JSON list, plain or gzipped) as a stream of entries with bounded memory.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ListScanner, ListSyntaxError, parseEntry, positionIn, type DumpPosition, type ScannerLimits } from './list-scanner.ts';
import { DumpError, type DumpLocation } from './dump-error.ts';
import type { DumpKind } from './dump-shapes.ts';
import { locateInJson, type JsonPath } from './locate-json.ts';
import { readParquetDump } from './parquet-dump.ts';

export type { DumpPosition } from './list-scanner.ts';
export { DumpError, type DumpLocation } from './dump-error.ts';

/** One entry of a dump, parsed. `locate` gives the file position of a value inside it (for shape errors). */
export interface DumpEntry {
  index: number;
  value: unknown;
  start: DumpLocation;
  locate(path: JsonPath): DumpLocation;
}

export interface ReadProgress {
  /** Bytes of the file read so far (compressed bytes for a gzip file). */
  bytesRead: number;
  /** The file's size. */
  totalBytes: number;
  entries: number;
}

export interface ReadOptions {
  onProgress?: (progress: ReadProgress) => void;
  limits?: Partial<ScannerLimits>;
  /** The dump the file is: tells a Parquet file's reader where the entries have objects and lists. */
  kind?: DumpKind;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const PARQUET_MAGIC = [...Buffer.from('PAR1')];

/** Whether the file starts with these bytes (a format's magic number). */
async function startsWith(file: string, magic: number[]): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    const { bytesRead } = await handle.read(head, 0, magic.length, 0);
    return bytesRead === magic.length && magic.every((b, i) => head[i] === b);
  } finally {
    await handle.close();
  }
}

/**
 * The entries of the dump in `file`, one at a time: a JSON list, gzipped or not, or a Parquet
 * table (one row an entry, see parquet-dump.ts). Gzip and Parquet are recognised by their magic
 * bytes, whatever the file is called. Every failure (missing file, not JSON, not a list, truncated
 * gzip, unreadable Parquet) is thrown as a DumpError naming the file and the position.
 */
export async function* readDump(file: string, options: ReadOptions = {}): AsyncGenerator<DumpEntry> {
  let totalBytes: number;
  let gzip: boolean;
  try {
    totalBytes = (await stat(file)).size;
    if (await startsWith(file, PARQUET_MAGIC)) {
      yield* readParquetDump(file, options);
      return;
    }
    gzip = await startsWith(file, GZIP_MAGIC);
  } catch (error) {
    if (error instanceof DumpError) throw error;
    throw new DumpError(file, `cannot read the file: ${(error as Error).message}`);
  }
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  const gunzip = gzip ? createGunzip({ chunkSize: 1 << 18 }) : undefined;
  if (gunzip) pipeline(source, gunzip, () => {}); // errors surface through the iteration below
  const stream = gunzip ?? source;
  const scanner = new ListScanner(options.limits);
  let entries = 0;
  let lastReport = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const scanned of scanner.push(chunk)) {
        const value = parseEntry(scanned.text, scanned.start);
        const { text, start } = scanned;
        entries++;
        yield { index: scanned.index, value, start, locate: (path) => positionIn(text, start, locateInJson(text, path)) };
      }
      if (options.onProgress && (source.bytesRead - lastReport >= 1 << 20 || source.bytesRead === totalBytes)) {
        lastReport = source.bytesRead;
        options.onProgress({ bytesRead: source.bytesRead, totalBytes, entries });
      }
    }
    scanner.end();
  } catch (error) {
    if (error instanceof ListSyntaxError) throw new DumpError(file, error.reason, error.position);
    if (error instanceof DumpError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (gzip && typeof code === 'string' && code.startsWith('Z_')) {
      const reason =
        code === 'Z_BUF_ERROR'
          ? 'the gzip data ends early: the file is truncated (download it again)'
          : `the gzip data is corrupt (${(error as Error).message})`;
      throw new DumpError(file, reason, scanner.position, source.bytesRead);
    }
    throw new DumpError(file, `cannot read the file: ${(error as Error).message}`, scanner.position);
  } finally {
    source.destroy();
    gunzip?.destroy();
  }
}
