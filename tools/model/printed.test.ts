// The printed form of metric values, taken where a result file is read: kept only when it is
// certainly the text of that value, and never in place of the number.
import { describe, expect, it } from 'vitest';
import { readValidFile } from './repository.ts';
import { addPrintedValues, printedForm, shownValue } from './printed.ts';
import { parseSource } from './source.ts';

const PATH = 'data/results/classification/imagenet/paper.yaml';

/** The rows of a result file as the tools read it. */
function rows(text: string): unknown {
  return (readValidFile(PATH, Buffer.from(text))?.data as { results: unknown[] }).results;
}

describe('printed values', () => {
  it('keeps 77.0, 81.20 and 1.5e-3 beside their numbers, and nothing for values printed in their shortest form', () => {
    const text = 'results:\n  - model: A\n    metrics:\n      Top 1: 77.0\n      Top 5: 81.20\n      Loss: 1.5e-3\n  - model: B\n    metrics: {Top 1: 77, Top 5: 93.3}\n';
    expect(rows(text)).toEqual([
      { model: 'A', metrics: { 'Top 1': 77, 'Top 5': 81.2, Loss: 0.0015 }, printed: { 'Top 1': '77.0', 'Top 5': '81.20', Loss: '1.5e-3' } },
      { model: 'B', metrics: { 'Top 1': 77, 'Top 5': 93.3 } },
    ]);
  });

  it('shows other notations (+1.50, .5, 0x1F) as the number: they carry no precision worth keeping', () => {
    expect(rows('results:\n  - model: A\n    metrics: {a: +1.50, b: .5, c: 0x1F, d: !!float 3}\n')).toEqual([{ model: 'A', metrics: { a: 1.5, b: 0.5, c: 31, d: 3 } }]);
    expect(printedForm('007.5', 7.5)).toBeUndefined();
    expect(printedForm(`1.${'0'.repeat(60)}`, 1)).toBeUndefined();
  });

  it('adds nothing when a key is a number or JavaScript reorders the keys: the texts could not be matched to the values', () => {
    expect(rows('results:\n  - model: A\n    metrics:\n      1.5: 77.0\n      b: 81.20\n')).toEqual([{ model: 'A', metrics: { '1.5': 77, b: 81.2 } }]);
    expect(rows('results:\n  - model: A\n    metrics:\n      "2": 77.0\n      "1": 81.20\n')).toEqual([{ model: 'A', metrics: { '1': 81.2, '2': 77 } }]);
    const data = { results: [{ model: 'A', metrics: { a: 77 } }] };
    addPrintedValues(data, ['78.0']);
    expect(data).toEqual({ results: [{ model: 'A', metrics: { a: 77 } }] });
  });

  it('keeps them in rows that state numeric settings, before or after the metrics (issue #13)', () => {
    const text = 'results:\n  - model: A\n    metrics:\n      Top 1: 77.0\n    settings:\n      resolution: 224\n      crop: 0.875\n  - model: B\n    settings: {resolution: 600, tta: true}\n    metrics: {Top 1: 81.20}\n';
    expect(rows(text)).toEqual([
      { model: 'A', metrics: { 'Top 1': 77 }, settings: { resolution: 224, crop: 0.875 }, printed: { 'Top 1': '77.0' } },
      { model: 'B', settings: { resolution: 600, tta: true }, metrics: { 'Top 1': 81.2 }, printed: { 'Top 1': '81.20' } },
    ]);
  });

  it('records number texts only when asked, and only for result files', () => {
    expect(parseSource('a: 1.0\n').numberTexts).toBeUndefined();
    expect(parseSource('a: 1.0\nb: [2, x, 3e1]\n', { numberTexts: true }).numberTexts).toEqual(['1.0', '2', '3e1']);
    const dataset = readValidFile('data/datasets/toy.yaml', Buffer.from('name: Toy\nbenchmarks:\n  - task: t\n    metrics:\n      - name: A\n        direction: higher\n        max: 100.0\n'));
    expect(JSON.stringify(dataset?.data)).not.toContain('printed');
  });

  it('shows the printed form when there is one, else the shortest form of the number', () => {
    expect(shownValue(77, '77.0')).toBe('77.0');
    expect(shownValue(77)).toBe('77');
    expect(shownValue(-0)).toBe('0');
  });
});
