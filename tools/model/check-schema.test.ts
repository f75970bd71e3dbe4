// Schema messages as people read them: data paths with items counted from 1.
import { describe, expect, it } from 'vitest';
import { checkSchema, describePath } from './check-schema.ts';
import { count } from './count.ts';

describe('schema messages', () => {
  it('name list items from 1, by what they are', () => {
    expect(describePath([])).toBe('the file');
    expect(describePath(['results', 0])).toBe('row 1');
    expect(describePath(['results', 1, 'metrics', 'Top 1 Accuracy'])).toBe('"metrics.Top 1 Accuracy" of row 2');
    expect(describePath(['benchmarks', 1, 'metrics', 0, 'direction'])).toBe('"direction" of metric 1 of benchmark 2');
    expect(describePath(['synonyms', 2])).toBe('item 3 of "synonyms"');
  });

  it('say "row 1" for the first result row, never "results.0"', () => {
    const problems = checkSchema('result', { results: [{ metrics: { Accuracy: 1 } }] });
    expect(problems.map((p) => p.message)).toEqual(['row 1 lacks the required field "model"']);
    expect(problems[0].tip).toBe('Add "model:" to row 1.');
  });
});

describe('count', () => {
  it('uses the singular for one only', () => {
    expect([0, 1, 2].map((n) => count(n, 'file'))).toEqual(['0 files', '1 file', '2 files']);
    expect(count(1, 'entity', 'entities')).toBe('1 entity');
  });
});
