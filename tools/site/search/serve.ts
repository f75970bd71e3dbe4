// A static server for a built site under a base path (as GitHub Pages serves a project), gzipping
// text like a real host and counting the bytes it sends per request, and Debian's chromium to
// drive it: for the search's browser tests and its measurement.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CHROMIUM = '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface ServedRequest {
  path: string;
  status: number;
  /** Bytes of the body as sent (gzipped when the client accepts it). */
  sent: number;
  /** Bytes of the file itself. */
  raw: number;
}

export interface StaticSite {
  /** The site's root URL, ending in the base path ("http://127.0.0.1:PORT/pwc-data/"). */
  url: string;
  requests: ServedRequest[];
  close(): Promise<void>;
}

export async function serveSite(dir: string, base = '/pwc-data/'): Promise<StaticSite> {
  const requests: ServedRequest[] = [];
  const gzipped = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const answer = (status: number, body: Buffer, type = 'text/plain; charset=utf-8', raw = body.length, gzip = false) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
      res.end(body);
      requests.push({ path, status, sent: body.length, raw });
    };
    if (!path.startsWith(base)) return answer(404, Buffer.from('not found'));
    let file = normalize(join(dir, path.slice(base.length)));
    if (!file.startsWith(normalize(dir))) return answer(404, Buffer.from('not found'));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return answer(404, Buffer.from('not found'));
    const body = readFileSync(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (!/gzip/.test(String(req.headers['accept-encoding'] ?? '')) || !/text|json|svg/.test(type)) return answer(200, body, type);
    let zipped = gzipped.get(file);
    if (!zipped) gzipped.set(file, (zipped = gzipSync(body)));
    answer(200, zipped, type, body.length, true);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Debian's chromium through playwright-core, in a fresh profile; undefined when it is not installed. */
export async function launchChromium(): Promise<{ context: import('playwright-core').BrowserContext; close(): Promise<void> } | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'pwc-search-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
