// docs/examples/sync-release.mjs, run as a process against releases made by runRelease on the fake
// GitHub, through the public download URLs (releases/latest/download/...): a first full download,
// an incremental sync from changes.json that reproduces the release byte for byte, a full download
// when more than one release behind, and a refused download whose bytes do not match SHA256SUMS.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHub, type GitHub } from '../github/octokit.ts';
import { FakeGitHub } from '../github/testing/fake-github.ts';
import { runRelease } from './release.ts';
import { DataRepository, PROJECT_ROOT, SECOND_RELEASE_EDITS } from './testing.ts';

const EXAMPLE = join(PROJECT_ROOT, 'docs', 'examples', 'sync-release.mjs');
const target = { owner: 'octo', repo: 'data' };
let gh: FakeGitHub;
let github: GitHub;
let repo: DataRepository;
let latest: string;
let local: string;
async function release(): Promise<string> {
  const dist = await repo.bundle();
  const outcome = await runRelease({ github, target, dist });
  expect(outcome.status).toBe('released');
  return dist;
}

async function sync(): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [EXAMPLE, latest, local], { cwd: repo.work });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const downloads = () => gh.requests.filter((r) => r.method === 'GET' && /\/releases\/download\//.test(r.path)).map((r) => r.path.replace(/^\/octo\/data\/releases\/download\//, ''));

beforeAll(async () => {
  gh = new FakeGitHub();
  await gh.start();
  gh.repo('octo/data');
  github = createGitHub({ token: 'test-token', baseUrl: gh.url, backoffUnitMs: 1, log: () => {} });
  repo = new DataRepository();
  latest = `${gh.url}/octo/data/releases/latest/download/`;
  local = join(repo.work, 'local-copy');
});
afterAll(async () => {
  await gh.close();
  repo.remove();
});

describe('docs/examples/sync-release.mjs', () => {
  let dist1: string;
  let dist2: string;

  it('downloads the first release whole, verified, and then finds itself up to date', async () => {
    dist1 = await release();
    const first = await sync();
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('downloaded v2024.03.05 whole (10 results); new states of the art on erring/bench, scoring/bench\n');
    expect(readFileSync(join(local, 'pwc-data.json')).equals(readFileSync(join(dist1, 'pwc-data.json')))).toBe(true);
    expect(JSON.parse(readFileSync(join(local, 'release.json'), 'utf8'))).toMatchObject({ release: 'v2024.03.05', source_commit: repo.head });
    const again = await sync();
    expect(again.stdout).toBe('up to date: v2024.03.05\n');
  });

  it('applies the next release\'s changes.json without downloading the data, reproducing it byte for byte', async () => {
    repo.commit(SECOND_RELEASE_EDITS, '2024-03-05T18:00:00Z');
    dist2 = await release();
    const before = downloads().length;
    const result = await sync();
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('applied the changes of v2024.03.05.1 to v2024.03.05: 2 added, 5 changed, 1 removed, 3 renamed (10 results); new states of the art on scoring/bench\n');
    expect(readFileSync(join(local, 'pwc-data.json')).equals(readFileSync(join(dist2, 'pwc-data.json')))).toBe(true);
    // SHA256SUMS and changes.json through "latest" (which redirects to the release), the rest from the release it named; never the data.
    const fetched = downloads().slice(before);
    expect(fetched).toEqual(['SHA256SUMS', 'changes.json', 'changes.schema.json', 'manifest.json', 'pwc-data.schema.json'].map((n) => `v2024.03.05.1/${n}`));
    expect(gh.requests.filter((r) => /\/releases\/latest\/download\//.test(r.path)).map((r) => r.path.split('/').pop()).slice(-2)).toEqual(['SHA256SUMS', 'changes.json']);
  });

  it('downloads whole when more than one release behind', async () => {
    repo.commit({ 'data/results/scoring/bench/paper-d.yaml': 'results:\n  - model: Champion\n    metrics:\n      Score: 100.5\n' }, '2024-03-06T09:00:00Z');
    await release();
    repo.commit({ 'data/results/scoring/bench/paper-d.yaml': 'results:\n  - model: Champion\n    metrics:\n      Score: 101\n' }, '2024-03-07T09:00:00Z');
    const dist4 = await release();
    const result = await sync();
    expect(result.stdout).toBe('downloaded v2024.03.07 whole (10 results); new states of the art on scoring/bench\n');
    expect(readFileSync(join(local, 'pwc-data.json')).equals(readFileSync(join(dist4, 'pwc-data.json')))).toBe(true);
  });

  it('refuses a download that does not match SHA256SUMS and keeps the local copy', async () => {
    repo.commit({ 'data/results/scoring/bench/paper-d.yaml': 'results:\n  - model: Champion\n    metrics:\n      Score: 102\n' }, '2024-03-08T09:00:00Z');
    await release();
    const newest = gh.repo('octo/data').releases.list.find((r) => r.tag_name === 'v2024.03.08')!;
    const asset = newest.assets.find((a) => a.name === 'changes.json')!;
    const bytes = Buffer.from(gh.repo('octo/data').releases.bytes.get(asset.id)!);
    bytes[10] ^= 0x20;
    gh.repo('octo/data').releases.bytes.set(asset.id, bytes);
    const kept = readFileSync(join(local, 'pwc-data.json'));
    const result = await sync();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^not synced: changes\.json: sha256 [0-9a-f]{64}, SHA256SUMS says [0-9a-f]{64}\n$/);
    expect(readFileSync(join(local, 'pwc-data.json')).equals(kept)).toBe(true);
  });
});
