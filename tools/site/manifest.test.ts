// The build's manifest on real builds in temp folders: one line per unit after a header, a format-1
// manifest read (its files removed when no unit makes them now), a cut-short build or a manifest of
// another format leading to a full build, and the file counts an incremental build keeps.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadRepository, readValidFile } from '../model/repository.ts';
import type { DataChange } from '../views/data-base.ts';
import { tempRoot, twoBoards, writeFixture, type FixtureFiles } from '../views/test-support/fixture-repo.ts';
import { buildSite, type SiteReport } from './build.ts';
import { MANIFEST_FILE, readManifest, startBuilding } from './manifest.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function temp(): string {
  const root = tempRoot('pwc-site-manifest-');
  roots.push(root);
  return root;
}

const SITE_URL = 'https://example.org/pwc/';

async function build(files: FixtureFiles, out: string, change?: DataChange): Promise<SiteReport> {
  const repo = await loadRepository(writeFixture(temp(), files));
  return buildSite({ out, siteUrl: SITE_URL, repo, base: null, ...(change ? { change } : {}) });
}

function withoutPaperC(): FixtureFiles {
  const files = twoBoards();
  delete files['data/papers/2021/p-c.yaml'];
  delete files['data/results/detection/coco/p-c.yaml'];
  return files;
}

describe('the site manifest', () => {
  it('is a header line and one line per unit, sorted, that reads back each unit\'s files and search hash', async () => {
    const out = join(temp(), 'site');
    const report = await build(twoBoards(), out);
    const lines = readFileSync(join(out, MANIFEST_FILE), 'utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]);
    expect(header).toMatchObject({ format: 2, siteUrl: SITE_URL, complete: true, files: report.files });
    const keys = lines.slice(1).map((line) => JSON.parse(line.split('\t')[0]) as string);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain('paper:p-a');
    const manifest = readManifest(out)!;
    expect(manifest.files('paper:p-a')).toContain('paper/p-a/index.html');
    expect(manifest.search('paper:p-a')).toMatch(/^[\w-]{16}$/);
    expect([...manifest.keys()].reduce((n, key) => n + manifest.files(key).length, 0)).toBe(report.files);
  });

  it('reads a format-1 manifest: a full build that removes the files no unit makes now', async () => {
    const out = join(temp(), 'site');
    await build(twoBoards(), out);
    const now = readManifest(out)!;
    const units = Object.fromEntries([...now.keys()].map((key) => [key, now.files(key)]));
    const search = Object.fromEntries([...now.keys()].map((key) => [key, now.search(key) ?? '']));
    writeFileSync(join(out, MANIFEST_FILE), `${JSON.stringify({ format: 1, tools: 'older tools', siteUrl: SITE_URL, base: null, complete: true, units, search })}\n`);
    const old = readManifest(out)!;
    expect(old.header.format).toBe(1);
    expect(old.files('paper:p-c')).toEqual(units['paper:p-c']);
    const report = await build(withoutPaperC(), out);
    expect(report.removed).toContain('paper/p-c/index.html');
    expect(readManifest(out)!.header.format).toBe(2);
  });

  it('is not read when of another format, and a build cut short leaves it incomplete', async () => {
    const out = join(temp(), 'site');
    await build(twoBoards(), out);
    const last = readManifest(out)!;
    startBuilding(out, last, { format: 2, tools: last.header.tools, siteUrl: SITE_URL, base: null });
    expect(readManifest(out)!.header.complete).toBe(false);
    expect(readManifest(out)!.files('paper:p-c')).toEqual(last.files('paper:p-c'));
    writeFileSync(join(out, MANIFEST_FILE), readFileSync(join(out, MANIFEST_FILE), 'utf8').replace('"format":2', '"format":3'));
    expect(readManifest(out)).toBeUndefined();
  });

  it('keeps the site\'s file count through an incremental build that removes a unit', async () => {
    const root = temp();
    const out = join(root, 'site');
    const first = await build(twoBoards(), out);
    // The change as a build after a commit would see it: paper C's two files gone.
    const paths = ['data/papers/2021/p-c.yaml', 'data/results/detection/coco/p-c.yaml'];
    const change: DataChange = { paths, before: new Map(paths.map((path) => [path, readValidFile(path, Buffer.from(stringify(twoBoards()[path])))])) };
    const second = await build(withoutPaperC(), out, change);
    expect(second.incremental).toBe(true);
    expect(second.built).toBeLessThan(second.units);
    const cold = await build(withoutPaperC(), join(temp(), 'site'));
    expect(second.files).toBe(cold.files);
    expect(second.files).toBe(first.files - second.removed.length);
    expect(readManifest(out)!.header.files).toBe(cold.files);
  });
});
