// changedPages against the full render of both commits, on seeded random edits committed to a real
// git repository of synthetic data: the same pages, in the same order, with and without a
// validator's cache to read base from.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/synthetic-repo.ts';
import { CACHE_DIR } from '../checks/validate.ts';
import { validate } from '../checks/validate.ts';
import { changedPages, changedPagesAside } from './changed-pages.ts';
import { changesBetween, commitAll, committedSynthetic, fullSiteAt, git, randomEdits, redateRankedPaper } from './test-support/random-edits.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('changedPages', () => {
  it('names exactly the pages whose text differs between two commits', async () => {
    const root = committedSynthetic('pwc-views-changed-', 0.003, 3);
    roots.push(root);
    const rand = seededRandom(99);
    let base = git(root, 'rev-parse', 'HEAD').trim();
    let before = await fullSiteAt(root, base);
    let nonEmpty = 0;
    for (let round = 0; round < 8; round++) {
      const did = randomEdits(root, rand, 1 + Math.floor(rand() * 4));
      // Head's index is base's patched: a ranked paper's new date must reach its boards' rows.
      if (round % 3 === 0) did.push(redateRankedPaper(root, rand));
      const head = commitAll(root, `round ${round}`);
      const after = await fullSiteAt(root, head);
      const want = [...new Set([...before.keys(), ...after.keys()])]
        .filter((p) => before.get(p) !== after.get(p))
        .map((p) => `generated/${p}`)
        .sort();
      // Half the rounds with a validator's cache of an earlier state (its pack serves the blobs it holds).
      if (round % 2 === 1) await validate({ root, workers: 1 });
      else rmSync(join(root, CACHE_DIR), { recursive: true, force: true });
      const changed = changesBetween(root, base, head);
      const got = await changedPages(root, base, head, changed);
      expect(got, `round ${round}: ${did.join('; ')}`).toEqual(want);
      // The same in a worker thread (what pwc review uses), in some rounds.
      if (round % 4 === 3) expect(await changedPagesAside({ root, base, head, changed })).toEqual(want);
      if (want.length > 0) nonEmpty++;
      // Sometimes the next change is compared with an older base: several commits at once.
      if (rand() < 0.6) {
        base = head;
        before = after;
      }
    }
    expect(nonEmpty).toBeGreaterThan(4);
    expect(await changedPages(root, base, base, [])).toEqual([]);
  });
});
