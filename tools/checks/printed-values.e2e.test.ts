// Findings quote a value as its file writes it: `pwc validate` as a process says "179.60 is outside
// the range", "0.770 looks like a fraction" and "5300000.0 is about ..." (the checks use the numbers).
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from '../bundle/testing.ts';
import { runPwc } from '../format/test-support/run-pwc.ts';

const FILES: Record<string, string> = {
  'data/areas.yaml': 'areas:\n  - id: cv\n    name: Computer Vision\n',
  'data/tasks/classification.yaml': 'name: Classification\narea: cv\n',
  'data/datasets/imagenet.yaml': `name: ImageNet
benchmarks:
  - task: classification
    metrics:
      - name: Top 1 Accuracy
        direction: higher
        unit: "%"
        min: 0
        max: 100
      - name: Params
        direction: lower
        unit: M
    primary: Top 1 Accuracy
`,
  'data/papers/2020/p.yaml': 'title: P\ndate: 2020-01-01\ntasks:\n  - classification\n',
  'data/results/classification/imagenet/p.yaml': `results:
  - model: A
    metrics:
      Top 1 Accuracy: 79.0
      Params: 25.0
  - model: B
    metrics:
      Top 1 Accuracy: 81.5
      Params: 60.0
  - model: C
    metrics:
      Top 1 Accuracy: 179.60
  - model: D
    metrics:
      Top 1 Accuracy: 0.770
      Params: 5300000.0
`,
};

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('findings quote values as written', () => {
  it('names 179.60, 0.770 and 5300000.0 as the file writes them', async () => {
    const root = tempDir('pwc-printed-findings-');
    roots.push(root);
    writeFiles(root, FILES);
    const r = await runPwc(['validate', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error metric-out-of-range: 179.60 is outside the range of "Top 1 Accuracy"');
    expect(r.stdout).toContain('error percent-as-fraction: 0.770 looks like a fraction');
    expect(r.stdout).toContain('warning unit-scale: 5300000.0 is about');
  });
});
