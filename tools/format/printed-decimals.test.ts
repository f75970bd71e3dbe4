// The digits a value is written with survive the canonical form: `pwc fix` keeps 77.0 and turns
// 1.50e-3 into 0.00150 (not 0.0015); new rows are written with the decimals they were given.
import { describe, expect, it } from 'vitest';
import { addResultRow } from './add-result-row.ts';
import { formatSource, isFormatProblem } from './format-source.ts';
import { stringifyData } from './stringify-data.ts';

const file = (metrics: string) => `results:\n  - model: A\n    metrics:\n${metrics}`;

function fixed(text: string): string {
  const out = formatSource('result', text);
  if (isFormatProblem(out)) throw new Error(out.problems[0].message);
  return out.text;
}

describe('printed decimals in the canonical form', () => {
  it('keeps the digits of a value written with an exponent, in decimal notation', () => {
    expect(fixed(file('      a: 1.50e-3\n      b: 1E5\n      c: 1.5e3\n      d: 5e-1\n      e: 77.0\n'))).toBe(file('      a: 0.00150\n      b: 100000\n      c: 1500\n      d: 0.5\n      e: 77.0\n'));
    const once = fixed(file('      a: 1.50e-3\n'));
    expect(fixed(once)).toBe(once);
  });

  it('writes new rows with the decimals they were given, and the data as numbers', () => {
    const data = { results: [{ model: 'A', metrics: { 'Top 1': 77, 'Top 5': 93.3, Loss: 0.0015 } }] };
    expect(stringifyData('result', data, [{ 'Top 1': '77.0', 'Top 5': '93.30', Loss: '1.5e-3' }])).toBe(file('      Top 1: 77.0\n      Top 5: 93.30\n      Loss: 0.0015\n'));
    const added = addResultRow(file('      Top 1: 75.3\n'), { model: 'B', metrics: { 'Top 1': 81.2 } }, { 'Top 1': '81.20' });
    expect(added).toEqual({ text: `${file('      Top 1: 75.3\n')}  - model: B\n    metrics:\n      Top 1: 81.20\n` });
  });
});
