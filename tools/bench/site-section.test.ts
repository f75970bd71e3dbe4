// The site bench's own decisions on real folders: what a rebuild wrote, removed and left alone,
// the folder's size, and the query it searches for (a real paper's title).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareSnapshots, folderSize, searchQuery, snapshotFolder } from './site-section.ts';
import { scaleBy, writeSyntheticRepository } from './synthetic-repo.ts';

const work = mkdtempSync(join(tmpdir(), 'pwc-bench-site-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the site bench', () => {
  it('tells the files a rebuild wrote from those it left alone, and what it removed', () => {
    const dir = join(work, 'site');
    mkdirSync(join(dir, 'sota', 't', 'd'), { recursive: true });
    const put = (path: string, text: string, seconds: number) => {
      writeFileSync(join(dir, path), text);
      utimesSync(join(dir, path), seconds, seconds);
    };
    put('index.html', '<h1>home</h1>', 1000);
    put('sota/t/d/index.html', '<table></table>', 1000);
    put('old.json', '{}', 1000);
    const before = snapshotFolder(dir);
    expect([...before.keys()].sort()).toEqual(['index.html', 'old.json', 'sota/t/d/index.html']);
    expect(folderSize(before)).toEqual({ files: 3, bytes: 13 + 15 + 2 });

    put('sota/t/d/index.html', '<table></table>', 2000); // same bytes, written again
    put('new.svg', '<svg/>', 2000);
    rmSync(join(dir, 'old.json'));
    expect(compareSnapshots(before, snapshotFolder(dir))).toEqual({ written: ['new.svg', 'sota/t/d/index.html'], removed: ['old.json'], unchanged: 1 });
  });

  it('searches for the title of the first paper of the synthetic repository', () => {
    const root = join(work, 'repo');
    writeSyntheticRepository(root, scaleBy(0.001), 1);
    expect(searchQuery(root)).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ for [A-Z]/);
    expect(() => searchQuery(join(work, 'site'))).toThrow(/no paper under/);
  });
});
