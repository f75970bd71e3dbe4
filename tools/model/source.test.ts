import { describe, expect, it } from 'vitest';
import { LocatedDocument, MAX_FILE_BYTES, decodeSource, parseSource } from './source.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeSource', () => {
  it('accepts UTF-8 text', () => {
    expect(decodeSource(enc('name: Hervé\n'))).toEqual({ text: 'name: Hervé\n', problems: [] });
  });
  it('locates invalid UTF-8, NUL bytes, BOM and CRLF', () => {
    expect(decodeSource(new Uint8Array([0x61, 0x3a, 0x0a, 0x62, 0xc3, 0x28])).problems[0]).toMatchObject({ rule: 'encoding', line: 2, column: 2 });
    expect(decodeSource(enc('a: 1\nb: \u0000')).problems[0]).toMatchObject({ rule: 'encoding', line: 2, column: 4 });
    const bom = decodeSource(enc('\ufeffa: 1\n'));
    expect(bom.text).toBe('a: 1\n');
    expect(bom.problems[0]).toMatchObject({ rule: 'encoding', line: 1 });
    expect(decodeSource(enc('a: 1\r\nb: 2\r\n')).problems[0]).toMatchObject({ rule: 'line-endings', line: 1, column: 5 });
  });
  it('refuses oversized and empty files without decoding them', () => {
    expect(decodeSource(new Uint8Array(MAX_FILE_BYTES + 1)).problems[0].rule).toBe('file-too-large');
    expect(decodeSource(new Uint8Array(0)).problems[0].rule).toBe('empty-file');
  });
});

describe('parseSource', () => {
  it('keeps dates as strings (YAML 1.2 core schema)', () => {
    expect(parseSource('date: 2019-05-02\nn: 1.5\n').data).toEqual({ date: '2019-05-02', n: 1.5 });
  });
  it('reports duplicate keys and tabs with positions', () => {
    expect(parseSource('a: 1\nb: 2\na: 3\n').problems[0]).toMatchObject({ rule: 'duplicate-key', line: 3, column: 1 });
    expect(parseSource('a:\n\t- b\n').problems[0]).toMatchObject({ rule: 'tabs', line: 2 });
  });
  it('refuses aliases quickly, even a billion-laughs bomb', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = performance.now();
    const result = parseSource(levels.join('\n') + '\n');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.data).toBeUndefined();
    expect(result.problems[0]).toMatchObject({ rule: 'yaml-syntax', line: 2 });
  });
  it('treats an empty document as a problem, not as data', () => {
    expect(parseSource('# only a comment\n').problems[0].rule).toBe('empty-file');
  });
});

describe('LocatedDocument', () => {
  const doc = new LocatedDocument('title: x\nresults:\n  - model: A\n    metrics:\n      Top 1: 81.2\n');
  it('finds keys and values by data path', () => {
    expect(doc.locate(['results', 0, 'metrics', 'Top 1'], 'key')).toEqual({ line: 5, column: 7 });
    expect(doc.locate(['results', 0, 'metrics', 'Top 1'], 'value')).toEqual({ line: 5, column: 14 });
    expect(doc.locate(['results', 0, 'model'])).toEqual({ line: 3, column: 12 });
  });
  it('falls back to the nearest existing ancestor', () => {
    expect(doc.locate(['results', 0, 'missing'])).toEqual({ line: 3, column: 5 });
  });
});
