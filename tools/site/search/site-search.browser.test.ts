// Search on the real built site: `pwc site` run as a process on the repository's data, served under
// a base path as GitHub Pages serves a project, in Debian's chromium. A title word typed on a
// leaderboard page finds the paper and Enter opens it; the /search/ page, in the site's layout,
// lists the results of its ?q=. No failed request, no error response, no page or console error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPwc } from '../../format/test-support/run-pwc.ts';
import { REPOSITORY_ROOT } from '../part-testing.ts';
import { openPage, serveSite, useBrowser, type ServedSite } from '../test-support/index.ts';

const PAPER = 'Aggregated Residual Transformations for Deep Neural Networks';
const PAPER_URL = 'paper/aggregated-residual-transformations-for-deep-neural-networks/';

const browser = await useBrowser();

describe.skipIf(!browser)('search on the built site, in chromium', () => {
  const temp = mkdtempSync(join(tmpdir(), 'pwc-site-search-'));
  let site: ServedSite;

  beforeAll(async () => {
    const out = join(temp, 'site');
    const run = await runPwc(['site', '--root', REPOSITORY_ROOT, '--out', out, '--site-url', 'https://example.org/pwc-data/']);
    if (run.code !== 0) throw new Error(`pwc site exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
    site = await serveSite(out, { basePath: '/pwc-data/' });
  }, 120_000);

  afterAll(async () => {
    await site?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  /** A fresh page at `path` (cold cache), watched for failed requests, page and console errors, other hosts. */
  const open = (path: string) => openPage(browser!, site.origin, site.url + path);

  it('finds a paper by a word of its title from a leaderboard page, and Enter opens it', async () => {
    const { page, watcher, close } = await open('sota/image-classification/imagenet/');
    const fetched: string[] = [];
    page.on('response', (r) => fetched.push(`${r.status()} ${r.url()}`));
    await page.locator('#search-input').pressSequentially('aggregated', { delay: 20 });
    await page.waitForFunction(() => document.getElementById('search-results')?.dataset.query === 'aggregated', undefined, { timeout: 15_000 });
    const options = await page.locator('#search-results [role="option"]').allTextContents();
    expect(options[0]).toContain(PAPER);
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(site.url + PAPER_URL), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe(PAPER);
    // The search index was fetched from the site itself, under its base path.
    expect(fetched).toContain(`200 ${site.url}search-index/meta.json`);
    expect(watcher.problems()).toEqual([]);
    await close();
  });

  it('lists the results of ?q= on the /search/ page, in the site\'s header, box and footer', async () => {
    const { page, watcher, close } = await open('search/?q=imagenet');
    await page.waitForFunction(() => document.querySelectorAll('#search-page-results li').length > 0, undefined, { timeout: 15_000 });
    expect(await page.locator('#search-page-status').textContent()).toBe('Results for “imagenet”');
    const results = await page.locator('#search-page-results li').allTextContents();
    expect(results).toContainEqual(expect.stringContaining('DatasetImageNet'));
    expect(results).toContainEqual(expect.stringContaining('LeaderboardImage Classification on ImageNet'));
    expect(await page.locator('#search-input').inputValue()).toBe('imagenet');
    expect(await page.locator('header .site-name').getAttribute('href')).toBe('../');
    expect(await page.locator('footer.site-footer').count()).toBe(1);
    expect(await page.title()).toBe('Search · Papers With Code data');
    // A result leads to its page.
    await Promise.all([page.waitForURL(`${site.url}dataset/imagenet/`), page.locator('#search-page-results a', { hasText: 'ImageNet' }).first().click()]);
    expect(watcher.problems()).toEqual([]);
    await close();
  });
});
