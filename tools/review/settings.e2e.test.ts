// End to end through the CLI (issue #13): on a real git repository whose ImageNet benchmark declares
// the test resolution, a pull request adds a row at 600 px beating the best at 224 px; `pwc review`
// shows the row's settings and structured source, and says the new best was measured otherwise.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPwc } from '../format/test-support/run-pwc.ts';
import { commitFiles, gitIn } from '../git/testing.ts';
import type { ReviewReport } from './report-schema.ts';

const NEW_RESULTS = 'data/results/image-classification/imagenet/big-net.yaml';
const paper = (title: string, date: string) => `title: ${title}\ndate: ${date}\ntasks:\n  - image-classification\ndatasets:\n  - imagenet\n`;
const row = (model: string, top1: number, resolution: number, url: string, ref: string) =>
  `  - model: ${model}\n    metrics:\n      Top 1 Accuracy: ${top1}\n    settings:\n      resolution: ${resolution}\n    source:\n      kind: paper\n      url: ${url}\n      ref: ${ref}\n`;

let root: string;
let out: string;
let report: ReviewReport;
let summary: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pwc-settings-e2e-'));
  out = mkdtempSync(join(tmpdir(), 'pwc-settings-out-'));
  commitFiles(
    root,
    {
      '.gitignore': '.pwc-cache/\n',
      'data/areas.yaml': 'areas:\n  - id: computer-vision\n    name: Computer Vision\n',
      'data/tasks/image-classification.yaml': 'name: Image Classification\narea: computer-vision\n',
      'data/datasets/imagenet.yaml':
        "name: ImageNet\nbenchmarks:\n  - task: image-classification\n    metrics:\n      - name: Top 1 Accuracy\n        direction: higher\n        unit: '%'\n        min: 0\n        max: 100\n" +
        '    settings:\n      - name: resolution\n        type: number\n        unit: px\n        description: Side of the square test crop.\n',
      'data/papers/2020/old-net.yaml': paper('Old Net', '2020-01-01'),
      'data/results/image-classification/imagenet/old-net.yaml': `results:\n${row('Old-Net', 84.8, 224, 'https://arxiv.org/abs/2001.00001', 'Table 3')}`,
    },
    'base',
  );
  gitIn(root)('branch', '-M', 'main');
  gitIn(root)('switch', '-q', '-c', 'big-net');
  commitFiles(root, { 'data/papers/2021/big-net.yaml': paper('Big Net', '2021-01-01'), [NEW_RESULTS]: `results:\n${row('Big-Net', 85.2, 600, 'https://arxiv.org/abs/2101.00001', 'Table 2')}` }, 'Big-Net at 600 px');
  const r = await runPwc(['review', '--root', root, '--base', 'main', '--head', 'HEAD', '--out', join(out, 'report.json'), '--summary', join(out, 'summary.md')]);
  expect(r.code, r.stderr).toBe(0);
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReviewReport;
  summary = readFileSync(join(out, 'summary.md'), 'utf8');
}, 120_000);

afterAll(() => [root, out].forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('pwc review of a new best at other settings than the previous best', () => {
  it('finds nothing wrong with the data, and announces the new state of the art with the settings it was measured at', () => {
    expect(report.findings).toEqual([]);
    const headline = summary.split('\n').find((l) => l.startsWith('🏆'));
    expect(headline).toBe(
      '🏆 **New state of the art** on `image-classification/imagenet`: `Big-Net` reaches 85.2% Top 1 Accuracy, **rank 1**, +0.4 points (+0.5 %) over 84.8% (`Old-Net`). ⚠️ At other settings: new best at resolution 600 px; the previous best was at resolution 224 px.',
    );
  });

  it('puts it under "Worth a human look" with both settings', () => {
    expect(report.suspicious.map((s) => [s.kind, s.model, s.file])).toEqual([['other-settings', 'Big-Net', NEW_RESULTS]]);
    expect(report.suspicious[0].message).toMatch(/^new best at resolution 600 px; the previous best was at resolution 224 px \(Old-Net\): /);
    const section = summary.slice(summary.indexOf('### Worth a human look'));
    expect(section).toContain('- **other-settings**: `Big-Net` in `data/results/image-classification/imagenet/big-net.yaml`: new best at resolution 600 px; the previous best was at resolution 224 px \\(Old\\-Net\\)');
  });

  it("lists the row's settings and its source with a link", () => {
    expect(summary).toContain(
      '- `Big-Net` (added, `big-net`): Top 1 Accuracy 85\\.2%\n  - Settings: resolution = 600 px\n  - Source: paper: Table 2, [https\\://arxiv\\.org/abs/2101\\.00001](<https://arxiv.org/abs/2101.00001>)\n',
    );
  });

  it('carries the declared settings and both rows\' settings in the report', () => {
    const board = report.leaderboards.find((b) => b.id === 'image-classification/imagenet')!;
    expect(board.settings).toEqual([{ name: 'resolution', unit: 'px' }]);
    expect(board.previousBest).toMatchObject({ model: 'Old-Net', settings: { resolution: 224 } });
    expect(board.changes[0].new).toMatchObject({ settings: { resolution: 600 }, source: { kind: 'paper', url: 'https://arxiv.org/abs/2101.00001', ref: 'Table 2' } });
  });
});

describe('pwc review of a row whose settings no benchmark declares', () => {
  it('reports the validator\'s errors instead of failing on a setting name longer than the report holds', async () => {
    const res = mkdtempSync(join(tmpdir(), 'pwc-settings-long-out-'));
    try {
      // After the first tests, on a branch of its own from the same pull request.
      gitIn(root)('switch', '-q', '-c', 'long-names');
      const name = 'x'.repeat(250);
      const settings = `${'\n'}${Array.from({ length: 60 }, (_, i) => `      s${i}: ${i}`).join('\n')}\n      ${name}: 1\n`;
      commitFiles(root, { [NEW_RESULTS]: `results:\n  - model: Big-Net\n    metrics:\n      Top 1 Accuracy: 85.2\n    settings:${settings}    source: Table 2\n` }, 'undeclared settings');
      const r = await runPwc(['review', '--root', root, '--base', 'main', '--head', 'HEAD', '--out', join(res, 'report.json')]);
      expect(r.stderr).toBe('');
      const report = JSON.parse(readFileSync(join(res, 'report.json'), 'utf8')) as ReviewReport;
      expect(report.findings.filter((f) => f.rule === 'unknown-setting')).toHaveLength(61);
      expect(Object.keys(report.leaderboards[0].changes[0].new?.settings ?? {})).toHaveLength(50);
    } finally {
      rmSync(res, { recursive: true, force: true });
    }
  }, 60_000);
});
