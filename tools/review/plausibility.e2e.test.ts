// End to end through the CLI: on a real git repository holding the project's own data, a pull request
// adds EfficientNet rows with the mistakes a contributor makes (an implausible 88.3 top-1 over the
// best 84.8, parameters written as a count where the unit is M); `pwc review` must say both.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeActions } from './actions.ts';
import type { ReviewReport } from './report-schema.ts';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'tools/cli/bin/pwc.mjs');
const RESULT = 'data/results/image-classification/imagenet/efficientnet-rethinking-model-scaling-for-convolutional-neural-networks.yaml';

let dir: string;
let report: ReviewReport;
let summary: string;
let stderr: string;

async function git(...args: string[]): Promise<string> {
  return (await run('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'commit.gpgsign=false', ...args])).stdout.trim();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pwc-plausible-e2e-'));
  await mkdir(join(dir, 'repo'));
  dir = join(dir, 'repo');
  await cp(join(process.cwd(), 'data'), join(dir, 'data'), { recursive: true });
  await writeFile(join(dir, '.gitignore'), '.pwc-cache/\n');
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'the repository data');
  await git('checkout', '-q', '-b', 'efficientnet');
  await mkdir(join(dir, 'data/papers/2019'), { recursive: true });
  await writeFile(
    join(dir, 'data/papers/2019/efficientnet-rethinking-model-scaling-for-convolutional-neural-networks.yaml'),
    'title: "EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks"\ndate: 2019-05-28\narxiv: "1905.11946"\ntasks:\n  - image-classification\ndatasets:\n  - imagenet\n',
  );
  await writeFile(
    join(dir, RESULT),
    [
      'results:',
      '  - model: EfficientNet-B0',
      '    metrics:',
      '      Top 1 Accuracy: 77.1',
      '      Number of params: 5300000',
      '    source: Table 2',
      '  - model: EfficientNet-B7',
      '    metrics:',
      '      Top 1 Accuracy: 88.3',
      '      Number of params: 66',
      '    source: Table 2',
      '  - model: EfficientNet-B1',
      '    metrics:',
      '      Top 1 Accuracy: 0.791',
      '      Number of params: 7.8',
      '    source: Table 2',
      '',
    ].join('\n'),
  );
  await git('add', '-A');
  await git('commit', '-q', '-m', 'EfficientNet on ImageNet');
  const out = join(dir, '..', 'report.json');
  const reviewed = await run(process.execPath, [CLI, 'review', '--root', dir, '--base', 'main', '--head', 'HEAD', '--out', out, '--summary', join(dir, '..', 'summary.md')]);
  stderr = reviewed.stderr;
  report = JSON.parse(await readFile(out, 'utf8'));
  summary = await readFile(join(dir, '..', 'summary.md'), 'utf8');
}, 120_000);

afterAll(() => rm(join(dir, '..'), { recursive: true, force: true }));

describe('pwc review on implausible claims', () => {
  it('still announces the new state of the art', () => {
    expect(stderr).toBe('');
    const board = report.leaderboards.find((b) => b.id === 'image-classification/imagenet')!;
    expect(board.previousBest?.value).toBe(84.8);
    expect(board.changes.find((c) => c.model === 'EfficientNet-B7')).toMatchObject({ change: 'added', newSota: true, new: { rank: 1 } });
    expect(summary).toMatch(/🏆 \*\*New state of the art\*\* on `image-classification\/imagenet`: `EfficientNet-B7` reaches 88\.3% Top 1 Accuracy/);
  });

  it('puts the row under "Worth a human look" with the share of the remaining gap it closes', () => {
    const far = report.suspicious.filter((s) => s.kind === 'far-above-best');
    expect(far.map((s) => [s.model, s.file])).toEqual([['EfficientNet-B7', RESULT]]);
    expect(far[0].message).toContain('88.3% is +3.5 points (+4.1 %) over the previous best 84.8%: it closes 23 % of the gap the previous best left to the maximum 100% (15.2 points); more than 20 % in one step is rare on real leaderboards');
    // The repository's own history: ResNet, ResNeXt, then the semi-supervised models' large step of 2019.
    expect(far[0].message).toContain("the largest step in this leaderboard's history (2 steps) closed 25 % (SWSL ResNeXt-101 32x16d, 2019-05-02: 79.6% → 84.8%)");
    const section = summary.slice(summary.indexOf('### Worth a human look'));
    expect(section).toMatch(/- \*\*far-above-best\*\*: `EfficientNet-B7` in `data\/results\/image-classification\/imagenet\/efficientnet-[^`]*`: 88\\\.3% is \\\+3\\\.5 points/); // Markdown-escaped
  });

  it('flags parameters written as a count where the unit is M, in the findings and under "Worth a human look"', () => {
    const warning = report.findings.find((f) => f.rule === 'unit-scale');
    expect(warning).toMatchObject({ severity: 'warning', file: RESULT, line: 5, column: 25 });
    expect(warning?.tip).toMatch(/^Write 5\.3 \(the unit is M\)/);
    const slip = report.suspicious.find((s) => s.kind === 'unit-scale');
    expect(slip).toMatchObject({ model: 'EfficientNet-B0', file: RESULT });
    expect(slip?.message).toMatch(/^"Number of params" is 5300000 M, about 1,000,000 times the other values on this leaderboard \(.*\): the unit is M, so the paper's number is probably 5\.3$/);
    expect(summary).toContain('- **unit-scale**: `EfficientNet-B0`');
  });

  it('flags a percentage written as a fraction the same way (an error of percent-as-fraction too)', () => {
    expect(report.findings.find((f) => f.rule === 'percent-as-fraction')).toMatchObject({ severity: 'error', file: RESULT, line: 14 });
    const slip = report.suspicious.find((s) => s.kind === 'unit-scale' && s.model === 'EfficientNet-B1');
    expect(slip?.message).toMatch(/^"Top 1 Accuracy" is 0\.791%, a fraction where the other values on this leaderboard are percentages \(.*\): the paper's number is probably 79\.1%$/);
  });

  it('labels the pull request suspicious-change as well as new-sota', () => {
    const actions = computeActions(report, { issueComments: [], reviewComments: [], labels: [], files: [] }, { rulesDoc: 'docs/rules.md', knownRules: new Set(), botLogin: 'bot' });
    expect(actions.addLabels).toEqual(expect.arrayContaining(['new-sota', 'suspicious-change']));
  });
});
