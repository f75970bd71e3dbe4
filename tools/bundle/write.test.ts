// Writing a bundle: a new folder, replacing a previous bundle, failing half-way (the previous bundle
// survives, no temporary folder is left), and refusing to replace what is not a bundle.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_NAME } from './manifest.ts';
import { tempDir } from './testing.ts';
import { BundleOutputError, writeBundle } from './write.ts';

const files = (tag: string) => [
  { name: 'pwc-data.json', bytes: Buffer.from(`{"tag":"${tag}"}\n`) },
  { name: MANIFEST_NAME, bytes: Buffer.from(`{"manifest":"${tag}"}\n`) },
];

describe('writeBundle', () => {
  let parent: string;
  let out: string;
  beforeEach(() => {
    parent = tempDir();
    out = join(parent, 'bundle');
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('creates --out with its parents, and replaces a previous bundle whole', async () => {
    const nested = join(parent, 'a', 'b', 'bundle');
    await writeBundle(nested, files('one'));
    expect(readdirSync(nested).sort()).toEqual(['manifest.json', 'pwc-data.json']);
    writeFileSync(join(nested, 'pwc-data.schema.json'), 'stale file of an older bundle');
    await writeBundle(nested, files('two'));
    expect(readdirSync(nested).sort()).toEqual(['manifest.json', 'pwc-data.json']);
    expect(readFileSync(join(nested, 'pwc-data.json'), 'utf8')).toBe('{"tag":"two"}\n');
    expect(readdirSync(join(parent, 'a', 'b'))).toEqual(['bundle']);
  });

  it('leaves the previous bundle and no temporary folder when writing fails half-way', async () => {
    await writeBundle(out, files('one'));
    // A name with a folder in it cannot be created in the staging folder: the write fails after the first file.
    const failing = [...files('two'), { name: 'missing-folder/x.json', bytes: Buffer.from('x') }];
    await expect(writeBundle(out, failing)).rejects.toThrow(/ENOENT/);
    expect(readFileSync(join(out, 'pwc-data.json'), 'utf8')).toBe('{"tag":"one"}\n');
    expect(readdirSync(parent)).toEqual(['bundle']);
  });

  it('replaces an empty folder', async () => {
    mkdirSync(out);
    await writeBundle(out, files('one'));
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'pwc-data.json']);
  });

  it('refuses a folder that holds other things, a folder with subfolders, and a file', async () => {
    mkdirSync(out);
    writeFileSync(join(out, 'README.md'), 'mine');
    await expect(writeBundle(out, files('one'))).rejects.toThrow(BundleOutputError);
    expect(readdirSync(out)).toEqual(['README.md']);

    writeFileSync(join(out, MANIFEST_NAME), '{}');
    mkdirSync(join(out, 'sub'));
    await expect(writeBundle(out, files('one'))).rejects.toThrow(/holds "sub"/);

    const file = join(parent, 'file');
    writeFileSync(file, 'x');
    await expect(writeBundle(file, files('one'))).rejects.toThrow(/is not a directory/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});
