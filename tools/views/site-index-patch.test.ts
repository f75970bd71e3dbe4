// patchSiteIndex against buildSiteIndex of the whole changed repository, on seeded random edits of
// the kinds pages read across files (values, dates, titles, names, lists, files added and removed).
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/synthetic-repo.ts';
import { buildRepository, withFiles, type ValidFile } from '../model/repository.ts';
import { dataBlobs, validFilesOf } from './data-base.ts';
import { buildSiteIndex, type SiteIndex } from './site-index.ts';
import { patchSiteIndex } from './site-index-patch.ts';
import { changesBetween, commitAll, committedSynthetic, randomEdits, redateRankedPaper } from './test-support/random-edits.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** Every map of the index as [key, value] pairs sorted by key, the boards in their own order (the site lists them so). */
function ordered(index: SiteIndex): Record<string, unknown> {
  const { repo, ...maps } = index;
  return Object.fromEntries(Object.entries(maps).map(([name, map]) => [name, [...map].sort((a, b) => (name === 'leaderboards' ? 0 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))]));
}

describe('patchSiteIndex', () => {
  it('gives the index of the changed repository, list for list and board for board', async () => {
    const root = committedSynthetic('pwc-views-patch-', 0.003, 5);
    roots.push(root);
    const rand = seededRandom(7);
    const files = async (commit: string) => [...(await validFilesOf(root, await dataBlobs(root, commit))).values()].filter((f): f is ValidFile => f !== undefined);
    let base = commitAll(root, 'start');
    let baseRepo = buildRepository(await files(base));
    let baseIndex = buildSiteIndex(baseRepo);
    for (let round = 0; round < 12; round++) {
      const did = randomEdits(root, rand, 1 + Math.floor(rand() * 5));
      if (round % 3 === 0) did.push(redateRankedPaper(root, rand));
      const head = commitAll(root, `round ${round}`);
      const changed = changesBetween(root, base, head).map((c) => c.path);
      const headFiles = new Map((await files(head)).map((f) => [f.ref.path, f]));
      const headRepo = withFiles(baseRepo, new Map(changed.map((p) => [p, headFiles.get(p)])));
      const patched = patchSiteIndex(baseIndex, headRepo, changed);
      const whole = buildSiteIndex(buildRepository(headFiles.values()));
      expect(ordered(patched), `round ${round}: ${did.join('; ')}`).toEqual(ordered(whole));
      expect([...patched.leaderboards.keys()]).toEqual([...whole.leaderboards.keys()]);
      // The index patched from stays as it was.
      expect(ordered(baseIndex)).toEqual(ordered(buildSiteIndex(baseRepo)));
      base = head;
      baseRepo = headRepo;
      baseIndex = patched;
    }
  });
});
