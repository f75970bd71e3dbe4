// A list of strings kept as UTF-8 text and the byte offset where each ends, read 32 strings at a
// time: the cache's paths and keys (hundreds of thousands) are looked up without loading them.
// Fresh memory is what costs on these machines (about 3 ms a MB to touch), so an incremental run
// reads only the blocks its lookups reach. A sorted column carries the first string of each block
// (its sample), so a lookup reads one block.

/** Where the text lies: in memory, or a part of an open file read on demand. */
export interface ByteSource {
  readonly length: number;
  /** The bytes [start, end) (fewer if the source is shorter); they may be overwritten by the next read. */
  read(start: number, end: number): Buffer;
}

export function bufferSource(buffer: Buffer): ByteSource {
  return { length: buffer.length, read: (start, end) => buffer.subarray(start, end) };
}

export interface StringColumn {
  /** ends[i] is the byte where string i ends in text (it starts where string i - 1 ends). */
  ends: Uint32Array;
  text: ByteSource;
  /** Sorted columns: the first string of each block, as a column of its own. */
  sample?: StringColumn;
}

/** A column as written: its offsets, its text and (sorted) its sample. */
export interface EncodedColumn {
  ends: Uint32Array;
  text: Buffer;
  sample?: EncodedColumn;
}

const BLOCK = 32;

/** The column of `strings` (kept in their order); `sorted` adds the sample that lookups need. */
export function encodeColumn(strings: readonly string[], sorted = false): EncodedColumn {
  const ends = new Uint32Array(strings.length);
  const parts: Buffer[] = [];
  let at = 0;
  strings.forEach((s, i) => {
    const bytes = Buffer.from(s, 'utf8');
    parts.push(bytes);
    at += bytes.length;
    ends[i] = at;
  });
  const column: EncodedColumn = { ends, text: Buffer.concat(parts, at) };
  if (sorted) column.sample = encodeColumn(strings.filter((_, i) => i % BLOCK === 0));
  return column;
}

/** An encoded column read back from memory (tests, and columns just written). */
export function columnOf(encoded: EncodedColumn): StringColumn {
  return { ends: encoded.ends, text: bufferSource(encoded.text), sample: encoded.sample && columnOf(encoded.sample) };
}

export class StringTable {
  private all?: string[];
  private readonly blocks = new Map<number, string[]>();
  private sampleStrings?: string[];

  constructor(private readonly column: StringColumn) {}

  get length(): number {
    return this.column.ends.length;
  }

  /** The offsets rise and end at the text's length (and so for the sample): no read can go astray. */
  consistent(): boolean {
    const ok = ({ ends, text }: StringColumn) => {
      // An indexed loop: this runs once per process, before the JIT has made an iterator cheap.
      let previous = 0;
      for (let i = 0; i < ends.length; i++) {
        if (ends[i] < previous) return false;
        previous = ends[i];
      }
      return previous === text.length;
    };
    const sample = this.column.sample;
    return ok(this.column) && (!sample || (ok(sample) && sample.ends.length === Math.ceil(this.length / BLOCK)));
  }

  /** String i ('' outside the table). */
  at(i: number): string {
    if (this.all) return this.all[i] ?? '';
    if (!(i >= 0 && i < this.length)) return '';
    return this.block(Math.floor(i / BLOCK))[i % BLOCK];
  }

  /** Every string, made once (for runs that visit them all). */
  toArray(): string[] {
    if (!this.all) this.all = this.decode(0, this.length);
    return this.all;
  }

  /** The index of `s` in the sorted table, or undefined. */
  indexOf(s: string): number | undefined {
    const i = this.lowerBound(s);
    return i < this.length && this.at(i) === s ? i : undefined;
  }

  /** The first index whose string is not below `s` (sorted table). */
  lowerBound(s: string): number {
    let lo = 0;
    let hi = this.length;
    if (!this.all && this.column.sample) {
      // The sample names the one block where s belongs: the last whose first string is not above s.
      const sample = (this.sampleStrings ??= new StringTable(this.column.sample).toArray());
      let a = 0;
      let b = sample.length;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (sample[mid] <= s) a = mid + 1;
        else b = mid;
      }
      if (a === 0) return 0;
      lo = (a - 1) * BLOCK;
      hi = Math.min(lo + BLOCK, this.length);
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at(mid) < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private block(b: number): string[] {
    let strings = this.blocks.get(b);
    if (!strings) {
      strings = this.decode(b * BLOCK, Math.min(b * BLOCK + BLOCK, this.length));
      this.blocks.set(b, strings);
    }
    return strings;
  }

  /** Strings [first, last) from one read of their bytes. */
  private decode(first: number, last: number): string[] {
    const { ends, text } = this.column;
    const start = first === 0 ? 0 : ends[first - 1];
    const bytes = text.read(start, last === 0 ? 0 : ends[last - 1]);
    const out: string[] = new Array(last - first);
    let from = 0;
    for (let i = first; i < last; i++) {
      const to = ends[i] - start;
      out[i - first] = bytes.toString('utf8', from, to);
      from = to;
    }
    return out;
  }
}
