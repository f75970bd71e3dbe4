// The fake GitHub's releases answer Octokit's real calls with GitHub's shapes and rules: drafts,
// uploads on the upload URL, unique asset names, broken uploads, downloads by redirect, publishing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHub, type GitHub } from '../octokit.ts';
import { FakeGitHub } from './fake-github.ts';
import { breakUploads } from './fake-releases.ts';

const target = { owner: 'octo', repo: 'data' };
let gh: FakeGitHub;
let github: GitHub;

beforeAll(async () => {
  gh = new FakeGitHub();
  await gh.start();
  gh.repo('octo/data');
  github = createGitHub({ token: 'test-token', baseUrl: gh.url, backoffUnitMs: 1, retries: 1, log: () => {} });
});
afterAll(() => gh.close());

const upload = (releaseId: number, url: string, name: string, bytes: Buffer) =>
  github.rest.repos.uploadReleaseAsset({ ...target, release_id: releaseId, url, name, data: bytes as unknown as string, headers: { 'content-type': 'application/octet-stream', 'content-length': bytes.length } });

async function download(assetId: number): Promise<Buffer> {
  const response = await github.rest.repos.getReleaseAsset({ ...target, asset_id: assetId, headers: { accept: 'application/octet-stream' } });
  return Buffer.from(response.data as unknown as ArrayBuffer);
}

describe('fake GitHub releases', () => {
  let draftId: number;
  let uploadUrl: string;
  const bytes = Buffer.from([0x1f, 0x8b, 0, 1, 2, 3, 255, 254, 10, 13]);

  it('creates a draft that only an authenticated request sees, with no tag and no latest release', async () => {
    const { data, status } = await github.rest.repos.createRelease({ ...target, tag_name: 'v2024.03.05', target_commitish: 'a'.repeat(40), name: 'v2024.03.05', body: 'notes', draft: true });
    expect(status).toBe(201);
    expect(data).toMatchObject({ draft: true, tag_name: 'v2024.03.05', published_at: null, assets: [] });
    expect(data.upload_url).toBe(`${gh.url}/api/uploads/repos/octo/data/releases/${data.id}/assets{?name,label}`);
    draftId = data.id;
    uploadUrl = data.upload_url;
    expect((await github.rest.repos.listReleases({ ...target })).data.map((r) => r.id)).toEqual([draftId]);
    expect(await (await fetch(`${gh.url}/repos/octo/data/releases`)).json()).toEqual([]);
    await expect(github.rest.repos.getLatestRelease({ ...target })).rejects.toMatchObject({ status: 404 });
    await expect(github.rest.repos.getReleaseByTag({ ...target, tag: 'v2024.03.05' })).rejects.toMatchObject({ status: 404 });
    expect((await github.rest.git.listMatchingRefs({ ...target, ref: 'tags/v' })).data).toEqual([]);
  });

  it('stores uploads byte for byte with a sha256 digest, refuses a second asset of the same name, downloads by redirect', async () => {
    const { data: asset, status } = await upload(draftId, uploadUrl, 'data.bin', bytes);
    expect(status).toBe(201);
    expect(asset).toMatchObject({ name: 'data.bin', state: 'uploaded', size: bytes.length, content_type: 'application/octet-stream' });
    expect(asset.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    await expect(upload(draftId, uploadUrl, 'data.bin', bytes)).rejects.toMatchObject({ status: 422 });
    expect(await download(asset.id)).toEqual(bytes);
    expect((await github.rest.repos.listReleaseAssets({ ...target, release_id: draftId })).data.map((a) => a.name)).toEqual(['data.bin']);
  });

  it('a broken upload leaves a truncated asset in state "open"; the retry then meets "already_exists"', async () => {
    breakUploads(gh, 'octo/data', 'half.bin');
    await expect(upload(draftId, uploadUrl, 'half.bin', bytes)).rejects.toMatchObject({ status: 422 });
    const half = (await github.rest.repos.listReleaseAssets({ ...target, release_id: draftId })).data.find((a) => a.name === 'half.bin')!;
    expect(half).toMatchObject({ state: 'open', size: bytes.length / 2, digest: null });
    await github.rest.repos.deleteReleaseAsset({ ...target, asset_id: half.id });
    expect((await upload(draftId, uploadUrl, 'half.bin', bytes)).data.state).toBe('uploaded');
  });

  it('publishing creates the tag at the target commit, makes it latest and serves the web download URLs', async () => {
    const { data } = await github.rest.repos.updateRelease({ ...target, release_id: draftId, draft: false, make_latest: 'true' });
    expect(data).toMatchObject({ draft: false, published_at: gh.now, html_url: 'https://github.com/octo/data/releases/tag/v2024.03.05' });
    expect((await github.rest.repos.getLatestRelease({ ...target })).data.id).toBe(draftId);
    expect((await github.rest.repos.getReleaseByTag({ ...target, tag: 'v2024.03.05' })).data.id).toBe(draftId);
    expect((await github.rest.git.listMatchingRefs({ ...target, ref: 'tags/v2024' })).data).toEqual([expect.objectContaining({ ref: 'refs/tags/v2024.03.05', object: expect.objectContaining({ sha: 'a'.repeat(40) }) })]);
    const web = await fetch(`${gh.url}/octo/data/releases/latest/download/data.bin`);
    expect(web.status).toBe(200);
    expect(Buffer.from(await web.arrayBuffer())).toEqual(bytes);
    expect((await fetch(`${gh.url}/octo/data/releases/latest/download/missing.bin`)).status).toBe(404);
  });

  it('refuses to publish a second release with a tag in use; deleting a release keeps its tag', async () => {
    const { data: other } = await github.rest.repos.createRelease({ ...target, tag_name: 'v2024.03.05', draft: true });
    await expect(github.rest.repos.updateRelease({ ...target, release_id: other.id, draft: false })).rejects.toMatchObject({ status: 422 });
    await github.rest.repos.deleteRelease({ ...target, release_id: other.id });
    await github.rest.repos.deleteRelease({ ...target, release_id: draftId });
    expect((await github.rest.repos.listReleases({ ...target })).data).toEqual([]);
    expect((await github.rest.git.listMatchingRefs({ ...target, ref: 'tags/v' })).data).toHaveLength(1);
  });
});
