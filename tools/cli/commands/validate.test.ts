// End to end: the real `pwc validate` process on temporary repositories (exit codes, formats,
// the report file, --changed-since on a real git repository, the cache).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticRepository } from '../../bench/synthetic-repo.ts';

const PWC = resolve(fileURLToPath(import.meta.url), '../../bin/pwc.mjs');
const SCALE = { papers: 40, results: 30, datasets: 8, tasks: 5, methods: 6 };
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'pwc-validate-cli-'));
  roots.push(root);
  writeSyntheticRepository(root, SCALE, 11);
  return root;
}

function pwc(cwd: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.GITHUB_ACTIONS;
  delete env.GITHUB_STEP_SUMMARY;
  const r = spawnSync(process.execPath, [PWC, 'validate', ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-C', root, ...args], { env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

function firstFile(root: string, dir: string): string {
  return `${dir}/${readdirSync(join(root, dir)).sort()[0]}`;
}

describe('pwc validate', () => {
  it('exits 0 on valid data, in every format, and writes the report file', () => {
    const root = repository();
    const text = pwc(root);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('No findings.');
    const json = pwc(root, '--format', 'json', '--report-file', 'out/report.json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ errors: 0, warnings: 0, findings: [] });
    expect(readFileSync(join(root, 'out/report.json'), 'utf8')).toBe(json.stdout);
    expect(existsSync(join(root, '.pwc-cache/validate/index.bin'))).toBe(true);
  });

  it('exits 1 on errors, naming file, line, column, rule and tip', () => {
    const root = repository();
    const task = firstFile(root, 'data/tasks');
    writeFileSync(join(root, task), 'name: Broken\narea: computer-visoin\n');
    const json = pwc(root, '--root', root, '--format', 'json', '--no-cache');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.errors).toBe(1);
    expect(report.findings[0]).toMatchObject({ rule: 'unknown-reference', severity: 'error', file: task, line: 2, column: 7 });
    expect(report.findings[0].tip).toContain('computer-vision');
    expect(existsSync(join(root, '.pwc-cache'))).toBe(false); // --no-cache writes none

    const text = pwc(root);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`${task}:2:7: error unknown-reference`);
    expect(text.stdout).toContain('area: computer-visoin');

    const github = pwc(root, '--format', 'github');
    expect(github.code).toBe(1);
    expect(github.stdout).toContain(`::error title=unknown-reference (error),file=${task},line=2`);
  });

  it('exits 1 on a date that is not on the calendar, and 0 on February 29th of a leap year', () => {
    const root = repository();
    const paper = firstFile(root, `data/papers/${readdirSync(join(root, 'data/papers')).sort()[0]}`);
    const year = paper.split('/')[2];
    const original = readFileSync(join(root, paper), 'utf8');
    const withDate = (date: string) => original.replace(/^date: .*$/m, `date: ${date}`);
    writeFileSync(join(root, paper), withDate(`${year}-02-30`));
    const line = withDate(`${year}-02-30`).split('\n').findIndex((l) => l.startsWith('date:')) + 1;
    const bad = pwc(root, '--root', root, '--no-cache');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${paper}:${line}:7: error schema: "date" is ${year}-02-30, a day that does not exist`);
    const days = Number(year) % 4 === 0 && (Number(year) % 100 !== 0 || Number(year) % 400 === 0) ? 29 : 28;
    expect(bad.stdout).toContain(`tip: February ${year} has ${days} days`);
    writeFileSync(join(root, paper), withDate(`${year}-02-${days}`));
    expect(pwc(root, '--root', root, '--no-cache').code).toBe(0);
  });

  it('numbers rows from 1 in schema messages, and counts in the singular for one', () => {
    const root = repository();
    const results = (readdirSync(join(root, 'data/results'), { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).sort();
    const file = `data/results/${results[0]}`;
    writeFileSync(join(root, file), `${readFileSync(join(root, file), 'utf8').trimEnd()}\n  - metrics: {}\n`);
    const rows = readFileSync(join(root, file), 'utf8').match(/^ {2}- /gm)!.length;
    const json = pwc(root, '--format', 'json');
    expect(json.code).toBe(1);
    const messages = JSON.parse(json.stdout).findings.map((f: { message: string }) => f.message);
    expect(messages).toContain(`row ${rows} lacks the required field "model"`);
    expect(messages.join('\n')).not.toMatch(/results\.\d/);
    const text = pwc(root);
    expect(text.stdout).toMatch(/\d+ errors?, \d+ warnings? in 1 file\.\n$/);
    expect(text.stdout).not.toMatch(/\b1 (errors|warnings|files)\b/);
  });

  it('exits 0 with warnings only', () => {
    const root = repository();
    const paper = firstFile(root, `data/papers/${readdirSync(join(root, 'data/papers')).sort()[0]}`);
    const text = readFileSync(join(root, paper), 'utf8');
    const other = firstFile(root, `data/papers/${readdirSync(join(root, 'data/papers')).sort().at(-1)}`);
    const title = /^title: (.*)$/m.exec(text)![1];
    writeFileSync(join(root, other), readFileSync(join(root, other), 'utf8').replace(/^title: .*$/m, `title: ${title}`));
    const json = pwc(root, '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ errors: 0, warnings: 2 });
  });

  it('exits 2 on usage errors', () => {
    const root = repository();
    expect(pwc(root, '--format', 'xml').code).toBe(2);
    expect(pwc(root, '--bogus').code).toBe(2);
    const notGit = pwc(root, '--changed-since', 'HEAD');
    expect(notGit.code).toBe(2);
    expect(notGit.stderr).toContain('does not name a commit');
    const empty = mkdtempSync(join(tmpdir(), 'pwc-validate-empty-'));
    roots.push(empty);
    const noData = pwc(empty);
    expect(noData.code).toBe(2);
    expect(noData.stderr).toContain('no data/ folder');
  });

  it('--changed-since checks the changed files and their dependents, on a real git repository', () => {
    const root = repository();
    writeFileSync(join(root, '.gitignore'), '.pwc-cache/\n');
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'data');
    expect(pwc(root).code).toBe(0); // warms the cache

    // Nothing changed: nothing to check.
    const none = pwc(root, '--changed-since', 'HEAD', '--format', 'json');
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('checked 0 files');

    // Drop a metric from a benchmark that has results: the results (unchanged files) now use an undeclared metric.
    const resultsDir = join(root, 'data/results');
    const task = readdirSync(resultsDir).sort()[0];
    const dataset = readdirSync(join(resultsDir, task)).sort()[0];
    const datasetFile = join(root, 'data/datasets', `${dataset}.yaml`);
    const before = readFileSync(datasetFile, 'utf8');
    writeFileSync(datasetFile, before.replace(/(- task: (\S+)\n    metrics:\n)((?:      .*\n)+)/g, (all, head: string, t: string) => (t === task ? `${head}      - name: Something Else\n        direction: higher\n` : all)));
    // A new untracked file, and a renamed (moved) paper whose results lose their paper.
    writeFileSync(join(root, 'data/methods/new-method.yaml'), 'name: New Method\nintroduced_by: missing-paper\n');
    const moved = readdirSync(join(resultsDir, task, dataset)).sort()[0];
    const paperYear = readdirSync(join(root, 'data/papers')).find((y) => existsSync(join(root, 'data/papers', y, moved)))!;
    mkdirSync(join(root, 'data/papers/2099'), { recursive: true });
    git(root, 'mv', `data/papers/${paperYear}/${moved}`, `data/papers/2099/${moved}`);

    const since = pwc(root, '--changed-since', 'HEAD', '--format', 'json');
    const full = pwc(root, '--format', 'json', '--no-cache');
    expect(since.code).toBe(1);
    const planned = JSON.parse(since.stdout).findings as { file: string; rule: string }[];
    const all = JSON.parse(full.stdout).findings as { file: string }[];
    const files = new Set(planned.map((f) => f.file));
    expect(planned.some((f) => f.file.startsWith(`data/results/${task}/${dataset}/`) && f.rule === 'unknown-metric')).toBe(true);
    expect(planned.some((f) => f.file === 'data/methods/new-method.yaml' && f.rule === 'unknown-reference')).toBe(true);
    expect(planned.some((f) => f.file === `data/papers/2099/${moved}` && f.rule === 'paper-year-folder')).toBe(true);
    expect(planned).toEqual(all.filter((f) => files.has(f.file)));
    const checked = Number(/checked (\d+) files/.exec(since.stderr)![1]);
    expect(checked).toBeLessThan(readdirSync(join(root, 'data/papers'), { recursive: true }).length);

    // A revision that does not exist is a usage error.
    expect(pwc(root, '--changed-since', 'no-such-branch').code).toBe(2);
  });
});
