// Issue #13's new shapes through the real CLI on a temp git repository: a benchmark with settings, rows
// stating them with a structured source, the results of a source that is not a paper, and a paper
// dated 2019-05 go through validate, generate, bundle and review, and the review warns about a new
// row without a source (only the new one).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles } from '../git/testing.ts';
import { runPwc } from '../format/test-support/run-pwc.ts';

const RESULTS = 'data/results/image-classification/imagenet';
const PARTIAL = 'data/papers/2019/partly-dated.yaml';

const base: Record<string, string> = {
  'data/areas.yaml': 'areas:\n  - id: computer-vision\n    name: Computer Vision\n',
  'data/tasks/image-classification.yaml': 'name: Image Classification\narea: computer-vision\n',
  'data/datasets/imagenet.yaml': [
    'name: ImageNet',
    'introduced_date: 2009-06-20',
    'benchmarks:',
    '  - task: image-classification',
    '    metrics:',
    '      - name: Top 1 Accuracy',
    '        direction: higher',
    '        unit: "%"',
    '    settings:',
    '      - name: resolution',
    '        type: number',
    '        unit: px',
    '      - name: pretraining_data',
    '        type: text',
    '      - name: test_time_augmentation',
    '        type: boolean',
    '',
  ].join('\n'),
  [PARTIAL]: 'title: A paper known only by its month\ndate: 2019-05\n',
  'data/papers/2018/fully-dated.yaml': 'title: A paper with a full date\ndate: 2018-03-04\n',
  'data/sources/imagenet-test-server.yaml': 'name: ImageNet test server\nkind: leaderboard\nurl: https://example.org/imagenet-leaderboard\n',
  [`${RESULTS}/partly-dated.yaml`]: [
    'results:',
    '  - model: Net-600',
    '    metrics:',
    '      Top 1 Accuracy: 85.1',
    '    settings:',
    '      resolution: 600',
    '      pretraining_data: JFT-300M',
    '      test_time_augmentation: false',
    '    source:',
    '      kind: paper',
    '      url: https://example.org/partly-dated.pdf',
    '      ref: Table 2',
    '',
  ].join('\n'),
  [`${RESULTS}/fully-dated.yaml`]: 'results:\n  - model: Net-224\n    metrics:\n      Top 1 Accuracy: 80.2\n',
  [`${RESULTS}/imagenet-test-server.yaml`]: [
    'results:',
    '  - model: Submission 7',
    '    metrics:',
    '      Top 1 Accuracy: 83.0',
    '    source:',
    '      kind: leaderboard',
    '      url: https://example.org/imagenet-leaderboard',
    '',
  ].join('\n'),
};

let dir: string;
let baseCommit: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pwc-data-model-'));
  baseCommit = commitFiles(dir, base, 'base');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings, structured sources, non-paper sources and partial dates, end to end', () => {
  it('pwc validate accepts them', async () => {
    const result = await runPwc(['validate', '--root', dir, '--no-cache']);
    expect(result.stdout).toBe('No findings.\n');
    expect(result.code).toBe(0);
  });

  it('pwc fix finds them canonical', async () => {
    const result = await runPwc(['fix', '--check', '--root', dir]);
    expect(result.code).toBe(0);
  });

  it('pwc generate ranks them, links a source to its site and shows a partial date as written', async () => {
    const result = await runPwc(['generate', '--root', dir]);
    expect(result.code).toBe(0);
    const page = await readFile(join(dir, 'generated/sota/image-classification/imagenet.md'), 'utf8');
    const rows = page.split('\n').filter((l) => /^\| [0-9]/.test(l));
    expect(rows.map((l) => l.split('|')[2].trim())).toEqual(['Net-600', 'Submission 7', 'Net-224']);
    expect(page).toContain('[ImageNet test server](<https://example.org/imagenet-leaderboard>)');
    expect(rows[0]).toContain('2019-05');
    const chart = await readFile(join(dir, 'generated/sota/image-classification/imagenet.svg'), 'utf8');
    expect(chart).not.toContain('NaN');
    expect(chart).toContain('Net-600: 85.1 (2019-05)');
  });

  it('pwc bundle builds, carrying the partial date as written, settings, the structured source and the non-paper source', async () => {
    const result = await runPwc(['bundle', '--root', dir, '--out', join(dir, 'bundle')], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const data = JSON.parse(await readFile(join(dir, 'bundle/pwc-data.json'), 'utf8'));
    expect(data.papers.find((p: { id: string }) => p.id === 'partly-dated').date).toBe('2019-05');
    const row = data.results.find((r: { model: string }) => r.model === 'Net-600');
    expect(row.paper).toBe('partly-dated');
    expect(row.provenance).toEqual({ kind: 'paper', url: 'https://example.org/partly-dated.pdf', ref: 'Table 2' });
    expect(row.settings).toEqual({ pretraining_data: 'JFT-300M', resolution: 600, test_time_augmentation: false });
    const submission = data.results.find((r: { model: string }) => r.model === 'Submission 7');
    expect(submission.source).toBe('imagenet-test-server');
    expect(submission).not.toHaveProperty('paper');
    expect(data.sources.map((s: { id: string }) => s.id)).toEqual(['imagenet-test-server']);
  });

  it('pwc review compares them and warns about the new row without a source, not the old one', async () => {
    commitFiles(
      dir,
      {
        [`${RESULTS}/fully-dated.yaml`]: 'results:\n  - model: Net-224\n    metrics:\n      Top 1 Accuracy: 80.2\n  - model: Net-320\n    metrics:\n      Top 1 Accuracy: 86.0\n    settings:\n      resolution: 320\n',
        [`${RESULTS}/imagenet-test-server.yaml`]: `${base[`${RESULTS}/imagenet-test-server.yaml`]}  - model: Submission 9\n    metrics:\n      Top 1 Accuracy: 84.0\n    source: entry of 2020-03-01\n`,
        [PARTIAL]: 'title: A paper known only by its year\ndate: "2019"\n',
      },
      'head',
    );
    const out = join(dir, 'report.json');
    const result = await runPwc(['review', '--root', dir, '--base', baseCommit, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'missing-source', severity: 'warning', file: `${RESULTS}/fully-dated.yaml`, line: 5, column: 12 })]);
    expect(report.findings[0].message).toContain('Net-320');
    const board = report.leaderboards.find((b: { id: string }) => b.id === 'image-classification/imagenet');
    expect(board.best).toMatchObject({ model: 'Net-320', value: 86 });
    expect(report.entities).toContainEqual(expect.objectContaining({ kind: 'result', id: 'image-classification/imagenet/imagenet-test-server' }));
  });
});
