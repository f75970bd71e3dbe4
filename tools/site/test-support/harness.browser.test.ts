// The watcher, in chromium on a small page served by serveSite: a clean page is clean, and a 404,
// a thrown error, a console error and a request to another host (localhost is not 127.0.0.1, and
// its port 9 refuses at once) are each caught.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, serveSite, useBrowser, type ServedSite } from './index.ts';

const browser = await useBrowser();

describe.skipIf(!browser)('watchPage in chromium', () => {
  let dir: string;
  let site: ServedSite;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pwc-harness-'));
    writeFileSync(join(dir, 'style.css'), 'h1 { color: teal }');
    // A page must declare its icon, or chromium asks for /favicon.ico at the host's root (a 404).
    const head = '<!doctype html><link rel="icon" href="data:,">';
    writeFileSync(join(dir, 'clean.html'), `${head}<title>clean</title><link rel="stylesheet" href="style.css"><h1>clean</h1>`);
    writeFileSync(join(dir, 'no-icon.html'), '<!doctype html><title>no icon</title><h1>no icon</h1>');
    writeFileSync(
      join(dir, 'broken.html'),
      `${head}<title>broken</title><img src="missing.png" alt="">` +
        '<script>console.error("something went wrong"); throw new Error("boom")</script>',
    );
    // A page that moves on before its own body has all arrived (as a redirect page may): the
    // browser aborts the rest of that navigation, which is no failed request.
    writeFileSync(join(dir, 'moves-on.html'), `${head}<title>moves on</title><script>location.replace('clean.html')</script><!--${'x'.repeat(8_000_000)}-->`);
    writeFileSync(join(dir, 'remote.html'), `${head}<title>remote</title><img src="http://localhost:9/tracker.gif" alt="">`);
    site = await serveSite(dir, { basePath: '/pwc-data/' });
  });
  afterAll(async () => {
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function visit(path: string) {
    const opened = await openPage(browser!, site.origin, site.url + path);
    await opened.close();
    return opened.watcher;
  }

  it('finds nothing wrong with a clean page', async () => {
    const watcher = await visit('clean.html');
    expect(watcher.problems()).toEqual([]);
    expect(() => watcher.assertClean()).not.toThrow();
  });

  it('catches a 404, a thrown error and a console error', async () => {
    const watcher = await visit('broken.html');
    expect(watcher.failedRequests).toEqual([`404 ${site.url}missing.png`]);
    expect(watcher.pageErrors).toEqual(['boom']);
    expect(watcher.consoleErrors).toContainEqual(`something went wrong (${site.url}broken.html)`);
    expect(() => watcher.assertClean()).toThrow(/failed request: 404 .*missing\.png[\s\S]*page error: boom/);
  });

  it('catches the 404 of /favicon.ico on a page that declares no icon', async () => {
    const watcher = await visit('no-icon.html');
    expect(watcher.problems()).toEqual([
      `console error: Failed to load resource: the server responded with a status of 404 (Not Found) (${site.origin}/favicon.ico)`,
    ]);
  });

  it('does not count a navigation that the page replaced with another as a failed request', async () => {
    const { page, watcher, close } = await openPage(browser!, site.origin, site.url + 'moves-on.html');
    await page.waitForURL(`${site.url}clean.html`);
    await page.waitForLoadState('networkidle');
    await close();
    expect(watcher.problems()).toEqual([]);
  });

  it('catches a request to another host', async () => {
    const watcher = await visit('remote.html');
    expect(watcher.thirdPartyRequests).toEqual(['http://localhost:9/tracker.gif']);
    expect(watcher.problems()).toContain('third-party request: http://localhost:9/tracker.gif');
  });
});
