// Adding a row to an existing result file keeps its comments and rows, and refuses what is unsafe.
import { describe, expect, it } from 'vitest';
import { parseSource } from '../model/source.ts';
import { addResultRow } from './add-result-row.ts';
import { commentsOf } from './lossless.ts';

const existing = [
  '# Results of the paper on ImageNet, from Table 3.',
  'results:',
  '  - model: ResNet-50 # the semi-supervised one',
  '    metrics:',
  '      Top 1 Accuracy: 79.3',
  '    source: Table 3',
  '  # the weakly supervised one',
  '  - model: ResNeXt-101 32x4d',
  '    metrics: {Top 1 Accuracy: 83.4}',
  '',
].join('\n');

describe('addResultRow', () => {
  it('appends the row after the others, keeping every comment and row', () => {
    const added = addResultRow(existing, { model: 'ResNet-18', metrics: { 'Top 1 Accuracy': 72.8 }, source: 'Table 3' });
    if (!('text' in added)) throw new Error(added.problem);
    expect(commentsOf(added.text)).toEqual(commentsOf(existing));
    const data = parseSource(added.text).data as { results: { model: string }[] };
    expect(data.results.map((r) => r.model)).toEqual(['ResNet-50', 'ResNeXt-101 32x4d', 'ResNet-18']);
    expect(added.text.endsWith('  - model: ResNet-18\n    metrics:\n      Top 1 Accuracy: 72.8\n    source: Table 3\n')).toBe(true);
  });

  it('refuses a model the file already has', () => {
    expect(addResultRow(existing, { model: 'ResNet-50', metrics: { a: 1 } })).toEqual({ problem: 'the file already has a row for the model "ResNet-50"; edit that row instead' });
  });

  it('refuses a file that does not parse, or has no results list', () => {
    expect(addResultRow('results: [\n', { model: 'M', metrics: { a: 1 } })).toMatchObject({ problem: expect.stringMatching(/cannot be read safely: \d+:\d+/) });
    expect(addResultRow('rows: []\n', { model: 'M', metrics: { a: 1 } })).toEqual({ problem: 'the existing file has no "results" list to add the row to' });
  });
});
