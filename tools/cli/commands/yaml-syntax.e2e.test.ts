// A contributor's YAML mistakes through the real CLI: `pwc validate`, `pwc fix` and `pwc review` name the same
// offending token, and the text output's caret sits under it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPwc } from '../../format/test-support/run-pwc.ts';
import { commitFiles, gitIn } from '../../git/testing.ts';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const base = {
  '.gitignore': '.pwc-cache/\n',
  'data/areas.yaml': 'areas:\n  - id: vision\n    name: Vision\n',
  'data/tasks/classification.yaml': 'name: Classification\narea: vision\n',
  'data/datasets/toy.yaml':
    'name: Toy\ndescription: A small benchmark.\nbenchmarks:\n  - task: classification\n    metrics:\n      - name: Accuracy\n        direction: higher\n        unit: "%"\n        min: 0\n        max: 100\n    primary: Accuracy\n',
  'data/papers/2019/efficientnet.yaml': 'title: EfficientNet\ndate: 2019-05-28\ntasks:\n  - classification\ndatasets:\n  - toy\n',
  'data/results/classification/toy/efficientnet.yaml': 'results:\n  - model: EfficientNet-B0\n    metrics:\n      Accuracy: 77.1\n',
};

/** The mistakes a pull request brings, each with the token the finding must point at. */
const mistakes = [
  {
    file: 'data/results/classification/toy/efficientnet.yaml',
    text: 'results:\n  - model: EfficientNet-B0\n    metrics:\n      Accuracy: 77.1\n    notes: Single-crop: 224x224\n',
    at: '5:23',
    token: ':',
    message: 'a second ": " in the value of "notes"',
    tip: 'Quote the whole value: notes: "Single-crop: 224x224"',
  },
  {
    file: 'data/papers/2019/efficientnet.yaml',
    text: 'title: EfficientNet\n date: 2019-05-28\ntasks:\n  - classification\ndatasets:\n  - toy\n',
    at: '2:2',
    token: 'd',
    message: 'this line is indented deeper than "title" on line 1',
    tip: 'If "date" is a key, indent it like "title" (no indentation); if it continues the text above, quote the whole text.',
  },
  {
    file: 'data/tasks/classification.yaml',
    text: 'name: "Classification\narea: vision\n',
    at: '1:7',
    token: '"',
    message: 'never closed',
    tip: 'Close it with " where the text ends: name: "Classification"',
  },
];

describe('YAML syntax errors through the CLI', () => {
  const root = mkdtempSync(join(tmpdir(), 'pwc-yaml-syntax-'));
  roots.push(root);
  commitFiles(root, base, 'base');
  const git = gitIn(root);
  git('branch', '-M', 'main');
  git('checkout', '-q', '-b', 'mistakes');
  commitFiles(root, Object.fromEntries(mistakes.map((m) => [m.file, m.text])), 'mistakes');

  it('pwc validate names the offending token, puts the caret under it and gives the fitting tip', async () => {
    const result = await runPwc(['validate', '--root', root, '--no-cache']);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    for (const m of mistakes) {
      const head = lines.findIndex((l) => l.startsWith(`${m.file}:${m.at}: error yaml-syntax: `));
      expect(head, `${m.file}:${m.at} in\n${result.stdout}`).toBeGreaterThan(-1);
      expect(lines[head]).toContain(m.message);
      const [frame, caret, tip] = lines.slice(head + 1, head + 4);
      const line = Number(m.at.split(':')[0]);
      expect(frame).toBe(`${String(line).padStart(4)} | ${m.text.split('\n')[line - 1]}`);
      expect(frame[caret.indexOf('^')]).toBe(m.token);
      expect(tip).toBe(`  tip: ${m.tip}`);
    }
  });

  it('pwc fix and pwc review point at the same places', async () => {
    const fix = await runPwc(['fix', '--check', '--root', root]);
    expect(fix.code).toBe(1);
    for (const m of mistakes) {
      const line = fix.stderr.split('\n').find((l) => l.startsWith(`${m.file}:${m.at}: error yaml-syntax: `));
      expect(line, fix.stderr).toContain(m.message);
    }

    const out = join(root, '..', `${root.split('/').pop()}-report.json`);
    roots.push(out);
    const review = await runPwc(['review', '--root', root, '--base', 'main', '--head', 'HEAD', '--out', out]);
    expect(review.stderr).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8')) as { findings: { file: string; line: number; column: number; rule: string; tip: string }[] };
    const syntax = report.findings.filter((f) => f.rule === 'yaml-syntax').map((f) => `${f.file}:${f.line}:${f.column} ${f.tip}`);
    expect(syntax.sort()).toEqual(mistakes.map((m) => `${m.file}:${m.at} ${m.tip}`).sort());
  });
});
