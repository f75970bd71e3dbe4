// The synthetic repository: deterministic, of the asked size, and valid by construction (the real
// `pwc validate` finds nothing in it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { scaleBy, synthesize, writeSyntheticRepository } from './synthetic-repo.ts';

const PWC = resolve(fileURLToPath(import.meta.url), '../../cli/bin/pwc.mjs');
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('the synthetic repository', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const scale = scaleBy(0.002);
    const a = [...synthesize(scale, 5)];
    const b = [...synthesize(scale, 5)];
    const c = [...synthesize(scale, 6)];
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('has the asked number of files of each kind, at distinct valid paths', () => {
    const scale = scaleBy(0.005);
    const files = [...synthesize(scale, 1)];
    const count: Record<string, number> = {};
    for (const f of files) {
      const ref = classifyPath(f.path);
      expect(isPathProblem(ref), f.path).toBe(false);
      if (!isPathProblem(ref)) count[ref.kind] = (count[ref.kind] ?? 0) + 1;
    }
    expect(count).toEqual({ areas: 1, task: scale.tasks, paper: scale.papers, method: scale.methods, dataset: scale.datasets, result: scale.results });
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
  });

  it('passes `pwc validate` with no error and no warning', () => {
    const root = mkdtempSync(join(tmpdir(), 'pwc-synthetic-'));
    roots.push(root);
    const { files } = writeSyntheticRepository(root, scaleBy(0.01), 1);
    expect(files).toBeGreaterThan(1800);
    const r = spawnSync(process.execPath, [PWC, 'validate', '--root', root, '--format', 'json', '--no-cache'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ errors: 0, warnings: 0, findings: [] });
    expect(r.status).toBe(0);
  });
});
