#!/usr/bin/env node
// Keeps a local copy of the pwc-data bundle in step with the published releases: fetches the
// release's SHA256SUMS and checks every file against it, validates changes.json against its schema,
// applies it when the local copy is the previous release (an incremental sync), and downloads the
// whole bundle otherwise. The result must match the release's manifest.json byte for byte and its
// public schema before it replaces the local copy.
//
//   npm install ajv
//   node sync-release.mjs <release> <folder>
//
// <release>: https://github.com/OWNER/REPO/releases/latest/download/ (the latest release), or
// .../releases/download/<tag>/ (one release), or a local folder holding a release's files.
// <folder>: where the copy lives (pwc-data.json, and release.json saying which release it is).
// Node 20 or newer; needs only `ajv` besides Node itself.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Ajv2020 from 'ajv/dist/2020.js';

/** The major versions this program reads (see "Versioning" in docs/bundle.md). */
const SUPPORTED = { bundle: 2, changes: 1 };
const KINDS = ['areas', 'tasks', 'datasets', 'benchmarks', 'methods', 'papers', 'sources', 'results'];

class VerifyError extends Error {}

async function fetchBytes(base, name) {
  if (/^https?:\/\//.test(base)) {
    const url = new URL(name, base.endsWith('/') ? base : `${base}/`);
    const response = await fetch(url, { redirect: 'follow' });
    if (!response.ok) throw new VerifyError(`GET ${url}: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }
  return readFile(join(base, name));
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const major = (version) => Number(String(version).split('.')[0]);
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** SHA256SUMS as `sha256sum` writes it: "<hex>  <name>" per line. */
function parseSums(bytes) {
  const sums = new Map();
  for (const line of bytes.toString('utf8').split('\n')) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match) sums.set(match[2], match[1]);
  }
  return sums;
}

/** Downloads one file of the release and checks it against SHA256SUMS. */
async function fetchChecked(base, sums, name) {
  const bytes = await fetchBytes(base, name);
  const expected = sums.get(name);
  if (!expected) throw new VerifyError(`${name} is not listed in SHA256SUMS`);
  if (sha256(bytes) !== expected) throw new VerifyError(`${name}: sha256 ${sha256(bytes)}, SHA256SUMS says ${expected}`);
  return bytes;
}

function checkAgainstManifest(manifest, name, bytes) {
  const entry = manifest.files.find((f) => f.name === name);
  if (!entry) throw new VerifyError(`${name} is not listed in manifest.json`);
  if (bytes.length !== entry.size || sha256(bytes) !== entry.sha256) throw new VerifyError(`${name} does not match manifest.json`);
}

function validator(schemaBytes) {
  return new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(JSON.parse(schemaBytes.toString('utf8')));
}

function validated(validate, value, name) {
  if (!validate(value)) {
    const first = validate.errors.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new VerifyError(`${name} does not match its schema:\n  ${first.join('\n  ')}`);
  }
  return value;
}

/**
 * pwc-data.json in the layout the bundle writes (meta on one line, then one entity per line), so a
 * copy rebuilt from changes is byte-identical to the release's file and its sha256 proves it.
 */
function encodeData(data) {
  const parts = [`{\n"meta": ${JSON.stringify(data.meta)},\n`];
  KINDS.forEach((kind, k) => {
    const list = data[kind];
    parts.push(`${k > 0 ? ',\n' : ''}${JSON.stringify(kind)}: ${list.length === 0 ? '[]' : '['}`);
    list.forEach((entity, i) => parts.push(`${i > 0 ? ',' : ''}\n${JSON.stringify(entity)}`));
    if (list.length > 0) parts.push('\n]');
  });
  parts.push('\n}\n');
  return Buffer.concat(parts.map((p) => Buffer.from(p, 'utf8')));
}

/** The previous release's data with one release's changes applied: removals, renames, new and changed entities. */
export function applyChanges(previous, changes) {
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, new Map((previous[kind] ?? []).map((e) => [e.id, e]))]));
  for (const change of changes.changes) {
    const entities = byKind[change.kind];
    if (change.change === 'removed') {
      entities.delete(change.id);
      continue;
    }
    if (change.change === 'renamed') entities.delete(change.from);
    entities.set(change.id, change.value);
  }
  const { source_commit, data_version, schema_version } = changes.current;
  const data = { meta: { schema_version, data_version, source_commit, source_dirty: false } };
  for (const kind of KINDS) data[kind] = [...byKind[kind].values()].sort(byId);
  return data;
}

async function readLocal(folder) {
  try {
    const state = JSON.parse(await readFile(join(folder, 'release.json'), 'utf8'));
    const bytes = await readFile(join(folder, 'pwc-data.json'));
    // A copy someone edited is not the release it claims to be: it is replaced whole.
    if (sha256(bytes) !== state.sha256) return undefined;
    return { ...state, data: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return undefined;
  }
}

async function writeAtomically(path, bytes) {
  await writeFile(`${path}.partial`, bytes);
  await rename(`${path}.partial`, path);
}

/** Syncs `folder` to the release at `base`; returns a line saying what happened. */
export async function syncRelease(base, folder) {
  // SHA256SUMS first, then only files it vouches for. "latest" moves when a release is published:
  // once changes.json names the release, the rest comes from that release's own URL.
  const sums = parseSums(await fetchBytes(base, 'SHA256SUMS'));
  const changesBytes = await fetchChecked(base, sums, 'changes.json');
  const changes = JSON.parse(changesBytes.toString('utf8'));
  if (major(changes.changes_version) !== SUPPORTED.changes) throw new VerifyError(`changes.json ${changes.changes_version} is not supported (this program reads ${SUPPORTED.changes}.x)`);
  const pinned = /\/releases\/latest\/download\/?$/.test(base) ? base.replace(/latest\/download\/?$/, `download/${encodeURIComponent(changes.release)}/`) : base;
  validated(validator(await fetchChecked(pinned, sums, 'changes.schema.json')), changes, 'changes.json');
  const manifest = JSON.parse((await fetchChecked(pinned, sums, 'manifest.json')).toString('utf8'));
  if (major(manifest.schema_version) !== SUPPORTED.bundle) throw new VerifyError(`bundle schema ${manifest.schema_version} is not supported (this program reads ${SUPPORTED.bundle}.x)`);
  const wanted = manifest.files.find((f) => f.name === 'pwc-data.json');

  const local = await readLocal(folder);
  if (local?.release === changes.release && local.sha256 === wanted.sha256) return `up to date: ${changes.release}`;

  let bytes;
  let how;
  if (local && changes.previous_release === local.release) {
    const candidate = encodeData(applyChanges(local.data, changes));
    if (sha256(candidate) === wanted.sha256) {
      bytes = candidate;
      const counts = { added: 0, changed: 0, removed: 0, renamed: 0 };
      for (const c of changes.changes) counts[c.change]++;
      how = `applied the changes of ${changes.release} to ${local.release}: ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed, ${counts.renamed} renamed`;
    }
  }
  if (!bytes) {
    const gz = await fetchChecked(pinned, sums, 'pwc-data.json.gz');
    checkAgainstManifest(manifest, 'pwc-data.json.gz', gz);
    bytes = gunzipSync(gz);
    how = `downloaded ${changes.release} whole`;
  }
  checkAgainstManifest(manifest, 'pwc-data.json', bytes);
  const data = validated(validator(await fetchChecked(pinned, sums, 'pwc-data.schema.json')), JSON.parse(bytes.toString('utf8')), 'pwc-data.json');

  await mkdir(folder, { recursive: true });
  await writeAtomically(join(folder, 'pwc-data.json'), bytes);
  await writeAtomically(join(folder, 'release.json'), `${JSON.stringify({ release: changes.release, source_commit: data.meta.source_commit, sha256: wanted.sha256 }, null, 2)}\n`);
  const sota = changes.new_sota.filter((s) => s.improved).map((s) => s.benchmark);
  return `${how} (${data.results.length} results)${sota.length ? `; new states of the art on ${sota.join(', ')}` : ''}`;
}

async function main(argv) {
  const [base, folder] = argv;
  if (!base || !folder) {
    process.stderr.write('usage: node sync-release.mjs <release URL or folder> <local folder>\n');
    return 2;
  }
  try {
    process.stdout.write(`${await syncRelease(base, folder)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof VerifyError)) throw error;
    process.stderr.write(`not synced: ${error.message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
