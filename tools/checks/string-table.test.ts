import { describe, expect, it } from 'vitest';
import { StringTable, toColumn } from './string-table.ts';

describe('StringTable', () => {
  const words = ['data/a.yaml', 'data/b/c.yaml', '', 'data/b/d.yaml', 'data/é/ü.yaml', 'x'].filter((w, i, all) => all.indexOf(w) === i).sort();
  const table = new StringTable(toColumn(words));

  it('gives back each string, finds present ones and no absent one', () => {
    expect(table.length).toBe(words.length);
    expect(table.consistent()).toBe(true);
    words.forEach((w, i) => {
      expect(table.at(i)).toBe(w);
      expect(table.indexOf(w)).toBe(i);
    });
    for (const absent of ['data/b', 'data/b/c.yam', 'zz', ' ']) expect(table.indexOf(absent)).toBeUndefined();
    expect(table.toArray()).toEqual(words);
  });

  it('lowerBound is where a prefix starts', () => {
    const i = table.lowerBound('data/b/');
    expect(table.at(i)).toBe('data/b/c.yaml');
    expect(table.lowerBound('~')).toBe(words.length);
  });

  it('a damaged column is not consistent', () => {
    const column = toColumn(words);
    expect(new StringTable({ text: column.text.slice(1), ends: column.ends }).consistent()).toBe(false);
    const ends = column.ends.slice();
    [ends[1], ends[2]] = [ends[2], ends[1]];
    expect(new StringTable({ text: column.text, ends }).consistent()).toBe(false);
  });
});
