// The dump reader: entries of plain and gzipped lists, and every kind of bad file reported with its position.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DumpError, readDump, type DumpEntry } from './dump-reader.ts';
import { ListScanner } from './list-scanner.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pwc-dump-reader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function readAll(path: string, options = {}): Promise<DumpEntry[]> {
  const out: DumpEntry[] = [];
  for await (const entry of readDump(path, options)) out.push(entry);
  return out;
}

async function failure(path: string, options = {}): Promise<DumpError> {
  try {
    await readAll(path, options);
  } catch (error) {
    expect(error).toBeInstanceOf(DumpError);
    return error as DumpError;
  }
  throw new Error('expected the read to fail');
}

const LIST = '[\n  {"task": "A [b], c", "n": 1},\n  {"task": "d\\"}", "n": [2, {"x": "]"}]},\n  "three",\n  4\n]\n';

describe('readDump', () => {
  it('streams every entry of a list with its start position', async () => {
    const entries = await readAll(await file('list.json', LIST));
    expect(entries.map((e) => e.value)).toEqual([{ task: 'A [b], c', n: 1 }, { task: 'd"}', n: [2, { x: ']' }] }, 'three', 4]);
    expect(entries.map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect(entries[1].start).toEqual({ offset: 36, line: 3, column: 3 });
  });

  it('reads a gzipped list the same, whatever the file is called, and reports progress', async () => {
    const progress: number[] = [];
    const path = await file('list.data', gzipSync(LIST));
    const entries = await readAll(path, { onProgress: (p: { entries: number }) => progress.push(p.entries) });
    expect(entries.map((e) => e.value)).toEqual((await readAll(await file('plain.json', LIST))).map((e) => e.value));
    expect(progress.at(-1)).toBe(4);
  });

  it('gives the same entries whatever the chunk boundaries', () => {
    const bytes = Buffer.from(`\uFEFF[{"é": "x,]"}, [1, 2], {"a": "\\\\"}]`);
    const whole = new ListScanner().push(bytes).map((e) => e.text);
    for (let size = 1; size < 8; size++) {
      const scanner = new ListScanner();
      const texts: string[] = [];
      for (let i = 0; i < bytes.length; i += size) texts.push(...scanner.push(bytes.subarray(i, i + size)).map((e) => e.text));
      scanner.end();
      expect(texts).toEqual(whole);
    }
    expect(whole.map((t) => JSON.parse(t))).toEqual([{ é: 'x,]' }, [1, 2], { a: '\\' }]);
  });

  it('accepts an empty list and a byte order mark', async () => {
    expect(await readAll(await file('empty.json', '\uFEFF [ ]\n'))).toEqual([]);
  });

  it('locates a value inside an entry for shape errors', async () => {
    const [, second] = await readAll(await file('locate.json', LIST));
    expect(second.locate(['n', 1, 'x'])).toEqual({ offset: 68, line: 3, column: 35 });
  });

  it('reports a syntax error inside an entry at its line and column', async () => {
    const error = await failure(await file('bad.json', '[\n  {"a": 1},\n  {"b": 2,}\n]'));
    expect(error.position).toMatchObject({ line: 3, column: 11 });
    expect(error.message).toMatch(/bad\.json: not valid JSON: .* at line 3, column 11/);
  });

  it('reports a trailing comma, a missing comma and an empty entry', async () => {
    expect((await failure(await file('trailing.json', '[1, 2,\n]'))).position).toMatchObject({ line: 1, column: 6 });
    expect((await failure(await file('missing.json', '[{"a": 1} {"b": 2}]'))).position).toMatchObject({ column: 11 });
    expect((await failure(await file('hole.json', '[1, , 2]'))).reason).toMatch(/expected an entry/);
  });

  it('reports the fixture-style invalid file (an object with a trailing comma) at the syntax error', async () => {
    const text = '{\n  "task": "Dialogue",\n  "x": [{\n    "title": "",\n    "url": "",\n  }]\n}\n';
    const error = await failure(await file('object.json', text));
    expect(error.position).toMatchObject({ line: 6, column: 3 });
  });

  it('reports a valid JSON document that is not a list as a wrong shape', async () => {
    expect((await failure(await file('obj.json', '{"task": "x"}'))).reason).toBe('expected a JSON list of entries, found an object');
    expect((await failure(await file('empty-file.json', ''))).reason).toMatch(/empty/);
    expect((await failure(await file('after.json', '[1] 2'))).position).toMatchObject({ column: 5 });
  });

  it('reports a list cut short as truncated', async () => {
    const error = await failure(await file('cut.json', '[{"a": 1}, {"b": [2, 3'));
    expect(error.reason).toMatch(/truncated/);
    expect(error.position).toMatchObject({ offset: 22 });
  });

  it('reports a truncated gzip file with the compressed and uncompressed position', async () => {
    const big = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ i, text: `entry ${i} `.repeat(20) })));
    const gz = gzipSync(big);
    const error = await failure(await file('cut.json.gz', gz.subarray(0, Math.floor(gz.length / 2))));
    expect(error.reason).toMatch(/gzip data ends early/);
    expect(error.compressedOffset).toBeGreaterThan(0);
    expect(error.message).toMatch(/cut\.json\.gz: .* after \d+ bytes of the gzip file/);
  });

  it('reports corrupt gzip data and a missing file', async () => {
    const gz = gzipSync(LIST);
    gz[20] ^= 0xff;
    expect((await failure(await file('corrupt.json.gz', gz))).reason).toMatch(/gzip|not valid|truncated/);
    expect((await failure(join(dir, 'nope.json'))).reason).toMatch(/cannot read the file/);
  });

  it('refuses an entry larger than the limit instead of holding it', async () => {
    const error = await failure(await file('huge.json', `[${JSON.stringify('x'.repeat(5000))}]`), { limits: { maxEntryBytes: 1000 } });
    expect(error.reason).toMatch(/larger than/);
  });

  it('reports invalid UTF-8 in an entry', async () => {
    const bytes = Buffer.concat([Buffer.from('[\n"ab'), Buffer.from([0xff, 0xfe]), Buffer.from('"]')]);
    expect((await failure(await file('latin.json', bytes))).reason).toMatch(/UTF-8/);
  });
});
