// Debian's chromium driven by playwright-core, for the site's browser tests and the bench (no
// vitest here: use-browser.ts is the tests' side).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where the tests look for chromium: PWC_CHROMIUM, else Debian's package. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PWC_CHROMIUM || '/usr/bin/chromium';
}

// Quiet, reproducible and offline: nothing the browser does on its own shows up as a request.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // CI containers run as root, where chromium's sandbox refuses to start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type BrowserLaunch = { browser: Browser; reason?: undefined } | { browser?: undefined; reason: string };

/**
 * Starts chromium, or says why not when there is none. Playwright gives it a fresh
 * --user-data-dir in a temp folder and removes it on close (it refuses one passed in args).
 * A chromium that exists but fails to start throws: that is a broken machine, not a missing browser.
 */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserLaunch> {
  const executablePath = chromiumPath(env);
  if (!existsSync(executablePath)) {
    return { reason: `no chromium at ${executablePath}; install Debian's chromium or set PWC_CHROMIUM` };
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  return { browser };
}
