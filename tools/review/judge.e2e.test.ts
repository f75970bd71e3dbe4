// The trust boundary, end to end: a pull request that weakens a rule and adds data breaking it
// passes its own tools' check, but `pwc judge` of the base commit's tools (a separate checkout, as
// validate.yml makes) still fails with that rule's finding, and its report says the tools changed.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitIn } from '../git/testing.ts';
import { TRUSTED_ROOT } from './judge.ts';

const run = promisify(execFile);
const RULE = 'tools/checks/rules/metric-out-of-range.ts';
const RESULT = 'data/results/object-recognition/cue-conflict/billion-scale-semi-supervised-learning-for-image-classification.yaml';

let dir: string;
let head: string;
let trusted: string;

/** `node <checkout>/tools/cli/bin/pwc.mjs ...args`, from a folder of neither checkout. */
async function pwcOf(checkout: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(checkout, 'tools/cli/bin/pwc.mjs'), ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pwc-judge-'));
  head = join(dir, 'head');
  trusted = join(dir, 'trusted');
  // The base commit: this project's tools and data.
  mkdirSync(head);
  for (const path of ['tools', 'data', 'schemas', 'package.json', 'package-lock.json', 'tsconfig.json', '.gitignore']) {
    cpSync(join(TRUSTED_ROOT, path), join(head, path), { recursive: true, filter: (src) => !/[/\\](node_modules|\.pwc-cache)$/.test(src) });
  }
  const git = gitIn(head);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'base');
  // The pull request: the rule reports nothing, and a value out of its metric's range (0 to 100).
  git('checkout', '-q', '-b', 'pr');
  const rule = readFileSync(join(head, RULE), 'utf8');
  writeFileSync(join(head, RULE), rule.replace(/check\(repo, report\) \{/, 'check(repo, report) {\n    return;'));
  writeFileSync(join(head, RESULT), readFileSync(join(head, RESULT), 'utf8').replace('Shape Bias: 49.8', 'Shape Bias: 149.8'));
  git('commit', '-qam', 'a weaker rule and data it lets through');
  // The trusted checkout of the base, installed (node_modules linked: npm ci would give the same).
  gitIn(dir)('clone', '-q', '--branch', 'main', head, trusted);
  for (const checkout of [trusted, head]) symlinkSync(join(TRUSTED_ROOT, 'node_modules'), join(checkout, 'node_modules'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pwc judge', () => {
  it("passes the pull request's own check: the weakened rule lets its data through", async () => {
    const own = await pwcOf(head, ['validate', '--root', head, '--changed-since', 'main']);
    expect(own.stdout).not.toContain('metric-out-of-range');
    expect(own.code).toBe(0);
    // That run left a cache written by the weakened tools; CI never has one (the head's code does not run there).
    rmSync(join(head, '.pwc-cache'), { recursive: true, force: true });
  }, 60_000);

  it("fails with the rule's finding when the base commit's tools judge it, and the report names the tool change", async () => {
    const out = join(dir, 'out', 'report.json');
    const summary = join(dir, 'summary.md');
    const judged = await pwcOf(trusted, ['judge', '--root', head, '--base', 'main', '--out', out, '--summary', summary]);
    expect(judged.code).toBe(1);
    expect(judged.stdout).toMatch(/metric-out-of-range/);
    expect(judged.stdout).toContain('149.8 is outside the range of "Shape Bias"');
    expect(judged.stdout).toMatch(/pwc judge: validate: failed \(exit 1\)/);
    expect(judged.stdout).toMatch(/pwc judge: fix --check: passed/);
    expect(judged.stdout).toMatch(/pwc judge: review: passed/);
    expect(judged.stdout).toMatch(/failed: validate\n$/);

    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.status).toBe('fail');
    expect(report.findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`)).toEqual([`metric-out-of-range ${RESULT}`]);
    expect(report.toolChanges).toEqual({ count: 1, paths: [RULE] });
    expect(readFileSync(summary, 'utf8')).toContain('This pull request changes the tools');
    // The trusted checkout is as it was: nothing of the judging wrote into it.
    expect(gitIn(trusted)('status', '--porcelain', '--untracked-files=all', '--', '.', ':!node_modules')).toBe('');
  }, 120_000);

  it('refuses a pull request that commits a validator cache, and exits 2 for a base git does not know', async () => {
    const git = gitIn(head);
    git('checkout', '-q', '-b', 'planted', 'pr');
    mkdirSync(join(head, '.pwc-cache/validate'), { recursive: true });
    writeFileSync(join(head, '.pwc-cache/validate/state'), 'all good');
    git('add', '-f', '.pwc-cache');
    git('commit', '-qm', 'a cache that vouches for the data');
    const out = join(dir, 'planted.json');
    const planted = await pwcOf(trusted, ['judge', '--root', head, '--base', 'main', '--out', out]);
    expect(planted.code).toBe(1);
    expect(planted.stderr).toMatch(/commits files under \.pwc-cache\/ \(.*\.pwc-cache\/validate\/state.*\); the validator trusts that cache/);
    expect(existsSync(out)).toBe(false);
    git('checkout', '-q', 'pr');

    const unknown = await pwcOf(trusted, ['judge', '--root', head, '--base', 'no-such-branch', '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"no-such-branch" does not name a commit/);
  }, 60_000);
});
