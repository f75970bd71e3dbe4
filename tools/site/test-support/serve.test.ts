// The static server serves a real folder as GitHub Pages would, and refuses to leave it; and a
// browser test file without chromium says so in one line and skips.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { contentType, serveSite, type ServedSite } from './serve.ts';

/** A raw GET (fetch would normalise "/../" away before sending it). */
function rawGet(origin: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, fail) => {
    const req = request(`${origin}${path}`, { path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serveSite', () => {
  let work: string;
  let site: ServedSite;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'pwc-serve-'));
    const dir = join(work, 'site');
    mkdirSync(join(dir, 'task', 'x'), { recursive: true });
    mkdirSync(join(dir, 'api', 'v1'), { recursive: true });
    mkdirSync(join(dir, 'empty'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<h1>home</h1>');
    writeFileSync(join(dir, 'task', 'x', 'index.html'), '<h1>task x</h1>');
    writeFileSync(join(dir, 'api', 'v1', 'index.json'), '{"a":1}');
    writeFileSync(join(dir, 'feed.atom'), '<feed/>');
    writeFileSync(join(dir, 'a b.svg'), '<svg/>');
    writeFileSync(join(work, 'secret.txt'), 'outside');
    site = await serveSite(dir, { basePath: '/pwc-data/' });
  });
  afterAll(async () => {
    await site.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('serves files with their content type, and a folder its index.html', async () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pwc-data\/$/);
    const home = await fetch(site.url);
    expect([home.status, home.headers.get('content-type'), await home.text()]).toEqual([200, 'text/html; charset=utf-8', '<h1>home</h1>']);
    const task = await fetch(`${site.url}task/x/`);
    expect([task.status, await task.text()]).toEqual([200, '<h1>task x</h1>']);
    const api = await fetch(`${site.url}api/v1/index.json`);
    expect([api.headers.get('content-type'), await api.json()]).toEqual(['application/json; charset=utf-8', { a: 1 }]);
    expect((await fetch(`${site.url}feed.atom`)).headers.get('content-type')).toBe('application/atom+xml');
    expect((await fetch(`${site.url}a%20b.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('gzips text for a client that asks, and says how long the body is', async () => {
    const plain = await rawGet(site.origin, '/pwc-data/api/v1/index.json');
    expect([plain.headers['content-encoding'], plain.headers['content-length']]).toEqual([undefined, '7']);
    const zipped = await fetch(`${site.url}api/v1/index.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(await zipped.json()).toEqual({ a: 1 }); // fetch decodes it
  });

  it('logs every answer with the bytes it sent and their size unzipped', async () => {
    const from = site.requests.length;
    await rawGet(site.origin, '/pwc-data/api/v1/index.json');
    const zipped = await fetch(`${site.url}task/x/?q=1`, { headers: { 'accept-encoding': 'gzip' } });
    const wire = Number(zipped.headers.get('content-length'));
    await fetch(`${site.url}task/x`, { redirect: 'manual' });
    await rawGet(site.origin, '/pwc-data/nope.json');
    expect(site.requests.slice(from)).toEqual([
      { path: '/pwc-data/api/v1/index.json', status: 200, sent: 7, raw: 7 },
      { path: '/pwc-data/task/x/', status: 200, sent: wire, raw: '<h1>task x</h1>'.length },
      { path: '/pwc-data/task/x', status: 301, sent: 0, raw: 0 },
      { path: '/pwc-data/nope.json', status: 404, sent: 'not found\n'.length, raw: 'not found\n'.length },
    ]);
    expect(wire).not.toBe('<h1>task x</h1>'.length); // gzip's header alone changes the size
  });

  it('redirects a folder without its slash to the folder, as GitHub Pages does', async () => {
    const moved = await fetch(`${site.url}task/x?q=1`, { redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([301, '/pwc-data/task/x/?q=1']);
    const root = await fetch(`${site.origin}/pwc-data`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([301, '/pwc-data/']);
  });

  it('answers 404 for what is not there, outside the base path, and a folder without index.html', async () => {
    for (const path of ['/pwc-data/task/y/', '/pwc-data/nope.json', '/index.html', '/', '/pwc-data/empty/', '/pwc-data/%E0%A4%A']) {
      expect([path, (await rawGet(site.origin, path)).status]).toEqual([path, 404]);
    }
  });

  it('refuses paths that climb out of the folder, however they are spelt', async () => {
    for (const path of ['/pwc-data/../secret.txt', '/pwc-data/%2e%2e/secret.txt', '/pwc-data/task/..%2f..%2fsecret.txt']) {
      const answer = await rawGet(site.origin, path);
      expect([path, answer.status, answer.body]).toEqual([path, 403, 'outside the site\n']);
    }
  });

  it('serves the site under "/" by default, and knows binary when it sees it', async () => {
    const rootSite = await serveSite(join(work, 'site'));
    try {
      expect(rootSite.url).toBe(`${rootSite.origin}/`);
      expect((await fetch(rootSite.url)).status).toBe(200);
    } finally {
      await rootSite.close();
    }
    expect(['x.pf_fragment', 'x.pf_meta', 'x.wasm', 'x.mjs', 'x'].map(contentType)).toEqual([
      'application/octet-stream', 'application/octet-stream', 'application/wasm', 'text/javascript; charset=utf-8', 'application/octet-stream',
    ]);
  });
});

describe('without chromium', () => {
  it('launchBrowser says why not', async () => {
    expect(await launchBrowser({ PWC_CHROMIUM: '/nonexistent/chromium' })).toEqual({
      reason: "no chromium at /nonexistent/chromium; install Debian's chromium or set PWC_CHROMIUM",
    });
  });

  it('a browser test file prints one line and skips its tests', async () => {
    const run = await promisify(execFile)(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', 'tools/site/test-support/harness.browser.test.ts'],
      { env: { ...process.env, PWC_CHROMIUM: '/nonexistent/chromium', CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' }, encoding: 'utf8' },
    );
    const output = run.stdout + run.stderr;
    expect(output).toContain("browser tests skipped: no chromium at /nonexistent/chromium; install Debian's chromium or set PWC_CHROMIUM");
    expect(output).toMatch(/Tests\s+\d+ skipped/);
    expect(output).not.toMatch(/\d+ passed/);
  });
});
