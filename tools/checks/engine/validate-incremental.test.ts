// --changed-since equals the full run on the files it plans, on seeded random edits of a real git
// repository; and the edits change no finding outside the plan.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import jsYaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { filesUnder, seededRandom, writeSyntheticRepository } from '../../bench/synthetic-repo.ts';
import { gitIn } from '../../git/testing.ts';
import { loadCache, toolsKey } from './cache.ts';
import { cacheIndexPath, damageCacheSection } from './cache-testing.ts';
import type { Finding } from '../finding.ts';
import { validate } from './validate.ts';

const TODAY = '2025-06-01';
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function git(root: string, ...args: string[]): string {
  return gitIn(root)(...args);
}

/** A synthetic repository, valid by construction, committed to a new git repository. */
function committedRepository(prefix: string, scale: Parameters<typeof writeSyntheticRepository>[1], seed: number): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  roots.push(root);
  writeSyntheticRepository(root, scale, seed);
  writeFileSync(join(root, '.gitignore'), '.pwc-cache/\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  return root;
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

/** The file's data, or undefined when an earlier edit broke its YAML. */
function load(root: string, path: string): any {
  try {
    return jsYaml.load(readFileSync(join(root, path), 'utf8'), { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
}
function save(root: string, path: string, data: unknown): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), jsYaml.dump(data, { schema: jsYaml.CORE_SCHEMA, lineWidth: -1 }));
}
function typo(id: string): string {
  return id.length > 4 ? id.slice(0, 2) + id.slice(3) : `${id}x`;
}

/** Edits that each make or unmake findings across files; each returns what it did (for failure messages). */
const EDITS: Record<string, (root: string, rand: Rand) => string | undefined> = {
  'break a paper reference'(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/papers'));
    const paper = load(root, path);
    const field = pick(rand, ['tasks', 'methods', 'datasets'] as const);
    if (!paper?.[field]?.length) return undefined;
    paper[field][0] = typo(paper[field][0]);
    save(root, path, paper);
    return `${path}: ${field}[0] misspelt`;
  },
  'change a metric value'(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/results'));
    const result = load(root, path);
    const row = result?.results?.[0];
    if (!row?.metrics) return undefined;
    const name = Object.keys(row.metrics)[0];
    row.metrics[name] = pick(rand, [0.5, 150, -3, 42.42, row.metrics[name] / 100]);
    save(root, path, result);
    return `${path}: ${name} = ${row.metrics[name]}`;
  },
  'rename a metric'(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/results'));
    const result = load(root, path);
    const row = result?.results?.[0];
    if (!row?.metrics) return undefined;
    const [name] = Object.keys(row.metrics);
    row.metrics[name.replace(' ', '-') + (name.includes(' ') ? '' : 's')] = row.metrics[name];
    delete row.metrics[name];
    save(root, path, result);
    return `${path}: metric ${name} renamed`;
  },
  'delete a dataset'(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/datasets'));
    unlinkSync(join(root, path));
    return `${path} deleted`;
  },
  'delete a task'(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/tasks'));
    unlinkSync(join(root, path));
    return `${path} deleted`;
  },
  'add a duplicate model'(root, rand) {
    const results = filesUnder(root, 'data/results');
    const path = pick(rand, results);
    const board = dirname(path);
    const peers = results.filter((p) => dirname(p) === board && p !== path);
    const source = load(root, path);
    if (!source?.results?.[0]?.model) return undefined;
    const target = peers.length > 0 ? pick(rand, peers) : path;
    const data = load(root, target);
    if (!Array.isArray(data?.results)) return undefined;
    data.results.push({ ...source.results[0], model: source.results[0].model.toLowerCase() });
    save(root, target, data);
    return `${target}: model ${source.results[0].model} repeated`;
  },
  'add a result file'(root, rand) {
    const results = filesUnder(root, 'data/results');
    const papers = filesUnder(root, 'data/papers');
    const from = pick(rand, results);
    const paper = pick(rand, papers).split('/').pop()!;
    const target = `${dirname(from)}/${paper}`;
    save(root, target, load(root, from));
    return `${target} added (copy of ${from})`;
  },
  'rename a file'(root, rand) {
    const path = pick(rand, [...filesUnder(root, 'data/papers'), ...filesUnder(root, 'data/datasets'), ...filesUnder(root, 'data/methods')]);
    const parts = path.split('/');
    const renamed = rand() < 0.3 && path.startsWith('data/papers/') ? [...parts.slice(0, 2), '2031', parts[3]].join('/') : path.replace(/([^/]+)\.yaml$/, (_, id: string) => `${typo(id)}.yaml`);
    mkdirSync(dirname(join(root, renamed)), { recursive: true });
    renameSync(join(root, path), join(root, renamed));
    return `${path} -> ${renamed}`;
  },
  'duplicate an arXiv id or title'(root, rand) {
    const papers = filesUnder(root, 'data/papers');
    const a = pick(rand, papers);
    const b = pick(rand, papers);
    const pa = load(root, a);
    const pb = load(root, b);
    if (!pa || !pb) return undefined;
    if (rand() < 0.5 && pb.arxiv) pa.arxiv = pb.arxiv;
    else pa.title = String(pb.title).toUpperCase();
    save(root, a, pa);
    return `${a} copies ${b}`;
  },
  'change a paper date'(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/papers'));
    const paper = load(root, path);
    if (!paper) return undefined;
    paper.date = pick(rand, ['1999-01-01', '2030-02-02', `${path.split('/')[2]}-06-15`]);
    save(root, path, paper);
    return `${path}: date ${paper.date}`;
  },
  'edit the paper of a result'(root, rand) {
    const result = pick(rand, filesUnder(root, 'data/results'));
    const id = result.split('/').pop()!;
    const path = filesUnder(root, 'data/papers').find((p) => p.endsWith(`/${id}`));
    const paper = path ? load(root, path) : undefined;
    if (!paper) return undefined;
    if (rand() < 0.5) paper.venue = 'Workshop';
    else paper.date = `${path!.split('/')[2]}-01-0${1 + Math.floor(rand() * 9)}`;
    save(root, path!, paper);
    return `${path}: edited (it has ${result})`;
  },
  'edit the dataset of a result'(root, rand) {
    const result = pick(rand, filesUnder(root, 'data/results'));
    const path = `data/datasets/${result.split('/')[3]}.yaml`;
    const dataset = existsSync(join(root, path)) ? load(root, path) : undefined;
    if (!dataset) return undefined;
    dataset.license = 'Changed';
    save(root, path, dataset);
    return `${path}: edited (it has ${result})`;
  },
  'loop a parent chain'(root, rand) {
    const tasks = filesUnder(root, 'data/tasks');
    const a = pick(rand, tasks);
    const b = pick(rand, tasks);
    const ta = load(root, a);
    const tb = load(root, b);
    if (!ta || !tb) return undefined;
    ta.parent = b.split('/').pop()!.slice(0, -5);
    tb.parent = a.split('/').pop()!.slice(0, -5);
    save(root, a, ta);
    save(root, b, tb);
    return `${a} <-> ${b}`;
  },
  'loop a variant chain'(root, rand) {
    const datasets = filesUnder(root, 'data/datasets');
    const a = pick(rand, datasets);
    const da = load(root, a);
    if (!da) return undefined;
    da.variant_of = a.split('/').pop()!.slice(0, -5);
    save(root, a, da);
    return `${a} variant of itself`;
  },
  'make a file invalid'(root, rand) {
    const path = pick(rand, [...filesUnder(root, 'data/tasks'), ...filesUnder(root, 'data/datasets'), ...filesUnder(root, 'data/papers'), ...filesUnder(root, 'data/methods')]);
    const data = load(root, path);
    if (!data) return undefined;
    delete data.name;
    delete data.title;
    save(root, path, data);
    return `${path}: required field removed`;
  },
  'break the YAML'(root, rand) {
    const path = pick(rand, [...filesUnder(root, 'data/datasets'), ...filesUnder(root, 'data/results')]);
    writeFileSync(join(root, path), `${readFileSync(join(root, path), 'utf8')}\nbroken: [unclosed\n`);
    return `${path}: syntax error`;
  },
  'change a benchmark'(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/datasets'));
    const dataset = load(root, path);
    const benchmark = dataset?.benchmarks?.[0];
    if (!benchmark) return undefined;
    if (rand() < 0.5 && benchmark.metrics.length > 1) benchmark.metrics.shift();
    else benchmark.primary = benchmark.metrics[benchmark.metrics.length - 1].name;
    if (rand() < 0.3) dataset.introduced_date = '2030-01-01';
    save(root, path, dataset);
    return `${path}: benchmark changed`;
  },
  'retarget a benchmark'(root, rand) {
    const results = filesUnder(root, 'data/results');
    if (results.length === 0) return undefined;
    const [, , task, dataset] = pick(rand, results).split('/');
    const path = `data/datasets/${dataset}.yaml`;
    const data = existsSync(join(root, path)) ? load(root, path) : undefined;
    const benchmark = data?.benchmarks?.find((b: { task: string }) => b.task === task);
    if (!benchmark) return undefined;
    benchmark.task = pick(rand, filesUnder(root, 'data/tasks')).split('/').pop()!.slice(0, -5);
    save(root, path, data);
    return `${path}: the benchmark of ${task} now names ${benchmark.task}`;
  },
  'add a task near a dangling reference'(root, rand) {
    const task = pick(rand, filesUnder(root, 'data/tasks'));
    const id = task.split('/').pop()!.slice(0, -5);
    save(root, `data/tasks/${typo(id)}.yaml`, { name: `Near ${id}`, area: 'computer-vision' });
    return `data/tasks/${typo(id)}.yaml added`;
  },
  'add results of a source'(root, rand) {
    // Sometimes named like a paper (duplicate-source-id), sometimes with no source file yet (result-path).
    const from = pick(rand, filesUnder(root, 'data/results'));
    const paper = pick(rand, filesUnder(root, 'data/papers')).split('/').pop()!.slice(0, -5);
    const id = rand() < 0.3 ? paper : `source-${Math.floor(rand() * 1e6)}`;
    const data = load(root, from);
    if (!Array.isArray(data?.results)) return undefined;
    for (const row of data.results) row.model = `${row.model} at ${id}`;
    save(root, `${dirname(from)}/${id}.yaml`, data);
    if (rand() < 0.8) save(root, `data/sources/${id}.yaml`, { name: `Source ${id}`, kind: 'leaderboard', url: `https://example.org/${id}` });
    return `${id}: a source with results on ${dirname(from)}`;
  },
  'state a setting'(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/results'));
    const result = load(root, path);
    const row = result?.results?.[0];
    if (!row) return undefined;
    row.settings = { [pick(rand, ['resolution', 'resolutoin'])]: pick(rand, [224, '224px']) };
    save(root, path, result);
    return `${path}: settings ${JSON.stringify(row.settings)}`;
  },
  'declare a setting'(root, rand) {
    const path = pick(rand, filesUnder(root, 'data/datasets'));
    const data = load(root, path);
    const benchmark = data?.benchmarks?.[0];
    if (!benchmark) return undefined;
    benchmark.settings = [{ name: 'resolution', type: pick(rand, ['number', 'text', 'choice']), unit: 'px' }];
    save(root, path, data);
    return `${path}: resolution declared as ${benchmark.settings[0].type}`;
  },
  'change the areas'(root, rand) {
    const areas = load(root, 'data/areas.yaml');
    if (!areas?.areas?.length) return undefined;
    areas.areas.splice(Math.floor(rand() * areas.areas.length), 1);
    save(root, 'data/areas.yaml', areas);
    return 'data/areas.yaml: an area removed';
  },
};

function byFile(findings: readonly Finding[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of findings) {
    const list = out.get(f.file) ?? [];
    list.push(JSON.stringify(f));
    out.set(f.file, list);
  }
  return out;
}

/**
 * Deletes (or renames, a deletion and an addition) one untracked data file, if there is one; then
 * the full run with the cache and --changed-since equal the run without the cache. Returns its findings.
 */
async function removeUntracked(root: string, rand: Rand, context: string): Promise<Finding[]> {
  const untracked = git(root, 'ls-files', '--others', '--exclude-standard', '-z', '--', 'data').split('\0').filter((p) => p.endsWith('.yaml'));
  if (untracked.length > 0) {
    const path = pick(rand, untracked);
    if (rand() < 0.5) {
      unlinkSync(join(root, path));
      context += `; then ${path} deleted`;
    } else {
      const renamed = path.replace(/([^/]+)\.yaml$/, (_, id: string) => `${typo(id)}.yaml`);
      renameSync(join(root, path), join(root, renamed));
      context += `; then ${path} -> ${renamed}`;
    }
  }
  const cachedFull = await validate({ root, today: TODAY, workers: 1 });
  const incremental = await validate({ root, changedSince: 'HEAD', today: TODAY, workers: 1 });
  const after = (await validate({ root, cache: false, today: TODAY, workers: 1 })).findings;
  expect(cachedFull.findings, `${context}: full run with the cache`).toEqual(after);
  const planned = new Set(incremental.checked);
  expect(incremental.findings, context).toEqual(after.filter((f) => planned.has(f.file)));
  return after;
}

describe('validate --changed-since', () => {
  it('gives exactly the full run\'s findings on the planned files, and the edits touch nothing outside the plan', async () => {
    const root = committedRepository('pwc-incremental-', { papers: 160, results: 110, datasets: 24, tasks: 10, methods: 16 }, 7);

    const rand = seededRandom(20250601);
    const names = Object.keys(EDITS);
    // Its own sequence, so that the edits above are those of the seed whatever it does.
    const churn = seededRandom(12);
    let before = (await validate({ root, cache: false, today: TODAY })).findings;
    expect(before).toEqual([]);
    await validate({ root, today: TODAY }); // a warm cache, based on this commit
    let small = 0;
    const rounds = 48;
    for (let round = 0; round < rounds; round++) {
      const done: string[] = [];
      for (let e = 0, count = 1 + Math.floor(rand() * 3); e < count; e++) {
        const name = pick(rand, names);
        const what = EDITS[name](root, rand);
        if (what) done.push(`${name}: ${what}`);
      }
      if (round % 4 === 1) git(root, 'add', '-A'); // staged as well as unstaged and untracked changes
      // Alternate: the cache as the last full run left it, no cache at all, a cache refreshed now.
      const mode = round % 3;
      // A full run with the cache (git says which files to read again) must equal one without.
      const cachedFull = mode === 2 ? await validate({ root, today: TODAY, workers: 1 }) : undefined;
      const incremental = await validate({ root, changedSince: 'HEAD', today: TODAY, cache: mode !== 1, workers: 1 });
      let after = (await validate({ root, cache: false, today: TODAY, workers: 1 })).findings;
      const planned = new Set(incremental.checked);
      const context = `round ${round} (${done.join('; ')})`;

      if (cachedFull) expect(cachedFull.findings, `${context}: full run with the cache`).toEqual(after);
      expect(incremental.findings, context).toEqual(after.filter((f) => planned.has(f.file)));
      const was = byFile(before);
      const now = byFile(after);
      for (const file of new Set([...was.keys(), ...now.keys()])) {
        if (planned.has(file) || (file !== 'data' && !existsSync(join(root, file)))) continue; // a deleted file has no findings
        expect(now.get(file) ?? [], `${context}: findings of ${file}, which is not planned, changed`).toEqual(was.get(file) ?? []);
      }
      if (incremental.checked.length < filesUnder(root, 'data').length / 2) small++;
      // The cache has just seen this round's untracked files: one deleted or renamed now takes its findings with it.
      if (cachedFull) after = await removeUntracked(root, churn, context);

      // Every third round the edits are committed: the next rounds diff against a newer commit than the cache's base.
      if (round % 3 === 2) {
        git(root, 'add', '-A');
        // Empty when removeUntracked took the round's only (untracked) changes.
        git(root, 'commit', '-q', '--allow-empty', '-m', `round ${round}`);
        before = after;
      } else {
        git(root, 'reset', '-q', '--hard');
        git(root, 'clean', '-fdq', '--', 'data');
      }
    }
    // The plan is a small part of the repository for most edits.
    expect(small).toBeGreaterThan(rounds / 2);
  }, 600_000);
});

describe('a cache facing a changed folder tree', () => {
  it('learns the new mtimes of folders whose files were rewritten unchanged (as git checkout does)', async () => {
    const root = committedRepository('pwc-cache-mtimes-', { papers: 30, results: 20, datasets: 6, tasks: 4, methods: 4 }, 19);
    await validate({ root, today: TODAY, workers: 1 });
    const method = readdirSync(join(root, 'data/methods'))[0];
    const text = readFileSync(join(root, 'data/methods', method));
    rmSync(join(root, 'data/methods', method));
    writeFileSync(join(root, 'data/methods', method), text);
    const now = statSync(join(root, 'data/methods')).mtimeMs;
    const cachedMtime = () => {
      const times = loadCache(root, toolsKey())!.folderTimes()!;
      return times.mtimes[times.folders.indexOf('data/methods')];
    };
    expect(cachedMtime()).not.toBe(now);
    expect((await validate({ root, today: TODAY, workers: 1 })).findings).toEqual([]);
    expect(cachedMtime()).toBe(now);
  }, 60_000);

  it('a results folder that became a file: no crash, and the findings of a run without cache', async () => {
    const root = committedRepository('pwc-cache-folder-', { papers: 30, results: 20, datasets: 6, tasks: 4, methods: 4 }, 17);
    await validate({ root, today: TODAY, workers: 1 }); // the cache knows data/results/<task>/<dataset>/
    const task = readdirSync(join(root, 'data/results'))[0];
    rmSync(join(root, 'data/results', task), { recursive: true });
    writeFileSync(join(root, 'data/results', task), 'not a folder\n');
    const expected = (await validate({ root, cache: false, today: TODAY, workers: 1 })).findings;
    expect(expected.length).toBeGreaterThan(0);
    const incremental = await validate({ root, changedSince: 'HEAD', today: TODAY, workers: 1 });
    const planned = new Set(incremental.checked);
    expect(incremental.findings).toEqual(expected.filter((f) => planned.has(f.file)));
    expect((await validate({ root, today: TODAY, workers: 1 })).findings).toEqual(expected);
  }, 60_000);
});

describe('a cache restored into another clone (as validate.yml restores main\'s)', () => {
  it('is used, and --changed-since still equals the full run on the planned files', async () => {
    const main = committedRepository('pwc-cache-main-', { papers: 60, results: 40, datasets: 10, tasks: 6, methods: 8 }, 11);
    await validate({ root: main, today: TODAY }); // what publish.yml saves

    // A pull request: a clone with a commit of its own, checked out later (other mtimes), with main's cache copied in.
    const pr = mkdtempSync(join(tmpdir(), 'pwc-cache-pr-'));
    roots.push(pr);
    git(main, 'clone', '-q', main, pr);
    const rand = seededRandom(99);
    const done = ['change a metric value', 'break a paper reference', 'add a task near a dangling reference', 'change a benchmark'].map((name) => EDITS[name](pr, rand));
    git(pr, 'add', '-A');
    git(pr, 'commit', '-q', '-m', 'pull request');
    EDITS['break the YAML'](pr, rand); // and one uncommitted change
    mkdirSync(join(pr, '.pwc-cache'), { recursive: true });
    execFileSync('cp', ['-r', join(main, '.pwc-cache', 'validate'), join(pr, '.pwc-cache', 'validate')]);

    const base = git(pr, 'rev-parse', 'HEAD~1').trim();
    const index = cacheIndexPath(pr);
    const restored = readFileSync(index);
    const incremental = await validate({ root: pr, changedSince: base, today: TODAY, workers: 1 });
    const full = (await validate({ root: pr, cache: false, today: TODAY, workers: 1 })).findings;
    const planned = new Set(incremental.checked);
    expect(incremental.findings, done.join('; ')).toEqual(full.filter((f) => planned.has(f.file)));
    expect(full.length).toBeGreaterThan(0);
    // The restored cache was used as it is: without a usable one, the run reads every file and writes a new cache.
    expect(readFileSync(index).equals(restored)).toBe(true);
    expect(incremental.checked.length).toBeLessThan(filesUnder(pr, 'data').length / 2);
  }, 120_000);

  it('a cache whose links are damaged is not trusted for what files use, and is not rewritten from it', async () => {
    const root = committedRepository('pwc-cache-links-', { papers: 60, results: 40, datasets: 10, tasks: 6, methods: 8 }, 13);
    const rand = seededRandom(5);
    for (const edit of ['change a benchmark', 'break a paper reference', 'retarget a benchmark']) {
      await validate({ root, today: TODAY, workers: 1 });
      damageCacheSection(root, 'keys.ends');
      const done = EDITS[edit](root, rand);
      // A full run with the damaged cache, then an incremental one: both as without any cache.
      const full = (await validate({ root, cache: false, today: TODAY, workers: 1 })).findings;
      expect((await validate({ root, today: TODAY, workers: 1 })).findings, `${edit}: ${done}`).toEqual(full);
      const incremental = await validate({ root, changedSince: 'HEAD', today: TODAY, workers: 1 });
      const planned = new Set(incremental.checked);
      expect(incremental.findings, `${edit}: ${done}`).toEqual(full.filter((f) => planned.has(f.file)));
      git(root, 'reset', '-q', '--hard');
    }
  }, 120_000);
});
