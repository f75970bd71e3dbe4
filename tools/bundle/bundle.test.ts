// The bundle's data: conforms to the public schema (checked by an Ajv of the test's own), keeps every
// result value unchanged, ranks by the leaderboard rules, and is byte-identical build after build.
import { createRequire } from 'node:module';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Ajv2020 as AjvClass } from 'ajv/dist/2020.js';
import { listDataFiles } from '../model/repository.ts';
import { buildBundle, type Bundle } from './build.ts';
import { BundleError } from './contents.ts';
import { bundleSchema, type BundleData } from './schema.ts';
import { commitAll, EDGE_REPOSITORY, gitHead, PROJECT_ROOT, tempDir, writeFiles } from './testing.ts';

const require = createRequire(import.meta.url);
const Ajv2020: typeof AjvClass = require('ajv/dist/2020').default;

/** An Ajv of the test's own, not the project's factory: the check does not share the build's setup. */
function independentAjv() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictNumbers: true, allowUnionTypes: true });
  ajv.addSchema(bundleSchema);
  return ajv;
}
function independentValidator() {
  return independentAjv().getSchema(bundleSchema.$id)!;
}

function file(bundle: Bundle, name: string): Buffer {
  const found = bundle.files.find((f) => f.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found.bytes;
}

/** Every metric value of every result file under data/, read with another YAML parser than the build's. */
async function resultValuesOnDisk(root: string): Promise<{ id: string; metric: string; value: number }[]> {
  const out: { id: string; metric: string; value: number }[] = [];
  for (const path of await listDataFiles(root)) {
    const m = /^data\/results\/([^/]+)\/([^/]+)\/([^/]+)\.yaml$/.exec(path);
    if (!m) continue;
    const doc = parseYaml(readFileSync(join(root, path), 'utf8')) as { results: { model: string; metrics: Record<string, number> }[] };
    for (const row of doc.results) {
      for (const [metric, value] of Object.entries(row.metrics)) out.push({ id: `${m[1]}/${m[2]}/${m[3]}#${row.model}`, metric, value });
    }
  }
  return out;
}

/** The ranking rule restated: 1 + the number of rows on the leaderboard with a strictly better primary value. */
function expectedRanks(data: BundleData): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const b of data.benchmarks) {
    const direction = b.metrics.find((m) => m.name === b.primary)!.direction;
    const rows = data.results.filter((r) => r.benchmark === b.id);
    for (const r of rows) {
      const v = r.metrics[b.primary];
      // No value, or no direction (an unranked benchmark): no rank.
      if (v === undefined || direction === undefined) {
        out.set(r.id, null);
        continue;
      }
      const better = rows.filter((o) => o.metrics[b.primary] !== undefined && (direction === 'higher' ? o.metrics[b.primary]! > v : o.metrics[b.primary]! < v));
      out.set(r.id, 1 + better.length);
    }
  }
  return out;
}

function checkInvariants(bundle: Bundle, valuesOnDisk: { id: string; metric: string; value: number }[]) {
  const validate = independentValidator();
  const parsed = JSON.parse(file(bundle, 'pwc-data.json').toString('utf8'));
  expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  expect(parsed).toEqual(bundle.data);

  const checkManifest = independentAjv().getSchema(`${bundleSchema.$id}#/$defs/manifest`)!;
  const manifest = JSON.parse(file(bundle, 'manifest.json').toString('utf8'));
  expect(checkManifest(manifest), JSON.stringify(checkManifest.errors)).toBe(true);

  const byId = new Map((parsed as BundleData).results.map((r) => [r.id, r]));
  for (const { id, metric, value } of valuesOnDisk) {
    expect(byId.get(id)?.metrics[metric], `${id} ${metric}`).toBe(value);
  }
  const valueCount = (parsed as BundleData).results.reduce((n, r) => n + Object.keys(r.metrics).length, 0);
  expect(valueCount).toBe(valuesOnDisk.length);

  const ranks = expectedRanks(parsed);
  for (const r of (parsed as BundleData).results) expect(r.rank, r.id).toBe(ranks.get(r.id));

  for (const kind of ['areas', 'tasks', 'datasets', 'benchmarks', 'methods', 'papers', 'sources', 'results'] as const) {
    const ids = (parsed as BundleData)[kind].map((e) => e.id);
    expect(ids, kind).toEqual([...ids].sort());
    expect(new Set(ids).size, kind).toBe(ids.length);
  }
}

describe('the public schema', () => {
  /** Every property schema under `schema`, with its JSON pointer. */
  function* properties(schema: Record<string, unknown>, at = ''): Generator<[string, Record<string, unknown>]> {
    const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
    for (const [key, sub] of Object.entries(props ?? {})) {
      yield [`${at}/${key}`, sub];
      yield* properties(sub, `${at}/${key}`);
    }
    for (const key of ['items', 'additionalProperties'] as const) {
      const sub = schema[key];
      if (sub && typeof sub === 'object') yield* properties(sub as Record<string, unknown>, `${at}/${key}`);
    }
    for (const [name, sub] of Object.entries((schema.$defs as Record<string, Record<string, unknown>>) ?? {})) yield* properties(sub, `${at}/$defs/${name}`);
  }

  it('describes every field for consumers', () => {
    const fields = [...properties(bundleSchema as unknown as Record<string, unknown>)];
    expect(fields.length).toBeGreaterThan(80);
    const undescribed = fields.filter(([, sub]) => typeof sub.description !== 'string' || sub.description.length < 8).map(([at]) => at);
    expect(undescribed).toEqual([]);
  });

  it('is documented in docs/bundle.md: every collection, meta, result and manifest field', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'bundle.md'), 'utf8');
    const p = bundleSchema.properties;
    const names = [
      ...Object.keys(p),
      ...Object.keys(p.meta.properties),
      ...Object.keys(p.results.items.properties),
      ...Object.keys(p.benchmarks.items.properties),
      ...Object.keys(p.benchmarks.items.properties.settings.items.properties),
      ...Object.keys(p.sources.items.properties),
      ...Object.keys(p.results.items.properties.provenance.properties),
      ...Object.keys(bundleSchema.$defs.manifest.properties),
    ];
    expect(names.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });

  it('rejects an empty object and a bundle of another major version (it is not a rubber stamp)', () => {
    const validate = independentValidator();
    expect(validate({})).toBe(false);
    const meta = { schema_version: '3.0.0', data_version: null, source_commit: null, source_dirty: null };
    const empty = { areas: [], tasks: [], datasets: [], benchmarks: [], methods: [], papers: [], sources: [], results: [] };
    expect(validate({ meta, ...empty })).toBe(false);
    expect(validate({ meta: { ...meta, schema_version: '1.0.0' }, ...empty })).toBe(false);
    expect(validate({ meta: { ...meta, schema_version: '2.1.0' }, ...empty })).toBe(true);
  });
});

describe('the bundle of the repository\'s own data', () => {
  let bundle: Bundle;
  beforeAll(async () => {
    bundle = await buildBundle(PROJECT_ROOT);
  });

  it('conforms to the public schema, keeps every value, and ranks by the rules', async () => {
    expect(bundle.data.results.length).toBeGreaterThan(0);
    checkInvariants(bundle, await resultValuesOnDisk(PROJECT_ROOT));
  });

  it('carries a paper\'s Papers With Code slug where it differs from the id, and none where the data has none', () => {
    const papers = new Map(bundle.data.papers.map((p) => [p.id, p]));
    expect(papers.get('aggregated-residual-transformations-for-deep-neural-networks')?.pwc_slug).toBe('aggregated-residual-transformations-for-deep');
    expect(papers.get('deep-residual-learning-for-image-recognition')).not.toHaveProperty('pwc_slug');
  });

  it('names the commit it was built from', () => {
    expect(bundle.data.meta.source_commit).toBe(gitHead(PROJECT_ROOT));
    expect(bundle.data.meta.data_version).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('is byte-identical when built again, gzip included', async () => {
    const again = await buildBundle(PROJECT_ROOT);
    expect(again.files.map((f) => f.name)).toEqual(bundle.files.map((f) => f.name));
    for (const f of bundle.files) expect(Buffer.compare(file(again, f.name), f.bytes), f.name).toBe(0);
  });
});

describe('the bundle of a repository with edge values', () => {
  let root: string;
  let bundle: Bundle;
  beforeAll(async () => {
    root = tempDir();
    writeFiles(root, EDGE_REPOSITORY);
    bundle = await buildBundle(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('conforms, keeps 0, negatives, 1e-9 and huge numbers exactly, and ranks by the rules', async () => {
    checkInvariants(bundle, await resultValuesOnDisk(root));
    const text = file(bundle, 'pwc-data.json').toString('utf8');
    expect(text).toContain('"Score":1e-9');
    expect(text).toContain('"Params":1.5e+300');
    expect(text).toContain('"Score":-3.5');
    expect(text).toContain('"Score":0}');
  });

  it('keeps a value printed "81.20" as the number 81.2: the printed form is for pages, not for the bundle', () => {
    const row = bundle.data.results.find((r) => r.id === 'scoring/bench/paper-b#A|B #1')!;
    expect(row.metrics.Score).toBe(81.2);
    expect(Object.keys(row)).not.toContain('printed');
    expect(file(bundle, 'pwc-data.json').toString('utf8')).not.toContain('81.20');
  });

  it('ranks: direction, shared ranks for ties (1, 2, 2, 4), unranked rows without the primary metric', () => {
    const rank = (id: string) => bundle.data.results.find((r) => r.id === id)?.rank;
    expect(rank('scoring/bench/paper-c#Best')).toBe(1);
    expect(rank('scoring/bench/paper-b#A|B #1')).toBe(2);
    expect(rank('scoring/bench/paper-b#Tied')).toBe(2);
    expect(rank('scoring/bench/paper-a#Tiny')).toBe(4);
    expect(rank('scoring/bench/paper-a#Zero')).toBe(5);
    expect(rank('scoring/bench/paper-a#Negative')).toBe(6);
    expect(rank('scoring/bench/paper-b#No primary')).toBeNull();
    // Lower is better, and the primary defaults to the first declared metric.
    expect(bundle.data.benchmarks.find((b) => b.id === 'erring/bench')?.primary).toBe('Error');
    expect(rank('erring/bench/paper-a#Low')).toBe(1);
    expect(rank('erring/bench/paper-a#High')).toBe(2);
    expect(rank('erring/bench/paper-a#Same')).toBe(2);
  });

  it('gives every entity its id and fixed shapes: sorted id lists, defaults filled, optional fields omitted', () => {
    const { data } = bundle;
    expect(data.areas.map((a) => a.id)).toEqual(['alpha', 'zeta']);
    expect(data.papers.find((p) => p.id === 'paper-a')).toEqual({
      id: 'paper-a',
      title: 'Paper A',
      authors: ['Ann', 'Bob'],
      date: '2020-01-01',
      tasks: ['erring', 'scoring'],
      methods: ['gadget'],
      datasets: ['bench'],
      code: [
        { url: 'https://example.org/a', official: true, framework: 'jax' },
        { url: 'https://example.org/a2', official: false },
      ],
    });
    expect(data.datasets.find((d) => d.id === 'bench-small')).toEqual({ id: 'bench-small', name: 'Bench small', modalities: [], languages: [], variant_of: 'bench' });
    expect(data.benchmarks.map((b) => b.id)).toEqual(['erring/bench', 'scoring/bench']);
    const tiny = data.results.find((r) => r.id === 'scoring/bench/paper-a#Tiny')!;
    expect(Object.keys(tiny)).toEqual(['id', 'benchmark', 'task', 'dataset', 'paper', 'model', 'metrics', 'settings', 'extra_training_data', 'rank', 'notes', 'provenance']);
    expect(tiny.provenance).toEqual({ text: 'Table 3' });
    expect(Object.keys(tiny.metrics)).toEqual(['Params', 'Score']);
    expect(tiny.notes).toBe('a note # not a comment');
  });

  it('does not depend on key order or file order in the YAML', async () => {
    const other = tempDir();
    try {
      writeFiles(other, {
        ...EDGE_REPOSITORY,
        'data/results/scoring/bench/paper-c.yaml': 'results:\n  - metrics:\n      Score: 99.999\n      Params: 1\n    model: Best\n',
        'data/papers/2020/paper-a.yaml': EDGE_REPOSITORY['data/papers/2020/paper-a.yaml'].replace('tasks: [scoring, erring]', 'tasks: [erring, scoring]'),
      });
      const again = await buildBundle(other);
      expect(Buffer.compare(file(again, 'pwc-data.json'), file(bundle, 'pwc-data.json'))).toBe(0);
      expect(Buffer.compare(file(again, 'pwc-data.json.gz'), file(bundle, 'pwc-data.json.gz'))).toBe(0);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('writes a gzip with no mtime and no file name, that holds pwc-data.json exactly', () => {
    const gz = file(bundle, 'pwc-data.json.gz');
    expect([...gz.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
    expect(gz[3] & 0x08).toBe(0); // FNAME flag
    expect(gz.readUInt32LE(4)).toBe(0); // MTIME
    expect(Buffer.compare(gunzipSync(gz), file(bundle, 'pwc-data.json'))).toBe(0);
  });

  it('says in meta that it was not built from git', () => {
    expect(bundle.data.meta).toEqual({ schema_version: '2.1.0', data_version: null, source_commit: null, source_dirty: null });
    expect(bundle.manifest.source_commit).toBeNull();
  });

  it('lists in the manifest every file with its size and sha256, and the entity counts', async () => {
    const { createHash } = await import('node:crypto');
    const listed = bundle.manifest.files.map((f) => f.name);
    expect(listed).toEqual(['pwc-data.d.ts', 'pwc-data.json', 'pwc-data.json.gz', 'pwc-data.schema.json', 'pwc-results.csv.gz', 'pwc-results.parquet']);
    for (const entry of bundle.manifest.files) {
      const bytes = file(bundle, entry.name);
      expect(entry.size).toBe(bytes.length);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(bundle.manifest.counts).toEqual({ areas: 2, tasks: 2, datasets: 2, benchmarks: 2, methods: 1, papers: 3, sources: 0, results: 10 });
    expect(JSON.parse(file(bundle, 'manifest.json').toString('utf8'))).toEqual(bundle.manifest);
  });
});

describe('the bundle of a benchmark whose primary metric has no direction', () => {
  it('carries the metric without direction, conforms, and ranks none of its rows', async () => {
    const root = tempDir();
    try {
      const dataset = EDGE_REPOSITORY['data/datasets/bench.yaml'].replace('      - name: Error\n        direction: lower\n', '      - name: Error\n');
      expect(dataset).not.toBe(EDGE_REPOSITORY['data/datasets/bench.yaml']);
      writeFiles(root, { ...EDGE_REPOSITORY, 'data/datasets/bench.yaml': dataset });
      const bundle = await buildBundle(root);
      checkInvariants(bundle, await resultValuesOnDisk(root));
      expect(bundle.data.benchmarks.find((b) => b.id === 'erring/bench')?.metrics[0]).toEqual({ name: 'Error' });
      const erring = bundle.data.results.filter((r) => r.benchmark === 'erring/bench');
      expect(erring.length).toBeGreaterThan(0);
      expect(erring.map((r) => r.rank)).toEqual(erring.map(() => null));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('git facts in meta', () => {
  it('takes the commit and its date from git, and says when data/ differs from it', async () => {
    const root = tempDir();
    try {
      writeFiles(root, EDGE_REPOSITORY);
      const commit = commitAll(root, '2024-03-05T07:07:08+01:00');
      const clean = await buildBundle(root);
      expect(clean.data.meta).toEqual({ schema_version: '2.1.0', data_version: '2024-03-05T06:07:08Z', source_commit: commit, source_dirty: false });
      expect(clean.manifest.data_version).toBe('2024-03-05T06:07:08Z');

      writeFiles(root, { 'data/papers/2019/paper-c.yaml': 'title: Paper C, revised\ndate: 2019-03-03\n' });
      const dirty = await buildBundle(root);
      expect(dirty.data.meta.source_dirty).toBe(true);
      expect(dirty.manifest.content_sha256).not.toBe(clean.manifest.content_sha256);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('gives the same entities the same content digest whatever the commit', async () => {
    const a = tempDir();
    const b = tempDir();
    try {
      writeFiles(a, EDGE_REPOSITORY);
      writeFiles(b, EDGE_REPOSITORY);
      commitAll(a, '2024-01-01T00:00:00Z', 'one');
      commitAll(b, '2025-01-01T00:00:00Z', 'two');
      const [x, y] = [await buildBundle(a), await buildBundle(b)];
      expect(x.data.meta.source_commit).not.toBe(y.data.meta.source_commit);
      expect(x.manifest.content_sha256).toBe(y.manifest.content_sha256);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });

  it('treats a repository without commits as no git source', async () => {
    const root = tempDir();
    try {
      writeFiles(root, EDGE_REPOSITORY);
      const { execFileSync } = await import('node:child_process');
      execFileSync('git', ['init', '-q'], { cwd: root });
      expect((await buildBundle(root)).data.meta.source_commit).toBeNull();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('data that would break the bundle\'s guarantees', () => {
  async function problemsOf(files: Record<string, string>): Promise<string[]> {
    const root = tempDir();
    try {
      writeFiles(root, { ...EDGE_REPOSITORY, ...files });
      await buildBundle(root);
      return [];
    } catch (error) {
      if (error instanceof BundleError) return error.problems;
      throw error;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  it('names a file that is not valid instead of leaving it out', async () => {
    expect(await problemsOf({ 'data/papers/2019/paper-c.yaml': 'title: [unclosed\n' })).toEqual([
      'data/papers/2019/paper-c.yaml is not a valid data file (run `pwc validate` to see why)',
    ]);
  });

  it('refuses two rows with the same model in one result file (their ids would collide)', async () => {
    const problems = await problemsOf({ 'data/results/scoring/bench/paper-c.yaml': 'results:\n  - model: Best\n    metrics: {Score: 1}\n  - model: Best\n    metrics: {Score: 2}\n' });
    expect(problems).toEqual([
      'result id "scoring/bench/paper-c#Best" is used by two rows: the model "Best" appears twice in data/results/scoring/bench/paper-c.yaml; give each row its own model name',
    ]);
  });

  it('refuses references to ids that do not exist, and results without a declared benchmark', async () => {
    const problems = await problemsOf({
      'data/tasks/orphan.yaml': 'name: Orphan\narea: nowhere\n',
      'data/results/orphan/bench/paper-c.yaml': 'results:\n  - model: M\n    metrics: {Score: 1}\n',
    });
    expect(problems).toEqual([
      'data/tasks/orphan.yaml: area "nowhere" is not a known area',
      'data/results/orphan/bench/paper-c.yaml: benchmark "orphan/bench" is not a known benchmark (dataset "bench" declares no benchmark for task "orphan")',
    ]);
  });
});

describe('pwc-data.d.ts', () => {
  it('compiles on its own with tsc --strict, and types the real bundle', async () => {
    const { execFileSync } = await import('node:child_process');
    const bundle = await buildBundle(PROJECT_ROOT);
    const dir = tempDir();
    try {
      writeFileSync(join(dir, 'pwc-data.d.ts'), file(bundle, 'pwc-data.d.ts'));
      writeFileSync(
        join(dir, 'consumer.ts'),
        `import type { PwcData, Manifest, Result } from './pwc-data.js';\n` +
          `export const data: PwcData = ${file(bundle, 'pwc-data.json').toString('utf8')};\n` +
          `export const manifest: Manifest = ${file(bundle, 'manifest.json').toString('utf8')};\n` +
          `export const top: Result[] = data.results.filter((r) => r.rank === 1);\n`,
      );
      writeFileSync(join(dir, 'wrong.ts'), `import type { Result } from './pwc-data.js';\nexport const r: Result = { id: 'x' };\n`);
      const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
      // One tsc run (it is slow): consumer.ts must compile, and wrong.ts must fail, proving the types check.
      let output = '';
      try {
        execFileSync(process.execPath, [tsc, ...args, 'pwc-data.d.ts', 'consumer.ts', 'wrong.ts'], { cwd: dir, encoding: 'utf8' });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout);
      }
      const errorFiles = [...output.matchAll(/^([\w.-]+)\(\d+,\d+\): error/gm)].map((m) => m[1]);
      expect(errorFiles, output).toEqual(['wrong.ts']);
      expect(output).toMatch(/TS2739|missing the following properties|Property '\w+' is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
