// The built site in a real browser (Debian's chromium through playwright-core), served under a base
// path as GitHub Pages serves a project site: the leaderboard's order, sorting, the extra-data
// checkbox and a settings filter re-ranking the rows, keyboard use, the chart's hover label, no
// failed request and no page error, and no page-level sideways scroll at a phone's width.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../model/repository.ts';
import { tempRoot, writeFixture, type FixtureFiles } from '../views/test-support/fixture-repo.ts';
import { buildSite } from './build.ts';
import { openPage, serveSite, useBrowser, type OpenedPage, type ServedSite } from './test-support/index.ts';

const BASE = '/pwc-data/';
const browser = await useBrowser();

/** One benchmark with two metrics, a declared setting and results with and without extra training data. */
function boardFiles(): FixtureFiles {
  const row = (model: string, top1: number, params: number, resolution: number, extra = false) => ({
    results: [{ model, metrics: { 'Top-1': top1, Params: params }, settings: { resolution }, ...(extra ? { extra_training_data: true } : {}) }],
  });
  return {
    'data/areas.yaml': { areas: [{ id: 'cv', name: 'Computer Vision', description: 'Seeing things.' }] },
    'data/tasks/classification.yaml': { name: 'Image Classification', area: 'cv', description: 'Naming what an image shows.' },
    'data/datasets/imagenet.yaml': {
      name: 'ImageNet',
      benchmarks: [
        {
          task: 'classification',
          metrics: [
            { name: 'Top-1', direction: 'higher', unit: '%' },
            { name: 'Params', direction: 'lower', unit: 'M' },
          ],
          settings: [{ name: 'resolution', type: 'number' }],
        },
      ],
    },
    'data/papers/2019/p-big.yaml': { title: 'A Big Model', date: '2019-05-01', authors: ['Ada Lovelace', 'Alan Turing'], abstract: 'We scale up.', code: [{ url: 'https://github.com/example/other' }, { url: 'https://github.com/example/big', official: true }] },
    'data/papers/2020/p-mid.yaml': { title: 'A Middle Model', date: '2020-05-01' },
    'data/papers/2021/p-small.yaml': { title: 'A Small Model', date: '2021-05-01' },
    'data/papers/2018/p-tiny.yaml': { title: 'A Tiny Model', date: '2018-05-01' },
    'data/results/classification/imagenet/p-big.yaml': row('Big', 90, 800, 384, true),
    'data/results/classification/imagenet/p-mid.yaml': row('Mid', 85, 50, 224),
    'data/results/classification/imagenet/p-small.yaml': row('Small', 80, 10, 224),
    'data/results/classification/imagenet/p-tiny.yaml': row('Tiny', 70, 5, 224, true),
  };
}

describe.skipIf(!browser)('the site in a browser', () => {
  let root: string;
  let site: ServedSite;
  /** Every page opened, each watched for failed requests, page and console errors, other hosts. */
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    root = writeFixture(tempRoot('pwc-site-browser-'), boardFiles());
    const out = join(root, 'site');
    buildSite({ out, siteUrl: 'https://example.org/pwc-data/', repo: await loadRepository(root), base: null });
    site = await serveSite(out, { basePath: BASE });
  }, 60_000);

  afterAll(async () => {
    for (const { close } of opened) await close();
    await site?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function open(path: string, viewport = { width: 1200, height: 900 }): Promise<Page> {
    const visit = await openPage(browser!, site.origin, site.url + path, { viewport });
    opened.push(visit);
    return visit.page;
  }

  const models = (page: Page) => page.$$eval('#leaderboard tbody tr:not([hidden]) td.model', (cells) => cells.map((c) => c.textContent));
  const ranks = (page: Page) => page.$$eval('#leaderboard tbody tr:not([hidden]) td.rank', (cells) => cells.map((c) => c.textContent));

  it('shows the leaderboard ranked, sorts by a column and re-ranks without extra training data', async () => {
    const page = await open('sota/classification/imagenet/');
    expect(await models(page)).toEqual(['Big', 'Mid', 'Small', 'Tiny']);
    expect(await ranks(page)).toEqual(['1', '2', '3', '4']);
    expect(await page.getAttribute('th[data-metric="0"]', 'aria-sort')).toBe('descending');

    await page.click('th[data-metric="1"] button');
    expect(await models(page)).toEqual(['Tiny', 'Small', 'Mid', 'Big']);
    expect(await page.getAttribute('th[data-metric="1"]', 'aria-sort')).toBe('ascending');
    expect(await page.getAttribute('th[data-metric="0"]', 'aria-sort')).toBeNull();
    await page.click('th[data-metric="1"] button');
    expect(await models(page)).toEqual(['Big', 'Mid', 'Small', 'Tiny']);
    expect(await page.getAttribute('th[data-metric="1"]', 'aria-sort')).toBe('descending');
    await page.click('th:first-child button');

    await page.getByLabel('Hide results with extra training data').check();
    expect(await models(page)).toEqual(['Mid', 'Small']);
    expect(await ranks(page)).toEqual(['1', '2']);
    expect(await page.textContent('#board-status')).toBe('Showing 2 of 4 results');
    await page.getByLabel('Hide results with extra training data').uncheck();
    await page.selectOption('select[data-setting="0"]', '384');
    expect(await models(page)).toEqual(['Big']);
    await page.selectOption('select[data-setting="0"]', '');
    expect(await models(page)).toEqual(['Big', 'Mid', 'Small', 'Tiny']);
    await page.close();
  });

  it('works from the keyboard: Tab reaches the checkbox, Space toggles it', async () => {
    const page = await open('sota/classification/imagenet/');
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'hide-extra');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Space');
    expect(await page.isChecked('#hide-extra')).toBe(true);
    expect(await models(page)).toEqual(['Mid', 'Small']);
    await page.keyboard.press('Space');
    expect(await models(page)).toEqual(['Big', 'Mid', 'Small', 'Tiny']);
    await page.close();
  });

  it('names a chart point on hover and offers the badge Markdown to copy', async () => {
    const page = await open('sota/classification/imagenet/');
    await page.hover('svg.chart circle[data-label^="Mid"]');
    expect(await page.isVisible('.chart-tip')).toBe(true);
    expect(await page.textContent('.chart-tip')).toContain('Mid: 85');
    expect(await page.inputValue('#badge-markdown')).toBe(
      '[![Image Classification on ImageNet](https://example.org/pwc-data/badges/sota/classification/imagenet.svg)](https://example.org/pwc-data/sota/classification/imagenet/)',
    );
    expect(await page.isVisible('button[data-copy]')).toBe(true);
    await page.close();
  });

  it('shows the paper page with its results, ranks and official code first', async () => {
    const page = await open('paper/p-big/');
    expect(await page.textContent('h1')).toBe('A Big Model');
    expect(await page.textContent('.authors')).toBe('Ada Lovelace, Alan Turing');
    const code = await page.$$eval('.links a', (links) => links.map((a) => a.getAttribute('href')));
    expect(code.indexOf('https://github.com/example/big')).toBeLessThan(code.indexOf('https://github.com/example/other'));
    expect(await page.textContent('table')).toContain('1 of 4');
    await page.click('table a:has-text("ImageNet")');
    expect(new URL(page.url()).pathname).toBe(`${BASE}sota/classification/imagenet/`);
    await page.close();
  });

  it('has no page-level sideways scroll at a phone width, on every kind of page', async () => {
    for (const path of ['', 'sota/classification/imagenet/', 'paper/p-big/', 'task/classification/', 'dataset/imagenet/']) {
      const page = await open(path, { width: 360, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path || 'home').toBeLessThanOrEqual(0);
      await page.close();
    }
  });

  it('made no failed request, met no page or console error and asked no other host', () => {
    expect(opened.length).toBeGreaterThan(5);
    expect(opened.flatMap(({ page, watcher }) => watcher.problems().map((p) => `${page.url()}: ${p}`))).toEqual([]);
  });
});
