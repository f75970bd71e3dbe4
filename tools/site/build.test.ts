// The site's build on real YAML files in temp folders: deterministic bytes, HTML escaping of
// hostile names, files of removed units deleted and files it did not write kept.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE } from '../markdown/testing.ts';
import { loadRepository } from '../model/repository.ts';
import { hostileFiles, tempRoot, twoBoards, writeFixture, type FixtureFiles } from '../views/test-support/fixture-repo.ts';
import { buildSite, MANIFEST_FILE, readManifest } from './build.ts';
import { SEARCH_INDEX_DIR } from './search/index-writer.ts';
import { SEARCH_PAGE_PATH, searchPageMain } from './search/page.ts';
import { tree } from './testing.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function temp(): string {
  const root = tempRoot('pwc-site-');
  roots.push(root);
  return root;
}

async function build(files: FixtureFiles, out: string) {
  const repo = await loadRepository(writeFixture(temp(), files));
  return buildSite({ out, siteUrl: 'https://example.org/pwc/', repo, base: null });
}

describe('buildSite', () => {
  it('writes the same bytes twice, a page per unit and the assets', async () => {
    const a = join(temp(), 'site');
    const b = join(temp(), 'site');
    await build(twoBoards(), a);
    await build(twoBoards(), b);
    const first = tree(a);
    expect([...first.keys()]).toEqual([...tree(b).keys()]);
    for (const [path, bytes] of tree(b)) expect(first.get(path)?.equals(bytes), path).toBe(true);
    for (const page of ['index.html', 'task/classification/index.html', 'dataset/coco/index.html', 'sota/classification/imagenet/index.html', 'paper/p-a/index.html']) {
      expect(first.has(page), page).toBe(true);
    }
    expect(first.has('assets/site.css')).toBe(true);
    expect(first.has('assets/leaderboard.js')).toBe(true);
  });

  it('ranks the leaderboard server-side and links paper, feed, API and badge', async () => {
    const out = join(temp(), 'site');
    await build(twoBoards(), out);
    const html = readFileSync(join(out, 'sota/classification/imagenet/index.html'), 'utf8');
    expect(html.indexOf('Model B')).toBeLessThan(html.indexOf('Model A'));
    expect(html).toContain('<link rel="canonical" href="https://example.org/pwc/sota/classification/imagenet/">');
    expect(html).toContain('href="../../../feeds/sota/classification/imagenet.atom"');
    expect(html).toContain('href="../../../api/v1/sota/classification/imagenet.json"');
    expect(html).toContain('<a href="../../../paper/p-b/">Paper B</a>');
    expect(html).toContain(
      'value="[![Classification on ImageNet](https://example.org/pwc/badges/sota/classification/imagenet.svg)](https://example.org/pwc/sota/classification/imagenet/)"',
    );
    expect(html).toContain('Hide results with extra training data');
    expect(html).toContain('<caption>');
  });

  it('writes the whole site\'s search index and the /search/ page in the site\'s layout, listed in the manifest', async () => {
    const out = join(temp(), 'site');
    const report = await build(twoBoards(), out);
    expect(report.searchIndex).toBe('made');
    const files = tree(out);
    const index = [...files.keys()].filter((p) => p.startsWith(`${SEARCH_INDEX_DIR}/`));
    expect(index).toContain(`${SEARCH_INDEX_DIR}/meta.json`);
    expect(JSON.parse(files.get(`${SEARCH_INDEX_DIR}/meta.json`)!.toString('utf8')).docs).toBe(10 - 1); // every unit but the home page
    const docs = index.filter((p) => p.startsWith(`${SEARCH_INDEX_DIR}/d/`)).map((p) => files.get(p)!.toString('utf8')).join('');
    expect(docs).toContain('"paper/p-a/","Paper A"');
    expect(docs).toContain('"sota/classification/imagenet/","Classification on ImageNet"');
    const page = files.get(SEARCH_PAGE_PATH)!.toString('utf8');
    expect(page).toContain(`<main class="wrap">\n${searchPageMain('../')}\n</main>`);
    expect(page).toContain('<title>Search · Papers With Code data</title>');
    expect(page).toContain('<link rel="canonical" href="https://example.org/pwc/search/">');
    expect(page).toContain('<link rel="stylesheet" href="../assets/site.css">');
    expect(page).toContain('<script type="module" src="../assets/search.js"></script>');
    expect(page).toContain('<form class="search" role="search" action="../search/">');
    const listed = new Set(Object.values(readManifest(out)!.units).flat());
    for (const path of [...index, SEARCH_PAGE_PATH]) expect(listed.has(path), path).toBe(true);
  });

  it('escapes hostile names as text', async () => {
    const out = join(temp(), 'site');
    await build(hostileFiles(), out);
    const pages = [...tree(out)].filter(([p]) => p.endsWith('.html')).map(([, b]) => b.toString('utf8'));
    const all = pages.join('\n');
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).not.toContain(HOSTILE.modelScript);
    expect(all).not.toContain('<i>italic</i>');
    // The only scripts: the site's own modules, and the fixed line of a redirect page (redirects.test.ts).
    const own = /<script type="module" src="[^"]+"><\/script>|<script>location\.replace\("[^"<]*" \+ location\.hash\);<\/script>/g;
    for (const html of pages) expect(html.match(/<script\b/g)?.length ?? 0).toBe((html.match(own) ?? []).length);
  });

  it('removes the files of a unit that is gone, and keeps files it did not write', async () => {
    const out = join(temp(), 'site');
    await build(twoBoards(), out);
    writeFileSync(join(out, 'CNAME'), 'example.org\n');
    mkdirSync(join(out, 'paper', 'p-c', 'extra'), { recursive: true });
    writeFileSync(join(out, 'paper', 'p-c', 'notes.txt'), 'mine\n');
    const files = twoBoards();
    delete files['data/papers/2021/p-c.yaml'];
    delete files['data/results/detection/coco/p-c.yaml'];
    const report = await build(files, out);
    expect(report.removed).toContain('paper/p-c/index.html');
    expect(existsSync(join(out, 'paper/p-c/index.html'))).toBe(false);
    expect(readFileSync(join(out, 'CNAME'), 'utf8')).toBe('example.org\n');
    expect(readFileSync(join(out, 'paper/p-c/notes.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(out, 'paper/p-c/extra'))).toBe(true);
    expect(readManifest(out)?.units['paper:p-c']).toBeUndefined();
    expect(readManifest(out)?.complete).toBe(true);
    expect(existsSync(join(out, MANIFEST_FILE))).toBe(true);
  });
});
