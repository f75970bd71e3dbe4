// A sorted list of strings kept as one joined string and the end offset of each: the cache's paths
// and keys (hundreds of thousands) load without making a string each, which costs more in garbage
// collection than an incremental run spends on everything else. Strings are cut out when asked for.

export interface StringColumn {
  /** The strings joined without separator. */
  text: string;
  /** ends[i] is where string i ends in text (it starts where string i - 1 ends). */
  ends: Uint32Array;
}

/** The column of `strings` (kept in their order). */
export function toColumn(strings: readonly string[]): StringColumn {
  const ends = new Uint32Array(strings.length);
  let at = 0;
  strings.forEach((s, i) => {
    at += s.length;
    ends[i] = at;
  });
  return { text: strings.join(''), ends };
}

export class StringTable {
  private all?: string[];

  constructor(private readonly column: StringColumn) {}

  get length(): number {
    return this.column.ends.length;
  }

  /** The column is whole: offsets rise and end at the text's length. */
  consistent(): boolean {
    const { text, ends } = this.column;
    let previous = 0;
    for (const end of ends) {
      if (end < previous) return false;
      previous = end;
    }
    return previous === text.length;
  }

  at(i: number): string {
    const { text, ends } = this.column;
    return this.all ? this.all[i] : text.slice(i === 0 ? 0 : ends[i - 1], ends[i]);
  }

  /** Every string, made once (for runs that visit them all). */
  toArray(): string[] {
    if (!this.all) this.all = Array.from({ length: this.length }, (_, i) => this.at(i));
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
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at(mid) < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
