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
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { loadRepository, type Repository, type ValidFile } from '../model/repository.ts';
import { generate, startGenerate } from './generate.ts';
import { candidatePages, changeNeighbourhood } from './page-deps.ts';
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

/** The valid file a repository has at `path` (its entity as the file's data), if any. */
function fileOf(repo: Repository, path: string): ValidFile | undefined {
  const ref = classifyPath(path);
  if (isPathProblem(ref)) return undefined;
  if (ref.kind === 'areas') return { ref, data: { areas: repo.areas } };
  const map = { task: repo.tasks, dataset: repo.datasets, method: repo.methods, paper: repo.papers, source: repo.sources, result: repo.results }[ref.kind] as Map<string, { path: string }>;
  const entity = map.get(ref.id);
  return entity?.path === path ? { ref, data: entity } : undefined;
}

function differing(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
}

describe('the pages a change can touch', () => {
  it('include every page whose text changes, over seeded random edits', async () => {
    for (const seed of [1, 2, 3]) {
      const root = newRoot(seed);
      const rand = seededRandom(seed * 31);
      for (let round = 0; round < 8; round++) {
        const before = await loadRepository(root);
        const siteBefore = await fullSite(root);
        const did = randomEdits(root, rand, 1 + Math.floor(rand() * 3));
        const changed = (await changedSince(root, 'HEAD', 'data')).filter(isDataPath);
        const after = await loadRepository(root);
        const [wholeBefore, wholeAfter] = [buildSiteIndex(before), buildSiteIndex(after)];
        const filesOf = (repo: Repository) => new Map(changed.map((path) => [path, fileOf(repo, path)]));
        const variants = {
          whole: candidatePages(changed, wholeBefore, wholeAfter),
          'partial before': candidatePages(changed, buildSiteIndex(changeNeighbourhood(wholeAfter, filesOf(before))), wholeAfter, 'before'),
          'partial after': candidatePages(changed, wholeBefore, buildSiteIndex(changeNeighbourhood(wholeBefore, filesOf(after))), 'after'),
        };
        const differs = differing(siteBefore, await fullSite(root));
        for (const [name, candidates] of Object.entries(variants)) {
          expect(differs.filter((p) => !candidates.has(p)), `${name}, seed ${seed} round ${round}: ${did.join('; ')}`).toEqual([]);
        }
        expect(variants['partial before']).toEqual(variants.whole);
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
