// Line edits for review suggestions: applied together they give the canonical text.
import { describe, expect, it } from 'vitest';
import type { FileKind } from '../model/schemas.ts';
import { fixedText } from './format-source.ts';
import { applyEdits, fixSuggestions } from './suggestions.ts';
import { Random, randomData, randomSource } from './test-support/random-data.ts';

describe('fixSuggestions', () => {
  it('gives one edit per changed line range, on the lines of the file', () => {
    const text = "title: T\ndate: 2019-05-02\narxiv: '1905.00546'\ntasks: [b, a]\n";
    const s = fixSuggestions('paper', text)!;
    expect(s.notes).toEqual([]);
    expect(s.edits).toEqual([{ line: 3, endLine: 4, replacement: ['arxiv: "1905.00546"', 'tasks:', '  - a', '  - b'] }]);
  });

  it('anchors a pure insertion on the line above it', () => {
    const s = fixSuggestions('task', 'name: T\narea: cv')!;
    expect(applyEdits('name: T\narea: cv', s.edits)).toBe('name: T\narea: cv\n');
    for (const e of s.edits) expect(e.endLine).toBeGreaterThanOrEqual(e.line);
  });

  it('notes what no line edit shows, and gives nothing for a canonical or broken file', () => {
    expect(fixSuggestions('task', '\uFEFFname: T\r\narea: cv\r\n')).toEqual({ edits: [], notes: ['remove the byte order mark (BOM) at the start of the file', 'use LF line ends instead of CRLF'] });
    expect(fixSuggestions('task', 'name: T\narea: cv\n')).toBeUndefined();
    expect(fixSuggestions('task', 'name: [\n')).toBeUndefined();
  });

  it('applied together, the edits give the canonical text (random documents)', () => {
    const r = new Random(42);
    for (const kind of ['task', 'dataset', 'paper', 'result'] as FileKind[]) {
      for (let i = 0; i < 40; i++) {
        const text = randomSource(randomData(kind, r), r).text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
        const fixed = fixedText(kind, text);
        const s = fixSuggestions(kind, text);
        if (fixed === undefined) {
          expect(s).toBeUndefined();
          continue;
        }
        expect(applyEdits(text, s!.edits)).toBe(fixed);
      }
    }
  });
});
