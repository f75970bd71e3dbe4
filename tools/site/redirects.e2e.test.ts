// In Debian's chromium: an old Papers With Code address, served under a base path like GitHub Pages
// serves the site, lands on our page (with and without JavaScript, keeping the #fragment), with no
// failed request, no page or console error and no request to another host.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../model/repository.ts';
import { buildSiteIndex } from '../views/site-index.ts';
import { allRedirects, redirectPage } from './redirects.ts';
import { writeFixture } from '../views/test-support/fixture-repo.ts';
import { SLUG_REPOSITORY } from './redirects-fixture.ts';
import { openPage, serveSite, useBrowser, type OpenedPage, type ServedSite } from './test-support/index.ts';

const BASE = '/pwc-data/';
const browser = await useBrowser();

describe.skipIf(!browser)('old Papers With Code addresses in a browser', () => {
  let dir: string;
  let server: ServedSite;
  let origin: string;
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pwc-redirects-browser-'));
    const repoDir = join(dir, 'repo');
    const site = join(dir, 'site');
    writeFixture(repoDir, SLUG_REPOSITORY);
    const index = buildSiteIndex(await loadRepository(repoDir));
    server = await serveSite(site, { basePath: BASE });
    origin = server.origin;
    const write = (path: string, body: string) => {
      mkdirSync(dirname(join(site, path)), { recursive: true });
      writeFileSync(join(site, path), body);
    };
    for (const redirect of allRedirects(index)) {
      write(redirect.from, redirectPage(redirect, `${origin}${BASE}`));
      // A stand-in for the page site-core writes there.
      write(redirect.to, `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${redirect.to}</title></head><body><h1 id="page">${redirect.to}</h1></body></html>\n`);
    }
  });

  afterAll(async () => {
    for (const { close } of opened) await close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** `path` in a fresh browser context, watched for failed requests, page and console errors, other hosts. */
  async function open(path: string, javaScriptEnabled: boolean): Promise<OpenedPage> {
    const visit = await openPage(browser!, origin, `${origin}${BASE}${path}`, { javaScriptEnabled });
    opened.push(visit);
    return visit;
  }

  it('leads an old leaderboard address, as linked without its final "/", to the leaderboard', async () => {
    const { page, watcher } = await open('sota/question-answering-on-squad11', true);
    await page.waitForURL(`${origin}${BASE}sota/question-answering/squad1-1/`);
    expect(await page.textContent('h1')).toBe('sota/question-answering/squad1-1/index.html');
    expect(watcher.problems()).toEqual([]);
  }, 60_000);

  it('keeps the #fragment of an old paper address', async () => {
    const { page, watcher } = await open('paper/bert-pre-training-of-deep-bidirectional#code', true);
    const target = `${origin}${BASE}paper/bert-pre-training-of-deep-bidirectional-transformers-for-language-understanding/#code`;
    await page.waitForURL(target);
    expect(page.url()).toBe(target);
    expect(await page.textContent('h1')).toBe('paper/bert-pre-training-of-deep-bidirectional-transformers-for-language-understanding/index.html');
    expect(watcher.problems()).toEqual([]);
  }, 60_000);

  it('gets there without JavaScript too, by the refresh (a slug with an underscore)', async () => {
    const { page, watcher } = await open('task/speech_recognition-asr/', false);
    await page.waitForURL(`${origin}${BASE}task/speech-recognition/`);
    expect(await page.textContent('h1')).toBe('task/speech-recognition/index.html');
    expect(watcher.problems()).toEqual([]);
  }, 60_000);
});
