import { describe, expect, it } from 'vitest';
import { columnOf, encodeColumn, StringTable, type ByteSource } from './string-table.ts';

describe('StringTable', () => {
  const words = ['data/a.yaml', 'data/b/c.yaml', '', 'data/b/d.yaml', 'data/é/ü.yaml', 'x'].filter((w, i, all) => all.indexOf(w) === i).sort();
  const table = new StringTable(columnOf(encodeColumn(words, true)));

  it('gives back each string, finds present ones and no absent one', () => {
    expect(table.length).toBe(words.length);
    expect(table.consistent()).toBe(true);
    words.forEach((w, i) => {
      expect(table.at(i)).toBe(w);
      expect(table.indexOf(w)).toBe(i);
    });
    for (const absent of ['data/b', 'data/b/c.yam', 'zz', ' ']) expect(table.indexOf(absent)).toBeUndefined();
    expect(table.at(-1)).toBe('');
    expect(table.at(words.length)).toBe('');
    expect(table.toArray()).toEqual(words);
  });

  it('lowerBound is where a prefix starts', () => {
    const i = table.lowerBound('data/b/');
    expect(table.at(i)).toBe('data/b/c.yaml');
    expect(table.lowerBound('~')).toBe(words.length);
  });

  it('finds every string of a large sorted table through its sample, reading one block per lookup', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `data/results/t-${i % 97}/d-${i}/p-ü${i}.yaml`).sort();
    const encoded = encodeColumn(many, true);
    let reads = 0;
    const text: ByteSource = { length: encoded.text.length, read: (a, b) => (reads++, encoded.text.subarray(a, b)) };
    const sample = columnOf(encoded.sample!);
    const disk = new StringTable({ ends: encoded.ends, text, sample });
    expect(disk.consistent()).toBe(true);
    for (const probe of [0, 1, 31, 32, 33, 2500, 4967, 4999]) {
      reads = 0;
      expect(disk.indexOf(many[probe])).toBe(probe);
      expect(reads).toBeLessThanOrEqual(1);
    }
    expect(disk.indexOf('data/results/t-5/d-5/p-ü5.yam')).toBeUndefined();
    expect(disk.lowerBound('')).toBe(0);
    expect(disk.lowerBound('data/results/t-50/')).toBe(many.findIndex((s) => s >= 'data/results/t-50/'));
    expect(disk.lowerBound('zzz')).toBe(many.length);
    // Without the sample (unsorted use) the same answers come from bisecting blocks.
    const plain = new StringTable({ ends: encoded.ends, text });
    expect(plain.indexOf(many[1234])).toBe(1234);
  });

  it('a damaged column is not consistent', () => {
    const column = encodeColumn(words, true);
    expect(new StringTable({ ends: column.ends, text: columnOf({ ends: column.ends, text: column.text.subarray(1) }).text }).consistent()).toBe(false);
    const ends = column.ends.slice();
    [ends[1], ends[2]] = [ends[2], ends[1]];
    expect(new StringTable(columnOf({ ...column, ends })).consistent()).toBe(false);
    // A sample that does not cover the blocks is damage too.
    expect(new StringTable(columnOf({ ...column, sample: encodeColumn([]) })).consistent()).toBe(false);
  });
});
