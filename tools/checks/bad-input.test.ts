// Hostile and broken files from a pull request: each gives a located finding, never a throw, a hang or a changed input.
import { describe, expect, it } from 'vitest';
import { parseSource } from '../model/source.ts';
import { checkFile } from './check-file.ts';
import { checkTree, exampleDir, readTree } from './examples.ts';
import type { Finding } from './finding.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const PAPER = 'data/papers/2019/a-paper.yaml';
const RESULT = 'data/results/image-classification/imagenet/billion-scale-semi-supervised-learning-for-image-classification.yaml';

/** Runs checkFile, proving it neither throws nor touches its input, and returns the findings as "line:column rule". */
function check(path: string, bytes: Uint8Array): { findings: Finding[]; at: string[]; valid: boolean; ms: number } {
  const before = Buffer.from(bytes);
  const start = performance.now();
  const result = checkFile(path, bytes);
  const ms = performance.now() - start;
  expect(before.equals(bytes)).toBe(true);
  for (const f of result.findings) {
    expect(f.file).toBe(path);
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.message).not.toBe('');
    expect(f.tip).not.toBe('');
  }
  return { findings: result.findings, at: result.findings.map((f) => `${f.line}:${f.column} ${f.rule}`), valid: result.valid !== undefined, ms };
}

function billionLaughs(levels: number): string {
  const lines = ['title: lol', 'date: 2019-05-02', 'l0: &l0 "lol"'];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

describe('bad input', () => {
  it('malformed YAML: a yaml-syntax finding at the broken place', () => {
    const r = check(PAPER, utf8('title: [an unclosed list\ndate: 2019-05-02\n'));
    expect(r.at).toEqual(['1:8 yaml-syntax']); // the "[" that is never closed
    expect(r.valid).toBe(false);
    const colon = check(PAPER, utf8('title: Attention: all you need\ndate: 2019-05-02\n'));
    expect(colon.at).toEqual(['1:17 yaml-syntax']); // the second ': ' in the value
  });

  it('an alias bomb ("billion laughs"): parseSource returns at once, and the alias is reported', () => {
    const text = billionLaughs(9); // 10^9 strings if expanded
    const start = performance.now();
    const parsed = parseSource(text);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(parsed.data).toBeUndefined();
    const r = check(PAPER, utf8(text));
    expect(r.at).toEqual(['4:10 yaml-syntax']); // the first *alias
    expect(r.ms).toBeLessThan(1000);
  });

  it('an alias to a list or mapping is refused even once; an alias to a plain value is harmless', () => {
    expect(check(PAPER, utf8('title: T\ndate: 2019-05-02\ntasks: &t [a]\nmethods: *t\n')).at).toEqual(['4:10 yaml-syntax']);
    const scalar = check(PAPER, utf8('title: &t Paper\ndate: 2019-05-02\nabstract: *t\n'));
    expect(scalar.findings).toEqual([]);
    expect(scalar.valid).toBe(true);
  });

  it('a 10 MB file: file-too-large at 1:1, without parsing it', () => {
    const big = utf8(`title: T\ndate: 2019-05-02\nabstract: "${'x'.repeat(10 * 1024 * 1024)}"\n`);
    const r = check(PAPER, big);
    expect(r.at).toEqual(['1:1 file-too-large']);
    expect(r.ms).toBeLessThan(500);
  });

  it('binary bytes: an encoding finding at the NUL byte', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(check(PAPER, png).at).toEqual(['3:1 encoding']);
  });

  it('non-UTF-8 text: an encoding finding at the bad byte', () => {
    const latin1 = Uint8Array.from([...utf8('title: Caf'), 0xe9, ...utf8('\ndate: 2019-05-02\n')]);
    expect(check(PAPER, latin1).at).toEqual(['1:11 encoding']);
  });

  it('a BOM: an encoding finding at 1:1; the data is still read and later positions ignore the BOM', () => {
    const r = check(PAPER, utf8('\ufefftitle: T\ndate: 2019-05-02\nvenue: 2019\n'));
    expect(r.at).toEqual(['1:1 encoding', '3:8 schema']);
    const clean = check(PAPER, utf8('\ufefftitle: T\ndate: 2019-05-02\n'));
    expect(clean.at).toEqual(['1:1 encoding']);
    expect(clean.valid).toBe(true);
  });

  it('CRLF line ends: a line-endings finding at the first CR; other positions stay right', () => {
    const r = check(PAPER, utf8('title: T\r\ndate: 2019-05-02\r\nvenue: 2019\r\n'));
    expect(r.at).toEqual(['1:9 line-endings', '3:8 schema']);
  });

  it('__proto__ and constructor keys: forbidden-key at the key, the file is not valid, nothing is polluted', () => {
    const paper = check(PAPER, utf8('title: T\ndate: 2019-05-02\n__proto__:\n  polluted: true\n'));
    expect(paper.at).toContain('3:1 forbidden-key');
    expect(paper.valid).toBe(false);
    // Metric names are free-form keys, so the schema alone would let these through.
    const result = check(RESULT, utf8('results:\n  - model: M\n    metrics:\n      constructor: 1\n      prototype: 2\n      __proto__: 3\n'));
    expect(result.at).toEqual(['4:7 forbidden-key', '5:7 forbidden-key', '6:7 forbidden-key']);
    expect(result.valid).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ids holding ".." or "/": a schema finding at the value, or a path finding for the file name', () => {
    const task = check('data/tasks/image-classification.yaml', utf8('name: T\narea: computer-vision\nparent: ../x\n'));
    expect(task.at).toEqual(['3:9 schema']);
    const paper = check(PAPER, utf8('title: T\ndate: 2019-05-02\ntasks: [a/b, ../../etc/passwd]\n'));
    expect(paper.at).toEqual(['3:9 schema', '3:14 schema']);
    for (const path of ['data/tasks/../x.yaml', 'data/results/../imagenet/p.yaml', 'data/tasks/a..b.yaml', 'data/papers/2019/a/b.yaml']) {
      expect(check(path, utf8('name: T\narea: computer-vision\n')).at, path).toEqual(['1:1 path']);
    }
  });

  it('.nan and .inf values: a schema finding at each value', () => {
    const r = check(RESULT, utf8('results:\n  - model: M\n    metrics:\n      Top 1 Accuracy: .nan\n      Top 5 Accuracy: -.inf\n'));
    expect(r.at).toEqual(['4:23 schema', '5:23 schema']);
    const d = check('data/datasets/imagenet.yaml', utf8('name: I\nbenchmarks:\n  - task: t\n    metrics:\n      - name: m\n        direction: higher\n        max: .inf\n'));
    expect(d.at).toEqual(['7:14 schema']);
  });

  it('empty files: no bytes, only blank lines, only comments: empty-file at 1:1', () => {
    for (const text of ['', '\n\n', '# a comment\n', '---\n']) {
      expect(check(PAPER, utf8(text)).at, JSON.stringify(text)).toEqual(['1:1 empty-file']);
    }
  });

  it('absurd nesting within the size limit: a finding, no stack overflow escapes', () => {
    const depth = 400_000;
    const r = check(PAPER, utf8(`title: ${'['.repeat(depth)}${']'.repeat(depth)}\ndate: 2019-05-02\n`));
    expect(r.at).toEqual([expect.stringMatching(/^1:\d+ yaml-syntax$/)]);
    expect(r.valid).toBe(false);
    expect(r.ms).toBeLessThan(1000);
  });

  it('a repository holding all of these at once still checks every file', () => {
    const good = readTree(exampleDir('unknown-metric', 'pass'));
    const bad = [
      { path: 'data/papers/2019/bomb.yaml', bytes: utf8(billionLaughs(9)) },
      { path: 'data/papers/2019/binary.yaml', bytes: Uint8Array.from([0, 1, 2, 3]) },
      { path: 'data/papers/2019/empty.yaml', bytes: new Uint8Array() },
      { path: 'data/tasks/proto.yaml', bytes: utf8('name: T\narea: computer-vision\n__proto__: {}\n') },
      { path: 'data/tasks/Bad Name.yaml', bytes: utf8('name: T\narea: computer-vision\n') },
    ];
    const findings = checkTree([...good, ...bad]);
    for (const file of bad) expect(findings.some((f) => f.file === file.path), file.path).toBe(true);
    expect(findings.filter((f) => good.some((g) => g.path === f.file))).toEqual([]);
  });
});
