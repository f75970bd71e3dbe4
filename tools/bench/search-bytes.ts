// What one search costs a reader, measured in chromium: a fresh browser context (cold cache) opens
// a page of the built site, waits until it has loaded, types the query into the search box as a
// reader would, and adds up the response bodies (as sent: compressed) of every request made from
// the first keystroke until the network has been quiet for a moment.
import type { Browser, Request } from 'playwright-core';
import { openPage } from '../site/test-support/watch.ts';

export interface SearchCost {
  /** Response body bytes as transferred (gzip-encoded where the server compressed them). */
  bytes: number;
  requests: number;
  /** The requests' URLs relative to the site, largest first, with their sizes: where the bytes went. */
  largest: string[];
  /** Requests that failed or answered >= 400 ("404 search-index/meta.json"): then the figure means nothing. */
  failed: string[];
}

export interface SearchMeasureOptions {
  /** CSS selector of the search box. */
  input?: string;
  /** Milliseconds between keystrokes (a fast typist). */
  keyDelay?: number;
  /** The network counts as quiet after this many milliseconds without a request in flight. */
  quietMs?: number;
  timeoutMs?: number;
}

export async function measureSearch(browser: Browser, pageUrl: string, query: string, options: SearchMeasureOptions = {}): Promise<SearchCost> {
  const { input = '#search-input', keyDelay = 50, quietMs = 750, timeoutMs = 60_000 } = options;
  const { page, close } = await openPage(browser, new URL(pageUrl).origin, pageUrl);
  try {
    const made: Request[] = [];
    const pending = new Set<Request>();
    let lastEvent = Date.now();
    page.on('request', (request) => {
      made.push(request);
      pending.add(request);
      lastEvent = Date.now();
    });
    const done = (request: Request) => {
      pending.delete(request);
      lastEvent = Date.now();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    await page.locator(input).pressSequentially(query, { delay: keyDelay });
    const deadline = Date.now() + timeoutMs;
    while (pending.size > 0 || Date.now() - lastEvent < quietMs) {
      if (Date.now() > deadline) throw new Error(`the search for "${query}" was still fetching after ${timeoutMs} ms`);
      await page.waitForTimeout(50);
    }
    // The tab's icon: chromium may fetch it late, typing or not; it is not the search's.
    const icons = new Set(await page.locator('link[rel~="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href)));
    const searched = made.filter((request) => !icons.has(request.url()));
    const base = new URL('.', pageUrl).href;
    const short = (url: string) => (url.startsWith(base) ? url.slice(base.length) : url);
    const sized = await Promise.all(
      searched.map(async (request) => {
        const status = (await request.response())?.status();
        return { url: request.url(), bytes: (await request.sizes()).responseBodySize, failed: status === undefined || status >= 400 ? `${status ?? request.failure()?.errorText ?? 'failed'} ${short(request.url())}` : '' };
      }),
    );
    sized.sort((a, b) => b.bytes - a.bytes || a.url.localeCompare(b.url));
    return {
      bytes: sized.reduce((sum, r) => sum + r.bytes, 0),
      requests: sized.length,
      largest: sized.slice(0, 5).map((r) => `${short(r.url)} ${r.bytes} B`),
      failed: sized.map((r) => r.failed).filter(Boolean),
    };
  } finally {
    await close();
  }
}
