// The redirect part on the repository's data and on a synthetic repository with slugs: where each old
// address leads, that the link resolves to a real page, the canonical address, and no real page shadowed.
import { rmSync } from 'node:fs';
import { posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTree, readTree } from '../checks/examples.ts';
import { loadRepository } from '../model/repository.ts';
import { buildSiteIndex, type SiteIndex } from '../views/site-index.ts';
import { tempRoot, writeFixture } from '../views/test-support/fixture-repo.ts';
import type { SiteFile } from './part.ts';
import { partFiles, repositoryIndex, SITE_URL } from './part-testing.ts';
import { pageUrl, sitePaths } from './paths.ts';
import { allRedirects, redirectPart } from './redirects.ts';
import { SLUG_REPOSITORY } from './redirects-fixture.ts';

/** The pages site-core writes for the repository: the paths the redirects must lead to and never overwrite. */
function realPages(index: SiteIndex): Set<string> {
  const { repo } = index;
  return new Set([
    sitePaths.home(),
    ...[...repo.tasks.keys()].map(sitePaths.task),
    ...[...repo.datasets.keys()].map(sitePaths.dataset),
    ...[...repo.methods.keys()].map(sitePaths.method),
    ...[...repo.papers.keys()].map(sitePaths.paper),
    ...[...repo.sources.keys()].map(sitePaths.source),
    ...[...index.leaderboards.values()].map((b) => sitePaths.leaderboard(b.task, b.dataset)),
  ]);
}

/** Every redirect file of the site (partFiles throws on a path written twice: one file per old address). */
function build(index: SiteIndex): SiteFile[] {
  return [...partFiles(redirectPart, index)].map(([path, body]) => ({ path, body }));
}

function text(file: SiteFile): string {
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
}

/** Where a relative link in the page at `from` leads, as a site path ("x/" means "x/index.html"). */
function resolve(from: string, href: string): string {
  const path = posix.normalize(posix.join(posix.dirname(from), href)).replace(/\/$/, '');
  return href.endsWith('/') ? `${path}/index.html` : path;
}

/** Every redirect page: its refresh, script and link lead to a real page; canonical is that page's absolute URL. */
function expectSound(files: SiteFile[], index: SiteIndex): void {
  const pages = realPages(index);
  for (const file of files) {
    expect(pages.has(file.path), `${file.path} is a real page`).toBe(false);
    const html = text(file);
    const refresh = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html)?.[1];
    const script = /<script>location\.replace\(("[^"]+") \+ location\.hash\);<\/script>/.exec(html)?.[1];
    const link = /<a href="([^"]+)">/.exec(html)?.[1];
    const canonical = /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1];
    expect(refresh, file.path).toBeDefined();
    expect(JSON.parse(script!)).toBe(refresh);
    expect(link).toBe(refresh);
    expect(refresh!.startsWith('../')).toBe(true);
    const target = resolve(file.path, refresh!);
    expect(pages.has(target), `${file.path} leads to ${target}, a real page`).toBe(true);
    expect(canonical).toBe(SITE_URL + pageUrl(target));
    expect(html).toContain('<meta name="robots" content="noindex">');
  }
}

describe('redirectPart on the repository\'s data', () => {
  let index: SiteIndex;
  beforeAll(async () => {
    index = await repositoryIndex();
  });

  it('writes an old /sota/<task>-on-<dataset> address for every leaderboard, and sound redirect pages', () => {
    const files = build(index);
    const paths = files.map((f) => f.path);
    for (const board of index.leaderboards.values()) {
      const task = index.repo.tasks.get(board.task)!;
      const dataset = index.repo.datasets.get(board.dataset)!;
      expect(paths).toContain(`sota/${task.pwc_slug ?? task.id}-on-${dataset.pwc_slug ?? dataset.id}/index.html`);
    }
    expect(paths).toContain('sota/image-classification-on-imagenet/index.html');
    expectSound(files, index);
  });

  it('writes the old address of every paper whose Papers With Code slug the data records', () => {
    const withSlug = [...index.repo.papers.values()].filter((p) => p.pwc_slug !== undefined);
    const redirects = allRedirects(index);
    for (const paper of withSlug) {
      expect(redirects).toContainEqual({ from: `paper/${paper.pwc_slug}/index.html`, to: sitePaths.paper(paper.id), name: paper.title });
    }
  });
});

describe('redirectPart on a repository with Papers With Code slugs', () => {
  let dir: string;
  let index: SiteIndex;
  beforeAll(async () => {
    dir = writeFixture(tempRoot('pwc-redirects-'), SLUG_REPOSITORY);
    index = buildSiteIndex(await loadRepository(dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists each old address and the page it leads to', () => {
    expect(allRedirects(index).map(({ from, to }) => `${from} -> ${to}`)).toEqual([
      'method/bert-model/index.html -> method/bert/index.html',
      'paper/bert-pre-training-of-deep-bidirectional/index.html -> paper/bert-pre-training-of-deep-bidirectional-transformers-for-language-understanding/index.html',
      'sota/named-entity-recognition-ner-on-squad11/index.html -> sota/named-entity-recognition/squad1-1/index.html',
      'sota/question-answering-on-squad11/index.html -> sota/question-answering/squad1-1/index.html',
      'task/named-entity-recognition-ner/index.html -> task/named-entity-recognition/index.html',
      'task/speech_recognition-asr/index.html -> task/speech-recognition/index.html',
      'dataset/squad11/index.html -> dataset/squad1-1/index.html',
    ].sort());
  });

  it('never writes over a real page: a slug that is another dataset\'s id is skipped', () => {
    const files = build(index);
    expect(files.map((f) => f.path)).not.toContain('dataset/squad/index.html');
    expectSound(files, index);
  });

  it('agrees with the validator, which refuses the two slugs the site had to arbitrate', () => {
    const findings = checkTree(readTree(dir)).filter((f) => f.rule === 'pwc-slug-conflict');
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual([
      'data/datasets/squad-v1.yaml:2:11',
      'data/methods/bert-large.yaml:2:11',
      'data/methods/bert.yaml:2:11',
    ]);
  });

  it('writes a redirect page with refresh, script, link, canonical and noindex, names escaped', () => {
    const task = index.repo.tasks.get('named-entity-recognition')!;
    const [file] = redirectPart({ index, siteUrl: SITE_URL }, { kind: 'task', task });
    expect(file.path).toBe('task/named-entity-recognition-ner/index.html');
    expect(text(file)).toBe(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: Named Entity Recognition &lt;NER&gt; &amp; &quot;friends&quot;</title>
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<link rel="canonical" href="https://example.org/pwc/task/named-entity-recognition/">
<script>location.replace("../../task/named-entity-recognition/" + location.hash);</script>
<meta http-equiv="refresh" content="0; url=../../task/named-entity-recognition/">
</head>
<body>
<p>This Papers With Code address now leads to <a href="../../task/named-entity-recognition/">Named Entity Recognition &lt;NER&gt; &amp; &quot;friends&quot;</a>.</p>
</body>
</html>
`);
  });

  it('gives the same bytes every time, and nothing for the home page or an entity without a slug', () => {
    expect(build(index)).toEqual(build(buildSiteIndex(index.repo)));
    const context = { index, siteUrl: SITE_URL };
    expect(redirectPart(context, { kind: 'home' })).toEqual([]);
    expect(redirectPart(context, { kind: 'task', task: index.repo.tasks.get('question-answering')! })).toEqual([]);
  });
});
