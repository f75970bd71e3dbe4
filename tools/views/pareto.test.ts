// The Pareto section of a leaderboard whose benchmark lists cost metrics: the frontier (ties, both
// directions), its chart and table on the pages, and the pages a change of `pareto` touches.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLeaderboards } from '../model/leaderboard.ts';
import { loadRepository, type Repository } from '../model/repository.ts';
import { inspectMarkdown } from '../markdown/testing.ts';
import { candidatePages } from './page-deps.ts';
import { paretoFrontier } from './pareto.ts';
import { buildSiteIndex } from './site-index.ts';
import { renderSite } from './site.ts';
import { tempRoot, writeFixture, type FixtureFiles } from './test-support/fixture-repo.ts';

type Metric = { name: string; direction: 'higher' | 'lower'; unit?: string };

/** One benchmark (t on d) with the given metrics and pareto list; one paper per row, dated in row order. */
function files(metrics: Metric[], pareto: string[] | undefined, rows: [string, Record<string, number>, boolean?][]): FixtureFiles {
  const out: FixtureFiles = {
    'data/areas.yaml': { areas: [{ id: 'cv', name: 'Computer Vision' }] },
    'data/tasks/t.yaml': { name: 'T', area: 'cv' },
    'data/datasets/d.yaml': { name: 'D', benchmarks: [{ task: 't', metrics, ...(pareto ? { pareto } : {}) }] },
  };
  rows.forEach(([model, values, extra], i) => {
    const id = `p${i + 1}`;
    out[`data/papers/2020/${id}.yaml`] = { title: `Paper ${id}`, date: `2020-0${(i % 9) + 1}-01` };
    out[`data/results/t/d/${id}.yaml`] = { results: [{ model, metrics: values, ...(extra ? { extra_training_data: true } : {}) }] };
  });
  return out;
}

const ACC_PARAMS: Metric[] = [{ name: 'Top-1', direction: 'higher', unit: '%' }, { name: 'Params', direction: 'lower', unit: 'M' }];
const ROWS: [string, Record<string, number>, boolean?][] = [
  ['Small', { 'Top-1': 70, Params: 10 }],
  ['Small worse', { 'Top-1': 68, Params: 10 }], // same cost, lower accuracy: dominated
  ['Mid', { 'Top-1': 80, Params: 30 }, true],
  ['Mid bloated', { 'Top-1': 79, Params: 50 }], // costs more than Mid for less: dominated
  ['Large', { 'Top-1': 85, Params: 100 }],
  ['No cost', { 'Top-1': 90 }], // states no Params: not plotted
];

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

async function repoOf(f: FixtureFiles): Promise<Repository> {
  const root = writeFixture(tempRoot(), f);
  roots.push(root);
  return loadRepository(root);
}

describe('the Pareto frontier', () => {
  it('holds the results no other beats on both the primary metric and the cost, cheapest first', async () => {
    const board = buildLeaderboards(await repoOf(files(ACC_PARAMS, ['Params'], ROWS))).get('t/d')!;
    const front = paretoFrontier(board, board.benchmark.metrics[1]);
    expect(front.points.map((p) => p.entry.result.model)).toEqual(['Small', 'Small worse', 'Mid', 'Mid bloated', 'Large']);
    expect(front.frontier.map((p) => p.entry.result.model)).toEqual(['Small', 'Mid', 'Large']);
  });

  it('follows each metric\'s direction: a lower-is-better primary and a higher-is-better cost', async () => {
    const metrics: Metric[] = [{ name: 'Error', direction: 'lower' }, { name: 'Images per second', direction: 'higher' }];
    const board = buildLeaderboards(
      await repoOf(files(metrics, ['Images per second'], [['Fast', { Error: 30, 'Images per second': 1000 }], ['Slow good', { Error: 10, 'Images per second': 100 }], ['Slow bad', { Error: 40, 'Images per second': 500 }]])),
    ).get('t/d')!;
    expect(paretoFrontier(board, board.benchmark.metrics[1]).frontier.map((p) => p.entry.result.model)).toEqual(['Fast', 'Slow good']);
  });
});

describe('a leaderboard with pareto', () => {
  it('has a Pareto section per cost metric: its chart and a table of the frontier', async () => {
    const pages = new Map([...renderSite(await repoOf(files(ACC_PARAMS, ['Params'], ROWS)))].map((f) => [f.path, f.text]));
    const page = pages.get('sota/t/d.md')!;
    expect(page).toContain('\n## Pareto frontier\n');
    expect(page).toContain('\n### Top-1 (%) against Params (M)\n');
    expect(page).toContain('](<./d.pareto.params.svg>)');
    const table = inspectMarkdown(page).tables.find((t) => t.header[0] === 'Model')!;
    expect(table.header).toEqual(['Model', 'Top-1 (%)', 'Params (M)', 'Extra data', 'Paper']);
    expect(table.rows.map((r) => r.slice(0, 4))).toEqual([
      ['Small', '70', '10', 'No'],
      ['Mid', '80', '30', 'Yes'],
      ['Large', '85', '100', 'No'],
    ]);

    const svg = pages.get('sota/t/d.pareto.params.svg')!;
    expect(svg).toContain('<title id="chart-title">T on D: Top-1 (%) against Params (M)</title>');
    // The frontier steps up twice (at Mid and at Large), then runs on to the right edge.
    expect(svg).toMatch(/<path class="best" d="M[\d.]+,[\d.]+H[\d.]+V[\d.]+H[\d.]+V[\d.]+H696\.00"\/>/);
    // Plotted results carry a <title>; the legend's samples do not.
    expect(svg.match(/<circle class="point" [^>]+><title>/g)).toHaveLength(3);
    expect(svg.match(/<circle class="point off" [^>]+><title>/g)).toHaveLength(2);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('has no Pareto section or chart without pareto, and says so when no result states the cost', async () => {
    const none = new Map([...renderSite(await repoOf(files(ACC_PARAMS, undefined, ROWS)))].map((f) => [f.path, f.text]));
    expect(none.get('sota/t/d.md')).not.toContain('Pareto');
    expect([...none.keys()].filter((p) => p.includes('pareto'))).toEqual([]);

    const empty = new Map([...renderSite(await repoOf(files(ACC_PARAMS, ['Params'], [['Only', { 'Top-1': 1 }]])))].map((f) => [f.path, f.text]));
    expect(empty.get('sota/t/d.md')).toContain('No ranked result states Params (M) yet.');
    expect(empty.get('sota/t/d.pareto.params.svg')).toContain('No results to plot yet');
  });

  it('a change of the benchmark\'s pareto touches the Pareto charts it adds and removes', async () => {
    const before = buildSiteIndex(await repoOf(files(ACC_PARAMS, undefined, ROWS)));
    const after = buildSiteIndex(await repoOf(files(ACC_PARAMS, ['Params'], ROWS)));
    const pages = candidatePages(['data/datasets/d.yaml'], before, after);
    expect(pages).toContain('sota/t/d.md');
    expect(pages).toContain('sota/t/d.pareto.params.svg');
    expect(candidatePages(['data/datasets/d.yaml'], after, before)).toContain('sota/t/d.pareto.params.svg');
  });
});
