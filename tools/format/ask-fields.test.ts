// Asking for missing fields, with the input and output streams injected.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askFields, InputEnded, type Question } from './ask-fields.ts';
import { NEW_FIELDS, missingFields, type FieldSpec } from './new-file.ts';

function session(answers: string) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk) => (shown += String(chunk)));
  input.end(answers);
  return { input, output, shown: () => shown };
}

describe('askFields', () => {
  it('asks each missing field in turn, also when the answers were typed ahead', async () => {
    const io = session('Object Detection\ncomputer-vision\n');
    const values = await askFields(missingFields('task', {}), io.input, io.output);
    expect(values).toEqual({ name: 'Object Detection', area: 'computer-vision' });
    expect(io.shown()).toBe('Name: Area id (see data/areas.yaml): ');
  });

  it('asks again when an answer is empty or fails the check', async () => {
    const io = session('\nComputer Vision\ncomputer-vision\n');
    const values = await askFields(NEW_FIELDS.task.filter((s) => s.flag === 'area'), io.input, io.output);
    expect(values).toEqual({ area: 'computer-vision' });
    expect(io.shown()).toContain('is required.');
    expect(io.shown()).toContain('must be an id: lowercase a-z, 0-9 and single hyphens (e.g. "computer-vision")');
  });

  it('takes several answers for a list field until an empty one', async () => {
    const io = session('Top 1 Accuracy=81.2\nTop 5=96x\nTop 5 Accuracy=96.0\n\n');
    const values = await askFields(NEW_FIELDS.result.filter((s) => s.flag === 'metric'), io.input, io.output);
    expect(values).toEqual({ metric: ['Top 1 Accuracy=81.2', 'Top 5 Accuracy=96.0'] });
    expect(io.shown()).toContain('(another one, or Enter to finish)');
    expect(io.shown()).toContain('must be written Name=number');
  });

  it('stops with InputEnded when the input ends first', async () => {
    const io = session('Object Detection\n');
    await expect(askFields(missingFields('task', {}), io.input, io.output)).rejects.toBeInstanceOf(InputEnded);
  });

  it('accepts CRLF answers', async () => {
    const io = session('Object Detection\r\ncomputer-vision\r\n');
    expect(await askFields(missingFields('task', {}), io.input, io.output)).toEqual({ name: 'Object Detection', area: 'computer-vision' });
  });

  it('asks a field in parts when questionsFor splits it, again when every part is skipped; yes/no questions; a note on skipping', async () => {
    const io = session('\n\n81.2\n\nmaybe\ny\n\n');
    const metric = NEW_FIELDS.result.find((s) => s.flag === 'metric')!;
    const extra = NEW_FIELDS.result.find((s) => s.flag === 'extra-training-data')!;
    const source = NEW_FIELDS.result.find((s) => s.flag === 'source')!;
    const parts = (spec: FieldSpec): Question[] =>
      spec === metric ? ['Top 1', 'Top 5'].map((name) => ({ flag: 'metric', label: `${name} (%)`, toValue: (a: string) => `${name}=${a}` })) : [spec];
    const values = await askFields([metric, extra, source], io.input, io.output, parts);
    expect(values).toEqual({ metric: ['Top 1=81.2'], 'extra-training-data': true });
    expect(io.shown()).toBe(
      'Top 1 (%, empty to skip): Top 5 (%, empty to skip):   At least one metric is required.\n' +
        'Top 1 (%, empty to skip): Top 5 (%, empty to skip): ' +
        "Trained with data beyond the dataset's training set? (y/N):   Answer y or n.\n" +
        "Trained with data beyond the dataset's training set? (y/N): " +
        'Source: where the paper reports these numbers (e.g. Table 2, empty to skip):   Without a source the review says so, and a reviewer must search the paper for the numbers: add `source:` to the row (e.g. "Table 2") when you know it.\n',
    );
  });
});
