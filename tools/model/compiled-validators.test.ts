import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { createAjv } from './ajv.ts';
import { loadValidators, validatorsCacheDir, validatorsKey } from './compiled-validators.ts';
import { classifyPath, isPathProblem } from './paths.ts';
import { listDataFiles } from './repository.ts';
import { fileSchemas, type FileKind } from './schemas.ts';

const ROOT = join(import.meta.dirname, '..', '..');
// Under the same node_modules as the real cache, so the compiled module's requires resolve.
const dir = join(validatorsCacheDir(), '..', `pwc-validators-test-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The repository's own files, and each one broken in the ways contributors break them. */
async function samples(): Promise<{ kind: FileKind; data: unknown }[]> {
  const out: { kind: FileKind; data: unknown }[] = [];
  for (const path of await listDataFiles(ROOT)) {
    const ref = classifyPath(path);
    if (isPathProblem(ref)) continue;
    const data = load(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
    const kind = ref.kind as FileKind;
    out.push({ kind, data }, { kind, data: { ...data, bogus: 1 } }, { kind, data: [] }, { kind, data: null });
    for (const key of Object.keys(data)) {
      const { [key]: _, ...without } = data;
      out.push({ kind, data: without }, { kind, data: { ...data, [key]: 7 } }, { kind, data: { ...data, [key]: ['x', 'x'] } }, { kind, data: { ...data, [key]: { y: NaN } } });
    }
  }
  return out;
}

describe('compiled validators', () => {
  it('give the same verdicts and errors as the schemas compiled in memory', async () => {
    const compiled = loadValidators(dir);
    expect(readdirSync(dir)).toEqual([`validators-${validatorsKey()}.cjs`]);
    const ajv = createAjv();
    const fresh = new Map(Object.entries(fileSchemas).map(([k, s]) => [k, ajv.compile(s)]));
    const cases = await samples();
    expect(cases.length).toBeGreaterThan(500);
    let invalid = 0;
    for (const { kind, data } of cases) {
      const a = compiled.get(kind)!;
      const b = fresh.get(kind)!;
      const verdict = a(data);
      expect(verdict).toBe(b(data));
      expect(a.errors ?? null).toEqual(b.errors ?? null);
      if (!verdict) invalid++;
    }
    expect(invalid).toBeGreaterThan(cases.length / 2);
  });

  it('replace a damaged module rather than use it', () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `validators-${validatorsKey()}.cjs`);
    writeFileSync(file, 'exports.task = 42; throw new Error("half a module")');
    delete createRequire(import.meta.url).cache[file]; // as in a new process
    const validators = loadValidators(dir);
    expect(validators.get('task')!({ name: 'Image classification', area: 'computer-vision' })).toBe(true);
    expect(validators.get('task')!({ name: 'Image classification' })).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('exports.task');
    expect(readFileSync(file, 'utf8')).not.toContain('half a module');
  });
});
