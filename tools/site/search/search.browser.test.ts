// The search box in Debian's chromium, on pages served under a base path: over the repository's
// data (a paper by title word, arXiv id and author, a leaderboard by model name, the keyboard, the
// /search/ page, a phone's width) and over a small synthetic index whose common words are cut
// short. Every test also asserts no failed request, no page error and no request to another host.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, serveSite, useBrowser, type ServedSite } from '../test-support/index.ts';
import { DEFAULT_LIMITS } from './index-writer.ts';
import { FULL_ARCHIVE, syntheticSearchRecords, testPage, writeSearchSite } from './measure.ts';
import type { SearchRecord } from './records.ts';
import { repositoryRecords } from './test-support.ts';

const browser = await useBrowser();

const PAPER = 'Deep Residual Learning for Image Recognition';

describe.skipIf(!browser)('search in chromium', () => {
  const temp = mkdtempSync(join(tmpdir(), 'pwc-search-browser-'));
  let repoSite: ServedSite;
  let synthSite: ServedSite;
  let synthetic: SearchRecord[];

  beforeAll(async () => {
    const { records } = await repositoryRecords();
    const repoDir = join(temp, 'repo');
    writeSearchSite(repoDir, records);
    // A page for every result, so following one lands on a real page.
    for (const r of [...records.map((r) => ({ path: r.path, title: r.title })), { path: 'index.html', title: 'Home' }]) {
      mkdirSync(dirname(join(repoDir, r.path)), { recursive: true });
      writeFileSync(join(repoDir, r.path), testPage(r.path, r.title));
    }
    synthetic = syntheticSearchRecords({ ...FULL_ARCHIVE, papers: 3_000, leaderboards: 100, tasks: 50, datasets: 50, methods: 50 });
    const synthDir = join(temp, 'synthetic');
    writeSearchSite(synthDir, synthetic, { ...DEFAULT_LIMITS, maxPostings: 100 });
    repoSite = await serveSite(repoDir, { basePath: '/pwc-data/' });
    synthSite = await serveSite(synthDir, { basePath: '/pwc-data/' });
  });

  afterAll(async () => {
    await repoSite?.close();
    await synthSite?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  /** A fresh page at `path` of `site` (cold cache), watched for failed requests, page and console errors, other hosts. */
  const open = (site: ServedSite, path: string) => openPage(browser!, site.origin, site.url + path);

  /** The options the box lists once it answers `query` (typed as a whole). */
  async function search(page: Page, query: string): Promise<string[]> {
    await page.locator('#search-input').fill(query);
    await page.waitForFunction((q) => document.getElementById('search-results')?.dataset.query === q, query, { timeout: 15_000 });
    return page.locator('#search-results [role="option"]').allTextContents();
  }

  it('finds a paper by a title word, its arXiv id and an author, and a leaderboard by a model name', async () => {
    const { page, watcher, close } = await open(repoSite, 'sota/image-classification/imagenet/');
    expect(await search(page, 'residual')).toContainEqual(expect.stringMatching(new RegExp(`^Paper${PAPER}2015 · Kaiming He`)));
    expect(await search(page, '1512.03385')).toEqual([expect.stringContaining(PAPER)]);
    expect(await search(page, 'Kaiming He')).toContainEqual(expect.stringContaining(PAPER));
    expect(await search(page, 'SWSL ResNeXt-101 32x16d')).toContainEqual('LeaderboardImage Classification on ImageNet18 results');
    expect(await search(page, 'zzzz nothing')).toEqual([]);
    expect(await page.locator('.search-status').textContent()).toBe('No results for “zzzz nothing”');
    await search(page, 'imagenet');
    expect(await page.locator('#search-results a').first().getAttribute('href')).toBe(`${repoSite.url}dataset/imagenet/`);
    expect(watcher.problems()).toEqual([]);
    await close();
  });

  it('works from the keyboard: "/" focuses the box, arrows move, Escape closes, Enter opens the result', async () => {
    const { page, watcher, close } = await open(repoSite, '');
    const input = page.locator('#search-input');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('deep residual', { delay: 20 });
    await page.waitForFunction(() => document.getElementById('search-results')?.dataset.query === 'deep residual');
    expect(await input.getAttribute('role')).toBe('combobox');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe('search-option-0');
    expect(await page.locator('#search-option-0').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await input.getAttribute('aria-activedescendant')).toBe('search-option-0');
    await page.keyboard.press('Escape');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#search-results').isHidden()).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#search-option-0').textContent()).toContain(PAPER);
    await Promise.all([page.waitForURL(`${repoSite.url}paper/deep-residual-learning-for-image-recognition/`), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe(PAPER);
    expect(watcher.problems()).toEqual([]);
    await close();
  });

  it('fills the /search/ page from the form\'s ?q= (Enter with no option chosen submits the form)', async () => {
    const { page, watcher, close } = await open(repoSite, 'task/image-classification/');
    await page.locator('#search-input').fill('imagenet');
    await Promise.all([page.waitForURL(/\/search\/\?q=imagenet$/), page.locator('#search-input').press('Enter')]);
    await page.waitForFunction(() => document.querySelectorAll('#search-page-results li').length > 0);
    expect(await page.locator('#search-page-status').textContent()).toBe('Results for “imagenet”');
    expect(await page.locator('#search-page-results li').allTextContents()).toContainEqual(expect.stringContaining('DatasetImageNet'));
    expect(await page.locator('#search-input').inputValue()).toBe('imagenet');
    expect(watcher.problems()).toEqual([]);
    await close();
  });

  it('fits a phone\'s width', async () => {
    const { page, watcher, close } = await open(repoSite, 'task/image-classification/');
    await page.setViewportSize({ width: 360, height: 700 });
    expect((await search(page, 'image')).length).toBeGreaterThan(1);
    const box = (await page.locator('#search-results').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(watcher.problems()).toEqual([]);
    await close();
  });

  it('over a synthetic index with common words cut short: an old paper by title, arXiv id and author', async () => {
    const { page, watcher, close } = await open(synthSite, 'area/some/page/');
    const papers = synthetic.filter((r) => r.kind === 'paper');
    const oldest = papers.reduce((a, b) => ((b.date ?? '') < (a.date ?? '') ? b : a));
    expect(await search(page, oldest.title)).toContainEqual(expect.stringContaining(oldest.title));
    expect(await search(page, oldest.names[1])).toEqual([expect.stringContaining(oldest.title)]);
    const byAuthor = await search(page, oldest.other[0]);
    expect(byAuthor.length).toBeGreaterThan(0);
    for (const text of byAuthor) for (const word of oldest.other[0].split(' ')) expect(text).toContain(word);
    const board = synthetic.find((r) => r.kind === 'leaderboard')!;
    await search(page, board.other[0]);
    expect(await page.locator('#search-results a').allTextContents()).toContainEqual(expect.stringContaining(`Leaderboard${board.title}`));
    expect(await page.locator('#search-results a').first().getAttribute('href')).toMatch(new RegExp(`^${synthSite.url}`));
    expect(watcher.problems()).toEqual([]);
    await close();
  });
});
