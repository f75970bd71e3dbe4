// Watches a page for what must never happen on the site: a failed request (status >= 400 or a
// network failure), an uncaught error, a console error, a request to any host but the site's own.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export interface PageWatcher {
  failedRequests: string[];
  pageErrors: string[];
  consoleErrors: string[];
  thirdPartyRequests: string[];
  /** Every problem seen so far, one line each ("failed request: 404 http://..."); [] when clean. */
  problems(): string[];
  /** Throws, listing every problem, unless the page has been clean. */
  assertClean(): void;
}

// Schemes that never reach a network: inline images, object URLs, the blank page.
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

/** Starts watching page; origin is the site server's (http://127.0.0.1:PORT). */
export function watchPage(page: Page, origin: string): PageWatcher {
  const watcher: PageWatcher = {
    failedRequests: [],
    pageErrors: [],
    consoleErrors: [],
    thirdPartyRequests: [],
    problems: () => [
      ...watcher.failedRequests.map((line) => `failed request: ${line}`),
      ...watcher.pageErrors.map((line) => `page error: ${line}`),
      ...watcher.consoleErrors.map((line) => `console error: ${line}`),
      ...watcher.thirdPartyRequests.map((line) => `third-party request: ${line}`),
    ],
    assertClean: () => {
      const problems = watcher.problems();
      if (problems.length > 0) throw new Error(`the page was not clean:\n  ${problems.join('\n  ')}`);
    },
  };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!LOCAL_SCHEMES.has(url.protocol) && url.origin !== origin) watcher.thirdPartyRequests.push(request.url());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) watcher.failedRequests.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? 'failed';
    // A page that navigates on while its own document is still arriving (a redirect page's
    // location.replace) aborts that navigation: replaced, not failed. Where it leads is watched too.
    if (error === 'net::ERR_ABORTED' && request.isNavigationRequest()) return;
    watcher.failedRequests.push(`${error} ${request.url()}`);
  });
  page.on('pageerror', (error) => watcher.pageErrors.push(error.message));
  page.on('console', (message) => {
    // The location names what failed to load, e.g. /favicon.ico, which chromium asks for on its own
    // (and the page's events never show) unless the page declares an icon.
    const where = message.location().url;
    if (message.type() === 'error') watcher.consoleErrors.push(where ? `${message.text()} (${where})` : message.text());
  });
  return watcher;
}

export interface OpenedPage {
  page: Page;
  watcher: PageWatcher;
  /** Closes the page's own browser context. */
  close(): Promise<void>;
}

/**
 * Opens url in a fresh browser context (empty cache, no cookies), watched from before the first
 * request, and waits until the network is idle. options: a viewport, a colour scheme...
 */
export async function openPage(browser: Browser, origin: string, url: string, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const watcher = watchPage(page, origin);
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  return { page, watcher, close: () => context.close() };
}
