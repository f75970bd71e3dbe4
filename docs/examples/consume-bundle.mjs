#!/usr/bin/env node
// A consumer of the pwc-data bundle: downloads it, verifies it (sizes and sha256 from
// manifest.json, then the public JSON Schema), and reads a leaderboard from it.
//
//   npm install ajv
//   node consume-bundle.mjs <base> [<task>/<dataset>]
//
// <base> is where the bundle's files are: a release download URL such as
// https://github.com/OWNER/REPO/releases/latest/download/ or a local folder written by
// `pwc bundle --out DIR`. Node 20 or newer; needs only `ajv` besides Node itself.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Ajv2020 from 'ajv/dist/2020.js';

/** The schema major version this program was written against (see "Versioning" in docs/bundle.md). */
const SUPPORTED_MAJOR = 2;

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

/** Checks bytes against their manifest entry: a truncated or altered download stops here. */
function verifyFile(manifest, name, bytes) {
  const entry = manifest.files.find((f) => f.name === name);
  if (!entry) throw new VerifyError(`${name} is not listed in manifest.json`);
  if (bytes.length !== entry.size) throw new VerifyError(`${name}: ${bytes.length} bytes, manifest.json says ${entry.size}`);
  const actual = sha256(bytes);
  if (actual !== entry.sha256) throw new VerifyError(`${name}: sha256 ${actual}, manifest.json says ${entry.sha256}`);
}

export async function loadBundle(base) {
  const manifest = JSON.parse((await fetchBytes(base, 'manifest.json')).toString('utf8'));
  const major = Number(String(manifest.schema_version).split('.')[0]);
  if (major !== SUPPORTED_MAJOR) {
    throw new VerifyError(`bundle schema ${manifest.schema_version} is not supported (this program reads ${SUPPORTED_MAJOR}.x)`);
  }

  const gz = await fetchBytes(base, 'pwc-data.json.gz');
  verifyFile(manifest, 'pwc-data.json.gz', gz);
  const json = gunzipSync(gz);
  verifyFile(manifest, 'pwc-data.json', json);

  const schemaBytes = await fetchBytes(base, 'pwc-data.schema.json');
  verifyFile(manifest, 'pwc-data.schema.json', schemaBytes);
  const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(JSON.parse(schemaBytes.toString('utf8')));

  const data = JSON.parse(json.toString('utf8'));
  if (!validate(data)) {
    const first = validate.errors.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new VerifyError(`pwc-data.json does not match its schema:\n  ${first.join('\n  ')}`);
  }
  return { manifest, data };
}

/** A leaderboard: the benchmark's rows, ranked rows first by rank, then the unranked ones. */
export function leaderboard(data, benchmarkId) {
  const benchmark = data.benchmarks.find((b) => b.id === benchmarkId);
  if (!benchmark) return undefined;
  const papers = new Map(data.papers.map((p) => [p.id, p]));
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const rows = data.results
    .filter((r) => r.benchmark === benchmarkId)
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { benchmark, rows: rows.map((r) => ({ ...r, reportedBy: r.paper !== undefined ? papers.get(r.paper).title : sources.get(r.source).name })) };
}

async function main(argv) {
  const [base, wanted] = argv;
  if (!base) {
    process.stderr.write('usage: node consume-bundle.mjs <base URL or folder> [<task>/<dataset>]\n');
    return 2;
  }
  let bundle;
  try {
    bundle = await loadBundle(base);
  } catch (error) {
    process.stderr.write(`not verified: ${error.message}\n`);
    return 1;
  }
  const { manifest, data } = bundle;
  process.stdout.write(`verified pwc-data ${manifest.schema_version}, data ${data.meta.data_version ?? 'unversioned'} (commit ${data.meta.source_commit ?? 'none'})\n`);
  process.stdout.write(`${Object.entries(manifest.counts).map(([kind, n]) => `${n} ${n === 1 ? kind.slice(0, -1) : kind}`).join(', ')}\n`);

  // Default: the benchmark with the most results.
  const counts = new Map();
  for (const r of data.results) counts.set(r.benchmark, (counts.get(r.benchmark) ?? 0) + 1);
  const chosen = wanted ?? [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const board = chosen && leaderboard(data, chosen);
  if (!board) {
    process.stderr.write(`no benchmark "${chosen}"\n`);
    return 1;
  }
  const { benchmark, rows } = board;
  const unit = benchmark.metrics.find((m) => m.name === benchmark.primary)?.unit ?? '';
  process.stdout.write(`leaderboard ${benchmark.id} by ${benchmark.primary}:\n`);
  for (const r of rows.slice(0, 10)) {
    const value = r.metrics[benchmark.primary];
    process.stdout.write(`  ${r.rank ?? '-'}\t${r.model}\t${value === undefined ? 'n/a' : `${value}${unit}`}\t${r.reportedBy}\n`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
