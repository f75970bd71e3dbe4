// End to end (issue #12, item 1): after a file is deleted, moved or renamed, `pwc validate` (with
// its cache) and `pwc validate --changed-since HEAD` report what a run without the cache reports,
// never the findings of a file that is gone, and --changed-since sees every untracked file. The real
// CLI on a git clone of the project's data.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PWC } from '../../format/test-support/run-pwc.ts';
import { commitFiles, gitIn } from '../../git/testing.ts';

const DATA = resolve(fileURLToPath(import.meta.url), '../../../../data');
const FOLDER = 'data/results/image-classification/imagenet';
const PAPER = 'data/papers/2019/efficientnet-rethinking-model-scaling-for-convolutional-neural-networks.yaml';
const RESULT = `${FOLDER}/efficientnet-rethinking-model-scaling-for-convolutional-neural-networks.yaml`;
const PAPER_TEXT = [
  'title: "EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks"',
  'authors:',
  '  - Mingxing Tan',
  '  - Quoc V. Le',
  'date: 2019-05-28',
  'arxiv: "1905.11946"',
  'tasks:',
  '  - image-classification',
  'datasets:',
  '  - imagenet',
  '',
].join('\n');
const GOOD_RESULT = ['results:', '  - model: EfficientNet-B0', '    metrics:', '      Top 1 Accuracy: 77.1', '    source: Table 2', ''].join('\n');
/** A fraction where the benchmark holds percentages: an error only the repository check finds. */
const BAD_RESULT = GOOD_RESULT.replace('77.1', '0.771');

const roots: string[] = [];

/** The real CLI, synchronously, outside GitHub Actions. */
function pwc(root: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.GITHUB_ACTIONS;
  delete env.GITHUB_STEP_SUMMARY;
  const r = spawnSync(process.execPath, [PWC, ...args, '--root', root], { cwd: root, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A git repository holding the project's data, committed, with the EfficientNet paper added untracked. */
function clone(): string {
  const root = mkdtempSync(join(tmpdir(), 'pwc-validate-deletions-'));
  roots.push(root);
  cpSync(DATA, join(root, 'data'), { recursive: true });
  commitFiles(root, { '.gitignore': '.pwc-cache/\n' }, 'data');
  write(root, PAPER, PAPER_TEXT);
  return root;
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

interface Finding {
  file: string;
  rule: string;
  severity: string;
}

function findings(root: string, ...args: string[]): { code: number | null; findings: Finding[] } {
  const r = pwc(root, 'validate', '--format', 'json', ...args);
  expect(r.stderr).not.toMatch(/failed|Error/);
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
}

/**
 * Validates three ways after each step: with the cache, with --changed-since HEAD, and without the
 * cache (the truth). The cached run says the same as the truth; the partial run a part of it (the
 * files changed since HEAD and what depends on them).
 */
function expectTruth(root: string): Finding[] {
  const truth = findings(root, '--no-cache');
  const since = findings(root, '--changed-since', 'HEAD');
  const cached = findings(root);
  expect(cached).toEqual(truth);
  for (const f of since.findings) expect(truth.findings).toContainEqual(f);
  expect(since.code).toBe(since.findings.some((f) => f.severity === 'error') ? 1 : 0);
  return truth.findings;
}

const errorsIn = (all: Finding[], file: string) => all.filter((f) => f.file === file && f.severity === 'error').map((f) => f.rule);

describe('pwc validate after a deletion, a move or a rename', () => {
  it('forgets a bad untracked result file once it is deleted, and generate runs again', () => {
    const root = clone();
    expect(findings(root).code).toBe(0); // the cache, from the clean clone
    write(root, RESULT, BAD_RESULT);
    expect(errorsIn(expectTruth(root), RESULT)).toContain('percent-as-fraction');
    rmSync(join(root, RESULT));
    expect(errorsIn(expectTruth(root), RESULT)).toEqual([]);
    expect(findings(root).code).toBe(0);
    expect(pwc(root, 'generate').code).toBe(0);
  });

  it('forgets a misplaced file moved to its right path', () => {
    const root = clone();
    expect(findings(root).code).toBe(0);
    const misplaced = 'data/results/imagenet/efficientnet-rethinking-model-scaling-for-convolutional-neural-networks.yaml';
    write(root, misplaced, GOOD_RESULT);
    expect(errorsIn(expectTruth(root), misplaced).length).toBeGreaterThan(0);
    renameSync(join(root, misplaced), join(root, RESULT));
    rmSync(join(root, 'data/results/imagenet'), { recursive: true });
    const after = expectTruth(root);
    expect(after.filter((f) => f.file === misplaced)).toEqual([]);
    expect(errorsIn(after, RESULT)).toEqual([]);
  });

  it('forgets the findings of a tracked file once it is deleted', () => {
    const root = clone();
    write(root, RESULT, BAD_RESULT);
    gitIn(root)('add', '-A');
    gitIn(root)('commit', '-qm', 'a bad result');
    expect(errorsIn(expectTruth(root), RESULT)).toContain('percent-as-fraction');
    rmSync(join(root, RESULT));
    expect(errorsIn(expectTruth(root), RESULT)).toEqual([]);
    expect(findings(root).code).toBe(0);
  });

  it('forgets the old name of a renamed untracked file', () => {
    const root = clone();
    expect(findings(root).code).toBe(0);
    const wrongName = `${FOLDER}/efficientnet.yaml`;
    write(root, wrongName, BAD_RESULT);
    expect(errorsIn(expectTruth(root), wrongName)).toEqual(expect.arrayContaining(['result-path', 'percent-as-fraction']));
    renameSync(join(root, wrongName), join(root, RESULT));
    const renamed = expectTruth(root);
    expect(renamed.filter((f) => f.file === wrongName)).toEqual([]);
    expect(errorsIn(renamed, RESULT)).toEqual(['percent-as-fraction']);
    write(root, RESULT, GOOD_RESULT);
    expect(errorsIn(expectTruth(root), RESULT)).toEqual([]);
    expect(findings(root).code).toBe(0);
  });

  it('sees a file that was staged when the cache was written and is untracked since (git reset)', () => {
    const root = clone();
    write(root, RESULT, GOOD_RESULT);
    gitIn(root)('add', '-A');
    expect(findings(root).code).toBe(0); // a new cache, based on HEAD with the paper and result staged
    gitIn(root)('reset', '-q');
    write(root, RESULT, BAD_RESULT);
    const since = findings(root, '--changed-since', 'HEAD');
    expect(errorsIn(since.findings, RESULT)).toEqual(['percent-as-fraction']);
    rmSync(join(root, RESULT));
    expect(errorsIn(expectTruth(root), RESULT)).toEqual([]);
  });
});
