// What makes a leaderboard's rows comparable, as its pages show it: a column per declared setting,
// rows with extra training data marked apart, and the chart's second best-so-far line for those without.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../model/repository.ts';
import { inspectMarkdown } from '../markdown/testing.ts';
import { renderSite } from './site.ts';
import { tempRoot, writeFixture, type FixtureFiles } from './test-support/fixture-repo.ts';

type Row = { model: string; metrics: Record<string, number>; extra_training_data?: boolean; settings?: Record<string, unknown> };

/** One benchmark (t on d) declaring three settings, with each paper's rows as given. */
function files(rowsByPaper: Record<string, [string, Row[]]>): FixtureFiles {
  const out: FixtureFiles = {
    'data/areas.yaml': { areas: [{ id: 'cv', name: 'Computer Vision' }] },
    'data/tasks/t.yaml': { name: 'T', area: 'cv' },
    'data/datasets/d.yaml': {
      name: 'D',
      benchmarks: [
        {
          task: 't',
          metrics: [{ name: 'Top-1', direction: 'higher', unit: '%' }],
          settings: [
            { name: 'resolution', type: 'number', unit: 'px' },
            { name: 'pretraining_data', type: 'text' },
            { name: 'test_time_augmentation', type: 'boolean' },
          ],
        },
      ],
    },
  };
  for (const [paper, [date, rows]] of Object.entries(rowsByPaper)) {
    out[`data/papers/${date.slice(0, 4)}/${paper}.yaml`] = { title: `Paper ${paper}`, date };
    out[`data/results/t/d/${paper}.yaml`] = { results: rows };
  }
  return out;
}

const MIXED = {
  old: ['2018-01-01', [{ model: 'Plain', metrics: { 'Top-1': 76 }, settings: { resolution: 224, test_time_augmentation: false } }]],
  mid: ['2019-01-01', [{ model: 'Big data', metrics: { 'Top-1': 84 }, extra_training_data: true, settings: { pretraining_data: 'JFT-300M | 300M images' } }]],
  new: ['2020-01-01', [{ model: 'Plain 2', metrics: { 'Top-1': 79.5 }, extra_training_data: false, settings: { resolution: 600, test_time_augmentation: true } }]],
} satisfies Record<string, [string, Row[]]>;

describe('a leaderboard with settings and extra training data', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  async function site(rows: Record<string, [string, Row[]]>): Promise<{ page: string; svg: string }> {
    const root = writeFixture(tempRoot(), files(rows));
    roots.push(root);
    const pages = new Map([...renderSite(await loadRepository(root))].map((f) => [f.path, f.text]));
    return { page: pages.get('sota/t/d.md')!, svg: pages.get('sota/t/d.svg')! };
  }

  let mixed: { page: string; svg: string };
  beforeAll(async () => {
    mixed = await site(MIXED);
  });

  it('heads a column per declared setting (with its unit) and shows each row\'s values as stated, empty when not', () => {
    const table = inspectMarkdown(mixed.page).tables.find((t) => t.header[0] === 'Rank')!;
    expect(table.header).toEqual(['Rank', 'Model', 'Top-1 (%)', 'resolution (px)', 'pretraining_data', 'test_time_augmentation', 'Extra data', 'Paper', 'Code', 'Date']);
    expect(table.rows.map((r) => r.slice(0, 7))).toEqual([
      ['1', 'Big data', '84', '', 'JFT-300M | 300M images', '', 'Yes'],
      ['2', 'Plain 2', '79.5', '600', '', 'Yes', 'No'],
      ['3', 'Plain', '76', '224', '', 'No', 'No'],
    ]);
  });

  it('explains the extra-data marker in a legend line and names the best result without extra data', () => {
    expect(mixed.page).toMatch(/^Extra data: \*\*Yes\*\* marks a result trained with data beyond/m);
    expect(mixed.page).toContain('Best without extra training data: Plain 2, 79.5 (rank 2).');
  });

  it('draws a second, dashed best-so-far line for results without extra training data, with its legend', () => {
    const lines = [...mixed.svg.matchAll(/<path class="best( without)?" d="(M[^"]+)"\/>/g)];
    // The all-results line and its legend sample, then the same for the line without extra data.
    expect(lines.map((m) => m[1] ?? '')).toEqual(['', ' without', '', ' without']);
    const [all, without] = [lines[0][2], lines[1][2]];
    // Without extra data the best rises at 2020 (79.5) instead of 2019 (84): the two lines differ.
    expect(without).not.toBe(all);
    expect(without.match(/V/g)).toHaveLength(1);
    expect(mixed.svg).toContain('best so far without extra training data</text>');
    expect(mixed.svg).toContain('The dashed line is the best so far without extra training data; best: Plain 2, 79.5 (2020-01-01).');
  });

  it('draws no second line, and names no best without extra data, when all rows have extra data or none has', async () => {
    for (const rows of [{ old: MIXED.old, new: MIXED.new }, { mid: MIXED.mid }] as Record<string, [string, Row[]]>[]) {
      const { page, svg } = await site(rows);
      expect(svg).toContain('<path class="best" d="M');
      expect(svg).not.toContain('class="best without"');
      expect(svg).not.toContain('without extra training data');
      expect(page).not.toContain('Best without extra training data');
    }
  });
});
