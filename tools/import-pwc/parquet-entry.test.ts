// Parquet rows to dump entries: each shape a JSON dump takes in Parquet reads back as the JSON entry (real files, written with hyparquet-writer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } from 'hyparquet';
import { parquetWriteFile, type SchemaElement } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeParquetDump, type ParquetShape } from './dump-as-parquet.ts';
import { DumpError } from './dump-error.ts';
import { readDump } from './dump-reader.ts';
import type { DumpKind } from './dump-shapes.ts';
import { dateText } from './parquet-entry.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pwc-parquet-entry-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const path = () => join(dir, `t${n++}.parquet`);

async function entries(file: string, kind: DumpKind = 'evaluation-tables'): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const entry of readDump(file, { kind })) out.push(entry.value);
  return out;
}

async function roundTrip(values: unknown[], shape: ParquetShape): Promise<{ file: string; read: unknown[] }> {
  const file = path();
  await writeParquetDump(() => values, [file], { shape, rowGroupSize: 1 });
  return { file, read: await entries(file) };
}

async function columns(file: string) {
  return parquetSchema(await parquetMetadataAsync(await asyncBufferFromFile(file))).children;
}

const TASKS = [
  { task: 'A', categories: ['NLP'], source_link: { title: 'Board', url: 'https://x.org' }, datasets: [{ dataset: 'D', sota: { metrics: ['F1', 'EM'], rows: [{ model_name: 'm1', metrics: { F1: '90.1', EM: '\uFEFF80' } }] } }] },
  { task: 'B', datasets: [{ dataset: 'E', sota: { metrics: ['BLEU'], rows: [{ model_name: 'm2', paper_date: '2020-01-02', metrics: { BLEU: '30' }, uses_additional_data: true }] } }] },
];

describe('a Parquet row read as the JSON entry', () => {
  it('struct holding every key: a null field is an absent key, not a null value', async () => {
    const { file, read } = await roundTrip(TASKS, 'struct');
    expect(read).toEqual(TASKS);
    // The second task has no source_link and its row no F1: Parquet holds them as nulls, the entry has no such keys.
    expect(Object.keys(read[1] as object)).not.toContain('source_link');
    const metrics = (await columns(file)).find((c) => c.element.name === 'datasets')!;
    expect(JSON.stringify(metrics.children.map((c) => c.element.name))).toBe('["list"]');
  });

  it('map: the entries of the dict in their order, a null value kept', async () => {
    const tasks = [{ task: 'A', datasets: [{ dataset: 'D', sota: { rows: [{ model_name: 'm', metrics: { Z: '1', A: null, M: '3' } }] } }] }];
    const { file, read } = await roundTrip(tasks, 'map');
    expect(read).toEqual(tasks);
    const row = ((read[0] as typeof tasks[0]).datasets[0].sota.rows[0]);
    expect(Object.keys(row.metrics)).toEqual(['Z', 'A', 'M']);
    expect(JSON.stringify(await columns(file), (k, v) => (k === 'element' && v.converted_type === 'MAP' ? 'MAP' : v))).toContain('"MAP"');
  });

  it('JSON text where the dump has an object or a list, and the whole entry as one JSON column', async () => {
    const json = await roundTrip(TASKS, 'json');
    expect(json.read).toEqual(TASKS);
    expect((await columns(json.file)).find((c) => c.element.name === 'datasets')!.element.type).toBe('BYTE_ARRAY');
    const whole = await roundTrip(TASKS, 'entry-json');
    expect(whole.read).toEqual(TASKS);
    expect((await columns(whole.file)).map((c) => c.element.name)).toEqual(['entry']);
  });

  it('text that looks like JSON stays text where the dump has text', async () => {
    const tasks = [{ task: '{"a": 1}', description: '[not, a, list]', categories: ['[x]'] }];
    expect((await roundTrip(tasks, 'struct')).read).toEqual(tasks);
  });

  it('a map written as a list of {key, value}, a column annotated JSON, INT64 and DATE columns', async () => {
    const file = path();
    const schema: SchemaElement[] = [
      { name: 'root', num_children: 4 },
      { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'introduced_year', type: 'INT64', repetition_type: 'OPTIONAL' },
      { name: 'introduced_date', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
      { name: 'paper', type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' },
    ];
    parquetWriteFile({
      filename: file,
      schema,
      columnData: [
        { name: 'name', data: ['ImageNet'] },
        { name: 'introduced_year', data: [2009n] },
        { name: 'introduced_date', data: [new Date('2009-06-20T00:00:00Z')] },
        { name: 'paper', data: [{ title: 'ImageNet', url: 'https://x.org' }] },
      ],
    });
    expect(await entries(file, 'datasets')).toEqual([{ name: 'ImageNet', introduced_year: 2009, introduced_date: '2009-06-20', paper: { title: 'ImageNet', url: 'https://x.org' } }]);

    // Where the dump has an object (a dataset's `paper`), a list of {key, value} is that object; a null value is kept.
    const kv = path();
    parquetWriteFile({
      filename: kv,
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'paper', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'value', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
      columnData: [
        { name: 'name', data: ['COCO'] },
        { name: 'paper', data: [[{ key: 'title', value: 'Microsoft COCO' }, { key: 'url', value: null }]] },
      ],
    });
    expect(await entries(kv, 'datasets')).toEqual([{ name: 'COCO', paper: { title: 'Microsoft COCO', url: null } }]);
  });

  it('a file compressed with another codec than snappy (gzip here; zstd, brotli and lz4 the same way)', async () => {
    const file = path();
    parquetWriteFile({
      filename: file,
      codec: 'GZIP',
      compressors: { GZIP: (data: Uint8Array) => new Uint8Array(gzipSync(data)) },
      columnData: [{ name: 'name', data: ['Dropout'], type: 'STRING' }, { name: 'full_name', data: [null], type: 'STRING' }],
    });
    expect(await entries(file, 'methods')).toEqual([{ name: 'Dropout' }]);
  });

  it('a date at midnight UTC is the dumps\' YYYY-MM-DD, another time its ISO timestamp', () => {
    expect(dateText(new Date('2020-02-03T00:00:00Z'))).toBe('2020-02-03');
    expect(dateText(new Date('2020-02-03T10:00:00Z'))).toBe('2020-02-03T10:00:00.000Z');
  });

  it('a file that is not Parquet inside is one error naming it', async () => {
    const file = path();
    await writeParquetDump(() => TASKS, [file], { shape: 'struct' });
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file).subarray(0, 64));
    await expect(entries(file)).rejects.toThrow(DumpError);
    await expect(entries(file)).rejects.toThrow(`${file}: not a readable Parquet file`);
  });
});
