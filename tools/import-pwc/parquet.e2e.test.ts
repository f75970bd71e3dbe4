// `pwc import-pwc` on Parquet as a process: the same dumps as JSON and as Parquet (every shape, in shards) import to
// byte-identical files, for the real archive excerpts in ../shared and for every kind of dump; broken Parquet is refused.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeParquetDump, PARQUET_SHAPES, type ParquetShape } from './dump-as-parquet.ts';
import type { ImportReport } from './report.ts';
import { runPwc } from '../format/test-support/run-pwc.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARCHIVE = resolve(ROOT, '../shared/fixtures/pwc-archive/evaluation-tables');
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const present = existsSync(ARCHIVE);
if (!present) console.warn(`import-pwc: skipping the Parquet round trip of the archive excerpts: ${ARCHIVE} is absent`);

/** Every file under `dir`, by path, with its bytes. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const path of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (statSync(join(dir, path)).isFile()) files.set(path, readFileSync(join(dir, path), 'latin1'));
  }
  return files;
}

/** The report's decisions, without what names the input files (shards have their own names and row numbers). */
function decisions(out: string): unknown {
  const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8')) as ImportReport;
  const entries: Record<string, number> = {};
  for (const input of report.inputs) entries[input.kind] = (entries[input.kind] ?? 0) + input.entries;
  return JSON.parse(JSON.stringify({ ...report, inputs: entries }, (key, value) => (key === 'file' || key === 'at' || key === 'path' ? undefined : value)));
}

/** Writes a JSON dump as Parquet in `shape`, in `shards` files named like the Hub's; returns their paths. */
async function toParquet(json: string, dir: string, name: string, shape: ParquetShape, shards: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: shards }, (_, i) => join(dir, `${name}-train-${String(i).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.parquet`));
  await writeParquetDump(() => JSON.parse(readFileSync(json, 'utf8')) as unknown[], files, { shape, rowGroupSize: 4 });
  return files;
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pwc-import-parquet-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!present)('pwc import-pwc: the archive excerpts as JSON and as Parquet', () => {
  let tables: string[];
  let fromJson: Map<string, string>;

  beforeAll(async () => {
    tables = readdirSync(ARCHIVE).filter((f) => f.endsWith('.json') && f !== 'example_json_format.json').sort().map((f) => join(ARCHIVE, f));
    const result = await runPwc(['import-pwc', '--out', join(work, 'json'), '--evaluation-tables', ...tables]);
    expect(result.code, result.stderr).toBe(0);
    fromJson = tree(join(work, 'json'));
  }, 120_000);

  it('one Parquet file per JSON file: the whole output, report included, is byte-identical but for the file names', async () => {
    const dir = join(work, 'single');
    const files = (await Promise.all(tables.map((t) => toParquet(t, dir, relative(ARCHIVE, t), 'struct', 1)))).flat();
    const result = await runPwc(['import-pwc', '--out', join(work, 'single-out'), '--evaluation-tables', ...files]);
    expect(result.code, result.stderr).toBe(0);
    const named = new Map([...tree(join(work, 'single-out'))].map(([path, bytes]) => [path, files.reduce((text, f, i) => text.split(f).join(tables[i]), bytes)]));
    expect(named).toEqual(fromJson);
  }, 120_000);

  for (const shape of PARQUET_SHAPES) {
    it(`${shape}, each table in two shards: the same data files byte for byte, the same report`, async () => {
      const dir = join(work, shape);
      const files = (await Promise.all(tables.map((t) => toParquet(t, dir, relative(ARCHIVE, t), shape, 2)))).flat();
      const out = join(work, `${shape}-out`);
      const result = await runPwc(['import-pwc', '--out', out, '--evaluation-tables', ...files]);
      expect(result.code, result.stderr).toBe(0);
      const data = (files: Map<string, string>) => new Map([...files].filter(([path]) => path.startsWith('data')));
      expect(data(tree(out))).toEqual(data(fromJson));
      expect(data(tree(out)).size).toBeGreaterThan(2000);
      expect(decisions(out)).toEqual(decisions(join(work, 'json')));
    }, 120_000);
  }
});

describe('pwc import-pwc: every dump as Parquet', () => {
  const dumps = { 'evaluation-tables': 'evaluation-tables.json', papers: 'papers.json', links: 'links.json', datasets: 'datasets.json', methods: 'methods.json' };

  it('imports the five dumps (the papers in two shards given after one --papers) to the same files as their JSON', async () => {
    const jsonArgs = Object.entries(dumps).flatMap(([option, file]) => [`--${option}`, join(FIXTURES, file)]);
    const fromJson = await runPwc(['import-pwc', '--out', join(work, 'all-json'), ...jsonArgs, '--evaluation-tables', join(FIXTURES, 'more-evaluation-tables.json')]);
    expect(fromJson.code, fromJson.stderr).toBe(0);
    const dir = join(work, 'all-parquet');
    const args: string[] = [];
    // The unit tables mix numbers and text in one metric: no struct or map column holds that, JSON text does.
    for (const [option, file] of Object.entries(dumps)) args.push(`--${option}`, ...(await toParquet(join(FIXTURES, file), dir, file, option === 'evaluation-tables' ? 'json' : 'struct', option === 'papers' ? 2 : 1)));
    args.push('--evaluation-tables', ...(await toParquet(join(FIXTURES, 'more-evaluation-tables.json'), dir, 'more', 'entry-json', 1)));
    const fromParquet = await runPwc(['import-pwc', '--out', join(work, 'all-out'), ...args]);
    expect(fromParquet.code, fromParquet.stderr).toBe(0);
    expect(fromParquet.stderr).toMatch(/^papers papers\.json-train-00001-of-00002\.parquet: \d+ entries/m);
    const data = (out: string) => new Map([...tree(out)].filter(([path]) => path.startsWith('data')));
    expect(data(join(work, 'all-out'))).toEqual(data(join(work, 'all-json')));
    expect(decisions(join(work, 'all-out'))).toEqual(decisions(join(work, 'all-json')));
  }, 120_000);
});

describe('pwc import-pwc: Parquet it cannot read', () => {
  async function refused(name: string, args: string[]): Promise<string> {
    const out = join(work, `refused-${name}`);
    const result = await runPwc(['import-pwc', '--out', out, ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing was written.');
    expect(existsSync(out)).toBe(false);
    return result.stderr;
  }

  it('a truncated file: names the file', async () => {
    const [file] = await toParquet(join(FIXTURES, 'evaluation-tables.json'), join(work, 'broken'), 'truncated', 'json', 1);
    truncateSync(file, statSync(file).size - 20);
    expect(await refused('truncated', ['--evaluation-tables', file])).toContain(`${file}: not a readable Parquet file (`);
  });

  it('a table of another dump: names the column every entry needs', async () => {
    const [file] = await toParquet(join(FIXTURES, 'papers.json'), join(work, 'broken'), 'papers', 'struct', 1);
    const stderr = await refused('other-dump', ['--evaluation-tables', file]);
    expect(stderr).toContain(`${file}: the Parquet file has no column "task", which every entry of the evaluation-tables dump has (its columns: "paper_url", `);
  });

  it('a column of the wrong type: names the row and the column', async () => {
    const json = join(work, 'wrong-type.json');
    writeFileSync(json, JSON.stringify([{ task: 'A', datasets: null }, { task: 'B', datasets: 'none' }]));
    const [file] = await toParquet(json, join(work, 'broken'), 'wrong-type', 'struct', 1);
    const stderr = await refused('wrong-type', ['--evaluation-tables', file]);
    expect(stderr).toContain(`${file}: wrong shape for the evaluation-tables dump (a list of entries, each a task): "datasets" of entry 1 must be a list or null, found the string "none" at row 1 (row group 0), column "datasets"`);
  });

  it('text in place of an object that is not JSON: names the row and the column', async () => {
    const json = join(work, 'not-json.json');
    writeFileSync(json, JSON.stringify([{ task: 'A', source_link: '{"title": "x"' }]));
    const [file] = await toParquet(json, join(work, 'broken'), 'not-json', 'struct', 1);
    const stderr = await refused('not-json', ['--evaluation-tables', file]);
    expect(stderr).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}: the dump has an object or a list here, and the text in its place is not JSON \\(.*\\) at row 0 \\(row group 0\\), column "source_link"`));
  });
});
