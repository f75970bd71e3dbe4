// The thin I/O half of a release: reads releases, tags and assets through the GitHub REST API, and
// performs the actions plan.ts decided. The only module of tools/release that calls GitHub.
import type { components } from '@octokit/openapi-types';
import type { GitHub } from '../github/octokit.ts';
import { sha256Hex } from './assets.ts';
import type { Action, AssetState, ReleaseState } from './plan.ts';

export interface Target {
  owner: string;
  repo: string;
}

type ApiRelease = components['schemas']['release'];
type ApiAsset = components['schemas']['release-asset'];

/** GitHub's digest ("sha256:<hex>") as plain hex; null when GitHub did not compute one (older assets, some servers). */
function digestHex(asset: Pick<ApiAsset, 'digest'>): string | null {
  const match = /^sha256:([0-9a-f]{64})$/.exec(asset.digest ?? '');
  return match ? match[1] : null;
}

function assetState(asset: ApiAsset): AssetState {
  return { id: asset.id, name: asset.name, size: asset.size, state: asset.state, sha256: digestHex(asset) };
}

function releaseState(r: ApiRelease): ReleaseState {
  return {
    id: r.id,
    tag: r.tag_name,
    name: r.name,
    body: r.body ?? '',
    draft: r.draft,
    prerelease: r.prerelease,
    targetCommitish: r.target_commitish,
    htmlUrl: r.html_url,
    uploadUrl: r.upload_url,
    assets: r.assets.map(assetState),
  };
}

const status = (error: unknown) => (error as { status?: number }).status;

/** Every release, drafts included (the token needs push access to see drafts). */
export async function readReleases(github: GitHub, target: Target): Promise<ReleaseState[]> {
  const releases = await github.paginate(github.rest.repos.listReleases, { ...target, per_page: 100 });
  return releases.map(releaseState);
}

/** The id of the release GitHub calls latest, or undefined when there is none. */
export async function latestReleaseId(github: GitHub, target: Target): Promise<number | undefined> {
  try {
    return (await github.rest.repos.getLatestRelease({ ...target })).data.id;
  } catch (error) {
    if (status(error) === 404) return undefined;
    throw error;
  }
}

/** Tag names in git starting with `prefix` (a tag pushed by hand, without a release, still takes its name). */
export async function gitTags(github: GitHub, target: Target, prefix = 'v'): Promise<string[]> {
  const refs = await github.paginate(github.rest.git.listMatchingRefs, { ...target, ref: `tags/${prefix}`, per_page: 100 });
  return refs.map((r) => r.ref.replace(/^refs\/tags\//, ''));
}

/** An asset's bytes, through the API (works for drafts too): GitHub answers with a redirect to the file. */
export async function downloadAsset(github: GitHub, target: Target, assetId: number): Promise<Buffer> {
  const response = await github.rest.repos.getReleaseAsset({ ...target, asset_id: assetId, headers: { accept: 'application/octet-stream' } });
  const data = response.data as unknown;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  throw new Error(`asset ${assetId}: expected bytes, got ${typeof data}`);
}

/**
 * Fills in the sha256 of uploaded assets GitHub gave no digest for, by downloading them: a release
 * is published only after every asset is checked.
 */
export async function withVerifiedAssets(github: GitHub, target: Target, release: ReleaseState): Promise<ReleaseState> {
  const assets: AssetState[] = [];
  for (const asset of release.assets) {
    if (asset.sha256 !== null || asset.state !== 'uploaded') assets.push(asset);
    else assets.push({ ...asset, sha256: sha256Hex(await downloadAsset(github, target, asset.id)) });
  }
  return { ...release, assets };
}

/** Performs one action; returns a line saying what was done. Errors propagate: a re-run picks up where this stopped. */
export async function executeAction(github: GitHub, target: Target, action: Action, releases: ReadonlyMap<number, ReleaseState>): Promise<string> {
  switch (action.kind) {
    case 'delete-release':
      await github.rest.repos.deleteRelease({ ...target, release_id: action.id });
      return `deleted draft ${action.tag} (${action.reason})`;
    case 'create-draft': {
      const { data } = await github.rest.repos.createRelease({
        ...target,
        tag_name: action.tag,
        target_commitish: action.commit,
        name: action.name,
        body: action.body,
        draft: true,
        prerelease: false,
      });
      return `created draft ${data.tag_name} for commit ${action.commit.slice(0, 12)}`;
    }
    case 'update-draft':
      await github.rest.repos.updateRelease({ ...target, release_id: action.id, name: action.name, body: action.body });
      return `updated the notes of draft ${action.name}`;
    case 'delete-asset':
      await github.rest.repos.deleteReleaseAsset({ ...target, asset_id: action.id });
      return `deleted asset ${action.name} (${action.reason})`;
    case 'upload-asset': {
      const release = releases.get(action.releaseId);
      if (!release) throw new Error(`release ${action.releaseId} is not known`);
      const { file } = action;
      await github.rest.repos.uploadReleaseAsset({
        ...target,
        release_id: action.releaseId,
        // The upload URL comes from the release itself (uploads.github.com, or a server's own).
        url: release.uploadUrl,
        name: file.name,
        // Octokit sends a Buffer as is; its types only know strings.
        data: file.bytes as unknown as string,
        headers: { 'content-type': file.contentType, 'content-length': file.size },
      });
      return `uploaded ${file.name} (${file.size} bytes, sha256 ${file.sha256.slice(0, 12)}…)`;
    }
    case 'publish': {
      const { data } = await github.rest.repos.updateRelease({ ...target, release_id: action.id, draft: false, make_latest: 'true' });
      return `published ${data.tag_name}: ${data.html_url}`;
    }
  }
}
