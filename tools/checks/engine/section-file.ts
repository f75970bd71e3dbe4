// A file of named binary sections after a JSON header, each read only when asked for: the cache's
// index, whose columns an incremental run touches a few entries of. Reading a whole 30 MB blob costs
// about 0.2 s on these machines (fresh memory is slow to touch); a lookup costs one small read.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import type { ByteSource, EncodedColumn, StringColumn } from './string-table.ts';

const MAGIC = Buffer.from('PWCSECT1');
const ENDIAN = endianness();

export type Section = ArrayBufferView | string;

interface Header {
  endian: string;
  /** Per section: [offset, byte length]. */
  sections: Record<string, [number, number]>;
  meta: unknown;
}

/** The sections of an encoded string column, under `name.ends`, `name.text` (and the sample's). */
export function columnSections(name: string, column: EncodedColumn): Record<string, Section> {
  return {
    [`${name}.ends`]: column.ends,
    [`${name}.text`]: column.text,
    ...(column.sample ? columnSections(`${name}.sample`, column.sample) : {}),
  };
}

/** Writes `meta` and the sections to the open file `fd` (typed arrays in this machine's byte order). */
export function writeSections(fd: number, meta: unknown, sections: Record<string, Section>): void {
  const bodies = Object.entries(sections).map(([name, body]) => {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    return { name, bytes };
  });
  const table: Record<string, [number, number]> = {};
  let at = 0;
  for (const { name, bytes } of bodies) {
    table[name] = [at, bytes.length];
    at += bytes.length;
  }
  const header = Buffer.from(JSON.stringify({ endian: ENDIAN, sections: table, meta } satisfies Header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  let position = 0;
  const put = (bytes: Uint8Array) => {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
    position += bytes.length;
  };
  put(MAGIC);
  put(length);
  put(header);
  for (const { bytes } of bodies) put(bytes);
}

type Typed = Float64Array | Uint32Array | Uint8Array;
type TypedClass<T extends Typed> = { new (length: number): T; BYTES_PER_ELEMENT: number };

/**
 * An open section file. Throws from `open` when the file is not one (or its table points outside
 * it); afterwards reads never throw: a short read gives fewer bytes. The descriptor stays open
 * while the object lives (a later read must see this file, not one renamed over it since).
 */
export class SectionFile {
  private fd?: number;
  private readonly table: Record<string, [number, number]>;
  private readonly base: number;
  readonly meta: unknown;
  private readonly reused = Buffer.allocUnsafeSlow(1 << 16);

  private constructor(fd: number) {
    this.fd = fd;
    const size = fstatSync(fd).size;
    const start = Buffer.alloc(MAGIC.length + 4);
    if (readSync(fd, start, 0, start.length, 0) !== start.length || !start.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a section file');
    const headerLength = start.readUInt32LE(MAGIC.length);
    if (start.length + headerLength > size) throw new Error('truncated header');
    const headerBytes = Buffer.alloc(headerLength);
    readSync(fd, headerBytes, 0, headerLength, start.length);
    const header = JSON.parse(headerBytes.toString('utf8')) as Header;
    if (header.endian !== ENDIAN || typeof header.sections !== 'object' || header.sections === null) throw new Error('foreign section file');
    this.base = start.length + headerLength;
    for (const [offset, length] of Object.values(header.sections)) {
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || this.base + offset + length > size) throw new Error('section outside the file');
    }
    this.table = header.sections;
    this.meta = header.meta;
    registry.register(this, fd, this);
  }

  static open(path: string): SectionFile {
    const fd = openSync(path, 'r');
    try {
      return new SectionFile(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  has(name: string): boolean {
    return Object.hasOwn(this.table, name);
  }

  /** The byte length of a section (0 when absent). */
  size(name: string): number {
    return this.has(name) ? this.table[name][1] : 0;
  }

  /** A part of a section, read now into fresh memory. */
  read(name: string, start: number, end: number): Buffer {
    return this.readPart(name, start, end);
  }

  /**
   * Bytes [start, end) of a section, into `into` when given (it must be long enough) or fresh
   * memory. Offsets come from the file itself: anything outside the section reads as nothing.
   */
  private readPart(name: string, start: number, end: number, into?: Buffer): Buffer {
    const [offset, length] = this.has(name) ? this.table[name] : [0, 0];
    const from = start >= 0 ? Math.floor(Math.min(start, length)) : 0;
    const to = end >= from ? Math.floor(Math.min(end, length)) : from;
    const out = into ?? Buffer.allocUnsafe(to - from);
    const got = this.fd === undefined || to === from ? 0 : readSync(this.fd, out, 0, to - from, this.base + offset + from);
    return out.length === got ? out : out.subarray(0, got);
  }

  /** Fills `target` from the section at byte `start` (the caller keeps inside the section). */
  readInto(name: string, start: number, target: Uint8Array): void {
    if (this.fd === undefined || target.length === 0 || !this.has(name)) return;
    readSync(this.fd, target, 0, target.length, this.base + this.table[name][0] + start);
  }

  text(name: string): string {
    return this.read(name, 0, this.size(name)).toString('utf8');
  }

  /**
   * The section as a source whose reads (of up to 64 KB) land in one buffer kept for them: each
   * read's bytes last until the next read, which is all a string table needs to decode them.
   */
  source(name: string): ByteSource {
    return {
      length: this.size(name),
      read: (start, end) => (end - start <= this.reused.length ? this.readPart(name, start, end, this.reused) : this.readPart(name, start, end)),
    };
  }

  /** A whole section as a typed array (undefined when its length is not a whole number of elements). */
  array<T extends Typed>(name: string, type: TypedClass<T>): T | undefined {
    const bytes = this.size(name);
    if (bytes % type.BYTES_PER_ELEMENT !== 0) return undefined;
    const out = new type(bytes / type.BYTES_PER_ELEMENT);
    if (this.fd !== undefined && bytes > 0) readSync(this.fd, new Uint8Array(out.buffer), 0, bytes, this.base + this.table[name][0]);
    return out;
  }

  /** A typed section read a page at a time while few are asked for, then whole. */
  lazyArray(name: string, type: TypedClass<Float64Array | Uint32Array>): LazyArray {
    return new LazyArray(this, name, type);
  }

  /** A string column written by columnSections (ends loaded now, text on demand). */
  column(name: string): StringColumn | undefined {
    const ends = this.array(`${name}.ends`, Uint32Array);
    if (!ends || !this.has(`${name}.text`)) return undefined;
    const sample = this.has(`${name}.sample.ends`) ? this.column(`${name}.sample`) : undefined;
    return { ends, text: this.source(`${name}.text`), sample };
  }

  close(): void {
    if (this.fd === undefined) return;
    registry.unregister(this);
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Elements of a typed section, read a page (4 KB) at a time: neighbouring files (one folder, one
 * leaderboard) share pages. Once a good share of the pages has been read, the rest is read whole.
 */
export class LazyArray {
  private whole?: Float64Array | Uint32Array;
  private readonly pages = new Map<number, Float64Array | Uint32Array>();

  constructor(
    private readonly file: SectionFile,
    private readonly name: string,
    private readonly type: TypedClass<Float64Array | Uint32Array>,
  ) {}

  get length(): number {
    return this.file.size(this.name) / this.type.BYTES_PER_ELEMENT;
  }

  /** Element i (NaN outside the section). */
  get(i: number): number {
    if (this.whole) return this.whole[i] ?? Number.NaN;
    if (!(i >= 0 && i < this.length)) return Number.NaN;
    const perPage = PAGE / this.type.BYTES_PER_ELEMENT;
    const p = Math.floor(i / perPage);
    let page = this.pages.get(p);
    if (!page) {
      if ((this.pages.size + 1) * PAGE * WHOLE_AFTER_SHARE > this.file.size(this.name)) return this.all()[i];
      page = this.read(p * perPage, (p + 1) * perPage);
      this.pages.set(p, page);
    }
    return page[i - p * perPage];
  }

  /** Elements [start, end): from the pages when they are few (a file's keys, a key's files), else read at once. */
  range(start: number, end: number): Float64Array | Uint32Array {
    if (this.whole) return this.whole.subarray(start, end);
    if (end - start <= PAGE / this.type.BYTES_PER_ELEMENT && start >= 0 && end <= this.length) {
      const out = new this.type(end - start);
      for (let i = start; i < end; i++) out[i - start] = this.get(i);
      return out;
    }
    return this.read(start, end);
  }

  private read(start: number, end: number): Float64Array | Uint32Array {
    const from = Math.max(0, Math.min(start, this.length));
    const out = new this.type(Math.max(0, Math.min(end, this.length) - from) || 0);
    this.file.readInto(this.name, from * this.type.BYTES_PER_ELEMENT, new Uint8Array(out.buffer));
    return out;
  }

  all(): Float64Array | Uint32Array {
    if (!this.whole) {
      this.whole = this.file.array(this.name, this.type) ?? new this.type(0);
      this.pages.clear();
    }
    return this.whole;
  }
}

const PAGE = 4096;
/** Read whole once the pages read would be more than a quarter of it (a page read costs about as much as 40 KB of a whole read). */
const WHOLE_AFTER_SHARE = 4;

// A file nobody closed is closed when its object is collected.
const registry = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // closed already
  }
});
