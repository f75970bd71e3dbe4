// The page memo on real files: after a change only pages whose models changed are rendered, the
// result is byte-identical to a full render, a touched page is rendered again, and --check never
// trusts the memo.
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, isCurrent } from './generate.ts';
import { PageMemo } from './page-memo.ts';
import { tempRoot, writeFixture, type FixtureFiles } from './test-support/fixture-repo.ts';

const FILES: FixtureFiles = {
  'data/areas.yaml': { areas: [{ id: 'cv', name: 'Computer Vision' }] },
  'data/tasks/classification.yaml': { name: 'Classification', area: 'cv' },
  'data/datasets/imagenet.yaml': { name: 'ImageNet', benchmarks: [{ task: 'classification', metrics: [{ name: 'Top-1', direction: 'higher' }] }] },
  'data/papers/2019/p-a.yaml': { title: 'Paper A', date: '2019-02-01', tasks: ['classification'] },
  'data/papers/2020/p-b.yaml': { title: 'Paper B', date: '2020-02-01', tasks: ['classification'] },
  'data/results/classification/imagenet/p-a.yaml': { results: [{ model: 'Model A', metrics: { 'Top-1': 70 } }] },
  'data/results/classification/imagenet/p-b.yaml': { results: [{ model: 'Model B', metrics: { 'Top-1': 80 } }] },
};
/** README, task, dataset, two papers, the leaderboard and its chart. */
const PAGES = 7;
/** The generated files, from the first run of each test. */
let ALL: string[] = [];

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function newRepo(): string {
  const root = writeFixture(tempRoot('pwc-memo-'), FILES);
  roots.push(root);
  return root;
}

function setTop1(root: string, paper: string, value: number): void {
  writeFixture(root, { [`data/results/classification/imagenet/${paper}.yaml`]: { results: [{ model: `Model ${paper.slice(2).toUpperCase()}`, metrics: { 'Top-1': value } }] } });
}

/** Moves every generated file's mtime into the past, as if the last run were minutes ago (the memo distrusts fresh files). */
function age(root: string, paths: string[]): void {
  const past = new Date(Date.now() - 10 * 60_000);
  for (const path of paths) utimesSync(join(root, path), past, past);
}

describe('the page memo', () => {
  it('renders again only the pages whose models changed, and writes what a full render writes', async () => {
    const root = newRepo();
    const first = await generate(root, { check: false });
    expect(first).toMatchObject({ unchanged: 0, vouched: 0 });
    ALL = first.written;
    expect(ALL).toHaveLength(PAGES);
    age(root, ALL);
    // Files written within the last moments are not trusted, so the first run's are vouched for
    // only once a run has seen them aged; from then on nothing is rendered.
    expect(await generate(root, { check: false })).toMatchObject({ written: [], unchanged: PAGES, vouched: 0 });
    expect(await generate(root, { check: false })).toMatchObject({ written: [], unchanged: PAGES, vouched: PAGES });

    setTop1(root, 'p-a', 71);
    const changed = await generate(root, { check: false });
    expect(changed.written).toEqual(['generated/papers/2019/p-a.md', 'generated/sota/classification/imagenet.md', 'generated/sota/classification/imagenet.svg']);
    expect(changed.vouched).toBe(PAGES - 3);

    // The same data rendered from scratch elsewhere gives the same bytes.
    const fresh = writeFixture(tempRoot('pwc-memo-'), { ...FILES, 'data/results/classification/imagenet/p-a.yaml': { results: [{ model: 'Model A', metrics: { 'Top-1': 71 } }] } });
    roots.push(fresh);
    await generate(fresh, { check: false, memo: false });
    for (const path of ALL) expect(readFileSync(join(root, path), 'utf8'), path).toBe(readFileSync(join(fresh, path), 'utf8'));
    expect(isCurrent(await generate(root, { check: true }))).toBe(true);
  });

  it('renders a page again when its file was touched, and --check never trusts the memo', async () => {
    const root = newRepo();
    ALL = (await generate(root, { check: false })).written;
    age(root, ALL);
    await generate(root, { check: false });
    const page = join(root, 'generated/tasks/classification.md');
    const original = readFileSync(page, 'utf8');

    writeFileSync(page, 'hand-edited\n');
    const restored = await generate(root, { check: false });
    expect(restored.written).toEqual(['generated/tasks/classification.md']);
    expect(readFileSync(page, 'utf8')).toBe(original);
    age(root, ALL);
    await generate(root, { check: false });

    // An edit that keeps the size and puts the old mtime back fools the memo (as it would git's
    // index); --check, which renders and compares every page, still names the file.
    const { mtime } = statSync(page);
    writeFileSync(page, original.replace('Classification', 'Classificatio!'));
    utimesSync(page, mtime, mtime);
    expect((await generate(root, { check: false })).written).toEqual([]);
    const check = await generate(root, { check: true });
    expect(check.differs).toEqual(['generated/tasks/classification.md']);
    expect(check.vouched).toBe(0);
  });

  it('vouches for nothing it did not see this run, nor for another renderer, nor for a file still fresh', () => {
    const root = newRepo();
    const old = { size: 10, mtimeMs: Date.now() - 60_000 };
    const fresh = { size: 10, mtimeMs: Date.now() - 500 };
    const memo = PageMemo.load(root, 'renderer-1');
    memo.remember('a.md', 'key-a', old, Buffer.from('a'));
    memo.remember('fresh.md', 'key-f', fresh, Buffer.from('f'));
    memo.save(root);

    const again = PageMemo.load(root, 'renderer-1');
    expect(again.holds('a.md', 'key-a', old)).toBe(true);
    expect(PageMemo.load(root, 'renderer-1').holds('a.md', 'key-b', old)).toBe(false);
    expect(PageMemo.load(root, 'renderer-1').holds('a.md', 'key-a', { ...old, size: 11 })).toBe(false);
    expect(PageMemo.load(root, 'renderer-1').holds('fresh.md', 'key-f', fresh)).toBe(false);
    expect(PageMemo.load(root, 'renderer-2').holds('a.md', 'key-a', old)).toBe(false);
    // A page no longer produced is forgotten: only what a run saw is saved.
    again.save(root);
    expect(PageMemo.load(root, 'renderer-1').holds('a.md', 'key-a', old)).toBe(true);
    PageMemo.load(root, 'renderer-1').save(root);
    expect(PageMemo.load(root, 'renderer-1').holds('a.md', 'key-a', old)).toBe(false);
  });
});
