// Atomic writes: a new file is created once, never over another; a replaced file keeps its mode; no temporary files stay.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFile, replaceFile } from './write-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'pwc-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createFile', () => {
  it('creates a file only when none is there, also when two writers race', async () => {
    const path = join(dir, 'race.yaml');
    const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => createFile(path, `writer: ${i}\n`)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const winner = wins.indexOf(true);
    expect(readFileSync(path, 'utf8')).toBe(`writer: ${winner}\n`);
    expect(await createFile(path, 'other: 1\n')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(`writer: ${winner}\n`);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('replaceFile', () => {
  it('replaces the text, keeps the mode, and leaves no temporary file', async () => {
    const path = join(dir, 'replace.yaml');
    writeFileSync(path, 'old: 1\n');
    chmodSync(path, 0o600);
    await replaceFile(path, 'new: 1\n');
    expect(readFileSync(path, 'utf8')).toBe('new: 1\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('fails without touching anything when the file is gone', async () => {
    await expect(replaceFile(join(dir, 'missing.yaml'), 'x: 1\n')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
