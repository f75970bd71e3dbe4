// writeOutput on enough files to span several batches: staged writing, comparing, conflicts, missing files.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutput, type WrittenFile } from './output.ts';

const work = mkdtempSync(join(tmpdir(), 'pwc-import-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// 700 files over three folders: more than two batches of files handled between turns of the event loop.
const files: WrittenFile[] = Array.from({ length: 700 }, (_, i) => {
  const path = `data/${['papers', 'methods', 'results/t/d'][i % 3]}/file-${String(i).padStart(3, '0')}.yaml`;
  return { path, text: () => `name: File ${i}\n` };
});

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('writeOutput', () => {
  const out = join(work, 'out');

  it('writes every file into an empty folder, leaving nothing staged beside it', async () => {
    const outcome = await writeOutput(out, files);
    expect(outcome).toEqual({ created: 700, unchanged: 0, conflicts: [] });
    expect(listing(out)).toEqual(files.map((f) => f.path).sort());
    expect(readFileSync(join(out, files[699].path), 'utf8')).toBe('name: File 699\n');
    expect(readdirSync(dirname(out))).toEqual(['out']);
  });

  it('compares every file again and changes nothing', async () => {
    const outcome = await writeOutput(out, files);
    expect(outcome).toEqual({ created: 0, unchanged: 700, conflicts: [] });
  });

  it('keeps a file with other bytes as a conflict and writes a missing one whole', async () => {
    writeFileSync(join(out, files[300].path), 'name: File 300 # mine\n');
    rmSync(join(out, files[600].path));
    const outcome = await writeOutput(out, files);
    expect(outcome.created).toBe(1);
    expect(outcome.unchanged).toBe(698);
    expect(outcome.conflicts).toEqual([{ path: files[300].path, reason: expect.stringMatching(/kept/) }]);
    expect(readFileSync(join(out, files[300].path), 'utf8')).toBe('name: File 300 # mine\n');
    expect(readFileSync(join(out, files[600].path), 'utf8')).toBe('name: File 600\n');
    expect(listing(out)).toEqual(files.map((f) => f.path).sort()); // no temporary file left
  });
});
