// The fake GitHub's releases: list, get (by id, by tag, latest), create, update (publish), delete,
// assets (list, upload on the uploads URL, download by redirect, delete), git tag refs, and the web
// download URLs (releases/download/<tag>/<name>, releases/latest/download/<name>), with GitHub's
// REST shapes and rules: drafts are invisible without a token and have no tag until published,
// an asset name is unique per release, an upload that breaks off can leave an asset in state "open".
import { createHash } from 'node:crypto';
import type { components } from '@octokit/openapi-types';
import { notFound, page, unprocessable, UPLOADS_PREFIX, type FakeGitHub, type FakeRequest, type FakeResponse } from './fake-github.ts';

export type Release = components['schemas']['release'];
export type ReleaseAsset = components['schemas']['release-asset'];

export interface RepoReleases {
  list: Release[];
  /** Asset bytes by asset id. */
  bytes: Map<number, Buffer>;
  /** Git tags: name -> commit sha (publishing a release creates its tag; deleting the release keeps it, as on GitHub). */
  tags: Map<string, string>;
  /** The release GitHub calls latest (set on publish unless make_latest is "false"). */
  latestId?: number;
  /** Uploads to break: asset name -> how many more uploads of that name store a truncated "open" asset and answer 502. */
  brokenUploads: Map<string, number>;
  /** false: assets carry `digest: null`, as older assets and some servers do. */
  digests: boolean;
}

export function emptyReleases(): RepoReleases {
  return { list: [], bytes: new Map(), tags: new Map(), brokenUploads: new Map(), digests: true };
}

/** The next `times` uploads of asset `name` to `fullName` break off half-way (a truncated asset in state "open", then 502). */
export function breakUploads(gh: FakeGitHub, fullName: string, name: string, times = 1): void {
  gh.repo(fullName).releases.brokenUploads.set(name, times);
}

const forbidden = (message: string): FakeResponse => ({ status: 403, body: { message, documentation_url: 'https://docs.github.com/rest', status: '403' } });
const alreadyExists = (resource: string, field: string) => unprocessable('Validation Failed', [{ resource, code: 'already_exists', field }]);

export function registerReleaseRoutes(gh: FakeGitHub): void {
  const full = (r: FakeRequest) => `${r.params.owner}/${r.params.repo}`;
  const known = (r: FakeRequest) => gh.repos.get(full(r).toLowerCase());
  const releasesOf = (r: FakeRequest) => known(r)?.releases;
  const api = (r: FakeRequest) => `${gh.url}/repos/${full(r)}`;
  /** Drafts are seen only by users with push access: here, any authenticated request. */
  const visible = (r: FakeRequest, release: Release) => !release.draft || r.user !== undefined;
  const byId = (r: FakeRequest, id: string) => {
    const release = releasesOf(r)?.list.find((x) => x.id === Number(id));
    return release && visible(r, release) ? release : undefined;
  };
  const findAsset = (r: FakeRequest) => {
    for (const release of releasesOf(r)?.list ?? []) {
      const asset = release.assets.find((a) => a.id === Number(r.params.asset_id));
      if (asset && visible(r, release)) return { release, asset };
    }
    return undefined;
  };
  const downloadBase = (r: FakeRequest, release: Release) =>
    `${gh.url}/${full(r)}/releases/download/${release.draft ? `untagged-${createHash('sha1').update(String(release.id)).digest('hex').slice(0, 20)}` : release.tag_name}`;
  /** URLs that depend on being a draft or not. */
  const refresh = (r: FakeRequest, release: Release) => {
    release.html_url = `https://github.com/${full(r)}/releases/tag/${release.draft ? downloadBase(r, release).split('/').pop() : release.tag_name}`;
    for (const a of release.assets) a.browser_download_url = `${downloadBase(r, release)}/${encodeURIComponent(a.name)}`;
  };
  const publishedWithTag = (state: RepoReleases, tag: string, except?: number) => state.list.find((x) => !x.draft && x.tag_name === tag && x.id !== except);
  /** What publishing does beyond the flag: the tag (at target_commitish) and the latest marker. */
  const published = (state: RepoReleases, release: Release, makeLatest: unknown) => {
    release.published_at = gh.now;
    if (!state.tags.has(release.tag_name)) state.tags.set(release.tag_name, release.target_commitish);
    if (makeLatest !== 'false' && !release.prerelease) state.latestId = release.id;
  };
  const latest = (state: RepoReleases) => {
    const flagged = state.list.find((x) => x.id === state.latestId && !x.draft && !x.prerelease);
    return flagged ?? state.list.filter((x) => !x.draft && !x.prerelease).sort((a, b) => b.id - a.id)[0];
  };
  const badText = (value: unknown) => value !== undefined && value !== null && typeof value !== 'string';

  gh.route('GET', '/repos/{owner}/{repo}/releases', (r) => {
    // Newest first, as GitHub lists them.
    const list = (releasesOf(r)?.list ?? []).filter((x) => visible(r, x)).sort((a, b) => b.id - a.id);
    return known(r) ? page(r, gh, list) : notFound();
  });

  gh.route('POST', '/repos/{owner}/{repo}/releases', (r) => {
    const state = releasesOf(r);
    if (!state) return notFound();
    const input = r.body ?? {};
    if (typeof input.tag_name !== 'string' || input.tag_name === '') return unprocessable('Validation Failed', [{ resource: 'Release', code: 'missing_field', field: 'tag_name' }]);
    if (badText(input.name) || badText(input.body) || badText(input.target_commitish)) return unprocessable('Invalid request.');
    if (typeof input.body === 'string' && input.body.length > 125_000) return unprocessable('Validation Failed', [{ resource: 'Release', code: 'custom', field: 'body', message: 'body is too long (maximum is 125000 characters)' }]);
    const draft = input.draft === true;
    if (!draft && publishedWithTag(state, input.tag_name)) return alreadyExists('Release', 'tag_name');
    const id = gh.id();
    const release: Release = {
      url: `${api(r)}/releases/${id}`,
      html_url: '',
      assets_url: `${api(r)}/releases/${id}/assets`,
      upload_url: `${gh.url}${UPLOADS_PREFIX}repos/${full(r)}/releases/${id}/assets{?name,label}`,
      tarball_url: `${api(r)}/tarball/${input.tag_name}`,
      zipball_url: `${api(r)}/zipball/${input.tag_name}`,
      id,
      node_id: `RE_${id}`,
      tag_name: input.tag_name,
      target_commitish: input.target_commitish ?? 'main',
      name: input.name ?? null,
      body: input.body ?? null,
      draft,
      prerelease: input.prerelease === true,
      created_at: gh.now,
      published_at: null,
      author: r.user!,
      assets: [],
    };
    if (!draft) published(state, release, input.make_latest);
    refresh(r, release);
    state.list.push(release);
    return { status: 201, body: release };
  });

  gh.route('GET', '/repos/{owner}/{repo}/releases/{release_id}', (r) => {
    const release = byId(r, r.params.release_id);
    return release ? { status: 200, body: release } : notFound();
  });
  // Registered after the {release_id} route, so these win for their literal paths.
  gh.route('GET', '/repos/{owner}/{repo}/releases/latest', (r) => {
    const release = releasesOf(r) && latest(releasesOf(r)!);
    return release ? { status: 200, body: release } : notFound();
  });
  gh.route('GET', '/repos/{owner}/{repo}/releases/tags/{tag}', (r) => {
    // Only published releases have a tag.
    const release = releasesOf(r)?.list.find((x) => !x.draft && x.tag_name === r.params.tag);
    return release ? { status: 200, body: release } : notFound();
  });

  gh.route('PATCH', '/repos/{owner}/{repo}/releases/{release_id}', (r) => {
    const state = releasesOf(r);
    const release = byId(r, r.params.release_id);
    if (!state || !release) return notFound();
    const input = r.body ?? {};
    if (badText(input.name) || badText(input.body) || badText(input.tag_name) || badText(input.target_commitish)) return unprocessable('Invalid request.');
    if (input.tag_name === '') return unprocessable('Validation Failed', [{ resource: 'Release', code: 'missing_field', field: 'tag_name' }]);
    const tag = input.tag_name ?? release.tag_name;
    const draft = input.draft === undefined ? release.draft : input.draft === true;
    if (!draft && publishedWithTag(state, tag, release.id)) return alreadyExists('Release', 'tag_name');
    const publishing = release.draft && !draft;
    Object.assign(release, {
      tag_name: tag,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.target_commitish !== undefined ? { target_commitish: input.target_commitish } : {}),
      ...(input.prerelease !== undefined ? { prerelease: input.prerelease === true } : {}),
      draft,
      updated_at: gh.now,
    });
    if (publishing) published(state, release, input.make_latest);
    else if (!draft && input.make_latest === 'true' && !release.prerelease) state.latestId = release.id;
    refresh(r, release);
    return { status: 200, body: release };
  });

  gh.route('DELETE', '/repos/{owner}/{repo}/releases/{release_id}', (r) => {
    const state = releasesOf(r);
    const release = byId(r, r.params.release_id);
    if (!state || !release) return notFound();
    state.list.splice(state.list.indexOf(release), 1);
    for (const a of release.assets) state.bytes.delete(a.id);
    if (state.latestId === release.id) state.latestId = undefined;
    return { status: 204 };
  });

  gh.route('GET', '/repos/{owner}/{repo}/releases/{release_id}/assets', (r) => {
    const release = byId(r, r.params.release_id);
    return release ? page(r, gh, release.assets) : notFound();
  });

  gh.route('POST', `${UPLOADS_PREFIX}repos/{owner}/{repo}/releases/{release_id}/assets`, (r) => {
    const state = releasesOf(r);
    const release = byId(r, r.params.release_id);
    if (!state || !release) return notFound();
    const name = r.query.get('name');
    if (!name) return unprocessable('Validation Failed', [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'name' }]);
    const type = r.headers['content-type'];
    if (!type) return unprocessable('Validation Failed', [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'content_type' }]);
    if (release.assets.some((a) => a.name === name)) return alreadyExists('ReleaseAsset', 'name');
    const broken = state.brokenUploads.get(name) ?? 0;
    const bytes = broken > 0 ? r.raw.subarray(0, Math.floor(r.raw.length / 2)) : r.raw;
    const id = gh.id();
    const asset: ReleaseAsset = {
      url: `${api(r)}/releases/assets/${id}`,
      browser_download_url: '',
      id,
      node_id: `RA_${id}`,
      name,
      label: r.query.get('label') ?? '',
      state: broken > 0 ? 'open' : 'uploaded',
      content_type: String(type),
      size: bytes.length,
      digest: state.digests && broken === 0 ? `sha256:${createHash('sha256').update(bytes).digest('hex')}` : null,
      download_count: 0,
      created_at: gh.now,
      updated_at: gh.now,
      uploader: r.user ?? null,
    };
    release.assets.push(asset);
    state.bytes.set(id, Buffer.from(bytes));
    refresh(r, release);
    if (broken > 0) {
      state.brokenUploads.set(name, broken - 1);
      return { status: 502, body: { message: 'Server Error' } };
    }
    return { status: 201, body: asset };
  });

  gh.route('GET', '/repos/{owner}/{repo}/releases/assets/{asset_id}', (r) => {
    const found = findAsset(r);
    if (!found) return notFound();
    // With Accept: application/octet-stream GitHub redirects to the file's storage; otherwise the asset's JSON.
    if (String(r.headers.accept ?? '').includes('application/octet-stream')) {
      return { status: 302, headers: { location: `${gh.url}/_storage/${full(r)}/assets/${found.asset.id}` } };
    }
    return { status: 200, body: found.asset };
  });

  gh.route('DELETE', '/repos/{owner}/{repo}/releases/assets/{asset_id}', (r) => {
    const found = findAsset(r);
    if (!found) return notFound();
    if (!r.user) return forbidden('Must have admin rights to Repository.');
    found.release.assets.splice(found.release.assets.indexOf(found.asset), 1);
    releasesOf(r)!.bytes.delete(found.asset.id);
    return { status: 204 };
  });

  // The storage a download redirects to (objects.githubusercontent.com on github.com).
  gh.route('GET', '/_storage/{owner}/{repo}/assets/{asset_id}', (r) => {
    const bytes = releasesOf(r)?.bytes.get(Number(r.params.asset_id));
    if (!bytes) return notFound();
    const asset = releasesOf(r)!.list.flatMap((x) => x.assets).find((a) => a.id === Number(r.params.asset_id));
    if (asset) asset.download_count++;
    return { status: 200, body: bytes };
  });

  // The web's download URLs, as consumers use them without a token.
  gh.route('GET', '/{owner}/{repo}/releases/download/{tag}/{name}', (r) => {
    const release = releasesOf(r)?.list.find((x) => !x.draft && x.tag_name === r.params.tag);
    const asset = release?.assets.find((a) => a.name === r.params.name && a.state === 'uploaded');
    return asset ? { status: 302, headers: { location: `${gh.url}/_storage/${full(r)}/assets/${asset.id}` } } : { status: 404, body: 'Not Found' };
  });
  gh.route('GET', '/{owner}/{repo}/releases/latest/download/{name}', (r) => {
    const release = releasesOf(r) && latest(releasesOf(r)!);
    if (!release) return { status: 404, body: 'Not Found' };
    return { status: 302, headers: { location: `${gh.url}/${full(r)}/releases/download/${release.tag_name}/${encodeURIComponent(r.params.name)}` } };
  });

  // Octokit sends the ref's slash encoded (one path segment); other clients send it plain.
  const matchingTags = (r: FakeRequest, prefix: string) => {
    const state = releasesOf(r);
    if (!state) return notFound();
    const refs = [...state.tags]
      .filter(([name]) => name.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, sha]) => ({
        ref: `refs/tags/${name}`,
        node_id: `REF_${name}`,
        url: `${api(r)}/git/refs/tags/${name}`,
        object: { sha, type: 'commit', url: `${api(r)}/git/commits/${sha}` },
      }));
    return page(r, gh, refs);
  };
  gh.route('GET', '/repos/{owner}/{repo}/git/matching-refs/{ref}', (r) => (r.params.ref.startsWith('tags/') ? matchingTags(r, r.params.ref.slice(5)) : page(r, gh, [])));
  gh.route('GET', '/repos/{owner}/{repo}/git/matching-refs/tags/{prefix}', (r) => matchingTags(r, r.params.prefix));
}
