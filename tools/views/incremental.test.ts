// Incremental generation against the full render, on seeded random edits of a real git repository
// of synthetic data: the candidate pages hold every page whose text changed, and generated/ after
// each incremental run is byte for byte what a full render of the data gives (files added,
// changed and removed), whether its files are known by their stamps or by git's index.
import { readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/synthetic-repo.ts';
import { changedSince } from '../git/changes.ts';
import { isDataPath } from '../model/paths.ts';
import { loadRepository } from '../model/repository.ts';
import { generate, startGenerate } from './generate.ts';
import { candidatePages } from './page-deps.ts';
import { buildSiteIndex } from './site-index.ts';
import { commitAll, committedSynthetic, filesUnder, fullSite, git, randomEdits } from './test-support/random-edits.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function newRoot(seed: number): string {
  const root = committedSynthetic('pwc-views-inc-', 0.003, seed);
  roots.push(root);
  return root;
}

/** Moves every generated file's mtime into the past (the memo distrusts files written moments ago). */
function age(root: string, minutes: number): void {
  const past = new Date(Date.now() - minutes * 60_000);
  for (const path of filesUnder(root, 'generated')) utimesSync(join(root, path), past, past);
}

function differing(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
}

describe('the pages a change can touch', () => {
  it('include every page whose text changes, over seeded random edits', async () => {
    for (const seed of [1, 2]) {
      const root = newRoot(seed);
      const rand = seededRandom(seed * 31);
      for (let round = 0; round < 6; round++) {
        const before = await loadRepository(root);
        const siteBefore = await fullSite(root);
        const did = randomEdits(root, rand, 1 + Math.floor(rand() * 3));
        const changed = (await changedSince(root, 'HEAD', 'data')).filter(isDataPath);
        const after = await loadRepository(root);
        const candidates = candidatePages(changed, buildSiteIndex(before), buildSiteIndex(after));
        const missed = differing(siteBefore, await fullSite(root)).filter((p) => !candidates.has(p));
        expect(missed, `seed ${seed} round ${round}: ${did.join('; ')}`).toEqual([]);
        commitAll(root, `round ${round}`);
      }
    }
  });
});

describe('incremental generate', () => {
  it('leaves generated/ byte-identical to a full render after each change', async () => {
    const seed = 7;
    const root = newRoot(seed);
    const rand = seededRandom(seed);
    const run = async () => {
      const start = await startGenerate(root, 'validator');
      const report = await generate(root, { check: false, repo: await loadRepository(root), pageMemo: start.memo, validator: 'validator', ...(start.change ? { change: start.change } : {}) });
      return { start, report };
    };
    await run();
    age(root, 20);
    // The memo distrusts files written moments before it was saved: a second run learns them aged.
    await run();
    let incremental = 0;
    for (let round = 0; round < 10; round++) {
      const did = randomEdits(root, rand, 1 + Math.floor(rand() * 3));
      const { start, report } = await run();
      if (start.change) incremental++;
      const want = await fullSite(root);
      const have = new Map(filesUnder(root, 'generated').map((p) => [p.slice('generated/'.length), readFileSync(join(root, p), 'utf8')]));
      expect(differing(want, have), `round ${round}: ${did.join('; ')}`).toEqual([]);
      // The pages the change cannot touch were neither built nor read.
      if (start.change) expect(report.vouched, `round ${round}`).toBeGreaterThan(want.size / 2);
      if (round % 3 === 2) {
        // As in CI: the views committed, then a fresh checkout (every mtime new): git's index vouches for them.
        commitAll(root, `round ${round}`);
        rmSync(join(root, 'generated'), { recursive: true });
        git(root, 'checkout', '-q', 'HEAD', '--', 'generated');
      }
    }
    expect(incremental).toBe(10);
  });

  it('renders every page when the base commit is gone, and still gets it right', async () => {
    const root = newRoot(11);
    await generate(root, { check: false, pageMemo: (await startGenerate(root, 'v')).memo, validator: 'v' });
    age(root, 20);
    // A history rewritten under the memo: its base commit no longer exists.
    git(root, 'commit', '-q', '--amend', '-m', 'rewritten');
    git(root, 'reflog', 'expire', '--expire=now', '--all');
    git(root, 'gc', '-q', '--prune=now');
    randomEdits(root, seededRandom(5), 3);
    const start = await startGenerate(root, 'v');
    expect(start.change).toBeUndefined();
    await generate(root, { check: false, pageMemo: start.memo, validator: 'v' });
    const have = new Map(filesUnder(root, 'generated').map((p) => [p.slice('generated/'.length), readFileSync(join(root, p), 'utf8')]));
    expect(differing(await fullSite(root), have)).toEqual([]);
  });
});
