// The static search index: byte-identical for the same records, a digest that follows them, and
// searches over the written files (read from disk) that find what a reader types, also past a
// common word's cut-off.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearcher } from '../assets/search.js';
import { DEFAULT_LIMITS, SEARCH_INDEX_DIR, listIndexFiles, searchIndexFiles, writeSearchIndex } from './index-writer.ts';
import { FULL_ARCHIVE, syntheticSearchRecords } from './measure.ts';
import type { SearchRecord } from './records.ts';
import { repositoryRecords } from './test-support.ts';

const temp = mkdtempSync(join(tmpdir(), 'pwc-search-index-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function searcherOn(siteDir: string) {
  return createSearcher(async (path) => JSON.parse(readFileSync(join(siteDir, SEARCH_INDEX_DIR, path), 'utf8')));
}

function filesOf(dir: string): Map<string, string> {
  return new Map(listIndexFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

/** A seeded shuffle, so the records reach the writer in another order. */
function shuffled<T>(xs: readonly T[]): T[] {
  const out = [...xs];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('the index of the repository data', () => {
  let records: SearchRecord[];
  beforeAll(async () => ({ records } = await repositoryRecords()));

  it('is byte-identical when written twice, from records in any order', () => {
    writeSearchIndex(join(temp, 'a'), records);
    writeSearchIndex(join(temp, 'b'), shuffled(records));
    const a = filesOf(join(temp, 'a'));
    expect(a.size).toBeGreaterThan(2);
    expect(filesOf(join(temp, 'b'))).toEqual(a);
  });

  it('replaces the previous index when rewritten (no stale chunk stays)', () => {
    const dir = join(temp, 'c');
    writeSearchIndex(dir, syntheticSearchRecords({ ...FULL_ARCHIVE, papers: 300, leaderboards: 20, tasks: 10, datasets: 10, methods: 10 }));
    writeSearchIndex(dir, records);
    expect(filesOf(dir)).toEqual(filesOf(join(temp, 'a')));
  });

  it('finds papers by title words, arXiv id and author; tasks by name; leaderboards by model name', async () => {
    const search = searcherOn(join(temp, 'a')).search;
    const titles = async (q: string) => (await search(q)).map((r) => `${r.kind}: ${r.title}`);
    expect((await titles('deep residual'))[0]).toBe('Paper: Deep Residual Learning for Image Recognition');
    expect(await titles('1512.03385')).toEqual(['Paper: Deep Residual Learning for Image Recognition']);
    expect(await titles('Kaiming He')).toContain('Paper: Deep Residual Learning for Image Recognition');
    expect((await titles('image classification'))[0]).toBe('Task: Image Classification');
    expect(await titles('image classif')).toContain('Leaderboard: Image Classification on ImageNet');
    expect(await titles('SWSL ResNeXt-101')).toContain('Leaderboard: Image Classification on ImageNet');
    expect(await titles('no such wordxyz')).toEqual([]);
    expect(await search('the of')).toEqual([]);
    const [paper] = await search('1512.03385');
    expect(paper.url).toBe('paper/deep-residual-learning-for-image-recognition/');
  });
});

describe('the index of synthetic records, with words past their cut-off', () => {
  const scale = { ...FULL_ARCHIVE, papers: 4_000, leaderboards: 200, tasks: 100, datasets: 100, methods: 100 };
  const records = syntheticSearchRecords(scale);
  const dir = join(temp, 'synthetic');
  // A small cut-off, so most title words and names are cut short, as the commonest are at full scale.
  const limits = { ...DEFAULT_LIMITS, maxPostings: 150, chunkChars: 4_000 };
  beforeAll(() => writeSearchIndex(dir, records, limits));

  it('cuts common words short', () => {
    const chunks = listIndexFiles(dir).filter((p) => p.includes('/t/'));
    const entries = chunks.flatMap((p) => JSON.parse(readFileSync(join(dir, p), 'utf8')) as [string, number, number[], number[]][]);
    const cut = entries.filter(([, boundary]) => boundary >= 0);
    expect(cut.length).toBeGreaterThan(10);
    for (const [, , a, b] of cut) expect(a.length + b.length).toBe(limits.maxPostings);
  });

  it('still finds the oldest paper by its full title, and by its arXiv id', async () => {
    const papers = records.filter((r) => r.kind === 'paper');
    const oldest = papers.reduce((a, b) => ((b.date ?? '') < (a.date ?? '') ? b : a));
    const { search } = searcherOn(dir);
    expect((await search(oldest.title)).map((r) => r.title)).toContain(oldest.title);
    expect((await search(oldest.names[1])).map((r) => r.title)).toEqual([oldest.title]);
  });

  it('finds a paper by a long title, looking up only some of its words and checking the rest in the text', async () => {
    const paper = records.filter((r) => r.kind === 'paper').find((r) => new Set(r.title.split(' ')).size >= 10)!;
    const results = await searcherOn(dir).search(paper.title);
    expect(results.map((r) => r.title)).toContain(paper.title);
    for (const r of results) for (const w of paper.title.toLowerCase().split(' ')) expect(r.title.toLowerCase().split(' ')).toContain(w);
  });

  it('finds a paper by one of its authors, and returns only records holding every word', async () => {
    const paper = records.filter((r) => r.kind === 'paper')[1234];
    const author = paper.other[0];
    const results = await searcherOn(dir).search(author, 50);
    expect(results.length).toBeGreaterThan(0);
    const words = author.toLowerCase().split(' ');
    for (const r of results) for (const w of words) expect(`${r.title} ${r.detail}`.toLowerCase()).toContain(w);
  });

  it('is byte-identical to the files of searchIndexFiles', () => {
    const expected = new Map(searchIndexFiles(records, limits).map((f) => [f.path, f.body]));
    expect(filesOf(dir)).toEqual(expected);
  });
});
