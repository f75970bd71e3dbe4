// Deciding what to do on GitHub: which existing release is ours (same source commit), which one the
// changes are measured against, and the actions that bring ours to the wanted state. Pure: the
// executor (github-releases.ts) reads the state, asks here, and performs exactly what comes back.
import { DATA_GZ_NAME } from '../bundle/index.ts';
import type { ReleaseFile } from './assets.ts';
import { parseMarker, type ReleaseMarker } from './notes.ts';
import { compareVersions, nextVersion, parseTag } from './version.ts';

export interface AssetState {
  id: number;
  name: string;
  size: number;
  /** GitHub's: "uploaded" when complete; "open" (or another) when an upload broke off. */
  state: string;
  /** The asset's verified sha256 (GitHub's digest, or hashed after a download); null when unknown. */
  sha256: string | null;
}

export interface ReleaseState {
  id: number;
  tag: string;
  name: string | null;
  body: string;
  draft: boolean;
  prerelease: boolean;
  targetCommitish: string;
  htmlUrl: string;
  /** Where assets are uploaded: GitHub's URI template, e.g. https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}. */
  uploadUrl: string;
  assets: AssetState[];
}

export interface Located {
  /** The release of this commit, draft or published, if a run made one. */
  ours?: ReleaseState;
  /** The release the changes are measured against: undefined for the first release. */
  previous?: ReleaseState;
  /** Drafts a failed run left for older data, or duplicates of ours: deleted, never published. */
  staleDrafts: ReleaseState[];
  /** Why this run must not release (a newer release or draft exists), if it must not. */
  refusal?: string;
}

export const markerOf = (r: ReleaseState): ReleaseMarker | undefined => parseMarker(r.body);

// Only the marker counts: a release someone made by hand at the same commit is never ours to change.
const isOurs = (r: ReleaseState, commit: string) => markerOf(r)?.source_commit === commit;
const hasBundle = (r: ReleaseState) => r.assets.some((a) => a.name === DATA_GZ_NAME && a.state === 'uploaded');

/** Newest first by calendar version; releases with other tags after, in the order given. */
function byVersionDesc(a: ReleaseState, b: ReleaseState): number {
  const va = parseTag(a.tag);
  const vb = parseTag(b.tag);
  if (va && vb) return compareVersions(vb, va);
  return va ? -1 : vb ? 1 : 0;
}

/**
 * Finds ours, the previous release and stale drafts among all releases (drafts included), for data
 * of `commit` committed at `dataVersion`. `latestId` is the release GitHub calls latest.
 */
export function locate(releases: readonly ReleaseState[], latestId: number | undefined, commit: string, dataVersion: string | null): Located {
  // Published first, then the oldest draft: two racing runs converge on one release.
  const mine = releases.filter((r) => isOurs(r, commit)).sort((a, b) => Number(a.draft) - Number(b.draft) || a.id - b.id);
  const [ours, ...duplicates] = mine;
  const staleDrafts = duplicates.filter((r) => r.draft);
  let refusal: string | undefined;
  for (const r of releases) {
    const marker = markerOf(r);
    if (!marker || mine.includes(r)) continue; // not made by this tool: never touched
    const newer = dataVersion !== null && marker.data_version !== null && marker.data_version > dataVersion;
    if (newer) refusal ??= `${r.draft ? 'draft' : 'release'} ${r.tag} holds newer data (committed ${marker.data_version}) than this run's (${dataVersion})`;
    else if (r.draft) staleDrafts.push(r);
  }
  const candidates = releases.filter((r) => !r.draft && !r.prerelease && r !== ours && hasBundle(r));
  let previous: ReleaseState | undefined;
  const oursVersion = ours && parseTag(ours.tag);
  if (oursVersion) {
    // A release of ours exists (a re-run): measure against the release before it, never a later one.
    previous = candidates.filter((r) => parseTag(r.tag) && compareVersions(parseTag(r.tag)!, oursVersion) < 0).sort(byVersionDesc)[0];
  } else {
    previous = candidates.find((r) => r.id === latestId) ?? [...candidates].sort(byVersionDesc)[0];
  }
  return { ours, previous, staleDrafts: staleDrafts.sort((a, b) => a.id - b.id), refusal };
}

/** The tag a new release takes: the data's day, numbered after every tag in use (releases and git tags). */
export function chooseTag(day: string, releases: readonly ReleaseState[], staleDrafts: readonly ReleaseState[], gitTags: readonly string[]): string {
  const taken = releases.filter((r) => !staleDrafts.includes(r)).map((r) => r.tag);
  return nextVersion(day, [...taken, ...gitTags]);
}

export interface WantedRelease {
  tag: string;
  name: string;
  body: string;
  commit: string;
  files: ReleaseFile[];
}

export type Action =
  | { kind: 'delete-release'; id: number; tag: string; reason: string }
  | { kind: 'create-draft'; tag: string; name: string; body: string; commit: string }
  | { kind: 'update-draft'; id: number; name: string; body: string }
  | { kind: 'delete-asset'; id: number; name: string; reason: string }
  | { kind: 'upload-asset'; releaseId: number; file: ReleaseFile }
  | { kind: 'publish'; id: number; tag: string };

/** Text as GitHub may give it back (line endings, trailing space): a difference there is no reason to edit. */
const sameText = (text: string) => text.replace(/\r\n?/g, '\n').trimEnd();

/** Why an existing asset cannot stay, or undefined when it is exactly the wanted file. */
export function assetProblem(asset: AssetState, wanted: ReleaseFile | undefined): string | undefined {
  if (!wanted) return 'not a file of this release';
  if (asset.state !== 'uploaded') return `its upload did not complete (state "${asset.state}")`;
  if (asset.size !== wanted.size) return `${asset.size} bytes, expected ${wanted.size}`;
  if (asset.sha256 === null) return 'its sha256 could not be checked';
  if (asset.sha256 !== wanted.sha256) return `sha256 ${asset.sha256}, expected ${wanted.sha256}`;
  return undefined;
}

/**
 * The next actions towards `wanted`, given the current state of ours. An empty list means done: a
 * published release whose assets are all exactly the wanted files. A draft is published only when
 * the state read back shows every asset present and verified, and nothing else is left to do.
 */
export function planActions(wanted: WantedRelease, ours: ReleaseState | undefined, staleDrafts: readonly ReleaseState[] = []): Action[] {
  const actions: Action[] = staleDrafts.map((r) => ({ kind: 'delete-release', id: r.id, tag: r.tag, reason: 'a draft left by an earlier run for other data' }));
  if (!ours) {
    actions.push({ kind: 'create-draft', tag: wanted.tag, name: wanted.name, body: wanted.body, commit: wanted.commit });
    return actions;
  }
  const byName = new Map(wanted.files.map((f) => [f.name, f]));
  const good = new Set<string>();
  for (const asset of ours.assets) {
    const problem = assetProblem(asset, byName.get(asset.name));
    if (problem || good.has(asset.name)) actions.push({ kind: 'delete-asset', id: asset.id, name: asset.name, reason: problem ?? 'a second copy' });
    else good.add(asset.name);
  }
  for (const file of wanted.files) if (!good.has(file.name)) actions.push({ kind: 'upload-asset', releaseId: ours.id, file });
  if (ours.draft && (sameText(ours.body) !== sameText(wanted.body) || ours.name !== wanted.name)) actions.push({ kind: 'update-draft', id: ours.id, name: wanted.name, body: wanted.body });
  if (ours.draft && actions.length === 0) actions.push({ kind: 'publish', id: ours.id, tag: ours.tag });
  return actions;
}
