// Values keep their printed form in the review: `pwc review` as a process on a real git repository
// shows 77.0, 80.0 and 81.20 as the result files write them in the comment's tables, its "New state
// of the art" line and its "Worth a human look" list; the report keeps the numbers, and margins are
// computed from them.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from './report.ts';
import type { ReviewReport } from './report-schema.ts';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'tools/cli/bin/pwc.mjs');

let dir: string;
let report: ReviewReport;
let summary: string;

async function git(...args: string[]): Promise<void> {
  await run('git', ['-C', join(dir, 'repo'), ...args]);
}

async function commit(message: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, 'repo', path)), { recursive: true });
    await writeFile(join(dir, 'repo', path), text);
  }
  await git('add', '-A');
  await git('commit', '-q', '-m', message);
}

const paper = (title: string, date: string) => `title: ${title}\ndate: ${date}\ntasks:\n  - classification\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pwc-review-printed-'));
  await mkdir(join(dir, 'repo'));
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.email', 'test@example.com');
  await git('config', 'user.name', 'Test');
  await git('config', 'commit.gpgsign', 'false');
  await commit('base', {
    '.gitignore': '.pwc-cache/\n',
    'data/areas.yaml': 'areas:\n  - id: vision\n    name: Vision\n',
    'data/tasks/classification.yaml': 'name: Classification\narea: vision\n',
    'data/datasets/toy.yaml': 'name: Toy\nbenchmarks:\n  - task: classification\n    metrics:\n      - name: Top 1 Accuracy\n        direction: higher\n        unit: "%"\n        min: 0\n        max: 100\n',
    'data/papers/2020/old-paper.yaml': paper('The old paper', '2020-01-01'),
    'data/results/classification/toy/old-paper.yaml': 'results:\n  - model: Old-L\n    metrics:\n      Top 1 Accuracy: 80.0\n  - model: Old-S\n    metrics:\n      Top 1 Accuracy: 75\n',
  });
  await git('checkout', '-q', '-b', 'feature');
  await commit('a new paper; a corrected value', {
    'data/papers/2022/new-paper.yaml': paper('The new paper', '2022-01-01'),
    'data/results/classification/toy/new-paper.yaml': 'results:\n  - model: New-L\n    metrics:\n      Top 1 Accuracy: 81.20\n',
    'data/results/classification/toy/old-paper.yaml': 'results:\n  - model: Old-L\n    metrics:\n      Top 1 Accuracy: 80.0\n  - model: Old-S\n    metrics:\n      Top 1 Accuracy: 77.0\n',
  });
  const out = join(dir, 'report.json');
  await run(process.execPath, [CLI, 'review', '--root', join(dir, 'repo'), '--base', 'main', '--head', 'feature', '--out', out, '--summary', join(dir, 'summary.md')]);
  report = JSON.parse(await readFile(out, 'utf8')) as ReviewReport;
  // As GitHub shows it: the escaper writes "81\\.20" so that no text turns into Markdown.
  summary = (await readFile(join(dir, 'summary.md'), 'utf8')).replace(/\\([.():])/g, '$1');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('pwc review shows values as the files print them', () => {
  it('says "New state of the art" with 81.20 over 80.0, the margin computed from the numbers', () => {
    expect(summary).toContain('🏆 **New state of the art** on `classification/toy`: `New-L` reaches 81.20% Top 1 Accuracy, **rank 1**, +1.2 points (+1.5 %) over 80.0% (`Old-L`).');
  });

  it('shows 81.20 and 75 → 77.0 in the leaderboard table', () => {
    expect(summary).toContain('| added | `New-L` | `new-paper` | 81.20% | 1: **new SOTA**, +1.2 points (+1.5 %) over 80.0% |');
    expect(summary).toContain('| changed | `Old-S` | `old-paper` | 75% → 77.0% | 2 → 3 |');
  });

  it('names the changed value as written under "Worth a human look"', () => {
    expect(summary).toContain('an existing result changed (Top 1 Accuracy: 75 → 77.0)');
  });

  it('keeps the numbers in the report, with the printed forms beside them', () => {
    const board = report.leaderboards[0];
    const added = board.changes.find((c) => c.model === 'New-L')!;
    expect(added.new).toEqual({ metrics: { 'Top 1 Accuracy': 81.2 }, printed: { 'Top 1 Accuracy': '81.20' }, rank: 1 });
    expect(added.margin).toEqual({ absolute: 1.2, relative: 0.015 });
    expect(board.previousBest).toEqual({ value: 80, printed: '80.0', model: 'Old-L', paper: 'old-paper' });
    const changed = board.changes.find((c) => c.model === 'Old-S')!;
    expect(changed.old).toEqual({ metrics: { 'Top 1 Accuracy': 75 }, rank: 2 });
    expect(changed.new?.metrics['Top 1 Accuracy']).toBe(77);
  });
});

describe('the printed forms in a report', () => {
  it('are numbers as text only: the comment writes them as they are, so the schema refuses anything else', () => {
    const withPrinted = (printed: string) => {
      const r = structuredClone(report);
      r.leaderboards[0].previousBest!.printed = printed;
      return parseReport(JSON.stringify(r));
    };
    expect(withPrinted('80.0').error).toBeUndefined();
    for (const bad of ['80.0 | <b>x</b>', '@admin', '1e5e5', '']) expect(withPrinted(bad).error).toMatch(/printed/);
  });
});
