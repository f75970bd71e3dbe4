// Values keep their printed form on the pages: `pwc generate` as a process shows 77.0, 81.20 and
// 1.5e-3 as the result file writes them (leaderboard, chart, paper page, README), also when the
// data comes from the validator's cache; ranks still come from the numbers.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../bundle/testing.ts';
import { tempRoot } from './test-support/fixture-repo.ts';

const run = promisify(execFile);
const PWC = fileURLToPath(new URL('../cli/bin/pwc.mjs', import.meta.url));

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
      - name: Loss
        direction: lower
    primary: Top 1 Accuracy
`,
  'data/papers/2015/resnet.yaml': 'title: ResNet\ndate: 2015-12-10\ntasks:\n  - classification\n',
  'data/papers/2019/bignet.yaml': 'title: BigNet\ndate: 2019-05-02\ntasks:\n  - classification\n',
  'data/results/classification/imagenet/resnet.yaml': `results:
  - model: ResNet-152
    metrics:
      Top 1 Accuracy: 77.0
      Loss: 1.5e-3
`,
  'data/results/classification/imagenet/bignet.yaml': `results:
  - model: BigNet-L
    metrics: {Top 1 Accuracy: 81.20, Loss: 0.25}
  - model: BigNet-S
    metrics:
      Top 1 Accuracy: 77
`,
};

let root: string;

async function generate(): Promise<void> {
  await run(process.execPath, [PWC, 'generate', '--root', root]);
}

const page = (path: string) => readFileSync(join(root, 'generated', path), 'utf8');

beforeAll(async () => {
  root = tempRoot('pwc-printed-');
  writeFiles(root, FILES);
  await generate();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('values as printed in the result files', () => {
  it('the leaderboard shows 77.0, 81.20 and 1.5e-3 as written, ranked by the numbers (77.0 and 77 tie, the older paper first)', () => {
    const rows = page('sota/classification/imagenet.md').split('\n').filter((l) => /^\| \d/.test(l));
    expect(rows[0]).toMatch(/^\| 1 \| BigNet-L \| 81\.20 \| 0\.25 \|/);
    expect(rows[1]).toMatch(/^\| 2 \| ResNet-152 \| 77\.0 \| 1\.5e-3 \|/);
    expect(rows[2]).toMatch(/^\| 2 \| BigNet-S \| 77 \| — \|/);
  });

  it('the chart labels its points and its best result as written', () => {
    const svg = page('sota/classification/imagenet.svg');
    expect(svg).toContain('ResNet-152: 77.0 (2015-12-10)');
    expect(svg).toContain('BigNet-L: 81.20 (2019-05-02)');
    expect(svg).toContain('Best: BigNet-L, 81.20 (2019-05-02).');
  });

  it('the paper pages and the README show the values as written', () => {
    expect(page('papers/2015/resnet.md')).toMatch(/\| ResNet-152 \| Top 1 Accuracy \(%\) \| 77\.0 \|/);
    expect(page('papers/2015/resnet.md')).toMatch(/\| ResNet-152 \| Loss \| 1\.5e-3 \|/);
    expect(page('papers/2019/bignet.md')).toMatch(/\| BigNet-L \| Top 1 Accuracy \(%\) \| 81\.20 \|/);
    expect(page('README.md')).toContain('81.20');
  });

  it('shows the same when the data comes from the validator cache of the last run', async () => {
    const before = ['sota/classification/imagenet.md', 'sota/classification/imagenet.svg', 'papers/2015/resnet.md', 'README.md'].map(page);
    rmSync(join(root, 'generated'), { recursive: true, force: true });
    rmSync(join(root, '.pwc-cache', 'generate'), { recursive: true, force: true });
    await generate();
    expect(['sota/classification/imagenet.md', 'sota/classification/imagenet.svg', 'papers/2015/resnet.md', 'README.md'].map(page)).toEqual(before);
  });
});
