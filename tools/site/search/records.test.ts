// The search records of the repository's own data: each unit's words and page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteContext } from '../part.ts';
import { searchRecords, type SearchRecord } from './records.ts';
import { REPOSITORY_ROOT, allUnits } from '../part-testing.ts';
import { repositoryRecords } from './test-support.ts';

describe('searchRecords on the repository data', () => {
  let context: SiteContext;
  let records: SearchRecord[];
  beforeAll(async () => ({ context, records } = await repositoryRecords()));

  it('gives one record per entity and leaderboard, none for the home page, each leading to its page', () => {
    const { repo, leaderboards } = context.index;
    expect(searchRecords(context, { kind: 'home' })).toEqual([]);
    expect(records).toHaveLength(repo.tasks.size + repo.datasets.size + repo.methods.size + repo.papers.size + repo.sources.size + leaderboards.size);
    expect(new Set(records.map((r) => r.path)).size).toBe(records.length);
    for (const r of records) expect(r.path).toMatch(/^(task|dataset|method|paper|source|sota)\/.+\/index\.html$/);
  });

  it('finds a paper by title, arXiv id and authors', () => {
    const paper = records.find((r) => r.path === 'paper/deep-residual-learning-for-image-recognition/index.html')!;
    expect(paper).toMatchObject({ kind: 'paper', title: 'Deep Residual Learning for Image Recognition', names: ['Deep Residual Learning for Image Recognition', '1512.03385'] });
    expect(paper.other).toContain('Kaiming He');
    expect(paper.other).toContain('ResNet-152'); // a model it reports
    expect(paper.detail).toMatch(/^2015 · Kaiming He, .* · arXiv 1512\.03385$/);
    expect(paper.date).toBe('2015-12-10');
  });

  it('gives a task its synonyms and a leaderboard its model names', () => {
    expect(records.find((r) => r.path === 'task/image-classification/index.html')).toMatchObject({ kind: 'task', title: 'Image Classification', other: ['Image Recognition'] });
    const board = records.find((r) => r.path === 'sota/image-classification/imagenet/index.html')!;
    expect(board).toMatchObject({ kind: 'leaderboard', title: 'Image Classification on ImageNet', names: ['Image Classification', 'ImageNet'] });
    expect(board.other).toContain('SWSL ResNeXt-101 32x16d');
    expect(new Set(board.other).size).toBe(board.other.length);
  });

  it('is the same for the same unit (pure)', () => {
    expect([...allUnits(context.index)].flatMap((unit) => searchRecords(context, unit))).toEqual(records);
    expect(existsSync(join(REPOSITORY_ROOT, 'data'))).toBe(true);
  });
});
