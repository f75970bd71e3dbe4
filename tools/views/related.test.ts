// Related papers: ranked by shared tasks, datasets and methods, then newest first, then by id.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type Repository } from '../model/repository.ts';
import { relatedPapers, relatedPapersOf } from './related.ts';
import { scaleBy, writeSyntheticRepository } from '../bench/synthetic-repo.ts';
import { buildSiteIndex } from './site-index.ts';
import { tempRoot, writeFixture, type FixtureFiles } from './test-support/fixture-repo.ts';

function files(): FixtureFiles {
  const paper = (date: string, tasks: string[], methods: string[] = [], datasets: string[] = []) => ({ title: `Paper ${date}`, date, tasks, methods, datasets });
  return {
    'data/areas.yaml': { areas: [{ id: 'cv', name: 'CV' }] },
    'data/tasks/t1.yaml': { name: 'T1', area: 'cv' },
    'data/tasks/t2.yaml': { name: 'T2', area: 'cv' },
    'data/methods/m1.yaml': { name: 'M1' },
    'data/datasets/d1.yaml': { name: 'D1', benchmarks: [{ task: 't2', metrics: [{ name: 'A', direction: 'higher' }] }] },
    'data/papers/2020/me.yaml': paper('2020-01-01', ['t1'], ['m1']),
    // Shares t1 and m1, and (through its result) nothing else.
    'data/papers/2018/two-shared.yaml': paper('2018-01-01', ['t1'], ['m1']),
    // Each shares one item; ties go newest first, then by id.
    'data/papers/2019/b-one.yaml': paper('2019-05-01', ['t1']),
    'data/papers/2019/a-one.yaml': paper('2019-05-01', [], ['m1']),
    'data/papers/2021/newest-one.yaml': paper('2021-01-01', ['t1']),
    // Declares nothing shared, but shares t2 and d1 through its result.
    'data/papers/2022/unrelated.yaml': paper('2022-01-01', ['t2']),
    // Results on t2/d1 give both `me` and `unrelated` task t2 and dataset d1.
    'data/results/t2/d1/me.yaml': { results: [{ model: 'x', metrics: { A: 1 } }] },
    'data/results/t2/d1/unrelated.yaml': { results: [{ model: 'y', metrics: { A: 2 } }] },
  };
}

describe('related papers', () => {
  let root: string;
  let repo: Repository;
  beforeAll(async () => {
    root = writeFixture(tempRoot(), files());
    repo = await loadRepository(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('ranks by items shared (tasks and datasets from results count), then newest, then id', () => {
    const related = relatedPapers(buildSiteIndex(repo))('me');
    expect(related).toEqual([
      // Both share two: the newer first.
      { paper: 'unrelated', shared: { tasks: 1, datasets: 1, methods: 0 } },
      { paper: 'two-shared', shared: { tasks: 1, datasets: 0, methods: 1 } },
      { paper: 'newest-one', shared: { tasks: 1, datasets: 0, methods: 0 } },
      { paper: 'a-one', shared: { tasks: 0, datasets: 0, methods: 1 } },
      { paper: 'b-one', shared: { tasks: 1, datasets: 0, methods: 0 } },
    ]);
  });

  it('stops at the limit, and per item considers only the newest papers when bounded', () => {
    const index = buildSiteIndex(repo);
    expect(relatedPapers(index, 2)('me').map((r) => r.paper)).toEqual(['unrelated', 'two-shared']);
    // With one paper per item (plus itself), t1 offers only its newest other paper, m1 likewise.
    expect(relatedPapers(index, 10, 1)('me').map((r) => r.paper).sort()).toEqual(['a-one', 'newest-one', 'unrelated']);
  });

  it('is the same whichever order the papers were inserted in', () => {
    const reversed: Repository = { ...repo, papers: new Map([...repo.papers].reverse()), results: new Map([...repo.results].reverse()) };
    const a = relatedPapers(buildSiteIndex(repo));
    const b = relatedPapers(buildSiteIndex(reversed));
    for (const id of repo.papers.keys()) expect(b(id), id).toEqual(a(id));
  });

  it('finds the same papers without indexing every paper first (relatedPapersOf)', async () => {
    const synthetic = tempRoot();
    try {
      writeSyntheticRepository(synthetic, scaleBy(0.003), 4);
      const index = buildSiteIndex(await loadRepository(synthetic));
      for (const [limit, perItem] of [[10, 100], [3, 2], [10, 0]]) {
        const whole = relatedPapers(index, limit, perItem);
        const few = relatedPapersOf(index, limit, perItem);
        for (const id of [...index.repo.papers.keys(), 'no-such-paper']) expect(few(id), `${id} ${limit} ${perItem}`).toEqual(whole(id));
      }
    } finally {
      rmSync(synthetic, { recursive: true, force: true });
    }
  });
});
