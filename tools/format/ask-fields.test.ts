// Asking for missing fields, with the input and output streams injected.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askFields, InputEnded } from './ask-fields.ts';
import { NEW_FIELDS, missingFields } from './new-file.ts';

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
});
