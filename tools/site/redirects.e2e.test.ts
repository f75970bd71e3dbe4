// In Debian's chromium: an old Papers With Code address, served under a base path like GitHub Pages
// serves the site, lands on our page (with and without JavaScript, keeping the #fragment).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../model/repository.ts';
import { buildSiteIndex } from '../views/site-index.ts';
import { allRedirects, redirectPage } from './redirects.ts';
import { writeFixture } from '../views/test-support/fixture-repo.ts';
import { SLUG_REPOSITORY } from './redirects-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const BASE = '/pwc-data/';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`site redirects: skipping the browser tests: no chromium at ${CHROMIUM} (apt-get install chromium)`);

/** A static server of `root` under BASE: a folder answers with its index.html, and without its "/" with a 301, as GitHub Pages does. */
function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(BASE)) return void res.writeHead(404).end();
    const file = normalize(join(root, path.slice(BASE.length)));
    if (!file.startsWith(root)) return void res.writeHead(404).end();
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) return void res.writeHead(301, { location: `${path}/` }).end();
      if (existsSync(join(file, 'index.html'))) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(join(file, 'index.html')));
    } else if (existsSync(file)) {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(file));
    }
    res.writeHead(404).end();
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

describe.skipIf(!present)('old Papers With Code addresses in a browser', () => {
  let dir: string;
  let server: Server;
  let origin: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pwc-redirects-browser-'));
    const repoDir = join(dir, 'repo');
    const site = join(dir, 'site');
    writeFixture(repoDir, SLUG_REPOSITORY);
    const index = buildSiteIndex(await loadRepository(repoDir));
    server = await serve(site);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const write = (path: string, body: string) => {
      mkdirSync(dirname(join(site, path)), { recursive: true });
      writeFileSync(join(site, path), body);
    };
    for (const redirect of allRedirects(index)) {
      write(redirect.from, redirectPage(redirect, `${origin}${BASE}`));
      // A stand-in for the page site-core writes there.
      write(redirect.to, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${redirect.to}</title></head><body><h1 id="page">${redirect.to}</h1></body></html>\n`);
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await new Promise((done) => server?.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh browser profile; every failed request, HTTP error and page error is collected. */
  async function open(javaScriptEnabled: boolean): Promise<{ page: Page; problems: string[] }> {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      javaScriptEnabled,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
    });
    return { page, problems };
  }

  it('leads an old leaderboard address, as linked without its final "/", to the leaderboard', async () => {
    const { page, problems } = await open(true);
    await page.goto(`${origin}${BASE}sota/question-answering-on-squad11`);
    await page.waitForURL(`${origin}${BASE}sota/question-answering/squad1-1/`);
    expect(await page.textContent('h1')).toBe('sota/question-answering/squad1-1/index.html');
    expect(problems).toEqual([]);
  }, 60_000);

  it('keeps the #fragment of an old paper address', async () => {
    const { page, problems } = await open(true);
    await page.goto(`${origin}${BASE}paper/bert-pre-training-of-deep-bidirectional#code`);
    const target = `${origin}${BASE}paper/bert-pre-training-of-deep-bidirectional-transformers-for-language-understanding/#code`;
    await page.waitForURL(target);
    expect(page.url()).toBe(target);
    expect(await page.textContent('h1')).toBe('paper/bert-pre-training-of-deep-bidirectional-transformers-for-language-understanding/index.html');
    expect(problems).toEqual([]);
  }, 60_000);

  it('gets there without JavaScript too, by the refresh (a slug with an underscore)', async () => {
    const { page, problems } = await open(false);
    await page.goto(`${origin}${BASE}task/speech_recognition-asr/`);
    await page.waitForURL(`${origin}${BASE}task/speech-recognition/`);
    expect(await page.textContent('h1')).toBe('task/speech-recognition/index.html');
    expect(problems).toEqual([]);
  }, 60_000);
});
