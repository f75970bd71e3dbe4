// Test support: a synthetic repository committed to a real git repository, seeded random edits of
// the kinds of data that pages read across files (values, dates, titles, names, lists, links,
// files added and removed), and the reference: every page rendered from the whole repository.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { filesUnder, scaleBy, writeSyntheticRepository } from '../../bench/synthetic-repo.ts';
import { buildRepository, loadRepository, type ValidFile } from '../../model/repository.ts';
import { dataBlobs, validFilesOf } from '../data-base.ts';
import { renderSite } from '../site.ts';

export function git(root: string, ...args: string[]): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', env });
}

/** A small synthetic repository (valid by construction) committed to a new git repository. */
export function committedSynthetic(prefix: string, factor = 0.003, seed = 1): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  writeSyntheticRepository(root, scaleBy(factor), seed);
  writeFileSync(join(root, '.gitignore'), '.pwc-cache/\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  return root;
}

export function commitAll(root: string, message: string): string {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', message);
  return git(root, 'rev-parse', 'HEAD').trim();
}

export { filesUnder };

/** Every page the whole repository renders to (path relative to generated/ -> text): the reference. */
export async function fullSite(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const page of renderSite(await loadRepository(root))) out.set(page.path, page.text);
  return out;
}

/** The same reference at a commit, read through git: what `pwc review` compared before changed-pages.ts. */
export async function fullSiteAt(root: string, commit: string): Promise<Map<string, string>> {
  const files = await validFilesOf(root, await dataBlobs(root, commit));
  const out = new Map<string, string>();
  for (const page of renderSite(buildRepository([...files.values()].filter((f): f is ValidFile => f !== undefined)))) out.set(page.path, page.text);
  return out;
}

/** The data files that differ between two commits, as `git diff --name-status` says. */
export function changesBetween(root: string, base: string, head: string): { path: string; change: 'added' | 'removed' | 'changed' }[] {
  const parts = git(root, 'diff', '--no-renames', '--name-status', '-z', base, head).split('\0').filter((s) => s !== '');
  const out: { path: string; change: 'added' | 'removed' | 'changed' }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push({ path: parts[i + 1], change: parts[i][0] === 'A' ? 'added' : parts[i][0] === 'D' ? 'removed' : 'changed' });
  return out;
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function load(root: string, path: string): any {
  try {
    return parse(readFileSync(join(root, path), 'utf8'));
  } catch {
    return undefined;
  }
}
function save(root: string, path: string, data: unknown): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), stringify(data, { lineWidth: 0 }));
}
const idOf = (path: string) => path.split('/').pop()!.replace(/\.yaml$/, '');

/** Edits a pull request could make; each returns what it did, or undefined when it did not apply. */
const EDITS: ((root: string, rand: Rand) => string | undefined)[] = [
  function changeMetric(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/results'));
    const data = load(root, path);
    const row = data?.results?.[0];
    if (!row?.metrics) return undefined;
    const name = Object.keys(row.metrics)[0];
    row.metrics[name] = pick(rand, [0.5, 99.9, row.metrics[name] + 0.01, row.metrics[name]]);
    save(root, path, data);
    return `${path}: ${name} = ${row.metrics[name]}`;
  },
  function addResult(root, rand) {
    const dataset = pick(rand, filesUnder(root, 'data/datasets'));
    const bench = load(root, dataset)?.benchmarks?.[0];
    const paper = idOf(pick(rand, filesUnder(root, 'data/papers')));
    if (!bench) return undefined;
    const path = `data/results/${bench.task}/${idOf(dataset)}/${paper}.yaml`;
    save(root, path, { results: [{ model: `Model ${paper.slice(0, 8)}`, metrics: { [bench.metrics[0].name]: Math.round(rand() * 100) } }] });
    return `${path} added`;
  },
  function removeResult(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/results'));
    unlinkSync(join(root, path));
    return `${path} removed`;
  },
  function changePaperDate(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/papers'));
    const data = load(root, path);
    if (!data) return undefined;
    // Same year (the file stays valid where it is) or the newest of all (related lists shift).
    data.date = rand() < 0.5 ? `${path.split('/')[2]}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}` : '2024-12-31';
    save(root, path, data);
    return `${path}: date ${data.date}`;
  },
  function changePaperTitleOrCode(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/papers'));
    const data = load(root, path);
    if (!data) return undefined;
    if (rand() < 0.5) data.title = `${data.title} (v2)`;
    else data.code = [{ url: `https://github.com/x/${idOf(path).slice(0, 20)}`, official: true }];
    save(root, path, data);
    return `${path}: title or code`;
  },
  function changePaperItems(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/papers'));
    const data = load(root, path);
    if (!data) return undefined;
    const field = pick(rand, ['tasks', 'datasets', 'methods'] as const);
    const dir = { tasks: 'data/tasks', datasets: 'data/datasets', methods: 'data/methods' }[field];
    const list: string[] = data[field] ?? [];
    if (list.length > 0 && rand() < 0.5) list.pop();
    else list.push(idOf(pick(rand, filesUnder(root, dir))));
    data[field] = [...new Set(list)];
    if (data[field].length === 0) delete data[field];
    save(root, path, data);
    return `${path}: ${field}`;
  },
  function addPaper(root, rand) {
    const n = Math.floor(rand() * 1e6);
    const path = `data/papers/2024/added-paper-${n}.yaml`;
    const task = idOf(pick(rand, filesUnder(root, 'data/tasks')));
    const method = idOf(pick(rand, filesUnder(root, 'data/methods')));
    save(root, path, { title: `Added paper ${n}`, date: '2024-12-30', tasks: [task], methods: [method] });
    return `${path} added`;
  },
  function removePaper(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/papers'));
    unlinkSync(join(root, path));
    return `${path} removed`;
  },
  function renameEntity(root, rand) {
    const path = pick(rand, [...filesUnder(root, 'data/tasks'), ...filesUnder(root, 'data/datasets'), ...filesUnder(root, 'data/methods')]);
    const data = load(root, path);
    if (!data) return undefined;
    data.name = `${data.name} Renamed`;
    save(root, path, data);
    return `${path}: renamed`;
  },
  function relinkEntity(root, rand) {
    const kind = pick(rand, ['tasks', 'datasets', 'methods'] as const);
    const path = pick(rand, filesUnder(root, `data/${kind}`));
    const data = load(root, path);
    if (!data) return undefined;
    const other = idOf(pick(rand, filesUnder(root, `data/${kind}`)));
    if (kind === 'tasks') data.parent = other === idOf(path) ? undefined : other;
    else if (kind === 'datasets') data.variant_of = other === idOf(path) ? undefined : other;
    else data.introduced_by = idOf(pick(rand, filesUnder(root, 'data/papers')));
    for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
    save(root, path, data);
    return `${path}: relinked`;
  },
  function changeBenchmark(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/datasets'));
    const data = load(root, path);
    if (!data?.benchmarks?.length) return undefined;
    if (rand() < 0.5) data.benchmarks.pop();
    else {
      // Higher, lower, unknown (an unranked board: no chart), higher again.
      const metric = data.benchmarks[0].metrics[0];
      if (metric.direction === 'higher') metric.direction = 'lower';
      else if (metric.direction === 'lower') delete metric.direction;
      else metric.direction = 'higher';
    }
    if (data.benchmarks.length === 0) delete data.benchmarks;
    save(root, path, data);
    return `${path}: benchmarks`;
  },
  function changeComparability(root, rand) {
    // A benchmark's declared settings and cost metrics: its leaderboard's columns and Pareto charts.
    const path = pick(rand, filesUnder(root, 'data/datasets'));
    const data = load(root, path);
    const bench = data?.benchmarks?.[0];
    if (!bench) return undefined;
    if (rand() < 0.5) {
      if (bench.settings) delete bench.settings;
      else bench.settings = [{ name: 'resolution', type: 'number', unit: 'px' }];
    } else if (bench.pareto) delete bench.pareto;
    else if (bench.metrics.length > 1 && !bench.primary) bench.pareto = [bench.metrics[bench.metrics.length - 1].name];
    else return undefined;
    save(root, path, data);
    return `${path}: settings or pareto`;
  },
  function removeEntity(root, rand) {
    const path = pick(rand, [...filesUnder(root, 'data/tasks'), ...filesUnder(root, 'data/datasets'), ...filesUnder(root, 'data/methods')]);
    unlinkSync(join(root, path));
    return `${path} removed`;
  },
  function renameArea(root) {
    const data = load(root, 'data/areas.yaml');
    if (!data?.areas?.length) return undefined;
    data.areas[0].name = `${data.areas[0].name} Renamed`;
    save(root, 'data/areas.yaml', data);
    return 'data/areas.yaml: renamed';
  },
  function addSourceResult(root, rand) {
    // Results of a source that is not a paper: ranked on the board, linked to the source's site.
    const dataset = pick(rand, filesUnder(root, 'data/datasets'));
    const bench = load(root, dataset)?.benchmarks?.[0];
    if (!bench) return undefined;
    const id = `source-${Math.floor(rand() * 1e6)}`;
    save(root, `data/sources/${id}.yaml`, { name: `Leaderboard ${id}`, kind: 'leaderboard', url: `https://example.org/${id}` });
    save(root, `data/results/${bench.task}/${idOf(dataset)}/${id}.yaml`, { results: [{ model: `Submission ${id}`, metrics: { [bench.metrics[0].name]: Math.round(rand() * 100) } }] });
    return `${id} added with results`;
  },
  function renameSource(root, rand) {
    const sources = filesUnder(root, 'data/sources');
    if (sources.length === 0) return undefined;
    const path = pick(rand, sources);
    const data = load(root, path);
    if (!data) return undefined;
    data.name = `${data.name} Renamed`;
    save(root, path, data);
    return `${path}: renamed`;
  },
  function partialPaperDate(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/papers'));
    const data = load(root, path);
    if (!data?.date) return undefined;
    data.date = String(data.date).slice(0, rand() < 0.5 ? 7 : 4);
    save(root, path, data);
    return `${path}: date ${data.date}`;
  },
];

/** Moves the date of a paper that has results: its rows' dates, ranks and ties on the boards move with it. */
export function redateRankedPaper(root: string, rand: Rand): string {
  const results = filesUnder(root, 'data/results');
  const paper = results[Math.floor(rand() * results.length)]?.split('/').pop();
  const path = filesUnder(root, 'data/papers').find((p) => p.split('/').pop() === paper);
  const data = path && load(root, path);
  if (!path || !data) return 'no ranked paper to redate';
  data.date = `${path.split('/')[2]}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
  save(root, path, data);
  return `${path}: date ${data.date}`;
}

/** Applies `count` random edits; returns what each did. */
export function randomEdits(root: string, rand: Rand, count: number): string[] {
  const done: string[] = [];
  while (done.length < count) {
    const did = pick(rand, EDITS)(root, rand);
    if (did) done.push(did);
  }
  return done;
}
