// The flat tables, built by the real `pwc bundle` on a repository with edge values, partial dates,
// settings, structured sources, a source that is not a paper and hostile model names: the Parquet
// (read back with hyparquet, hyparquet-writer's own reader) and the CSV (read with a parser of the
// test's own) hold the same rows; every value of pwc-data.json appears once, with its benchmark's
// declaration and its paper's date; the bytes are the same build after build.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAT_COLUMNS } from './flat.ts';
import { commitAll, duckdbConnection, EDGE_REPOSITORY, example, flatTablesSection, PWC_BIN, pythonWith, tempDir, writeFiles } from './testing.ts';

/** Model names that break naive CSV writers and readers, spreadsheets and pandas' defaults. */
export const HOSTILE_MODELS = ['Net, "v2"\nsecond line', 'NA', '=HYPERLINK("http://x")', 'Crème 模型 🚀', 'a\r\nb'];

export const FLAT_REPOSITORY: Record<string, string> = {
  ...EDGE_REPOSITORY,
  'data/tasks/image-classification.yaml': 'name: Image Classification\narea: alpha\n',
  'data/datasets/imagenet.yaml': `name: ImageNet
benchmarks:
  - task: image-classification
    metrics:
      - name: Top 1 Accuracy
        direction: higher
        unit: '%'
      - name: Number of params
        direction: lower
        unit: M
    settings:
      - name: resolution
        type: number
        unit: px
      - name: pretraining_data
        type: text
      - name: test_time_augmentation
        type: boolean
`,
  'data/papers/2019/month-paper.yaml': 'title: A paper known by its month\ndate: 2019-05\n',
  'data/papers/2018/year-paper.yaml': "title: A paper known by its year\ndate: '2018'\n",
  'data/sources/vision-leaderboard.yaml': 'name: The vision leaderboard\nkind: leaderboard\nurl: https://example.org/leaderboard\n',
  'data/results/image-classification/imagenet/month-paper.yaml': `results:
  - model: Net-L
    metrics:
      Top 1 Accuracy: 85.5
      Number of params: 480
    settings:
      test_time_augmentation: false
      resolution: 600
      pretraining_data: 'JFT-300M, "filtered"'
    source:
      kind: code
      url: https://github.com/example/net
      ref: README, Table 2
${HOSTILE_MODELS.map((m, i) => `  - model: ${JSON.stringify(m)}\n    metrics:\n      Top 1 Accuracy: ${70 + i}\n    notes: "tricky, \\"quoted\\"\\nnote"\n`).join('')}`,
  'data/results/image-classification/imagenet/year-paper.yaml': `results:
  - model: Old-Net
    metrics:
      Top 1 Accuracy: 76.1
    source: Table 3
`,
  'data/results/image-classification/imagenet/vision-leaderboard.yaml': `results:
  - model: Submission 7
    metrics:
      Top 1 Accuracy: 86.2
    extra_training_data: true
    source:
      kind: leaderboard
`,
};

/** RFC 4180, read by the test itself: quoted fields may hold commas, quotes (doubled) and line breaks; records end with CRLF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      // A quoted field: up to the quote that is not doubled.
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error('a quoted field does not end');
        if (text[q + 1] === '"') {
          field += text.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        field += text.slice(j, q);
        i = q + 1;
        break;
      }
      continue;
    }
    if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      field += text[i++];
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF');
  return records;
}

/** A Parquet cell as the CSV writes it. */
function asCsvText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

let parent: string;
let data: any;
let rows: Record<string, any>[];
let csv: string[][];
let parquetBytes: Buffer;
let gzBytes: Buffer;

function bundle(root: string, out: string): void {
  execFileSync(process.execPath, [PWC_BIN, 'bundle', '--root', root, '--out', out], { encoding: 'utf8' });
}

const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;

beforeAll(async () => {
  parent = tempDir('pwc-bundle-flat-');
  const root = join(parent, 'repo');
  writeFiles(root, FLAT_REPOSITORY);
  commitAll(root);
  const out = join(parent, 'bundle');
  bundle(root, out);
  data = JSON.parse(readFileSync(join(out, 'pwc-data.json'), 'utf8'));
  parquetBytes = readFileSync(join(out, 'pwc-results.parquet'));
  gzBytes = readFileSync(join(out, 'pwc-results.csv.gz'));
  rows = await parquetReadObjects({ file: arrayBuffer(parquetBytes) });
  csv = parseCsv(gunzipSync(gzBytes).toString('utf8'));
}, 60_000);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('pwc-results.parquet and pwc-results.csv.gz', () => {
  it('hold the same rows, in the same order, under the same header', () => {
    const names = FLAT_COLUMNS.map((c) => c.name);
    expect(csv[0]).toEqual(names);
    expect(csv.length - 1).toBe(rows.length);
    expect(csv.slice(1)).toEqual(rows.map((r) => names.map((n) => asCsvText(r[n]))));
  });

  it('hold every result value of pwc-data.json exactly once, with its row, benchmark and paper', () => {
    const expected = new Map<string, number>();
    for (const r of data.results) for (const [metric, value] of Object.entries(r.metrics)) expected.set(`${r.id}\u0000${metric}`, value as number);
    expect(rows.length).toBe(expected.size);
    const seen = new Set<string>();
    const results = new Map<string, any>(data.results.map((r: any) => [r.id, r]));
    const benchmarks = new Map<string, any>(data.benchmarks.map((b: any) => [b.id, b]));
    const papers = new Map<string, any>(data.papers.map((p: any) => [p.id, p]));
    for (const row of rows) {
      const key = `${row.result_id}\u0000${row.metric}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(row.value, key).toBe(expected.get(key));
      const r = results.get(row.result_id);
      const b = benchmarks.get(r.benchmark);
      const spec = b.metrics.find((m: any) => m.name === row.metric);
      const date = r.paper === undefined ? null : papers.get(r.paper).date;
      const provenance = r.provenance ?? {};
      expect(row, key).toEqual({
        result_id: r.id,
        benchmark: r.benchmark,
        task: r.task,
        dataset: r.dataset,
        paper: r.paper ?? null,
        source: r.source ?? null,
        model: r.model,
        metric: row.metric,
        value: row.value,
        unit: spec.unit ?? null,
        direction: spec.direction ?? null,
        is_primary: b.primary === row.metric,
        rank: r.rank,
        extra_training_data: r.extra_training_data,
        date,
        // The first day of the date's period, as a DATE (hyparquet reads it as a Date at midnight UTC).
        date_start: date === null ? null : new Date(`${date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date}T00:00:00Z`),
        settings: r.settings,
        code: r.code ?? null,
        notes: r.notes ?? null,
        provenance_kind: provenance.kind ?? null,
        provenance_url: provenance.url ?? null,
        provenance_ref: provenance.ref ?? null,
        provenance_text: provenance.text ?? null,
      });
    }
    // The edge values survive as doubles: 0 (a -0 in the data is 0), negatives, 1e-9, huge numbers.
    const values = rows.map((r) => r.value);
    expect(values).toEqual(expect.arrayContaining([0, -3.5, -0.5, 1e-9, 1.5e300, 12345678901234567890, 0.30000000000000004]));
    expect(values.some((v) => Object.is(v, -0))).toBe(false);
  });

  it('keep partial dates as written beside the day their period starts, and a source\'s rows without a paper', () => {
    const byModel = (model: string) => rows.find((r) => r.model === model)!;
    expect(byModel('Net-L')).toMatchObject({ date: '2019-05', date_start: new Date('2019-05-01T00:00:00Z'), settings: { pretraining_data: 'JFT-300M, "filtered"', resolution: 600, test_time_augmentation: false } });
    expect(byModel('Old-Net')).toMatchObject({ date: '2018', date_start: new Date('2018-01-01T00:00:00Z'), provenance_text: 'Table 3', provenance_kind: null });
    expect(byModel('Submission 7')).toMatchObject({ paper: null, source: 'vision-leaderboard', date: null, date_start: null, rank: 1, extra_training_data: true, provenance_kind: 'leaderboard' });
    // Unranked rows (no primary value) have a null rank; the row's rank repeats on each of its values.
    expect(rows.filter((r) => r.result_id === 'scoring/bench/paper-b#No primary').map((r) => r.rank)).toEqual([null]);
    expect(new Set(rows.filter((r) => r.model === 'Net-L').map((r) => r.rank)).size).toBe(1);
  });

  it('keep hostile model names exactly, in both files', () => {
    const csvModels = new Set(csv.slice(1).map((r) => r[FLAT_COLUMNS.findIndex((c) => c.name === 'model')]));
    for (const model of HOSTILE_MODELS) {
      expect(rows.filter((r) => r.model === model), model).toHaveLength(1);
      expect(csvModels.has(model), model).toBe(true);
    }
    expect(rows.find((r) => r.model === 'NA')!.notes).toBe('tricky, "quoted"\nnote');
  });

  it('keep hostile model names through DuckDB\'s readers of both files', async (context) => {
    const connection = await duckdbConnection(context);
    if (!connection) return;
    const path = (name: string) => join(parent, 'bundle', name).replaceAll("'", "''");
    for (const from of [`'${path('pwc-results.parquet')}'`, `read_csv('${path('pwc-results.csv.gz')}')`]) {
      const read = (await connection.runAndReadAll(`SELECT model, value, notes FROM ${from} WHERE task = 'image-classification' ORDER BY value`)).getRowObjects();
      for (const [i, model] of HOSTILE_MODELS.entries()) expect(read, from).toContainEqual({ model, value: 70 + i, notes: 'tricky, "quoted"\nnote' });
      expect((await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${from}`)).getRowObjects(), from).toEqual([{ n: rows.length }]);
    }
    connection.closeSync();
  });

  it('keep hostile model names through pandas, read as docs/bundle.md says', (context) => {
    const python = pythonWith('pandas');
    if (!python) {
      console.warn('skipped: no python3 here imports pandas (Debian: apt-get install python3-pandas)');
      context.skip();
      return;
    }
    const script = `${example('pandas-read-csv')}\nimport json\nprint(json.dumps(df.model.tolist()))\nprint(json.dumps([str(v) for v in df["rank"].tolist()]))\n`;
    const [models, ranks] = execFileSync(python, ['-c', script], { cwd: join(parent, 'bundle'), encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
    expect(models).toEqual(rows.map((r) => r.model));
    expect(ranks).toEqual(rows.map((r) => (r.rank === null ? '<NA>' : String(r.rank))));
  });

  it('are typed Parquet columns, snappy-compressed, with the bundle\'s meta and no clock', () => {
    const metadata = parquetMetadata(arrayBuffer(parquetBytes));
    const element = (name: string) => metadata.schema.find((e) => e.name === name)!;
    expect(element('value')).toMatchObject({ type: 'DOUBLE', repetition_type: 'REQUIRED' });
    expect(element('rank')).toMatchObject({ type: 'INT32', repetition_type: 'OPTIONAL' });
    expect(element('is_primary')).toMatchObject({ type: 'BOOLEAN', repetition_type: 'REQUIRED' });
    expect(element('extra_training_data')).toMatchObject({ type: 'BOOLEAN', repetition_type: 'REQUIRED' });
    expect(element('model')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' });
    expect(element('paper')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });
    expect(element('date_start')).toMatchObject({ type: 'INT32', converted_type: 'DATE' });
    expect(element('settings')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'REQUIRED' });
    expect(metadata.schema.slice(1).map((e) => e.name)).toEqual(FLAT_COLUMNS.map((c) => c.name));
    for (const group of metadata.row_groups) for (const column of group.columns) expect(column.meta_data?.codec).toBe('SNAPPY');
    // Statistics where docs/bundle.md says a reader can skip row groups by them, and only there.
    const withStatistics = metadata.row_groups[0].columns.filter((c) => c.meta_data?.statistics?.min_value !== undefined).map((c) => c.meta_data!.path_in_schema[0]);
    const documented = /Row groups carry min and max statistics for\s+the columns a reader can skip groups by \(([^)]*)\)/.exec(flatTablesSection())![1];
    expect(withStatistics).toEqual([...documented.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]));
    expect(metadata.created_by).toBe('hyparquet');
    expect(metadata.key_value_metadata).toEqual([
      { key: 'pwc.schema_version', value: data.meta.schema_version },
      { key: 'pwc.data_version', value: data.meta.data_version },
      { key: 'pwc.source_commit', value: data.meta.source_commit },
    ]);
    // gzip: no flags (no file name), mtime 0.
    expect([...gzBytes.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  });

  it('are byte-identical when the same commit is bundled again, in another folder', () => {
    const again = join(parent, 'again');
    bundle(join(parent, 'repo'), again);
    expect(readFileSync(join(again, 'pwc-results.parquet')).equals(parquetBytes)).toBe(true);
    expect(readFileSync(join(again, 'pwc-results.csv.gz')).equals(gzBytes)).toBe(true);
  }, 60_000);
});

describe('parseCsv (the test\'s own reader)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b,c","d""e","f\r\ng",\r\n1,2,3,4,5\r\n')).toEqual([
      ['a', 'b,c', 'd"e', 'f\r\ng', ''],
      ['1', '2', '3', '4', '5'],
    ]);
  });
});
