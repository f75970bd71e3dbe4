// Writing an import's files all or none, on real folders: a failure while staging leaves no file, folder or temporary file behind.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitFiles, CommitError } from './commit.ts';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

const tree = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [`${e.name}/`, ...tree(join(dir, e.name)).map((p) => `${e.name}/${p}`)] : [e.name])).sort();

describe('commitFiles', () => {
  it('writes new and changed files', async () => {
    root = mkdtempSync(join(tmpdir(), 'pwc-mi-commit-'));
    writeFileSync(join(root, 'a.yaml'), 'old\n');
    await commitFiles(root, [
      { path: 'a.yaml', before: 'old\n', text: 'new\n' },
      { path: 'x/y/b.yaml', text: 'b\n' },
    ]);
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe('new\n');
    expect(readFileSync(join(root, 'x/y/b.yaml'), 'utf8')).toBe('b\n');
    expect(tree(root)).toEqual(['a.yaml', 'x/', 'x/y/', 'x/y/b.yaml']);
  });

  it('writes nothing when a file cannot be staged mid-way (its folder is a file), and cleans up', async () => {
    root = mkdtempSync(join(tmpdir(), 'pwc-mi-commit-'));
    writeFileSync(join(root, 'a.yaml'), 'old\n');
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data/blocked'), 'a file where a folder would go\n');
    const before = tree(root);
    await expect(
      commitFiles(root, [
        { path: 'a.yaml', before: 'old\n', text: 'new\n' },
        { path: 'data/new/c.yaml', text: 'c\n' },
        { path: 'data/blocked/d.yaml', text: 'd\n' },
      ]),
    ).rejects.toThrow(CommitError);
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe('old\n');
    expect(tree(root)).toEqual(before);
  });

  it('writes nothing when a file changed since it was planned', async () => {
    root = mkdtempSync(join(tmpdir(), 'pwc-mi-commit-'));
    writeFileSync(join(root, 'a.yaml'), 'edited meanwhile\n');
    await expect(
      commitFiles(root, [
        { path: 'b.yaml', text: 'b\n' },
        { path: 'a.yaml', before: 'old\n', text: 'new\n' },
      ]),
    ).rejects.toThrow(/changed while the import ran/);
    expect(tree(root)).toEqual(['a.yaml']);
  });
});
