// `pwc release`: publishes the bundle in --dist as a GitHub release. Reads the state, decides
// (plan.ts), acts (github-releases.ts), reads again, until the release is published and verified.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  BUNDLE_SCHEMA_VERSION,
  BundleVerifyError,
  DATA_GZ_NAME,
  ENTITY_KINDS,
  MANIFEST_NAME,
  manifestProblems,
  parseBundleData,
  verifyBundleDir,
  type Manifest,
} from '../bundle/index.ts';
import type { GitHub } from '../github/octokit.ts';
import { BUNDLE_ASSETS, releaseFiles, sha256Hex, type ReleaseFile } from './assets.ts';
import type { Changes } from './changes-schema.ts';
import { diffBundles, hasChanges, type Collections, type ReleasedBundle } from './changes.ts';
import { downloadAsset, executeAction, gitTags, latestReleaseId, readReleases, withVerifiedAssets, type Target } from './github-releases.ts';
import { parseMarker, renderNotes } from './notes.ts';
import { chooseTag, locate, planActions, type Action, type ReleaseState, type WantedRelease } from './plan.ts';
import { releaseDay } from './version.ts';

/** Something that stops a release and that a person must look at (exit 1, not a crash). */
export class ReleaseError extends Error {}

export const NOTES_NAME = 'release-notes.md';
/** Read, act, read again: create, then assets, then publish, then the check that all is done. */
const MAX_ROUNDS = 6;

export interface ReleaseOptions {
  github: GitHub;
  target: Target;
  /** The folder `pwc bundle --out` wrote; changes.json, SHA256SUMS and the notes are written next to the bundle. */
  dist: string;
  /** The release day (YYYY-MM-DD) instead of the source commit's date. */
  date?: string;
  /** Decide and write the files, but change nothing on GitHub. */
  dryRun?: boolean;
  log?: (line: string) => void;
}

export interface ReleaseOutcome {
  status: 'released' | 'already-released' | 'no-changes' | 'refused' | 'dry-run';
  tag?: string;
  url?: string;
  changes?: Changes;
  /** What was done, or (dry run) what would be done. */
  steps: string[];
  message: string;
}

interface NewBundle {
  manifest: Manifest;
  data: Collections;
  files: Map<string, Buffer>;
  commit: string;
}

/** The bundle in --dist, verified against its manifest; it must come from a clean commit. */
export async function readDist(dist: string): Promise<NewBundle> {
  let verified;
  try {
    verified = await verifyBundleDir(dist, BUNDLE_ASSETS.filter((n) => n !== MANIFEST_NAME));
  } catch (error) {
    if (error instanceof BundleVerifyError) throw new ReleaseError(`the bundle in ${dist} does not verify; rebuild it with "pwc bundle --out ${dist}":\n${error.problems.map((p) => `  - ${p}`).join('\n')}`);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ReleaseError(`${dist} holds no bundle (no ${MANIFEST_NAME}); write one with "pwc bundle --out ${dist}"`);
    throw error;
  }
  const { manifest, data } = verified;
  if (!data.meta.source_commit) throw new ReleaseError(`the bundle in ${dist} was not built from a git commit (meta.source_commit is null); releases name their commit`);
  if (data.meta.source_dirty) throw new ReleaseError(`the bundle in ${dist} was built from uncommitted data (meta.source_dirty); build it from a clean checkout`);
  const files = new Map<string, Buffer>();
  for (const name of [...BUNDLE_ASSETS]) files.set(name, await readFile(join(dist, name)));
  return { manifest, data: data as unknown as Collections, files, commit: data.meta.source_commit };
}

/**
 * A previous release's pwc-data.json.gz. One of the current schema version must conform to it;
 * one of another version (a release before a breaking change, or before a minor one: its
 * `schema_version` differs, so it cannot conform to this schema) is read for its ids and fields only.
 */
export function readPreviousData(bytes: Buffer, release: string): Collections {
  try {
    return parseBundleData(bytes) as unknown as Collections;
  } catch (error) {
    if (!(error instanceof BundleVerifyError)) throw error;
    let value: any;
    try {
      value = JSON.parse(gunzipSync(bytes).toString('utf8'));
    } catch {
      throw new ReleaseError(`${DATA_GZ_NAME} of release ${release} is not gzipped JSON; delete or fix that release`);
    }
    const version = String(value?.meta?.schema_version ?? '');
    // A collection that major did not have yet (sources before 2.0) holds nothing.
    const wellFormed = ENTITY_KINDS.every((k) => value?.[k] === undefined || (Array.isArray(value[k]) && value[k].every((e: any) => typeof e?.id === 'string')));
    if (version === BUNDLE_SCHEMA_VERSION || !wellFormed) {
      throw new ReleaseError(`${DATA_GZ_NAME} of release ${release} does not conform to its schema; delete or fix that release:\n${error.problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    for (const k of ENTITY_KINDS) value[k] ??= [];
    return value as Collections;
  }
}

/** The previous release's bundle, checked against GitHub's digest and its own manifest.json. */
async function fetchPrevious(github: GitHub, target: Target, release: ReleaseState): Promise<ReleasedBundle> {
  const asset = release.assets.find((a) => a.name === DATA_GZ_NAME)!;
  const bytes = await downloadAsset(github, target, asset.id);
  const sha = sha256Hex(bytes);
  if (bytes.length !== asset.size || (asset.sha256 !== null && asset.sha256 !== sha)) {
    throw new ReleaseError(`the download of ${DATA_GZ_NAME} of release ${release.tag} does not match the asset (${bytes.length} bytes, sha256 ${sha}); try again`);
  }
  let contentSha256: string | null = null;
  const manifestAsset = release.assets.find((a) => a.name === MANIFEST_NAME && a.state === 'uploaded');
  if (manifestAsset) {
    let manifest: unknown;
    try {
      manifest = JSON.parse((await downloadAsset(github, target, manifestAsset.id)).toString('utf8'));
    } catch {
      manifest = undefined;
    }
    const listed = manifestProblems(manifest).length === 0 ? (manifest as Manifest).files.find((f) => f.name === DATA_GZ_NAME) : undefined;
    if (listed && (listed.size !== bytes.length || listed.sha256 !== sha)) {
      throw new ReleaseError(`${DATA_GZ_NAME} of release ${release.tag} does not match that release's ${MANIFEST_NAME}; delete or fix that release`);
    }
    if (listed) contentSha256 = (manifest as Manifest).content_sha256;
  }
  return { release: release.tag, data: readPreviousData(bytes, release.tag), contentSha256 };
}

async function writeAtomically(path: string, bytes: Buffer | string): Promise<void> {
  const temporary = `${path}.partial-${process.pid}`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

export function describeAction(action: Action): string {
  switch (action.kind) {
    case 'delete-release':
      return `delete draft ${action.tag} (${action.reason})`;
    case 'create-draft':
      return `create draft ${action.tag} for commit ${action.commit.slice(0, 12)}`;
    case 'update-draft':
      return `update the notes of draft ${action.name}`;
    case 'delete-asset':
      return `delete asset ${action.name} (${action.reason})`;
    case 'upload-asset':
      return `upload ${action.file.name} (${action.file.size} bytes)`;
    case 'publish':
      return `publish ${action.tag}`;
  }
}

export async function runRelease(options: ReleaseOptions): Promise<ReleaseOutcome> {
  const { github, target, dist } = options;
  const log = options.log ?? (() => {});
  const steps: string[] = [];
  const bundle = await readDist(dist);
  const dataVersion = bundle.data.meta.data_version;
  const day = releaseDay(dataVersion, options.date);
  if (!day) throw new ReleaseError(options.date ? `--date must be a calendar day YYYY-MM-DD, got ${JSON.stringify(options.date)}` : 'the bundle has no data_version; give the release day with --date YYYY-MM-DD');

  const releases = await readReleases(github, target);
  const located = locate(releases, await latestReleaseId(github, target), bundle.commit, dataVersion);
  const { ours, previous, staleDrafts } = located;
  if (located.refusal && (!ours || ours.draft)) {
    return { status: 'refused', steps, message: `not releasing commit ${bundle.commit.slice(0, 12)}: ${located.refusal}` };
  }
  const before = previous ? await fetchPrevious(github, target, previous) : null;
  const beforeVersion = before?.data.meta.data_version ?? null;
  if ((!ours || ours.draft) && beforeVersion !== null && dataVersion !== null && beforeVersion > dataVersion) {
    return { status: 'refused', steps, message: `not releasing commit ${bundle.commit.slice(0, 12)}: release ${before!.release} holds newer data (committed ${beforeVersion})` };
  }
  const tag = ours?.tag ?? chooseTag(day, releases, staleDrafts, await gitTags(github, target));
  const changes = diffBundles(before, { release: tag, data: bundle.data, contentSha256: bundle.manifest.content_sha256 });

  if (!hasChanges(changes) && (!ours || ours.draft)) {
    // Nothing to release; clear drafts that would otherwise wait for a publish that never comes.
    const actions = planActions({ tag, name: tag, body: '', commit: bundle.commit, files: [] }, undefined, [...staleDrafts, ...(ours ? [ours] : [])]).filter((a) => a.kind === 'delete-release');
    for (const action of actions) {
      const line = options.dryRun ? `would ${describeAction(action)}` : await executeAction(github, target, action, new Map());
      steps.push(line);
      log(line);
    }
    return { status: 'no-changes', steps, changes, message: `the data did not change since ${before?.release}; nothing released` };
  }

  const files = releaseFiles(bundle.files, changes);
  const wanted: WantedRelease = { tag, name: tag, body: renderNotes(changes, bundle.data), commit: bundle.commit, files };
  await writeOutputs(dist, wanted);

  if (options.dryRun) {
    const actions = planActions(wanted, ours && (await withVerifiedAssets(github, target, ours)), staleDrafts);
    steps.push(...actions.map((a) => `would ${describeAction(a)}`));
    for (const line of steps) log(line);
    return { status: 'dry-run', tag, changes, steps, message: actions.length === 0 ? `${tag} is already released` : `would release ${tag}` };
  }

  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const all = round === 1 ? releases : await readReleases(github, target);
    const now = round === 1 ? located : locate(all, undefined, bundle.commit, dataVersion);
    const current = now.ours && (await withVerifiedAssets(github, target, now.ours));
    const actions = planActions(wanted, current, round === 1 ? staleDrafts : now.staleDrafts.filter((r) => parseMarker(r.body)?.source_commit === bundle.commit));
    if (actions.length === 0) {
      const status = steps.length === 0 ? 'already-released' : 'released';
      return { status, tag, url: current?.htmlUrl, changes, steps, message: status === 'released' ? `released ${tag}` : `${tag} is already released and complete` };
    }
    if (round === MAX_ROUNDS) break;
    const byId = new Map(all.map((r) => [r.id, r]));
    for (const action of actions) {
      const line = await executeAction(github, target, action, byId);
      steps.push(line);
      log(line);
    }
  }
  throw new Error(`release ${tag} did not reach its wanted state after ${MAX_ROUNDS} rounds (a bug, or someone changing it meanwhile)`);
}

/** changes.json, SHA256SUMS, the changes schema and the notes, next to the bundle in --dist. */
async function writeOutputs(dist: string, wanted: WantedRelease): Promise<void> {
  for (const file of wanted.files.filter((f: ReleaseFile) => !BUNDLE_ASSETS.includes(f.name as (typeof BUNDLE_ASSETS)[number]))) {
    await writeAtomically(join(dist, file.name), file.bytes);
  }
  await writeAtomically(join(dist, NOTES_NAME), wanted.body);
}
