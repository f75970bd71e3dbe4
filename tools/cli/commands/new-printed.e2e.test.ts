// `pwc new result` through the real CLI writes metric values as given: --metric "Top 1
// Accuracy=77.0" puts 77.0 in the file (not 77), in a new file and in a row added to an existing one.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from '../../bundle/testing.ts';
import { runPwc } from '../../format/test-support/run-pwc.ts';

const FILES: Record<string, string> = {
  'data/areas.yaml': 'areas:\n  - id: computer-vision\n    name: Computer Vision\n',
  'data/tasks/image-classification.yaml': 'name: Image Classification\narea: computer-vision\n',
  'data/datasets/imagenet.yaml': `name: ImageNet
benchmarks:
  - task: image-classification
    metrics:
      - name: Top 1 Accuracy
        direction: higher
        unit: "%"
        min: 0
        max: 100
      - name: Top 5 Accuracy
        direction: higher
        unit: "%"
        min: 0
        max: 100
    primary: Top 1 Accuracy
`,
  'data/papers/2015/resnet.yaml': 'title: ResNet\ndate: 2015-12-10\ntasks:\n  - image-classification\ndatasets:\n  - imagenet\n',
  'data/papers/2019/effnet.yaml': 'title: EffNet\ndate: 2019-05-28\ntasks:\n  - image-classification\ndatasets:\n  - imagenet\n',
  'data/results/image-classification/imagenet/resnet.yaml': 'results:\n  - model: ResNet-50\n    metrics:\n      Top 1 Accuracy: 75.3\n    source: Table 3\n',
};

let root: string;
beforeAll(() => {
  root = tempDir('pwc-new-printed-');
  writeFiles(root, FILES);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const newResult = (paper: string, model: string, metrics: string[]) =>
  runPwc(['new', 'result', '--root', root, '--task', 'image-classification', '--dataset', 'imagenet', '--paper', paper, '--model', model, ...metrics.flatMap((m) => ['--metric', m]), '--source', 'Table 2']);

describe('pwc new result keeps the values as given', () => {
  it('writes 77.0 and 93.30 in a new file', async () => {
    const result = await newResult('effnet', 'EffNet-B0', ['Top 1 Accuracy=77.0', 'Top 5 Accuracy=93.30']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(join(root, 'data/results/image-classification/imagenet/effnet.yaml'), 'utf8')).toContain('    metrics:\n      Top 1 Accuracy: 77.0\n      Top 5 Accuracy: 93.30\n');
  });

  it('writes 81.20 in a row added to an existing file, and leaves the other rows as they were', async () => {
    const result = await newResult('resnet', 'ResNet-152', ['Top 1 Accuracy=81.20', 'Top 5 Accuracy=95']);
    expect(result.code).toBe(0);
    const text = readFileSync(join(root, 'data/results/image-classification/imagenet/resnet.yaml'), 'utf8');
    expect(text).toContain('      Top 1 Accuracy: 75.3\n');
    expect(text).toContain('  - model: ResNet-152\n    metrics:\n      Top 1 Accuracy: 81.20\n      Top 5 Accuracy: 95\n');
  });

  it('writes files `pwc fix --check` and `pwc validate` accept', async () => {
    expect((await runPwc(['fix', '--check', '--root', root])).code).toBe(0);
    expect((await runPwc(['validate', '--root', root])).code).toBe(0);
  });
});
