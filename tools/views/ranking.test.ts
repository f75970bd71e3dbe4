// The ranking rules as the leaderboard pages show them: direction, ties (1, 2, 2, 4 ordered by paper
// date then model name), rows without the primary metric after and unranked, extra data marked.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeaderboards } from '../model/leaderboard.ts';
import { loadRepository, type Repository } from '../model/repository.ts';
import { renderSite } from './site.ts';
import { inspectMarkdown } from '../markdown/testing.ts';
import { tempRoot, writeFixture, type FixtureFiles } from './test-support/fixture-repo.ts';

function files(): FixtureFiles {
  const paper = (date: string) => ({ title: `Paper of ${date}`, date });
  return {
    'data/areas.yaml': { areas: [{ id: 'cv', name: 'Computer Vision' }] },
    'data/tasks/classification.yaml': { name: 'Classification', area: 'cv' },
    'data/tasks/generation.yaml': { name: 'Generation', area: 'cv' },
    'data/datasets/imagenet.yaml': {
      name: 'ImageNet',
      benchmarks: [
        // Top-5 is declared first, but `primary` names Top-1: Top-1 ranks.
        { task: 'classification', primary: 'Top-1', metrics: [{ name: 'Top-5', direction: 'higher' }, { name: 'Top-1', direction: 'higher', unit: '%' }] },
        // FID: lower is better, and it is the first (default primary) metric.
        { task: 'generation', metrics: [{ name: 'FID', direction: 'lower' }, { name: 'IS', direction: 'higher' }] },
      ],
    },
    'data/papers/2019/old.yaml': paper('2019-01-01'),
    'data/papers/2020/mid.yaml': paper('2020-06-01'),
    'data/papers/2021/new.yaml': paper('2021-03-01'),
    'data/results/classification/imagenet/new.yaml': {
      results: [
        { model: 'Alpha', metrics: { 'Top-1': 80, 'Top-5': 99 } },
        { model: 'Zeta', metrics: { 'Top-5': 98 } },
        { model: 'Best', metrics: { 'Top-1': 90 }, extra_training_data: true },
      ],
    },
    'data/results/classification/imagenet/mid.yaml': { results: [{ model: 'Zulu', metrics: { 'Top-1': 80 } }, { model: 'Mike', metrics: { 'Top-1': 80 } }] },
    'data/results/classification/imagenet/old.yaml': { results: [{ model: 'Omega', metrics: { 'Top-1': 70 } }, { model: 'Aaron', metrics: { 'Top-5': 97 } }] },
    'data/results/generation/imagenet/old.yaml': { results: [{ model: 'G1', metrics: { FID: 10, IS: 5 } }, { model: 'G2', metrics: { FID: 3.5 } }, { model: 'G3', metrics: { IS: 100 } }] },
  };
}

describe('leaderboard ranking', () => {
  let root: string;
  let repo: Repository;
  beforeAll(async () => {
    root = writeFixture(tempRoot(), files());
    repo = await loadRepository(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('ranks by the named primary metric, higher first; ties share a rank and go by paper date, then model name', () => {
    const board = buildLeaderboards(repo).get('classification/imagenet')!;
    expect(board.primary.name).toBe('Top-1');
    expect(board.entries.map((e) => [e.rank, e.result.model])).toEqual([
      [1, 'Best'],
      [2, 'Mike'], // 80, 2020: earlier paper first, then by model name
      [2, 'Zulu'],
      [2, 'Alpha'], // 80, 2021
      [5, 'Omega'],
      [undefined, 'Aaron'], // no Top-1: unranked, by date then name
      [undefined, 'Zeta'],
    ]);
  });

  it('ranks a lower-is-better metric lowest first, and defaults to the first declared metric', () => {
    const board = buildLeaderboards(repo).get('generation/imagenet')!;
    expect(board.primary.name).toBe('FID');
    expect(board.entries.map((e) => [e.rank, e.result.model])).toEqual([
      [1, 'G2'],
      [2, 'G1'],
      [undefined, 'G3'],
    ]);
  });

  it('shows the ranking on the page: shared ranks, unranked rows last with a dash, extra data marked, one column per metric', () => {
    const page = [...renderSite(repo)].find((f) => f.path === 'sota/classification/imagenet.md')!.text;
    const table = inspectMarkdown(page).tables.find((t) => t.header[0] === 'Rank')!;
    expect(table.header).toEqual(['Rank', 'Model', 'Top-5', 'Top-1 (%)', 'Extra data', 'Paper', 'Code', 'Date']);
    expect(table.rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[7]])).toEqual([
      ['1', 'Best', '—', '90', 'Yes', '2021-03-01'],
      ['2', 'Mike', '—', '80', 'No', '2020-06-01'],
      ['2', 'Zulu', '—', '80', 'No', '2020-06-01'],
      ['2', 'Alpha', '99', '80', 'No', '2021-03-01'],
      ['5', 'Omega', '—', '70', 'No', '2019-01-01'],
      ['—', 'Aaron', '97', '—', 'No', '2019-01-01'],
      ['—', 'Zeta', '98', '—', 'No', '2021-03-01'],
    ]);
    expect(page).toContain('Ranked by **Top-1 (%)**, higher is better.');
    expect(page).toContain('5 ranked results; 2 without a Top-1 (%) value, listed after them unranked.');
  });

  it('gives each paper the rank it holds by each metric on the leaderboard', () => {
    const page = [...renderSite(repo)].find((f) => f.path === 'papers/2021/new.md')!.text;
    const table = inspectMarkdown(page).tables.find((t) => t.header[0] === 'Task')!;
    expect(table.rows.map((r) => [r[2], r[3], r[4], r[5]])).toEqual([
      ['Alpha', 'Top-5', '99', '1 of 3'],
      ['Alpha', 'Top-1 (%)', '80', '2 of 5'],
      ['Zeta', 'Top-5', '98', '2 of 3'],
      ['Best', 'Top-1 (%)', '90', '1 of 5'],
    ]);
  });
});

describe('an unranked leaderboard (primary metric without a direction)', () => {
  let root: string;
  let repo: Repository;
  beforeAll(async () => {
    root = writeFixture(tempRoot(), {
      'data/areas.yaml': { areas: [{ id: 'cv', name: 'Computer Vision' }] },
      'data/tasks/classification.yaml': { name: 'Classification', area: 'cv' },
      'data/datasets/mystery.yaml': { name: 'Mystery', benchmarks: [{ task: 'classification', metrics: [{ name: 'Weirdness' }, { name: 'Top-1', direction: 'higher' }], pareto: ['Top-1'] }] },
      'data/papers/2019/old.yaml': { title: 'Old', date: '2019-01-01' },
      'data/papers/2021/new.yaml': { title: 'New', date: '2021-03-01' },
      'data/results/classification/mystery/new.yaml': { results: [{ model: 'High', metrics: { Weirdness: 9, 'Top-1': 90 } }] },
      'data/results/classification/mystery/old.yaml': { results: [{ model: 'Low', metrics: { Weirdness: 1 } }] },
    });
    repo = await loadRepository(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('ranks no row, listing them by paper date', () => {
    const board = buildLeaderboards(repo).get('classification/mystery')!;
    expect(board.entries.map((e) => [e.rank, e.result.model])).toEqual([
      [undefined, 'Low'],
      [undefined, 'High'],
    ]);
  });

  it('shows the rows without ranks, says why, and has no state-of-the-art chart', () => {
    const page = [...renderSite(repo)].find((f) => f.path === 'sota/classification/mystery.md')!.text;
    const table = inspectMarkdown(page).tables.find((t) => t.header[0] === 'Rank')!;
    expect(table.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['—', 'Low', '1'],
      ['—', 'High', '9'],
    ]);
    expect(page).toContain('Not ranked: the primary metric Weirdness has no known direction');
    expect(page).toContain('2 unranked results.');
    expect(page).not.toContain('Ranked by');
    expect(page).not.toContain('State of the art over time');
    // A frontier needs the primary metric's direction too.
    expect(page).not.toContain('Pareto frontier');
    expect([...renderSite(repo)].map((f) => f.path).filter((p) => p.endsWith('.svg'))).toEqual([]);
  });
});
