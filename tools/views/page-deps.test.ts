// Which pages a change touches, on cases the seeded random edits of incremental.test.ts may miss.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../model/repository.ts';
import { candidatePages } from './page-deps.ts';
import { buildSiteIndex } from './site-index.ts';
import { renderSite } from './site.ts';
import { tempRoot, twoBoards, writeFixture, type FixtureFiles } from './test-support/fixture-repo.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

async function siteOf(files: FixtureFiles) {
  const root = writeFixture(tempRoot(), files);
  roots.push(root);
  const repo = await loadRepository(root);
  return { index: buildSiteIndex(repo), pages: new Map([...renderSite(repo)].map((f) => [f.path, f.text])) };
}

describe('the pages a change touches', () => {
  it('include the task and dataset pages whose board summary names a renamed source as the best', async () => {
    const withSource = (name: string): FixtureFiles => ({
      ...twoBoards(),
      'data/sources/official-board.yaml': { name, kind: 'leaderboard', url: 'https://example.org/board' },
      'data/results/classification/imagenet/official-board.yaml': { results: [{ model: 'Submission', metrics: { 'Top-1': 99 } }] },
    });
    const before = await siteOf(withSource('Official board'));
    const after = await siteOf(withSource('Official board, renamed'));
    const changed = [...after.pages.keys()].filter((p) => before.pages.get(p) !== after.pages.get(p));
    expect(changed).toContain('datasets/imagenet.md');
    const candidates = candidatePages(['data/sources/official-board.yaml'], before.index, after.index);
    expect(changed.filter((p) => !candidates.has(p))).toEqual([]);
  });
});
