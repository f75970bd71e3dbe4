// The vitest side of the browser: a browser test file gets chromium, closed after the file, or
// skips with one clear line where no chromium is installed.
import type { Browser } from 'playwright-core';
import { afterAll } from 'vitest';
import { launchBrowser } from './browser.ts';

/**
 * For a browser test file, at its top level:
 *   const browser = await useBrowser();
 *   describe.skipIf(!browser)('...', () => { ... browser!.newPage() ... });
 * Closes the browser after the file; prints one line when it skips.
 */
export async function useBrowser(): Promise<Browser | undefined> {
  const launch = await launchBrowser();
  if (!launch.browser) {
    console.warn(`browser tests skipped: ${launch.reason}`);
    return undefined;
  }
  const { browser } = launch;
  afterAll(() => browser.close());
  return browser;
}
