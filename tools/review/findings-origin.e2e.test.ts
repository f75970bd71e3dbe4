// End to end: which findings are the pull request's. A real git repository whose main already has
// a warning and an error; `pwc review`, `pwc validate --changed-since` and `pwc judge` run as
// processes on a pull request that adds a clean row (✅, the old findings listed apart and not
// counted) and on one that creates a duplicate with an untouched file (both sides are its own).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewReport } from './report-schema.ts';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'tools/cli/bin/pwc.mjs');

let dir: string;
let out: string;

async function git(...args: string[]): Promise<string> {
  return (await run('git', ['-C', dir, ...args])).stdout.trim();
}

async function commit(message: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await git('add', '-A');
  await git('commit', '-q', '-m', message);
}

async function pwc(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function review(branch: string): Promise<{ report: ReviewReport; summary: string; stdout: string }> {
  const report = join(out, `${branch}.json`);
  const summary = join(out, `${branch}.md`);
  const result = await pwc(['review', '--root', dir, '--base', 'main', '--head', branch, '--out', report, '--summary', summary]);
  expect(result.code, result.stderr).toBe(0);
  return { report: JSON.parse(await readFile(report, 'utf8')) as ReviewReport, summary: await readFile(summary, 'utf8'), stdout: result.stdout };
}

const paper = (title: string, date: string) => `title: ${title}\ndate: ${date}\ntasks:\n  - classification\ndatasets:\n  - toy\n`;
const OLD_RESULTS = 'data/results/classification/toy/old-paper.yaml';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pwc-origin-e2e-'));
  out = await mkdtemp(join(tmpdir(), 'pwc-origin-out-'));
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.email', 'test@example.com');
  await git('config', 'user.name', 'Test');
  await git('config', 'commit.gpgsign', 'false');
  await commit('base', {
    '.gitignore': '.pwc-cache/\n',
    'data/areas.yaml': 'areas:\n  - id: vision\n    name: Vision\n',
    'data/tasks/classification.yaml': 'name: Classification\narea: vision\n',
    'data/datasets/toy.yaml':
      "name: Toy\nbenchmarks:\n  - task: classification\n    metrics:\n      - name: Accuracy\n        direction: higher\n        unit: '%'\n      - name: Top 5 Accuracy\n        direction: higher\n        unit: '%'\n    primary: Accuracy\n",
    'data/papers/2020/old-paper.yaml': paper('The old paper', '2020-01-01'),
    // Already on main: a row without the primary metric (a warning) and a metric the benchmark lacks (an error).
    [OLD_RESULTS]:
      'results:\n  - model: Old-L\n    metrics:\n      Accuracy: 80\n    source: Table 1\n  - model: Old-X\n    metrics:\n      Top 5 Accuracy: 90\n    source: Table 1\n  - model: Old-Y\n    metrics:\n      Accuracy: 70\n      Acc: 70\n    source: Table 1\n',
  });
  // A clean row on the same leaderboard: the old results file is re-checked with it, untouched.
  await git('checkout', '-q', '-b', 'clean');
  await commit('add the new paper', {
    'data/papers/2022/new-paper.yaml': paper('The new paper', '2022-01-01'),
    'data/results/classification/toy/new-paper.yaml': 'results:\n  - model: New-L\n    metrics:\n      Accuracy: 78\n      Top 5 Accuracy: 94\n    notes: single crop\n    source: Table 2\n',
  });
  // A second file for the old paper under another name: the duplicate warning falls on the untouched file too.
  await git('checkout', '-q', '-b', 'duplicate', 'main');
  await commit('enter the old paper again', { 'data/papers/2021/old-paper-again.yaml': paper('The Old Paper', '2021-01-01') });
  await git('checkout', '-q', 'clean');
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('findings from the pull request and findings already on main', () => {
  it('passes a pull request that adds a clean row, listing what main already had apart', async () => {
    const { report, summary, stdout } = await review('clean');
    const old = report.findings.filter((f) => f.origin === 'base');
    expect(report.findings.filter((f) => f.origin === 'pull-request')).toEqual([]);
    expect(old.map((f) => [f.file, f.rule, f.severity])).toEqual([
      [OLD_RESULTS, 'missing-primary-metric', 'warning'],
      [OLD_RESULTS, 'unknown-metric', 'error'],
    ]);
    expect(report.status).toBe('pass');
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, alreadyOnBase: 2 });
    expect(stdout).toContain('0 errors, 0 warnings (2 findings already on the base, not counted)');
    expect(summary).toContain('✅ **No problems found in this pull request.** 2 findings already on `main` are listed apart and do not count.');
    expect(summary).toContain('<details><summary>Already on <code>main</code>: 2 findings, not from this pull request</summary>');
    expect(summary).not.toContain('Findings from this pull request');
    // The added row in full: every metric, its source and notes.
    expect(summary).toContain('- `New-L` (added, `new-paper`): Accuracy 78%, Top 5 Accuracy 94%');
    expect(summary).toContain('  - Source: Table 2');
    expect(summary).toContain('  - Notes: single crop');
  }, 60_000);

  it('makes `pwc validate --changed-since` and `pwc judge` count the same: the old error fails neither, with or without a cache', async () => {
    for (const cache of ['none', 'warm']) {
      if (cache === 'none') await rm(join(dir, '.pwc-cache'), { recursive: true, force: true });
      const validate = await pwc(['validate', '--root', dir, '--changed-since', 'main']);
      expect(validate.code, `${cache}: ${validate.stdout}`).toBe(0);
      expect(validate.stdout).toContain('No findings.');
      expect(validate.stdout).toContain('Already at main, not from this change (not counted): 1 error, 1 warning in 1 file.');
      expect(validate.stdout).toContain(`  ${OLD_RESULTS}:`);
    }
    const json = await pwc(['validate', '--root', dir, '--changed-since', 'main', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { errors: number; warnings: number; findings: unknown[]; alreadyThere: { rule: string }[] };
    expect([parsed.errors, parsed.warnings, parsed.findings.length]).toEqual([0, 0, 0]);
    expect(parsed.alreadyThere.map((f) => f.rule)).toEqual(['missing-primary-metric', 'unknown-metric']);
    await rm(join(dir, '.pwc-cache'), { recursive: true, force: true });
    const judge = await pwc(['judge', '--root', dir, '--base', 'main', '--out', join(out, 'judged.json')]);
    expect(judge.code, judge.stdout + judge.stderr).toBe(0);
    expect(judge.stdout).toContain('pwc judge: validate: passed');
    const judged = JSON.parse(await readFile(join(out, 'judged.json'), 'utf8')) as ReviewReport;
    expect(judged.summary).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);

  it('counts both sides of a duplicate the pull request creates as its own, the untouched file too', async () => {
    const { report, summary } = await review('duplicate');
    const duplicates = report.findings.filter((f) => f.rule === 'duplicate-paper');
    expect(duplicates.map((f) => [f.file, f.origin])).toEqual([
      ['data/papers/2020/old-paper.yaml', 'pull-request'],
      ['data/papers/2021/old-paper-again.yaml', 'pull-request'],
    ]);
    expect(report.summary.warnings).toBe(2);
    expect(summary).toContain('⚠️ **0 errors, 2 warnings** from this pull request');
    expect(summary).toContain('### Findings from this pull request');
  }, 60_000);
});
