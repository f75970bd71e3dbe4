// Every rule in the catalogue against its examples: the fail folder triggers it where expected.json says, the pass folder is clean.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRepository } from '../model/repository.ts';
import { readsInForce, repositoryRules, rules, ruleById } from './catalog.ts';
import { checkFile } from './check-file.ts';
import { checkRepository, locateReports } from './check-repository.ts';
import { checkTree, exampleContext, exampleDir, EXAMPLES_DIR, readExpected, readTree } from './examples.ts';
import { CROSS_FILE_READS, readsOf, type FileRule, type RepositoryRule, type Rule } from './rule.ts';

describe('the catalogue', () => {
  it('has unique kebab-case ids, a severity, a one-line title and a one-paragraph description', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.title).not.toMatch(/\n/);
      expect(rule.description.length).toBeGreaterThan(80);
      expect(rule.description).not.toMatch(/\n/);
      expect(ruleById.get(rule.id)).toBe(rule);
    }
  });

  it('lists every rule module of rules/ and nothing else', () => {
    const modules = readdirSync(join(EXAMPLES_DIR, '..', 'rules')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(rules.map((r) => r.id).sort()).toEqual(modules);
  });

  it('has an example folder for every rule and no folder without a rule', () => {
    const folders = readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(folders).toEqual(rules.map((r) => r.id).sort());
    for (const rule of rules) {
      expect(existsSync(exampleDir(rule.id, 'fail')), `${rule.id}/fail`).toBe(true);
      expect(existsSync(exampleDir(rule.id, 'pass')), `${rule.id}/pass`).toBe(true);
      expect(readExpected(rule.id), `${rule.id}/expected.json`).toBeDefined();
    }
  });

  it('declares for every repository rule what it reads across files, in the known vocabulary, and only for them', () => {
    for (const rule of rules) {
      if (rule.scope !== 'repository') {
        expect(rule, rule.id).not.toHaveProperty('reads');
        continue;
      }
      expect(Array.isArray(rule.reads), rule.id).toBe(true);
      expect(new Set(rule.reads).size, `${rule.id} repeats a read`).toBe(rule.reads.length);
      for (const read of rule.reads) expect(Object.keys(CROSS_FILE_READS), rule.id).toContain(read);
    }
    expect(readsOf(rules)).toEqual(readsInForce);
  });

  it('has no read kind that no rule declares (each one is planned for)', () => {
    expect([...readsInForce].sort()).toEqual(Object.keys(CROSS_FILE_READS).sort());
  });

  it('is refused, with the rule named, when a repository rule declares no reads or an unknown one', () => {
    const { reads: _, ...undeclared } = repositoryRules.find((r) => r.id === 'duplicate-model')!;
    expect(() => readsOf([...rules, { ...undeclared, id: 'no-reads' } as Rule])).toThrow(/no-reads declares no reads/);
    const unknown = { ...undeclared, id: 'odd-reads', reads: ['leaderboard', 'the-weather'] } as unknown as Rule;
    expect(() => readsOf([unknown])).toThrow(/odd-reads declares the unknown read "the-weather"/);
  });

  it('keeps plausibility rules as warnings and the rest as errors, as the issue asks', () => {
    const warnings = rules.filter((r) => r.severity === 'warning').map((r) => r.id).sort();
    expect(warnings).toEqual(['duplicate-paper', 'future-paper', 'missing-primary-metric', 'missing-source', 'result-before-dataset', 'unit-scale', 'unranked-benchmark']);
  });
});

describe.each(rules.map((r) => [r.id, r] as const))('%s', (id) => {
  it('passes on its pass example without any finding', () => {
    const files = readTree(exampleDir(id, 'pass'));
    const findings = checkTree(files, exampleContext(id, files));
    expect(findings).toEqual([]);
  });

  it('fails on its fail example, at the offending nodes listed in expected.json', () => {
    const files = readTree(exampleDir(id, 'fail'));
    const findings = checkTree(files, exampleContext(id, files));
    const mine = findings.filter((f) => f.rule === id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map(({ file, line, column }) => ({ file, line, column }))).toEqual(readExpected(id));
    for (const f of mine) {
      expect(f.severity).toBe(ruleById.get(id)!.severity);
      expect(f.message.length).toBeGreaterThan(0);
      expect(f.tip.length).toBeGreaterThan(0);
    }
  });
});

describe('a failing rule', () => {
  const boom = (scope: 'file' | 'repository') => ({
    id: 'boom',
    scope,
    severity: 'error' as const,
    title: 't',
    description: 'd',
    reads: [],
    check() {
      throw new Error('kaput');
    },
  });

  it('in a file becomes an internal finding naming it, and the file is still valid', () => {
    const bytes = new TextEncoder().encode('title: T\ndate: 2019-05-02\n');
    const result = checkFile('data/papers/2019/t.yaml', bytes, [boom('file') as FileRule]);
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'internal', severity: 'error', file: 'data/papers/2019/t.yaml', line: 1, column: 1, message: expect.stringContaining('"boom" failed: kaput') }),
    ]);
    expect(result.valid).toBeDefined();
  });

  it('across files becomes an internal finding naming it, and the other rules still report', () => {
    const files = readTree(exampleDir('unknown-reference', 'fail'));
    const valid = files.map((f) => checkFile(f.path, f.bytes).valid!).filter(Boolean);
    const others = rules.filter((r): r is RepositoryRule => r.scope === 'repository');
    const reports = checkRepository(buildRepository(valid), {}, [boom('repository') as RepositoryRule, ...others]);
    expect(reports.filter((r) => r.rule === 'internal')).toEqual([expect.objectContaining({ message: expect.stringContaining('"boom" failed: kaput') })]);
    expect(reports.some((r) => r.rule === 'unknown-reference')).toBe(true);
    const located = locateReports(reports, () => undefined);
    expect(located.every((f) => f.line === 1 && f.column === 1)).toBe(true);
  });
});

describe('a rule with very many reports', () => {
  it('has them all kept and located (a bulk import can name 100,000 unknown ids), not turned into a rule failure', () => {
    const many: RepositoryRule = {
      id: 'many',
      scope: 'repository',
      severity: 'warning',
      title: 't',
      description: 'd',
      reads: [],
      check(_repo, report) {
        for (let i = 0; i < 300_000; i++) report({ file: `data/papers/2020/p${i % 1000}.yaml`, message: `m${i}`, tip: 't' });
      },
    };
    const reports = checkRepository(buildRepository([]), {}, [many]);
    expect(reports.filter((r) => r.rule === 'internal')).toEqual([]);
    expect(reports).toHaveLength(300_000);
    expect(locateReports(reports, () => undefined)).toHaveLength(300_000);
  });
});

describe('context', () => {
  it('future-paper needs today and reports nothing without it (no clock inside the checks)', () => {
    const files = readTree(exampleDir('future-paper', 'fail'));
    expect(checkTree(files, {}).filter((f) => f.rule === 'future-paper')).toEqual([]);
    expect(checkTree(files, { today: '2026-05-01' }).filter((f) => f.rule === 'future-paper')).toHaveLength(1);
    expect(checkTree(files, { today: '2026-05-02' }).filter((f) => f.rule === 'future-paper')).toEqual([]);
  });

  it('a reference to a file that exists but is invalid is not reported as unknown', () => {
    const files = readTree(exampleDir('unknown-reference', 'pass'));
    const broken = new TextEncoder().encode('name: Image Classification\narea: computer-vision\nbogus: 1\n');
    const tree = files.map((f) => (f.path === 'data/tasks/image-classification.yaml' ? { ...f, bytes: broken } : f));
    const findings = checkTree(tree);
    expect(findings.filter((f) => f.rule === 'unknown-reference' || f.rule === 'result-path')).toEqual([]);
    expect(findings.some((f) => f.rule === 'schema' && f.file === 'data/tasks/image-classification.yaml')).toBe(true);
    // Without the list of files, only valid files count, and the references to the task are unknown.
    const valid = tree.map((f) => checkFile(f.path, f.bytes).valid).filter((v) => v !== undefined);
    const reports = checkRepository(buildRepository(valid), {});
    expect(reports.filter((r) => r.rule === 'unknown-reference').map((r) => r.file)).toEqual([
      'data/datasets/imagenet.yaml',
      'data/papers/2019/billion-scale-semi-supervised-learning-for-image-classification.yaml',
    ]);
  });
});
