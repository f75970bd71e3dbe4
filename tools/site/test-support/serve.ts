// A static file server for the built site, as GitHub Pages serves it: under a base path, a folder's
// index.html, /x redirected to /x/ for folders, the site's 404.html with status 404, gzip for text;
// it logs every answer with the bytes it sent, for measuring what a page or a search fetches.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.atom': 'application/atom+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The Content-Type of a file; anything unknown (Pagefind's .pf_* pieces, .gz) is binary. */
export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const COMPRESSED = /^(text\/|application\/(json|atom\+xml|xml)|image\/svg)/;

export interface ServedRequest {
  /** The URL's path as requested, e.g. "/pwc-data/search-index/meta.json". */
  path: string;
  status: number;
  /** Bytes of the body as sent (gzipped when the client accepts it). */
  sent: number;
  /** Bytes of the body before compression. */
  raw: number;
}

export interface ServedSite {
  /** The site's root URL, with the base path and a trailing slash: http://127.0.0.1:PORT/pwc-data/ */
  url: string;
  /** http://127.0.0.1:PORT: a request anywhere else is a third-party request. */
  origin: string;
  /** Every answer so far, in order (HEAD requests sent no body: sent is 0). */
  requests: ServedRequest[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Where the site lives on the host, with slashes at both ends (GitHub Pages: "/<repository>/"). */
  basePath?: string;
}

/** Serves dir on 127.0.0.1 on a free port until close(). */
export async function serveSite(dir: string, options: ServeOptions = {}): Promise<ServedSite> {
  const root = resolve(dir);
  const basePath = options.basePath ?? '/';
  if (!basePath.startsWith('/') || !basePath.endsWith('/')) throw new Error(`basePath "${basePath}" must start and end with "/"`);
  const requests: ServedRequest[] = [];
  const server = createServer((request, response) => {
    response.on('finish', () => {
      const { sent, raw } = bodySizes.get(response) ?? { sent: 0, raw: 0 };
      requests.push({ path: (request.url ?? '/').split(/[?#]/)[0], status: response.statusCode, sent, raw });
    });
    answer(root, basePath, request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + basePath,
    origin,
    requests,
    close: () => new Promise<void>((done, fail) => {
      server.closeAllConnections();
      server.close((error) => (error ? fail(error) : done()));
    }),
  };
}

type Found = { kind: 'file'; file: string } | { kind: 'folder' } | { kind: 'missing' } | { kind: 'outside' };

/** What a URL path names inside the site (decided on the decoded path, so %2e%2e cannot escape). */
async function lookUp(root: string, basePath: string, urlPath: string): Promise<Found> {
  if (`${urlPath}/` === basePath) return { kind: 'folder' }; // the site's own folder without its slash
  if (!urlPath.startsWith(basePath)) return { kind: 'missing' };
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.slice(basePath.length));
  } catch {
    return { kind: 'missing' };
  }
  if (relative.includes('\0')) return { kind: 'missing' };
  const target = resolve(root, relative);
  if (target !== root && !target.startsWith(root + sep)) return { kind: 'outside' };
  const info = await stat(target).catch(() => undefined);
  if (!info) return { kind: 'missing' };
  if (info.isFile()) return { kind: 'file', file: target };
  if (!info.isDirectory()) return { kind: 'missing' };
  if (!urlPath.endsWith('/')) return { kind: 'folder' };
  const index = join(target, 'index.html');
  return (await stat(index).catch(() => undefined))?.isFile() ? { kind: 'file', file: index } : { kind: 'missing' };
}

async function answer(root: string, basePath: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  // The raw path: URL() would fold "/../" away, and the server must refuse it, not quietly serve another file.
  const rawPath = (request.url ?? '/').split(/[?#]/)[0];
  const found = await lookUp(root, basePath, rawPath);
  if (found.kind === 'outside') {
    response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('outside the site\n');
    return;
  }
  if (found.kind === 'folder') {
    response.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
    return;
  }
  if (found.kind === 'missing') {
    const page = await readFile(join(root, '404.html')).catch(() => Buffer.from('not found\n'));
    send(request, response, 404, 'text/html; charset=utf-8', page);
    return;
  }
  send(request, response, 200, contentType(found.file), await readFile(found.file));
}

/** What send() put on the wire for a response, for the request log. */
const bodySizes = new WeakMap<ServerResponse, { sent: number; raw: number }>();

function send(request: IncomingMessage, response: ServerResponse, status: number, type: string, body: Buffer): void {
  const gzip = COMPRESSED.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const bytes = gzip ? gzipSync(body) : body;
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': bytes.length,
    'Cache-Control': 'max-age=600', // what GitHub Pages sends
    ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
  });
  bodySizes.set(response, request.method === 'HEAD' ? { sent: 0, raw: 0 } : { sent: bytes.length, raw: body.length });
  response.end(request.method === 'HEAD' ? undefined : bytes);
}
