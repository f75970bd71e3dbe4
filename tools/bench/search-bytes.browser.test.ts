// measureSearch in chromium on a small page whose search box fetches one index piece per typed
// prefix (as a sharded index does): it counts exactly the bytes the typing fetched, none of the
// page's own (nor its icon, which chromium may fetch late), and waits for a piece that arrives late.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite, useBrowser, type ServedSite } from '../site/test-support/index.ts';
import { measureSearch } from './search-bytes.ts';

const browser = await useBrowser();

describe.skipIf(!browser)('measureSearch', () => {
  let dir: string;
  let site: ServedSite;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pwc-search-bytes-'));
    mkdirSync(join(dir, 'idx'));
    // Incompressible pieces, so their size on the wire is their size on disk.
    const noise = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7919) % 251).toString(36)).join('');
    writeFileSync(join(dir, 'idx', 'a.bin'), noise(1000).slice(0, 1000));
    writeFileSync(join(dir, 'idx', 'b.bin'), noise(3000).slice(0, 3000));
    writeFileSync(join(dir, 'big-page-asset.bin'), noise(50_000).slice(0, 50_000));
    writeFileSync(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><link rel="icon" href="icon.svg"><title>s</title><img src="big-page-asset.bin" alt="">
<form role="search"><input type="search" id="search-input"></form>
<script>
  // The first letter's piece at once; the second letter's after 300 ms (a slow shard); the third's is missing.
  document.getElementById('search-input').addEventListener('input', (e) => {
    const q = e.target.value;
    if (q.length === 1) fetch('idx/a.bin');
    if (q.length === 2) setTimeout(() => fetch('idx/b.bin'), 300);
    if (q.length === 3) fetch('idx/c.bin'); // not there
  });
</script>`,
    );
    site = await serveSite(dir, { basePath: '/pwc-data/' });
  });
  afterAll(async () => {
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('adds up the bodies of the requests the typing made, late ones included, and nothing the page loaded', async () => {
    const cost = await measureSearch(browser!, site.url, 'ab');
    expect(cost).toEqual({ bytes: 4000, requests: 2, largest: ['idx/b.bin 3000 B', 'idx/a.bin 1000 B'], failed: [] });
  });

  it('names the requests that failed (a missing index piece)', async () => {
    const cost = await measureSearch(browser!, site.url, 'abc');
    expect(cost.failed).toEqual(['404 idx/c.bin']);
  });

  it('starts cold each time (a fresh context: nothing from the last measurement is cached)', async () => {
    expect((await measureSearch(browser!, site.url, 'a')).bytes).toBe(1000);
    expect((await measureSearch(browser!, site.url, 'a')).bytes).toBe(1000);
  });
});
