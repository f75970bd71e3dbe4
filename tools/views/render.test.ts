// The Handlebars environment: data reaches output only through escaping helpers, a missing field is
// an error, and the same data gives the same bytes whatever the insertion order.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import Handlebars from 'handlebars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeaderboards } from '../model/leaderboard.ts';
import { loadRepository, type Repository } from '../model/repository.ts';
import { chartModel } from './chart.ts';
import { readmePage } from './pages/readme.ts';
import { createRenderer, MARKDOWN_HELPERS, SVG_HELPERS, TEMPLATE_DIR } from './render.ts';
import { buildSiteIndex } from './site-index.ts';
import { renderSite } from './site.ts';
import { hostileFiles, tempRoot, writeFixture } from './test-support/fixture-repo.ts';

type Node = { type: string; [key: string]: unknown };

/** Every {{output}} in a template: the helper it calls (or the bare path) and its argument count. */
function outputs(source: string): { name: string; params: number }[] {
  const found: { name: string; params: number }[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.type === 'MustacheStatement') {
      found.push({ name: String((n.path as { original: unknown }).original), params: (n.params as unknown[]).length });
    }
    for (const value of Object.values(n)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(Handlebars.parse(source));
  return found;
}

function templates(): { file: string; source: string }[] {
  const list = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.hbs')).map((f) => ({ file: `${dir}/${f}`, source: readFileSync(`${dir}/${f}`, 'utf8') }));
  return [...list(TEMPLATE_DIR), ...list(`${TEMPLATE_DIR}/partials`)];
}

describe('templates', () => {
  it('write data only through the escaping helpers of their format', () => {
    for (const { file, source } of templates()) {
      const allowed: readonly string[] = file.endsWith('.svg.hbs') ? SVG_HELPERS : MARKDOWN_HELPERS;
      for (const out of outputs(source)) {
        expect(allowed, `${file}: {{${out.name}}}`).toContain(out.name);
        expect(out.params, `${file}: {{${out.name}}} without an argument`).toBeGreaterThan(0);
      }
    }
  });

  it('the check above would catch a bare field and a helper of the wrong format', () => {
    expect(outputs('{{title}} {{text name}} {{xml x}}')).toEqual([
      { name: 'title', params: 0 },
      { name: 'text', params: 1 },
      { name: 'xml', params: 1 },
    ]);
  });
});

describe('the renderer', () => {
  let root: string;
  let repo: Repository;
  beforeAll(async () => {
    root = writeFixture(tempRoot(), hostileFiles());
    repo = await loadRepository(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fails on a missing field, in a plain output and in a block', () => {
    const render = createRenderer();
    const good = readmePage(buildSiteIndex(repo));
    expect(() => render('readme', good)).not.toThrow();
    const noCounts = { ...good, counts: { ...good.counts, papers: undefined } } as unknown as typeof good;
    expect(() => render('readme', noCounts)).toThrow(/missing field/);
    const noDescription = { ...good, areas: [{ ...good.areas[0], description: undefined }] } as unknown as typeof good;
    expect(() => render('readme', noDescription)).toThrow(/missing field/);
  });

  it('reaches no prototype properties of the data', () => {
    const render = createRenderer();
    const good = readmePage(buildSiteIndex(repo));
    // `papers` only on the prototype: Handlebars must not see it, so the field counts as missing.
    const { papers, ...others } = good.counts;
    const counts = Object.assign(Object.create({ papers }), others);
    expect(() => render('readme', { ...good, counts })).toThrow(/missing field/);
  });

  it('gives byte-identical pages from maps filled in another order', () => {
    const reversed = <V>(m: Map<string, V>) => new Map([...m].reverse());
    const shuffledRepo: Repository = {
      areas: repo.areas,
      tasks: reversed(repo.tasks),
      datasets: reversed(repo.datasets),
      methods: reversed(repo.methods),
      papers: reversed(repo.papers),
      sources: reversed(repo.sources),
      results: reversed(repo.results),
    };
    const a = new Map([...renderSite(repo)].map((f) => [f.path, f.text]));
    const b = new Map([...renderSite(shuffledRepo)].map((f) => [f.path, f.text]));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, text] of a) expect(b.get(path), path).toBe(text);
  });
});

describe('the chart', () => {
  let root: string;
  beforeAll(() => {
    root = tempRoot();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function board(direction: 'higher' | 'lower', rows: [string, string, number | null][]) {
    const files: Record<string, unknown> = {
      'data/areas.yaml': { areas: [{ id: 'a', name: 'A' }] },
      'data/tasks/t.yaml': { name: 'T', area: 'a' },
      'data/datasets/d.yaml': { name: 'D', benchmarks: [{ task: 't', metrics: [{ name: 'M', direction, unit: '%' }, { name: 'N', direction }] }] },
    };
    rows.forEach(([id, date, value]) => {
      files[`data/papers/${date.slice(0, 4)}/${id}.yaml`] = { title: id, date };
      files[`data/results/t/d/${id}.yaml`] = { results: [{ model: `model ${id}`, metrics: value === null ? { N: 1 } : { M: value } }] };
    });
    const dir = `${root}/${direction}-${rows.length}`;
    return buildLeaderboards(await loadRepository(writeFixture(dir, files))).get('t/d')!;
  }

  it('plots every result with the primary metric and a date, and steps the best so far', async () => {
    const model = chartModel(
      await board('higher', [['p1', '2018-01-01', 10], ['p2', '2019-01-01', 8], ['p3', '2020-01-01', 12.5], ['p4', '2021-01-01', null]]),
      'T on D',
    );
    expect(model.points.map((p) => p.label)).toEqual(['model p1: 10 (2018-01-01)', 'model p2: 8 (2019-01-01)', 'model p3: 12.5 (2020-01-01)']);
    // One start, one rise (p3), then flat to the right edge: p2 is no improvement.
    expect(model.step).toMatch(/^M[\d.]+,[\d.]+H[\d.]+V[\d.]+H[\d.]+$/);
    expect(model.xTicks.map((t) => t.label)).toEqual(['2018', '2019', '2020']);
    expect([...model.points.flatMap((p) => [p.cx, p.cy]), ...model.yTicks.map((t) => t.at)].every((n) => /^\d+\.\d\d$/.test(n))).toBe(true);
    expect(model.desc).toContain('Best: model p3, 12.5 (2020-01-01)');
  });

  it('for a lower-is-better metric, the line steps down', async () => {
    const model = chartModel(await board('lower', [['q1', '2018-01-01', 10], ['q2', '2018-06-01', 12], ['q3', '2019-01-01', 4]]), 'T on D');
    const ys = [...model.step.matchAll(/[MV][\d.]+,?([\d.]+)?/g)].map((m) => Number(m[1] ?? m[0].slice(1)));
    expect(ys[1]).toBeGreaterThan(ys[0]); // SVG y grows downwards: a lower value is drawn lower
    expect(model.desc).toContain('Best: model q3, 4 (2019-01-01)');
  });

  it('renders a self-contained SVG with a title and a description, also with nothing to plot', async () => {
    const render = createRenderer();
    for (const b of [await board('higher', [['r1', '2020-05-01', 1]]), await board('higher', [['s1', '2020-05-01', null]])]) {
      const svg = render('chart', chartModel(b, 'T on D'));
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).toContain('<title id="chart-title">T on D: state of the art over time</title>');
      expect(svg).toMatch(/<desc id="chart-desc">[^<]+<\/desc>/);
      expect(svg).toContain('@media (prefers-color-scheme: dark)');
      // No external assets: the only URL is the SVG namespace.
      expect(svg.match(/https?:\/\/[^\s"]+/g)).toEqual(['http://www.w3.org/2000/svg']);
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    }
  });
});
