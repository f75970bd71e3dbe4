// `pwc fix` on issue #13's shapes: plain-text sources stay as written, mappings of sources and settings take the canonical order.
import { describe, expect, it } from 'vitest';
import { formatSource, isFormatProblem } from './format-source.ts';

function format(text: string): string {
  const result = formatSource('result', text);
  if (isFormatProblem(result)) throw new Error(JSON.stringify(result.problems));
  expect(formatSource('result', result.text)).toEqual({ text: result.text, changed: false });
  return result.text;
}

describe('sources and settings under pwc fix', () => {
  it('leaves a plain-text source as it is', () => {
    const text = 'results:\n  - model: ResNet-50\n    metrics:\n      Top 1 Accuracy: 79.3\n    source: Official repository README, model table\n';
    expect(formatSource('result', text)).toEqual({ text, changed: false });
  });

  it('writes a source mapping in block style as kind, url, ref, and settings after extra_training_data', () => {
    const text = [
      'results:',
      '  - model: ResNet-50',
      '    source: {ref: Table 2, url: "https://arxiv.org/abs/1905.00546", kind: paper}',
      '    settings: {resolution: 224, test_time_augmentation: false}',
      '    metrics: {Top 1 Accuracy: 79.3}',
      '    extra_training_data: true',
      '',
    ].join('\n');
    expect(format(text)).toBe(
      [
        'results:',
        '  - model: ResNet-50',
        '    metrics:',
        '      Top 1 Accuracy: 79.3',
        '    extra_training_data: true',
        '    settings:',
        '      resolution: 224',
        '      test_time_augmentation: false',
        '    source:',
        '      kind: paper',
        '      url: https://arxiv.org/abs/1905.00546',
        '      ref: Table 2',
        '',
      ].join('\n'),
    );
  });
});
