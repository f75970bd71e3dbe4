// The schemas in schemas/ are current, `pwc schemas [--check]` behaves, and the editor settings point at them.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSchemaDrift, renderSchemaFiles, schemaFilePath, writeSchemaFiles } from './emit-schemas.ts';
import { classifyPath, isPathProblem } from './paths.ts';
import { fileSchemas, type FileKind } from './schemas.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PWC = join(ROOT, 'tools/cli/bin/pwc.mjs');
const run = promisify(execFile);

async function pwc(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [PWC, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('schemas/ in this repository', () => {
  it('is exactly what `pwc schemas` writes (run it and commit when this fails)', async () => {
    expect(await findSchemaDrift(ROOT)).toEqual({ stale: [], extra: [] });
  });
});

describe('renderSchemaFiles', () => {
  it('writes one file per kind, named after its $id, as 2-space JSON with a final newline', () => {
    const files = renderSchemaFiles();
    expect(files.map((f) => f.path)).toEqual(Object.keys(fileSchemas).map((k) => `schemas/${k}.schema.json`));
    for (const file of files) {
      expect(JSON.parse(file.text)).toEqual(fileSchemas[file.kind]);
      expect(file.text.endsWith('}\n')).toBe(true);
      expect(file.text.split('\n')[1]).toBe('  "$schema": "https://json-schema.org/draft/2020-12/schema",');
    }
  });

  it('is deterministic', () => {
    expect(renderSchemaFiles()).toEqual(renderSchemaFiles());
  });
});

describe('writeSchemaFiles and `pwc schemas`', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pwc-schemas-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every file once, then touches nothing', async () => {
    expect(await writeSchemaFiles(dir)).toHaveLength(Object.keys(fileSchemas).length);
    expect(await writeSchemaFiles(dir)).toEqual([]);
    expect(await readFile(join(dir, schemaFilePath('paper')), 'utf8')).toBe(renderSchemaFiles().find((f) => f.kind === 'paper')!.text);
  });

  it('finds a changed file and an orphaned one, and repairs both', async () => {
    await writeSchemaFiles(dir);
    await writeFile(join(dir, 'schemas/task.schema.json'), '{}\n');
    await writeFile(join(dir, 'schemas/old.schema.json'), '{}\n');
    await writeFile(join(dir, 'schemas/notes.txt'), 'kept\n');
    expect(await findSchemaDrift(dir)).toEqual({ stale: ['schemas/task.schema.json'], extra: ['schemas/old.schema.json'] });
    expect(await writeSchemaFiles(dir)).toEqual(['schemas/old.schema.json', 'schemas/task.schema.json']);
    expect(await findSchemaDrift(dir)).toEqual({ stale: [], extra: [] });
    expect(await readFile(join(dir, 'schemas/notes.txt'), 'utf8')).toBe('kept\n');
  });

  it('--check exits 1 naming stale files, and 0 once `pwc schemas` has run', async () => {
    await mkdir(join(dir, 'schemas'));
    await writeFile(join(dir, 'schemas/result.schema.json'), '{}\n');
    const stale = await pwc(['schemas', '--check', '--root', dir]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('schemas/result.schema.json: stale or missing');
    expect(stale.stderr).toContain('schemas/areas.schema.json: stale or missing');

    const written = await pwc(['schemas', '--root', dir]);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('wrote schemas/result.schema.json');

    const fresh = await pwc(['schemas', '--check', '--root', dir]);
    expect(fresh).toMatchObject({ code: 0, stdout: 'schemas/ is up to date.\n' });
  });
});

describe('.vscode/settings.json', () => {
  // The YAML language server's globs, read as: "*" is one path segment.
  const globToRegExp = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  const samples: Record<FileKind, string> = {
    areas: 'data/areas.yaml',
    task: 'data/tasks/image-classification.yaml',
    dataset: 'data/datasets/imagenet.yaml',
    method: 'data/methods/resnet.yaml',
    paper: 'data/papers/2019/some-paper.yaml',
    source: 'data/sources/squad-leaderboard.yaml',
    result: 'data/results/image-classification/imagenet/some-paper.yaml',
  };

  it('maps each kind of data file, and only it, to its schema file', async () => {
    const settings = JSON.parse(await readFile(join(ROOT, '.vscode/settings.json'), 'utf8'));
    const mapping = settings['yaml.schemas'] as Record<string, string[]>;
    expect(Object.keys(mapping).sort()).toEqual((Object.keys(fileSchemas) as FileKind[]).map((k) => `./${schemaFilePath(k)}`).sort());
    for (const [schema, globs] of Object.entries(mapping)) {
      const kind = (Object.keys(fileSchemas) as FileKind[]).find((k) => `./${schemaFilePath(k)}` === schema)!;
      for (const [other, path] of Object.entries(samples)) {
        const ref = classifyPath(path);
        expect(isPathProblem(ref) ? undefined : ref.kind).toBe(other);
        expect(globs.some((g) => globToRegExp(g).test(path)), `${schema} for ${path}`).toBe(other === kind);
      }
    }
  });

  it('recommends the YAML extension', async () => {
    const extensions = JSON.parse(await readFile(join(ROOT, '.vscode/extensions.json'), 'utf8'));
    expect(extensions.recommendations).toContain('redhat.vscode-yaml');
  });
});
