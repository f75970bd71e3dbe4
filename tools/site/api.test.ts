// The static API on the repository's data and on hostile names: every file conforms to the
// published schema, tells the bundle's facts the bundle's way, and is byte-for-byte reproducible.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleData } from '../bundle/contents.ts';
import type { BundleResult } from '../bundle/schema.ts';
import { createAjv } from '../model/ajv.ts';
import { shownMetricValue } from '../model/printed.ts';
import type { SiteIndex } from '../views/site-index.ts';
import { hostileFiles } from '../views/test-support/fixture-repo.ts';
import { API_SCHEMA_PATH, API_VERSION, apiPart, type ApiFile, type ApiIndex, type ApiLeaderboard, type ApiPaper, type ApiSource, type ApiTask } from './api.ts';
import { API_FILE_KINDS, API_SCHEMA_ID, apiSchema } from './api-schema.ts';
import { fixtureIndex, partFiles, REPOSITORY_ROOT, repositoryIndex } from './part-testing.ts';

const NO_GIT = { commit: null, committedAt: null, dirty: null };

function validators() {
  const ajv = createAjv();
  ajv.addSchema(apiSchema);
  return Object.fromEntries(API_FILE_KINDS.map((kind) => [kind, ajv.getSchema(`${API_SCHEMA_ID}#/$defs/${kind}`)!]));
}

function parsed(files: Map<string, string | Uint8Array>): Map<string, ApiFile> {
  const out = new Map<string, ApiFile>();
  for (const [path, body] of files) if (path !== API_SCHEMA_PATH) out.set(path, JSON.parse(String(body)) as ApiFile);
  return out;
}

/** A row as the bundle writes it: the API's row without the fields the API adds. */
function asBundleRow(row: BundleResult & Record<string, unknown>): BundleResult {
  const { shown: _s, date: _d, reporter: _r, code_url: _c, ranked_rows: _n, leaderboard: _l, ...rest } = row;
  return rest as BundleResult;
}

/** Where `example` is not an excerpt of `real`: same keys in the same order (some left out), lists cut short, same values. */
function excerptProblems(example: unknown, real: unknown, at: string): string[] {
  if (Array.isArray(example)) {
    if (!Array.isArray(real) || example.length > real.length) return [`${at}: not a prefix of the real list`];
    return example.flatMap((e, i) => excerptProblems(e, real[i], `${at}[${i}]`));
  }
  if (example !== null && typeof example === 'object') {
    if (real === null || typeof real !== 'object') return [`${at}: not an object`];
    const realKeys = Object.keys(real);
    const keys = Object.keys(example);
    const order = keys.map((k) => realKeys.indexOf(k));
    if (order.some((i, n) => i < 0 || (n > 0 && i < order[n - 1]))) return [`${at}: keys ${keys.join(', ')} are not the real ones in order (${realKeys.join(', ')})`];
    return keys.flatMap((k) => excerptProblems((example as Record<string, unknown>)[k], (real as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return Object.is(example, real) ? [] : [`${at}: ${JSON.stringify(example)} is ${JSON.stringify(real)} in the real file`];
}

function checkAll(index: SiteIndex, files: Map<string, ApiFile>) {
  const check = validators();
  for (const [path, file] of files) {
    const validate = check[file.kind];
    expect(validate(file), `${path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    expect(file.api_version).toBe(API_VERSION);
  }
  // Every unit's file is there, at its path.
  const { repo } = index;
  expect(files.has('api/v1/index.json')).toBe(true);
  for (const id of index.leaderboards.keys()) expect(files.has(`api/v1/sota/${id}.json`)).toBe(true);
  for (const id of repo.papers.keys()) expect(files.has(`api/v1/paper/${id}.json`)).toBe(true);
  for (const id of repo.tasks.keys()) expect(files.has(`api/v1/task/${id}.json`)).toBe(true);
  for (const id of repo.datasets.keys()) expect(files.has(`api/v1/dataset/${id}.json`)).toBe(true);
  for (const id of repo.methods.keys()) expect(files.has(`api/v1/method/${id}.json`)).toBe(true);
  for (const id of repo.sources.keys()) expect(files.has(`api/v1/source/${id}.json`)).toBe(true);
}

describe('the static API on the repository\'s data', () => {
  let index: SiteIndex;
  let bodies: Map<string, string | Uint8Array>;
  let files: Map<string, ApiFile>;
  beforeAll(async () => {
    index = await repositoryIndex();
    bodies = partFiles(apiPart, index);
    files = parsed(bodies);
  });

  it('writes a file per entity and leaderboard, each valid against its definition in the published schema', () => {
    expect(index.leaderboards.size).toBeGreaterThan(0);
    checkAll(index, files);
  });

  it('publishes the schema it validates against, and the schema compiles on its own (draft 2020-12)', () => {
    const served = JSON.parse(String(bodies.get(API_SCHEMA_PATH)));
    expect(served).toEqual(JSON.parse(JSON.stringify(apiSchema)));
    expect(served.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => createAjv().compile(served)).not.toThrow();
  });

  it('tells the bundle\'s facts: every row is the bundle\'s row with the same id, and every entity the bundle\'s entity', () => {
    const bundle = bundleData(index.repo, NO_GIT);
    const bundleRows = new Map(bundle.results.map((r) => [r.id, r]));
    let rows = 0;
    for (const file of files.values()) {
      if (file.kind === 'leaderboard') {
        for (const row of file.rows) {
          expect(asBundleRow(row)).toEqual(bundleRows.get(row.id));
          rows++;
        }
        expect(file.benchmark).toEqual(bundle.benchmarks.find((b) => b.id === file.id));
      }
      if (file.kind === 'paper') expect(file.paper).toEqual(bundle.papers.find((p) => p.id === file.id));
      if (file.kind === 'task') expect(file.task).toEqual(bundle.tasks.find((t) => t.id === file.id));
      if (file.kind === 'dataset') expect(file.dataset).toEqual(bundle.datasets.find((d) => d.id === file.id));
      if (file.kind === 'method') expect(file.method).toEqual(bundle.methods.find((m) => m.id === file.id));
    }
    expect(rows).toBe(bundle.results.length);
  });

  it('holds the repository\'s values: ranks and order of the leaderboard, numbers and printed values of each row', () => {
    for (const board of index.leaderboards.values()) {
      const file = files.get(`api/v1/sota/${board.id}.json`) as ApiLeaderboard;
      expect(file.rows.map((r) => [r.model, r.rank])).toEqual(board.entries.map((e) => [e.result.model, e.rank ?? null]));
      board.entries.forEach((e, i) => {
        expect(file.rows[i].metrics).toEqual(e.result.metrics);
        for (const m of Object.keys(e.result.metrics)) expect(file.rows[i].shown[m]).toBe(shownMetricValue(e.result, m));
        expect(file.rows[i].date).toBe(index.repo.papers.get(e.paper)?.date ?? null);
      });
      // The history only ever improves, in the metric's direction, and ends at the current best when it is dated.
      const values = file.sota_history.map((s) => s.value);
      const sign = board.primary.direction === 'lower' ? -1 : 1;
      for (let i = 1; i < values.length; i++) expect(sign * (values[i] - values[i - 1])).toBeGreaterThan(0);
    }
    const imagenet = files.get('api/v1/sota/image-classification/imagenet.json') as ApiLeaderboard;
    expect(imagenet.sota_history.length).toBeGreaterThan(0);
    expect(imagenet.sota_history.at(-1)!.value).toBe(imagenet.rows[0].metrics[imagenet.benchmark.primary]);
  });

  it('lists every id in the index with templates that lead to the files that exist', () => {
    const home = files.get('api/v1/index.json') as ApiIndex;
    expect(home.counts.papers).toBe(index.repo.papers.size);
    expect(home.papers).toEqual([...index.repo.papers.keys()].sort());
    expect(home.leaderboards).toEqual([...index.leaderboards.keys()]);
    for (const id of home.leaderboards) expect(files.has(home.templates.leaderboard.api.replace('{id}', id))).toBe(true);
    for (const id of home.papers) expect(files.has(home.templates.paper.api.replace('{id}', id))).toBe(true);
    for (const id of home.tasks) expect(files.has(home.templates.task.api.replace('{id}', id))).toBe(true);
    expect(home.counts.results).toBe(bundleData(index.repo, NO_GIT).results.length);
  });

  it('links a paper\'s results to their leaderboards with the board\'s size', () => {
    for (const file of files.values()) {
      if (file.kind !== 'paper') continue;
      for (const row of (file as ApiPaper).results) {
        const board = index.leaderboards.get(row.benchmark);
        if (!board) continue;
        expect(row.leaderboard!.api).toBe(`api/v1/sota/${row.benchmark}.json`);
        expect(row.ranked_rows).toBe(board.entries.filter((e) => e.rank !== undefined).length);
      }
    }
  });

  it('shows in docs/api.md examples that are the real files, lists cut short at most', () => {
    const doc = readFileSync(join(REPOSITORY_ROOT, 'docs/api.md'), 'utf8');
    const examples = [...doc.matchAll(/<!-- api-example: (\S+) -->\n```json\n([\s\S]*?)\n```/g)];
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const [, path, json] of examples) {
      expect(files.has(path), path).toBe(true);
      expect(excerptProblems(JSON.parse(json), files.get(path), path)).toEqual([]);
    }
  });

  it('writes the same bytes from a second load of the same data', async () => {
    const again = partFiles(apiPart, await repositoryIndex());
    expect([...again.keys()]).toEqual([...bodies.keys()]);
    for (const [path, body] of again) expect(body, path).toBe(bodies.get(path));
  });
});

describe('the static API on hostile names', () => {
  it('round-trips every name exactly and stays valid', async () => {
    const index = await fixtureIndex(hostileFiles());
    const files = parsed(partFiles(apiPart, index));
    checkAll(index, files);
    const board = files.get('api/v1/sota/evil-task/evil-data.json') as ApiLeaderboard;
    const models = [...index.repo.results.values()].flatMap((s) => s.results.map((r) => r.model)).sort();
    expect(board.rows.map((r) => r.model).sort()).toEqual(models);
    expect(board.title).toBe(`${index.repo.tasks.get('evil-task')!.name} on ${index.repo.datasets.get('evil-data')!.name}`);
    expect((files.get('api/v1/paper/evil-paper.json') as ApiPaper).paper.title).toBe(index.repo.papers.get('evil-paper')!.title);
    expect((files.get('api/v1/task/evil-task.json') as ApiTask).task.name).toBe(index.repo.tasks.get('evil-task')!.name);
  });
});

describe('the static API with a source that is not a paper', () => {
  it('writes the source\'s file, and its rows name the source and link to its files', async () => {
    const files = hostileFiles();
    files['data/sources/evil-board.yaml'] = { name: 'Official <board> & "co"', kind: 'leaderboard', url: 'https://example.org/board' };
    files['data/results/evil-task/evil-data/evil-board.yaml'] = { results: [{ model: 'Submission 7', metrics: { 'Acc|uracy <b>x</b>': 99 } }] };
    const index = await fixtureIndex(files);
    const api = parsed(partFiles(apiPart, index));
    checkAll(index, api);
    const source = api.get('api/v1/source/evil-board.json') as ApiSource;
    expect(source.source.name).toBe('Official <board> & "co"');
    expect(source.results.map((r) => [r.model, r.source, r.paper, r.rank, r.date])).toEqual([['Submission 7', 'evil-board', undefined, 1, null]]);
    const row = (api.get('api/v1/sota/evil-task/evil-data.json') as ApiLeaderboard).rows[0];
    expect(row.reporter).toEqual({ title: 'Official <board> & "co"', page: 'source/evil-board/', api: 'api/v1/source/evil-board.json' });
    // Without a date, a source's row is ranked but not placed in the history.
    expect((api.get('api/v1/sota/evil-task/evil-data.json') as ApiLeaderboard).sota_history.map((s) => s.model)).not.toContain('Submission 7');
  });
});
