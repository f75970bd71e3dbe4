// The built site in chromium, through the real CLI (`pwc site --out`) as a process: on a small
// synthetic repository (two boards, rows with and without extra training data, a paper with code)
// and on the repository's own data. A leaderboard's order, with and without JavaScript; the
// extra-data checkbox re-ranking; the paper page; search; an old Papers With Code address (these
// two skip, saying so, while the build has no search index or redirects); the keyboard; and on every page visited no
// failed request, no page or console error, no third-party request. With PWC_SCREENSHOTS=1 it
// also writes the README's screenshots (docs/screenshots/*.png) from the repository's own data.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runPwc } from '../format/test-support/run-pwc.ts';
import { commitFiles } from '../git/testing.ts';
import { openPage, serveSite, useBrowser, type OpenedPage, type ServedSite } from './test-support/index.ts';

const browser = await useBrowser();
const SITE_URL = 'https://example.org/pwc-data/';
const BASE_PATH = '/pwc-data/';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** A small repository: ImageNet-mini ranks four rows (two with extra training data), COCO-mini two. */
function syntheticData(): Record<string, string> {
  const files: Record<string, unknown> = {
    'data/areas.yaml': { areas: [{ id: 'computer-vision', name: 'Computer Vision' }] },
    'data/tasks/classification.yaml': { name: 'Classification', area: 'computer-vision', description: 'One label per image.' },
    'data/tasks/detection.yaml': { name: 'Detection', area: 'computer-vision' },
    'data/datasets/imagenet-mini.yaml': {
      name: 'ImageNet-mini',
      benchmarks: [{ task: 'classification', metrics: [{ name: 'Top-1', direction: 'higher', unit: '%', min: 0, max: 100 }], primary: 'Top-1' }],
    },
    'data/datasets/coco-mini.yaml': { name: 'COCO-mini', benchmarks: [{ task: 'detection', metrics: [{ name: 'AP', direction: 'higher' }] }] },
    'data/papers/2021/big-models-see-further.yaml': {
      title: 'Big Models See Further',
      authors: ['Ada Lovelace', 'Alan Turing'],
      date: '2021-03-04',
      arxiv: '2103.01234',
      url: 'https://arxiv.org/abs/2103.01234',
      pdf: 'https://arxiv.org/pdf/2103.01234',
      tasks: ['classification'],
      // The unofficial code first: the page lists the official one first.
      code: [
        { url: 'https://github.com/someone/big-models-reimpl', official: false, framework: 'jax' },
        { url: 'https://github.com/lovelace/big-models', official: true, framework: 'pytorch' },
      ],
    },
    'data/papers/2020/small-models-suffice.yaml': { title: 'Small Models Suffice', authors: ['Grace Hopper'], date: '2020-06-01', tasks: ['classification', 'detection'] },
    'data/papers/2019/an-old-baseline.yaml': { title: 'An Old Baseline', authors: ['Charles Babbage'], date: '2019-01-15', tasks: ['classification', 'detection'] },
    'data/results/classification/imagenet-mini/big-models-see-further.yaml': {
      results: [
        { model: 'Big-L', metrics: { 'Top-1': 90.1 }, extra_training_data: true, source: 'Table 1' },
        { model: 'Big-S', metrics: { 'Top-1': 85.2 }, extra_training_data: false, source: 'Table 1' },
      ],
    },
    'data/results/classification/imagenet-mini/small-models-suffice.yaml': { results: [{ model: 'Small-1', metrics: { 'Top-1': 88.0 }, source: 'Table 2' }] },
    'data/results/classification/imagenet-mini/an-old-baseline.yaml': { results: [{ model: 'Old-Net', metrics: { 'Top-1': 80.5 }, extra_training_data: true, source: 'Table 3' }] },
    'data/results/detection/coco-mini/small-models-suffice.yaml': { results: [{ model: 'Small-Det', metrics: { AP: 45.0 }, source: 'Table 4' }] },
    'data/results/detection/coco-mini/an-old-baseline.yaml': { results: [{ model: 'Old-Det', metrics: { AP: 40.0 }, source: 'Table 5' }] },
  };
  return Object.fromEntries(Object.entries(files).map(([path, data]) => [path, stringify(data, { lineWidth: 0 })]));
}

/** Builds the site of the repository at root with the real CLI, into a folder beside it. */
async function buildSite(root: string): Promise<string> {
  const out = join(root, '..', 'site');
  const run = await runPwc(['site', '--root', root, '--out', out, '--site-url', SITE_URL]);
  if (run.code !== 0) throw new Error(`pwc site exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
  return out;
}

/** The leaderboard's rows a reader sees: [rank, model] by the table's own column headings. */
function visibleRows(page: Page): Promise<string[][]> {
  return page.evaluate(() => {
    const table = [...document.querySelectorAll('table')].find((t) => t.caption && t.tHead && [...t.tHead.rows[0].cells].some((c) => c.textContent!.trim().startsWith('Rank')))!;
    const headings = [...table.tHead!.rows[0].cells].map((c) => c.textContent!.trim());
    const rank = headings.findIndex((h) => h.startsWith('Rank'));
    const model = headings.findIndex((h) => h.startsWith('Model'));
    return [...table.tBodies[0].rows].filter((row) => row.getClientRects().length > 0).map((row) => [row.cells[rank].textContent!.trim(), row.cells[model].textContent!.trim()]);
  });
}

const HIDE_EXTRA = 'Hide results with extra training data';

interface ResultRow {
  model: string;
  metrics: Record<string, number>;
  extra_training_data?: boolean;
}

describe.skipIf(!browser)('the site in chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'pwc-site-browser-'));
  let site: ServedSite;
  let out: string;
  const opened: OpenedPage[] = [];
  /** Opens a page of the site (a fresh context), remembered so that every visit is checked clean. */
  const visit = async (path: string, options = {}) => {
    const page = await openPage(browser!, site.origin, site.url + path, { viewport: DESKTOP, ...options });
    opened.push(page);
    return page;
  };

  beforeAll(async () => {
    const root = join(work, 'repo');
    commitFiles(root, syntheticData(), 'synthetic data');
    out = await buildSite(root);
    site = await serveSite(out, { basePath: BASE_PATH });
  }, 180_000);
  afterAll(async () => {
    for (const page of opened) await page.close();
    await site?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('ranks a leaderboard by its primary metric, readable without JavaScript too', async () => {
    const expected = [['1', 'Big-L'], ['2', 'Small-1'], ['3', 'Big-S'], ['4', 'Old-Net']];
    const { page } = await visit('sota/classification/imagenet-mini/');
    expect(await visibleRows(page)).toEqual(expected);
    const plain = await visit('sota/classification/imagenet-mini/', { javaScriptEnabled: false });
    expect(await visibleRows(plain.page)).toEqual(expected);
  });

  it('re-ranks the visible rows when results with extra training data are hidden, and back', async () => {
    const { page } = await visit('sota/classification/imagenet-mini/');
    const box = page.getByLabel(HIDE_EXTRA);
    await box.check();
    expect(await visibleRows(page)).toEqual([['1', 'Small-1'], ['2', 'Big-S']]);
    await box.uncheck();
    expect(await visibleRows(page)).toEqual([['1', 'Big-L'], ['2', 'Small-1'], ['3', 'Big-S'], ['4', 'Old-Net']]);
  });

  it("shows a paper's title, authors and links, the official code first", async () => {
    const { page } = await visit('paper/big-models-see-further/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Big Models See Further');
    expect(await page.locator('main').textContent()).toContain('Ada Lovelace, Alan Turing');
    const hrefs = await page.locator('main a[href^="https://"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['https://arxiv.org/abs/2103.01234', 'https://arxiv.org/pdf/2103.01234']));
    const code = hrefs.filter((h) => h!.startsWith('https://github.com/'));
    expect(code.slice(0, 2)).toEqual(['https://github.com/lovelace/big-models', 'https://github.com/someone/big-models-reimpl']);
  });

  it('works from the keyboard: Tab reaches the search box, then the checkbox; Space toggles it', async () => {
    const { page } = await visit('sota/classification/imagenet-mini/');
    const reached: string[] = [];
    for (let i = 0; i < 60 && !reached.includes('checkbox'); i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        if (el?.id === 'search-input') return 'search';
        if (el?.type === 'checkbox' && el.labels?.[0]?.textContent?.includes('Hide results with extra training data')) return 'checkbox';
        return el?.tagName.toLowerCase() ?? '';
      }));
    }
    expect(reached.indexOf('search')).toBeGreaterThanOrEqual(0);
    expect(reached.indexOf('checkbox')).toBeGreaterThan(reached.indexOf('search'));
    await page.keyboard.press('Space');
    expect(await page.getByLabel(HIDE_EXTRA).isChecked()).toBe(true);
    expect(await visibleRows(page)).toEqual([['1', 'Small-1'], ['2', 'Big-S']]);
  });

  /** Skips a test whose part of the site this build does not have yet, saying so. */
  const needs = (what: string, path: string, skip: () => void) => {
    if (existsSync(join(out, path))) return;
    console.warn(`site-wide browser test skipped: the build has no ${what} yet (no ${path})`);
    skip();
  };

  it('finds a paper by its title, an author and its arXiv id from the search box, and opens it', async (ctx) => {
    needs('search index', 'search-index', () => ctx.skip());
    const { page } = await visit('');
    for (const query of ['2103.01234', 'Lovelace', 'Big Models See Further']) {
      await page.locator('#search-input').fill(query);
      await expect(page.getByRole('option', { name: /Big Models See Further/ }).first().waitFor({ timeout: 10_000 })).resolves.toBeUndefined();
    }
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.url}paper/big-models-see-further/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Big Models See Further');
  });

  it('leads an old Papers With Code address to its page', async (ctx) => {
    needs('redirects of old addresses', 'sota/classification-on-imagenet-mini/index.html', () => ctx.skip());
    // Without its slash, as old links were written: the host adds it, the redirect page does the rest.
    const { page } = await visit('sota/classification-on-imagenet-mini');
    await page.waitForURL(`${site.url}sota/classification/imagenet-mini/`);
    expect(await visibleRows(page)).toEqual([['1', 'Big-L'], ['2', 'Small-1'], ['3', 'Big-S'], ['4', 'Old-Net']]);
  });

  it('has a search box in a search landmark on every page', async () => {
    for (const path of ['', 'task/classification/', 'dataset/coco-mini/', 'sota/detection/coco-mini/', 'paper/an-old-baseline/']) {
      const { page } = await visit(path);
      expect([path, await page.locator('form[role="search"] input[type="search"]#search-input').count()]).toEqual([path, 1]);
    }
  });

  it('loads every page visited without a failed request, a page or console error, or a third-party request', () => {
    expect(opened.length).toBeGreaterThan(5);
    expect(opened.flatMap(({ page, watcher }) => watcher.problems().map((p) => `${page.url()}: ${p}`))).toEqual([]);
  });
});

describe.skipIf(!browser)("the site of the repository's own data", () => {
  const work = mkdtempSync(join(tmpdir(), 'pwc-site-own-'));
  let site: ServedSite;

  beforeAll(async () => {
    const root = join(work, 'repo');
    mkdirSync(root);
    cpSync('data', join(root, 'data'), { recursive: true });
    commitFiles(root, {}, 'the repository data');
    site = await serveSite(await buildSite(root), { basePath: BASE_PATH });
  }, 180_000);
  afterAll(async () => {
    await site?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("ranks ImageNet by Top 1 Accuracy as its result files say; hiding extra data re-ranks from 1", async () => {
    // The expectation straight from the YAML: every row's model, value and extra-data flag.
    const dir = 'data/results/image-classification/imagenet';
    const rows = readdirSync(dir).flatMap((file) => (parse(readFileSync(join(dir, file), 'utf8')) as { results: ResultRow[] }).results);
    const best = (of: ResultRow[]) => of.reduce((a, b) => (b.metrics['Top 1 Accuracy'] > a.metrics['Top 1 Accuracy'] ? b : a)).model;
    const { page, watcher, close } = await openPage(browser!, site.origin, `${site.url}sota/image-classification/imagenet/`, { viewport: DESKTOP });
    const shown = await visibleRows(page);
    expect(shown).toHaveLength(rows.length);
    expect(shown[0]).toEqual(['1', best(rows)]);
    await page.getByLabel(HIDE_EXTRA).check();
    const without = rows.filter((r) => r.extra_training_data !== true);
    const shownWithout = await visibleRows(page);
    expect(shownWithout).toHaveLength(without.length);
    expect(shownWithout[0]).toEqual(['1', best(without)]);
    expect(watcher.problems()).toEqual([]);
    await close();
  });

  it.runIf(process.env.PWC_SCREENSHOTS === '1')('takes the README screenshots: home, leaderboard and paper, desktop and phone', async () => {
    mkdirSync('docs/screenshots', { recursive: true });
    const pages = { home: '', leaderboard: 'sota/image-classification/imagenet/', paper: 'paper/billion-scale-semi-supervised-learning-for-image-classification/' };
    for (const [name, path] of Object.entries(pages)) {
      for (const [width, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
        const { page, watcher, close } = await openPage(browser!, site.origin, site.url + path, { viewport, deviceScaleFactor: width === 'phone' ? 2 : 1 });
        // A desktop shot runs down to the leaderboard's table under its chart; a phone's is one screen.
        const clip = width === 'desktop' ? { x: 0, y: 0, width: viewport.width, height: Math.min(1400, await page.evaluate(() => document.documentElement.scrollHeight)) } : undefined;
        await page.screenshot({ path: `docs/screenshots/${name}-${width}.png`, fullPage: width === 'desktop', ...(clip ? { clip } : {}) });
        expect(watcher.problems()).toEqual([]);
        await close();
      }
    }
    expect(readFileSync('docs/screenshots/home-desktop.png').subarray(1, 4).toString()).toBe('PNG');
  });
});
