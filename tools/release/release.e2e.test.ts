// End to end, no network: a real data repository committed with real git, bundled by the real
// `pwc bundle`, released by the real `pwc release` (processes) against the local fake GitHub:
// a first release, a second with changes, a re-run, a run broken in the middle of the uploads and
// the re-run that completes it, and a commit that changes no data.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../github/testing/fake-github.ts';
import { breakUploads, type Release } from '../github/testing/fake-releases.ts';
import { createAjv } from '../model/ajv.ts';
import { RELEASE_ASSETS } from './assets.ts';
import { changesSchema, type Changes } from './changes-schema.ts';
import { parseMarker } from './notes.ts';
import { DataRepository, EDGE_REPOSITORY, PWC_BIN, SECOND_RELEASE_EDITS } from './testing.ts';

const run = promisify(execFile);
const REPO = 'octo/data';
let gh: FakeGitHub;
let repo: DataRepository;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function pwc(args: string[]): Promise<Run> {
  const env = { ...process.env, GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: REPO, GITHUB_API_URL: gh.url, PWC_GITHUB_BACKOFF_MS: '1' };
  try {
    const { stdout, stderr } = await run(process.execPath, [PWC_BIN, ...args], { cwd: repo.work, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as Run;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Bundles the repository's HEAD into a new folder with the real CLI; returns the folder. */
async function bundle(name: string): Promise<string> {
  const out = join(repo.work, name);
  const result = await pwc(['bundle', '--root', repo.root, '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return out;
}

const releases = () => gh.repo(REPO).releases.list;
const bytesOf = (asset: { id: number }) => gh.repo(REPO).releases.bytes.get(asset.id)!;
const assetText = (release: Release, name: string) => bytesOf(release.assets.find((a) => a.name === name)!).toString('utf8');
const changesOf = (release: Release) => JSON.parse(assetText(release, 'changes.json')) as Changes;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const validateChanges = createAjv().compile(changesSchema);

/** Every asset is the file of that name in dist (or written there by pwc release), and SHA256SUMS covers them all. */
function expectComplete(release: Release, dist: string): void {
  expect(release.assets.map((a) => a.name).sort()).toEqual([...RELEASE_ASSETS].sort());
  for (const asset of release.assets) {
    expect(asset.state, asset.name).toBe('uploaded');
    expect(bytesOf(asset).equals(readFileSync(join(dist, asset.name))), asset.name).toBe(true);
  }
  const sums = assetText(release, 'SHA256SUMS').trim().split('\n');
  expect(sums.map((l) => l.split('  ')[1])).toEqual(RELEASE_ASSETS.filter((n) => n !== 'SHA256SUMS').sort());
  for (const line of sums) {
    const [hex, name] = line.split('  ');
    expect(sha256(bytesOf(release.assets.find((a) => a.name === name)!)), name).toBe(hex);
  }
}

beforeAll(async () => {
  gh = new FakeGitHub();
  await gh.start();
  gh.repo(REPO);
  repo = new DataRepository(EDGE_REPOSITORY, '2024-03-05T06:07:08Z');
});
afterAll(async () => {
  await gh.close();
  repo.remove();
});

describe('pwc release (the CLI as a process, against the fake GitHub)', () => {
  let dist1: string;
  let dist2: string;

  it('makes a first release: a draft, all nine assets uploaded and checked, then published', async () => {
    dist1 = await bundle('dist1');
    const result = await pwc(['release', '--dist', dist1]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pwc release: released v2024.03.05');
    expect(releases()).toHaveLength(1);
    const [release] = releases();
    expect(release).toMatchObject({ tag_name: 'v2024.03.05', name: 'v2024.03.05', draft: false, target_commitish: repo.head });
    expect(gh.repo(REPO).releases.latestId).toBe(release.id);
    expect(gh.repo(REPO).releases.tags.get('v2024.03.05')).toBe(repo.head);
    expectComplete(release, dist1);
    // The bundle's files are the ones pwc bundle wrote; the data inside is the repository's.
    expect(gunzipSync(bytesOf(release.assets.find((a) => a.name === 'pwc-data.json.gz')!)).equals(readFileSync(join(dist1, 'pwc-data.json')))).toBe(true);

    // Created as a draft; published last, after every upload.
    const writes = gh.writes().map((w) => `${w.method} ${w.path.replace(/\?.*/, '')}`);
    expect(writes[0]).toBe('POST /repos/octo/data/releases');
    expect(gh.writes()[0].body).toMatchObject({ draft: true, tag_name: 'v2024.03.05', target_commitish: repo.head });
    expect(writes.filter((w) => w.includes('/api/uploads/'))).toHaveLength(RELEASE_ASSETS.length);
    expect(RELEASE_ASSETS).toHaveLength(9);
    expect(writes.at(-1)).toBe(`PATCH /repos/octo/data/releases/${release.id}`);
    expect(gh.writes().at(-1)!.body).toMatchObject({ draft: false });

    const changes = changesOf(release);
    expect(validateChanges(changes)).toBe(true);
    expect(changes).toMatchObject({ release: 'v2024.03.05', previous_release: null, previous: null, current: { source_commit: repo.head, data_version: '2024-03-05T06:07:08Z' } });
    expect(changes.changes.filter((c) => c.change !== 'added')).toEqual([]);
    expect(changes.summary.results.added).toBe(10);
    expect(parseMarker(release.body)).toEqual({ source_commit: repo.head, data_version: '2024-03-05T06:07:08Z', content_sha256: JSON.parse(readFileSync(join(dist1, 'manifest.json'), 'utf8')).content_sha256 });
    expect(release.body).toContain('### Added papers (3)');
  });

  it('makes a second release with changes; changes.json lists them entry by entry', async () => {
    repo.commit(SECOND_RELEASE_EDITS, '2024-03-05T18:00:00Z');
    dist2 = await bundle('dist2');
    const result = await pwc(['release', '--dist', dist2]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('released v2024.03.05.1');
    expect(result.stdout).toContain('changes since v2024.03.05: ');
    const release = releases().find((r) => r.tag_name === 'v2024.03.05.1')!;
    expect(release.draft).toBe(false);
    expect(gh.repo(REPO).releases.latestId).toBe(release.id);
    expectComplete(release, dist2);
    const changes = changesOf(release);
    expect(validateChanges(changes)).toBe(true);
    expect(changes.previous_release).toBe('v2024.03.05');
    const data = JSON.parse(readFileSync(join(dist2, 'pwc-data.json'), 'utf8'));
    const now = (kind: string, id: string) => data[kind].find((e: { id: string }) => e.id === id);
    expect(changes.changes).toEqual([
      { kind: 'papers', id: 'paper-b', change: 'changed', fields: ['title'], value: now('papers', 'paper-b') },
      { kind: 'papers', id: 'paper-c-renamed', change: 'renamed', from: 'paper-c', fields: [], value: now('papers', 'paper-c-renamed') },
      { kind: 'papers', id: 'paper-d', change: 'added', value: { id: 'paper-d', title: 'Paper D', authors: [], date: '2022-02-02', tasks: ['scoring'], methods: [], datasets: ['bench'], code: [] } },
      { kind: 'results', id: 'erring/bench/paper-a#Same (v2)', change: 'renamed', from: 'erring/bench/paper-a#Same', fields: ['model'], value: now('results', 'erring/bench/paper-a#Same (v2)') },
      { kind: 'results', id: 'scoring/bench/paper-a#Negative', change: 'removed' },
      { kind: 'results', id: 'scoring/bench/paper-a#Tiny', change: 'changed', fields: ['rank'], value: expect.objectContaining({ rank: 5 }) },
      { kind: 'results', id: 'scoring/bench/paper-a#Zero', change: 'changed', fields: ['rank'], value: expect.objectContaining({ rank: 6 }) },
      { kind: 'results', id: 'scoring/bench/paper-b#A|B #1', change: 'changed', fields: ['rank'], value: expect.objectContaining({ rank: 3 }) },
      { kind: 'results', id: 'scoring/bench/paper-b#Tied', change: 'changed', fields: ['rank'], value: expect.objectContaining({ rank: 3 }) },
      { kind: 'results', id: 'scoring/bench/paper-c-renamed#Best', change: 'renamed', from: 'scoring/bench/paper-c#Best', fields: ['paper', 'rank'], value: expect.objectContaining({ paper: 'paper-c-renamed', rank: 2 }) },
      {
        kind: 'results',
        id: 'scoring/bench/paper-d#Champion',
        change: 'added',
        value: { id: 'scoring/bench/paper-d#Champion', benchmark: 'scoring/bench', task: 'scoring', dataset: 'bench', paper: 'paper-d', model: 'Champion', metrics: { Score: 100 }, settings: {}, extra_training_data: false, rank: 1 },
      },
    ]);
    expect(changes.new_sota).toEqual([
      {
        benchmark: 'scoring/bench',
        direction: 'higher',
        improved: true,
        current: { metric: 'Score', value: 100, results: ['scoring/bench/paper-d#Champion'] },
        previous: { metric: 'Score', value: 99.999, results: ['scoring/bench/paper-c#Best'] },
      },
    ]);
    // The notes: counts, the new state of the art, the added paper; data text escaped.
    expect(release.body).toContain('| papers | 1 | 1 | 0 | 1 |');
    expect(release.body).toContain('| results | 1 | 4 | 1 | 2 |');
    expect(release.body).toContain('### New states of the art (1)\n\n- `scoring/bench`: **100%** Score (higher is better) by `Champion` (Paper D); before: 99.999%');
    expect(release.body).toContain('### Added papers (1)\n\n- Paper D (2022-02-02) `paper-d`');
    // The same files are left in --dist for the workflow's logs and artifacts.
    expect(readFileSync(join(dist2, 'changes.json')).equals(bytesOf(release.assets.find((a) => a.name === 'changes.json')!))).toBe(true);
    expect(readFileSync(join(dist2, 'release-notes.md'), 'utf8')).toBe(release.body);
  });

  it('running again for the same commit changes nothing on GitHub', async () => {
    const before = gh.writes().length;
    const result = await pwc(['release', '--dist', dist2]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('v2024.03.05.1 is already released and complete');
    expect(gh.writes()).toHaveLength(before);
    expect(releases()).toHaveLength(2);
  });

  it('a run that fails in the middle of the uploads publishes nothing; the re-run completes the same release', async () => {
    repo.commit({ 'data/results/scoring/bench/paper-d.yaml': 'results:\n  - model: Champion\n    metrics:\n      Score: 100.5\n' }, '2024-03-06T09:00:00Z');
    const dist3 = await bundle('dist3');
    // The upload of the types breaks off half-way (GitHub keeps a truncated asset); the client's retry then meets "already exists".
    breakUploads(gh, REPO, 'pwc-data.d.ts');
    const failed = await pwc(['release', '--dist', dist3]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('GitHub answered 422');
    expect(failed.stderr).toContain('Run "pwc release" again with the same bundle to complete it.');
    const draft = releases().find((r) => r.tag_name === 'v2024.03.06')!;
    expect(draft.draft).toBe(true);
    expect(draft.assets.map((a) => `${a.name}:${a.state}`)).toEqual(['pwc-data.json.gz:uploaded', 'pwc-data.schema.json:uploaded', 'pwc-data.d.ts:open']);
    // Nobody sees it: the latest release is still the second, anonymous readers see no draft.
    const second = releases().find((r) => r.tag_name === 'v2024.03.05.1')!;
    expect(gh.repo(REPO).releases.latestId).toBe(second.id);
    expect((await (await fetch(`${gh.url}/repos/${REPO}/releases`)).json()).map((r: Release) => r.tag_name)).toEqual(['v2024.03.05.1', 'v2024.03.05']);
    const latest = await fetch(`${gh.url}/${REPO}/releases/latest/download/changes.json`, { redirect: 'manual' });
    expect(latest.headers.get('location')).toBe(`${gh.url}/${REPO}/releases/download/v2024.03.05.1/changes.json`);

    const writesBefore = gh.writes().length;
    const again = await pwc(['release', '--dist', dist3]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('deleted asset pwc-data.d.ts (its upload did not complete (state "open"))');
    expect(again.stdout).toContain('released v2024.03.06');
    // The same release, completed: no second draft, the two good uploads kept.
    expect(releases().filter((r) => r.tag_name.startsWith('v2024.03.06'))).toHaveLength(1);
    const release = releases().find((r) => r.tag_name === 'v2024.03.06')!;
    expect(release.id).toBe(draft.id);
    expect(release.draft).toBe(false);
    expectComplete(release, dist3);
    const rerun = gh.writes().slice(writesBefore).map((w) => `${w.method} ${w.path.replace(/\?name=([^&]+).*/, ' $1')}`);
    expect(rerun).toEqual([
      expect.stringMatching(/^DELETE \/repos\/octo\/data\/releases\/assets\/\d+$/),
      // The broken asset and every one after it in upload order: the flat tables, manifest.json, changes.json, ...
      ...RELEASE_ASSETS.slice(RELEASE_ASSETS.indexOf('pwc-data.d.ts')).map((n) => `POST /api/uploads/repos/octo/data/releases/${release.id}/assets ${n}`),
      `PATCH /repos/octo/data/releases/${release.id}`,
    ]);
    expect(changesOf(release).changes.map((c) => `${c.change} ${c.id}`)).toEqual(['changed scoring/bench/paper-d#Champion']);
    expect(gh.repo(REPO).releases.latestId).toBe(release.id);
  });

  it('releases nothing when a commit changes no data', async () => {
    repo.commit({ 'data/papers/2020/paper-a.yaml': `# A comment is not data.\n${EDGE_REPOSITORY['data/papers/2020/paper-a.yaml']}` }, '2024-03-07T10:00:00Z');
    const dist4 = await bundle('dist4');
    const before = gh.writes().length;
    const result = await pwc(['release', '--dist', dist4]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('the data did not change since v2024.03.06; nothing released');
    expect(gh.writes()).toHaveLength(before);
    expect(releases()).toHaveLength(3);
  });

  it('refuses a bundle that does not verify, and usage errors exit 2', async () => {
    const result = await pwc(['release', '--dist', join(repo.work, 'nowhere')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/holds no bundle \(no manifest\.json\); write one with "pwc bundle --out /);
    const usage = await pwc(['release', '--dist', 'x', '--date', '5 March']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--date must be YYYY-MM-DD');
  });
});
