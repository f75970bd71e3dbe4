// runRelease in process against the fake GitHub, for the cases around the main path: a server
// without digests, drafts left by older runs, stale re-runs, dry runs, a damaged published release,
// a damaged previous release and a previous release of another schema major.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHub, type GitHub } from '../github/octokit.ts';
import { FakeGitHub } from '../github/testing/fake-github.ts';
import { breakUploads } from '../github/testing/fake-releases.ts';
import { RELEASE_ASSETS, sha256Hex } from './assets.ts';
import { readPreviousData, ReleaseError, runRelease } from './release.ts';
import { DataRepository, SECOND_RELEASE_EDITS } from './testing.ts';

const REPO = 'octo/data';
const target = { owner: 'octo', repo: 'data' };
let gh: FakeGitHub;
let github: GitHub;
let repo: DataRepository;
const dist = () => repo.bundle();
const release = async (dir: string, extra: { dryRun?: boolean; date?: string } = {}) => runRelease({ github, target, dist: dir, ...extra });
const releases = () => gh.repo(REPO).releases.list;

beforeEach(async () => {
  gh = new FakeGitHub();
  await gh.start();
  gh.repo(REPO);
  github = createGitHub({ token: 'test-token', baseUrl: gh.url, backoffUnitMs: 1, retries: 0, log: () => {} });
  repo = new DataRepository();
});
afterEach(async () => {
  await gh.close();
  repo.remove();
});

describe('runRelease', () => {
  it('checks every asset by downloading it when the server gives no digest', async () => {
    gh.repo(REPO).releases.digests = false;
    const outcome = await release(await dist());
    expect(outcome.status).toBe('released');
    const [published] = releases();
    expect(published.draft).toBe(false);
    expect(published.assets.every((a) => a.digest === null)).toBe(true);
    const downloads = gh.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/_storage/${REPO}/assets/`));
    expect(new Set(downloads.map((r) => r.path)).size).toBe(RELEASE_ASSETS.length);
  });

  it('deletes a draft an earlier run left for older data, and takes its tag', async () => {
    breakUploads(gh, REPO, 'pwc-data.schema.json');
    await expect(release(await dist())).rejects.toMatchObject({ status: 502 });
    expect(releases().map((r) => [r.tag_name, r.draft])).toEqual([['v2024.03.05', true]]);
    repo.commit(SECOND_RELEASE_EDITS, '2024-03-05T18:00:00Z');
    const outcome = await release(await dist());
    expect(outcome.steps[0]).toMatch(/^deleted draft v2024\.03\.05 \(a draft left by an earlier run for other data\)$/);
    expect(outcome.tag).toBe('v2024.03.05');
    expect(releases().map((r) => [r.tag_name, r.draft])).toEqual([['v2024.03.05', false]]);
    expect(outcome.changes?.previous_release).toBeNull();
  });

  it('refuses to release older data after newer data was released, and changes nothing', async () => {
    const old = await dist();
    repo.commit(SECOND_RELEASE_EDITS, '2024-03-06T00:00:00Z');
    expect((await release(await dist())).status).toBe('released');
    const writes = gh.writes().length;
    const outcome = await release(old);
    expect(outcome.status).toBe('refused');
    expect(outcome.message).toMatch(/release v2024\.03\.06 holds newer data \(committed 2024-03-06T00:00:00Z\)/);
    expect(gh.writes()).toHaveLength(writes);
  });

  it('a dry run writes changes.json and the notes to --dist and says what it would do, touching nothing on GitHub', async () => {
    const dir = await dist();
    const outcome = await release(dir, { dryRun: true, date: '2024-04-01' });
    expect(outcome.status).toBe('dry-run');
    expect(outcome.tag).toBe('v2024.04.01');
    expect(outcome.steps).toEqual(['would create draft v2024.04.01 for commit ' + repo.head.slice(0, 12)]);
    expect(gh.writes()).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'changes.json'), 'utf8')).release).toBe('v2024.04.01');
    expect(readFileSync(join(dir, 'SHA256SUMS'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}changes\.json\n/);
  });

  it('puts back an asset someone deleted from a published release, without a new release', async () => {
    const dir = await dist();
    await release(dir);
    const [published] = releases();
    const sums = published.assets.find((a) => a.name === 'SHA256SUMS')!;
    await github.rest.repos.deleteReleaseAsset({ ...target, asset_id: sums.id });
    const outcome = await release(dir);
    expect(outcome.status).toBe('released');
    expect(outcome.steps).toEqual([expect.stringMatching(/^uploaded SHA256SUMS /)]);
    expect(releases()).toHaveLength(1);
    expect(releases()[0].assets.map((a) => a.name).sort()).toEqual([...RELEASE_ASSETS].sort());
  });

  it('publishes the flat tables with their checksums, and replaces a Parquet asset whose bytes differ from the bundle\'s', async () => {
    const dir = await dist();
    await release(dir);
    const [published] = releases();
    const bytesOf = (name: string) => gh.repo(REPO).releases.bytes.get(published.assets.find((a) => a.name === name)!.id)!;
    const sums = bytesOf('SHA256SUMS').toString('utf8');
    for (const name of ['pwc-results.parquet', 'pwc-results.csv.gz']) {
      const bytes = readFileSync(join(dir, name));
      expect(bytesOf(name).equals(bytes), name).toBe(true);
      expect(sums).toContain(`${sha256Hex(bytes)}  ${name}\n`);
      expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files).toContainEqual({ name, size: bytes.length, sha256: sha256Hex(bytes) });
    }
    // Someone replaces the Parquet file with other bytes of the same size (GitHub computes the new digest).
    const parquet = published.assets.find((a) => a.name === 'pwc-results.parquet')!;
    const other = Buffer.from(bytesOf('pwc-results.parquet'));
    other[100] ^= 0xff;
    gh.repo(REPO).releases.bytes.set(parquet.id, other);
    parquet.digest = `sha256:${sha256Hex(other)}`;
    const outcome = await release(dir);
    expect(outcome.status).toBe('released');
    expect(outcome.steps).toEqual([expect.stringMatching(/^deleted asset pwc-results\.parquet \(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\)$/), expect.stringMatching(/^uploaded pwc-results\.parquet /)]);
    expect(releases()[0].assets.map((a) => a.name).sort()).toEqual([...RELEASE_ASSETS].sort());
    expect(bytesOf('SHA256SUMS').toString('utf8')).toBe(sums);
    const now = releases()[0].assets.find((a) => a.name === 'pwc-results.parquet')!;
    expect(gh.repo(REPO).releases.bytes.get(now.id)!.equals(readFileSync(join(dir, 'pwc-results.parquet')))).toBe(true);
  });

  it('refuses a bundle whose CSV table does not match its manifest', async () => {
    const dir = await dist();
    writeFileSync(join(dir, 'pwc-results.csv.gz'), gzipSync('result_id\r\n'));
    await expect(release(dir)).rejects.toThrow(/pwc-results\.csv\.gz is \d+ bytes; the manifest says \d+|pwc-results\.csv\.gz has sha256/);
    expect(gh.writes()).toEqual([]);
  });

  it('stops with a clear error when the previous release\'s data does not match its manifest', async () => {
    await release(await dist());
    const gz = releases()[0].assets.find((a) => a.name === 'pwc-data.json.gz')!;
    const bytes = Buffer.from(gh.repo(REPO).releases.bytes.get(gz.id)!);
    bytes[bytes.length - 6] ^= 0xff;
    gh.repo(REPO).releases.bytes.set(gz.id, bytes);
    gz.digest = null; // as if GitHub had no digest to catch it: the manifest still does
    repo.commit(SECOND_RELEASE_EDITS, '2024-03-06T00:00:00Z');
    const next = await dist();
    await expect(release(next)).rejects.toThrow(ReleaseError);
    await expect(release(next)).rejects.toThrow(/pwc-data\.json\.gz of release v2024\.03\.05 does not match that release's manifest\.json; delete or fix that release/);
  });
});

describe('readPreviousData', () => {
  it('reads a bundle of another schema version for its ids and fields, and refuses a broken one of the same version', async () => {
    const data = JSON.parse(readFileSync(join(await dist(), 'pwc-data.json'), 'utf8'));
    const future = { ...data, meta: { ...data.meta, schema_version: '3.0.0' }, papers: data.papers.map((p: object) => ({ ...p, new_field: 1 })) };
    expect(readPreviousData(gzipSync(JSON.stringify(future)), 'v1').papers[0]).toHaveProperty('new_field', 1);
    // A 1.x bundle had no sources yet: it holds none.
    const { sources: _none, ...older } = { ...data, meta: { ...data.meta, schema_version: '1.0.0' } };
    expect(readPreviousData(gzipSync(JSON.stringify(older)), 'v1').sources).toEqual([]);
    // An earlier minor of the same major (2.0.0 had no flat tables; its data is the same shape).
    const earlierMinor = { ...data, meta: { ...data.meta, schema_version: '2.0.0' } };
    expect(readPreviousData(gzipSync(JSON.stringify(earlierMinor)), 'v1').results).toEqual(data.results);
    const broken = { ...data, papers: data.papers.map((p: object) => ({ ...p, new_field: 1 })) };
    expect(() => readPreviousData(gzipSync(JSON.stringify(broken)), 'v1')).toThrow(/pwc-data\.json\.gz of release v1 does not conform to its schema/);
    expect(() => readPreviousData(Buffer.from('not gzip'), 'v1')).toThrow(/is not gzipped JSON/);
  });
});
