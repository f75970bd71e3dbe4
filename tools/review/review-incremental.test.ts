// The review computed from the change equals the review computed from both whole trees (the
// reference in test-support/full-review.ts), every field, on seeded random pull requests against a
// real git repository: head checked out with the validator's cache (the CI case) or not checked out.
// With the cache, the number of files checked may be smaller (see below); every other field is equal.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import jsYaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom, writeSyntheticRepository } from '../bench/synthetic-repo.ts';
import { validate } from '../checks/validate.ts';
import { commitFiles } from '../git/testing.ts';
import { resolveCommit, reviewInFull } from './review.ts';
import type { FullReport } from './truncate.ts';
import { filesUnder as filesIn } from '../views/test-support/random-edits.ts';
import { fullReview } from './test-support/full-review.ts';

const TODAY = '2025-06-01';
const root = mkdtempSync(join(tmpdir(), 'pwc-review-diff-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const git = (...args: string[]) =>
  execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const filesUnder = (dir: string) => filesIn(root, dir);
const idOf = (path: string) => path.split('/').pop()!.replace(/\.yaml$/, '');
function load(path: string): any {
  try {
    return jsYaml.load(readFileSync(join(root, path), 'utf8'), { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
}
/** Written by js-yaml, not in the canonical form: the review proposes fixes for such files. */
function save(path: string, data: unknown): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), jsYaml.dump(data, { schema: jsYaml.CORE_SCHEMA, lineWidth: -1 }));
}

/** Edits a pull request makes; each returns what it did, or undefined when it found nothing to edit. */
const EDITS: Record<string, (rand: Rand) => string | undefined> = {
  'beat the best of a board'(rand) {
    const path = pick(rand, filesUnder('data/results'));
    const data = load(path);
    const row = data?.results?.[0];
    if (!row?.metrics) return undefined;
    for (const name of Object.keys(row.metrics)) row.metrics[name] = pick(rand, [1e6, -1e6, 0, row.metrics[name] * 1.5]);
    save(path, data);
    return path;
  },
  'add a row'(rand) {
    const path = pick(rand, filesUnder('data/results'));
    const data = load(path);
    if (!data?.results?.[0]) return undefined;
    data.results.push({ ...data.results[0], model: `${data.results[0].model} v${Math.floor(rand() * 100)}` });
    save(path, data);
    return path;
  },
  'add a result file'(rand) {
    const from = pick(rand, filesUnder('data/results'));
    const target = `${dirname(from)}/${idOf(pick(rand, filesUnder('data/papers')))}.yaml`;
    save(target, load(from));
    return target;
  },
  'remove a result file'(rand) {
    const path = pick(rand, filesUnder('data/results'));
    unlinkSync(join(root, path));
    return path;
  },
  'change a paper date'(rand) {
    const result = pick(rand, filesUnder('data/results'));
    const path = filesUnder('data/papers').find((p) => idOf(p) === idOf(result));
    const paper = path ? load(path) : undefined;
    if (!paper) return undefined;
    paper.date = pick(rand, ['1999-01-01', '2030-02-02', `${path!.split('/')[2]}-01-0${1 + Math.floor(rand() * 9)}`]);
    save(path!, paper);
    return path;
  },
  'tie two rows and re-date a paper'(rand) {
    const results = filesUnder('data/results');
    const a = pick(rand, results);
    const peers = results.filter((p) => dirname(p) === dirname(a) && p !== a);
    if (peers.length === 0) return undefined;
    const b = pick(rand, peers);
    const [da, db] = [load(a), load(b)];
    if (!da?.results?.[0] || !db?.results?.[0]) return undefined;
    // Equal values rank equal; the earlier paper is listed first, so holds the best.
    for (const row of da.results) row.metrics = { ...db.results[0].metrics };
    save(a, da);
    const paper = filesUnder('data/papers').find((p) => idOf(p) === idOf(pick(rand, [a, b])));
    const data = paper ? load(paper) : undefined;
    if (data) save(paper!, { ...data, date: pick(rand, ['1990-01-01', '2029-12-31']) });
    return `${a} ties ${b}; ${paper} re-dated`;
  },
  're-date a paper on a board tied at base'(rand) {
    const board = pick(rand, tiedBoards);
    const files = filesUnder(board);
    const dated = pick(rand, files);
    const paper = filesUnder('data/papers').find((p) => idOf(p) === idOf(dated));
    const data = paper ? load(paper) : undefined;
    if (!data) return undefined;
    save(paper!, { ...data, date: pick(rand, ['1990-01-01', '2029-12-31']) });
    // Another row on the board changes, so the board is in the report: its best holder is the earliest paper.
    const other = pick(rand, files);
    const rows = load(other);
    rows.results.push({ ...rows.results[0], model: `${rows.results[0].model} again` });
    save(other, rows);
    return `${paper} re-dated, ${other} has a row more`;
  },
  'remove a paper'(rand) {
    const result = pick(rand, filesUnder('data/results'));
    const path = filesUnder('data/papers').find((p) => idOf(p) === idOf(result)) ?? pick(rand, filesUnder('data/papers'));
    unlinkSync(join(root, path));
    return path;
  },
  'add a paper of the same id in another year'(rand) {
    const path = pick(rand, filesUnder('data/papers'));
    const paper = load(path);
    if (!paper) return undefined;
    const target = `data/papers/2031/${idOf(path)}.yaml`;
    save(target, { ...paper, date: pick(rand, ['2031-03-03', '2000-01-01']) });
    return target;
  },
  'add a paper'(rand) {
    const path = `data/papers/2024/new-paper-${Math.floor(rand() * 1e6)}.yaml`;
    save(path, { title: `A new paper ${path}`, date: '2024-05-05', authors: ['A. Person'] });
    return path;
  },
  'change a benchmark'(rand) {
    const path = pick(rand, filesUnder('data/datasets'));
    const data = load(path);
    const benchmark = data?.benchmarks?.[0];
    if (!benchmark) return undefined;
    const r = rand();
    if (r < 0.3 && benchmark.metrics.length > 1) benchmark.metrics.reverse();
    else if (r < 0.6) benchmark.metrics[0].direction = benchmark.metrics[0].direction === 'lower' ? 'higher' : 'lower';
    else if (r < 0.8) data.benchmarks.push({ ...benchmark, task: idOf(pick(rand, filesUnder('data/tasks'))) });
    else data.benchmarks.shift();
    save(path, data);
    return path;
  },
  'remove a dataset'(rand) {
    const path = pick(rand, filesUnder('data/datasets'));
    unlinkSync(join(root, path));
    return path;
  },
  'add a dataset'(rand) {
    const from = pick(rand, filesUnder('data/datasets'));
    const path = `data/datasets/${idOf(from)}-copy.yaml`;
    save(path, load(from));
    return path;
  },
  'edit or remove a task'(rand) {
    const path = pick(rand, filesUnder('data/tasks'));
    if (rand() < 0.5) unlinkSync(join(root, path));
    else save(path, { ...load(path), description: 'Changed.' });
    return path;
  },
  'edit a method'(rand) {
    const path = pick(rand, filesUnder('data/methods'));
    const data = load(path);
    if (!data) return undefined;
    save(path, { ...data, name: `${data.name} (renamed)` });
    return path;
  },
  'break the YAML'(rand) {
    const path = pick(rand, [...filesUnder('data/results'), ...filesUnder('data/datasets'), ...filesUnder('data/papers')]);
    writeFileSync(join(root, path), `${readFileSync(join(root, path), 'utf8')}\nbroken: [unclosed\n`);
    return path;
  },
  'make a file invalid'(rand) {
    const path = pick(rand, [...filesUnder('data/results'), ...filesUnder('data/datasets'), ...filesUnder('data/papers')]);
    const data = load(path);
    if (!data) return undefined;
    delete data.name;
    delete data.title;
    if (Array.isArray(data.results) && data.results[0]) data.results[0].metrics = 'high';
    save(path, data);
    return path;
  },
  'put a file where no data goes'(rand) {
    const path = pick(rand, ['data/results/x.yaml', `data/papers/${idOf(pick(rand, filesUnder('data/papers')))}.yaml`, 'data/notes.txt']);
    writeFileSync(join(root, path), 'name: Misplaced\n');
    return path;
  },
};

/** Boards whose rows all have the same values at base: the earliest paper holds the best. */
const tiedBoards: string[] = [];
function tieBoards(count: number): void {
  const byBoard = new Map<string, string[]>();
  for (const path of filesUnder('data/results')) byBoard.set(dirname(path), [...(byBoard.get(dirname(path)) ?? []), path]);
  for (const [board, files] of byBoard) {
    if (files.length < 3 || tiedBoards.length >= count) continue;
    const metrics = load(files[0]).results[0].metrics;
    for (const file of files) {
      const data = load(file);
      for (const row of data.results) row.metrics = { ...metrics };
      save(file, data);
    }
    tiedBoards.push(board);
  }
}

/** Findings already on main (an undeclared metric: an error; no primary metric: a warning) in some result files. */
function findingsOnMain(count: number): void {
  for (const path of filesUnder('data/results').filter((p) => !tiedBoards.includes(dirname(p))).slice(0, count)) {
    const data = load(path);
    data.results.push({ model: 'Unranked on main', metrics: { 'Not A Declared Metric': 1 } });
    save(path, data);
  }
}

describe('pwc review computed from the change', () => {
  it('equals the review computed from both whole trees, every field, on seeded random pull requests', async () => {
    writeSyntheticRepository(root, { papers: 120, results: 90, datasets: 16, tasks: 8, methods: 10 }, 11);
    writeFileSync(join(root, '.gitignore'), '.pwc-cache/\n');
    tieBoards(4);
    expect(tiedBoards).toHaveLength(4);
    findingsOnMain(12);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    await validate({ root, today: TODAY }); // the cache CI restores, made on main

    const names = Object.keys(EDITS);
    const rounds = 24;
    let cases = 0;
    let withOldFindings = 0;
    let causedElsewhere = 0;
    for (let seed = 1; seed <= rounds; seed++) {
      const rand = seededRandom(seed);
      git('checkout', '-q', '-B', 'pr', 'main');
      const done: string[] = [];
      for (let e = 0, count = 1 + Math.floor(rand() * 4); e < count; e++) {
        const name = pick(rand, names);
        const what = EDITS[name](rand);
        if (what) done.push(`${name}: ${what}`);
      }
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', `pr ${seed}`);
      // Every third pull request is reviewed from a checkout of main: head is not the work tree.
      if (seed % 3 === 0) git('checkout', '-q', 'main');
      const options = { root, base: 'main', head: 'pr', today: TODAY };
      const [incremental, reference] = [await reviewInFull(options), await fullReview(options)];
      const context = `seed ${seed} (${done.join('; ')})`;
      expect(incremental.report, `${context}: nothing to cut`).toBe(incremental.full);
      if (seed % 3 === 0) {
        expect(incremental.full, context).toEqual(reference);
      } else {
        // The validator's cache knows exactly which files refer to an id that no file defines; a
        // run without it re-checks every file referring to that kind (a superset, the same findings
        // from the change; of those already on main it may list more, none of which count).
        const checked = incremental.full.summary.filesChecked;
        expect(checked, context).toBeLessThanOrEqual(reference.summary.filesChecked);
        const own = (r: FullReport) => ({ ...r, findings: r.findings.filter((f) => f.origin === 'pull-request'), summary: { ...r.summary, filesChecked: 0, alreadyOnBase: 0 } });
        expect(own(incremental.full), context).toEqual(own(reference));
        expect(reference.findings, context).toEqual(expect.arrayContaining(incremental.full.findings.filter((f) => f.origin === 'base')));
      }
      if (incremental.full.leaderboards.length > 0 && incremental.full.findings.length > 0) cases++;
      if (incremental.full.findings.some((f) => f.origin === 'base')) withOldFindings++;
      if (incremental.full.findings.some((f) => f.origin === 'pull-request' && !incremental.full.entities.some((e) => e.path === f.file))) causedElsewhere++;
      git('checkout', '-q', 'main');
    }
    // The edits are not idle: most pull requests change leaderboards and make findings.
    expect(cases).toBeGreaterThan(rounds / 3);
    // Findings already on main are met, and so are findings the pull request causes in files it leaves as they were.
    expect(withOldFindings).toBeGreaterThan(0);
    expect(causedElsewhere).toBeGreaterThan(0);
  }, 300_000);

  it('tells a reviewer to fetch a ref it cannot find, and refuses option-like refs', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'pwc-review-refs-'));
    try {
      const first = commitFiles(repo, { 'data/tasks/a.yaml': 'name: A\n' }, 'first');
      expect(await resolveCommit(repo, 'HEAD')).toBe(first);
      await expect(resolveCommit(repo, 'origin/main')).rejects.toThrow(`"origin/main" does not name a commit in the git repository at ${repo} (fetch it first, e.g. git fetch origin origin/main)`);
      await expect(resolveCommit(repo, '--upload-pack=x')).rejects.toThrow('"--upload-pack=x" is not a git ref');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
