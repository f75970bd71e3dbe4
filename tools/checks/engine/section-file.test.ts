// The cache index's file format: sections written and read back whole, by element, by page and by
// range; and a file that is not one, or whose table points outside it, is refused at open.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { columnSections, SectionFile, writeSections, type Section } from './section-file.ts';
import { encodeColumn, StringTable } from './string-table.ts';

const dir = mkdtempSync(join(tmpdir(), 'pwc-sections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, meta: unknown, sections: Record<string, Section>): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  writeSections(fd, meta, sections);
  closeSync(fd);
  return path;
}

describe('SectionFile', () => {
  const big = Float64Array.from({ length: 5000 }, (_, i) => i * 1.5);
  const ids = Uint32Array.from({ length: 3000 }, (_, i) => 3000 - i);
  const words = Array.from({ length: 700 }, (_, i) => `data/papers/20${10 + (i % 15)}/paper-ü-${i}.yaml`).sort();
  const path = write('index.bin', { kind: 'test', n: 5000 }, {
    big,
    ids,
    note: 'héllo',
    empty: new Uint8Array(0),
    ...columnSections('words', encodeColumn(words, true)),
  });

  it('gives back the header and every section', () => {
    const file = SectionFile.open(path);
    expect(file.meta).toEqual({ kind: 'test', n: 5000 });
    expect(file.array('big', Float64Array)).toEqual(big);
    expect(file.array('ids', Uint32Array)).toEqual(ids);
    expect(file.text('note')).toBe('héllo');
    expect(file.size('empty')).toBe(0);
    expect(file.has('absent')).toBe(false);
    expect(file.text('absent')).toBe('');
    // A section whose length is not whole elements of the asked type is refused.
    expect(file.array('note', Float64Array)).toBeUndefined();
    expect(file.lazyArray('big', Float64Array).get(4999)).toBe(4999 * 1.5);
    expect(file.lazyArray('big', Float64Array).get(5000)).toBeNaN();
    expect(file.lazyArray('ids', Uint32Array).get(-1)).toBeNaN();
    file.close();
  });

  it('reads a typed section by element, by range and, after many pages, whole, with the same values', () => {
    const file = SectionFile.open(path);
    const lazy = file.lazyArray('big', Float64Array);
    expect(lazy.length).toBe(5000);
    for (const i of [0, 511, 512, 4999, 2500]) expect(lazy.get(i)).toBe(big[i]);
    expect(lazy.get(5000)).toBeNaN();
    expect(Array.from(lazy.range(10, 20))).toEqual(Array.from(big.subarray(10, 20)));
    expect(Array.from(lazy.range(100, 4000))).toEqual(Array.from(big.subarray(100, 4000)));
    for (let i = 0; i < 5000; i += 97) expect(lazy.get(i)).toBe(big[i]);
    expect(lazy.all()).toEqual(big);
    expect(lazy.range(4990, 6000).length).toBe(10);
    file.close();
  });

  it('looks strings up in a column without reading all of it, through a reused buffer', () => {
    const file = SectionFile.open(path);
    const column = file.column('words')!;
    const table = new StringTable(column);
    expect(table.consistent()).toBe(true);
    // Lookups in turn: each decodes its block before the next read reuses the buffer.
    for (const i of [699, 0, 350, 31, 32, 64]) expect(table.indexOf(words[i])).toBe(i);
    expect(table.at(351)).toBe(words[351]);
    expect(table.toArray()).toEqual(words);
    expect(file.column('absent')).toBeUndefined();
    file.close();
  });

  it('refuses what is not a section file, or one cut short or pointing outside itself', () => {
    const bytes = readFileSync(path);
    const cases: Record<string, Buffer> = {
      'other bytes': Buffer.from('not a section file at all'),
      empty: Buffer.alloc(0),
      'header cut short': bytes.subarray(0, 20),
      'header not JSON': Buffer.concat([bytes.subarray(0, 8), Buffer.from([4, 0, 0, 0]), Buffer.from('{{{{')]),
    };
    for (const [what, content] of Object.entries(cases)) {
      const bad = join(dir, 'bad.bin');
      writeFileSync(bad, content);
      expect(() => SectionFile.open(bad), what).toThrow();
    }
    const cut = join(dir, 'cut.bin');
    writeFileSync(cut, bytes);
    truncateSync(cut, bytes.length - 1);
    expect(() => SectionFile.open(cut)).toThrow(/outside/);
    const foreign = write('foreign.bin', null, { x: 'y' });
    const text = readFileSync(foreign).toString('latin1').replace(/"endian":"(LE|BE)"/, '"endian":"XX"');
    writeFileSync(foreign, Buffer.from(text, 'latin1'));
    expect(() => SectionFile.open(foreign)).toThrow(/foreign/);
  });
});
