// Reading a published bundle back: parse pwc-data.json (plain or gzipped) and check it against the
// public schema; verify a bundle directory against its manifest. The release diff starts here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DATA_GZ_NAME, DATA_NAME } from './build.ts';
import { sha256Hex } from './encode.ts';
import { MANIFEST_NAME } from './manifest.ts';
import type { BundleData, Manifest } from './schema.ts';
import { bundleDataProblems, manifestProblems } from './validate.ts';

/** A bundle that does not verify: `problems` names each file and what is wrong. */
export class BundleVerifyError extends Error {
  constructor(readonly problems: string[]) {
    super(`the bundle does not verify:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const isGzip = (bytes: Uint8Array) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** pwc-data.json from its bytes (plain or .gz), checked against the public schema. */
export function parseBundleData(bytes: Uint8Array): BundleData {
  const text = Buffer.from(isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BundleVerifyError([`pwc-data.json is not JSON: ${(error as Error).message}`]);
  }
  const problems = bundleDataProblems(value);
  if (problems.length > 0) throw new BundleVerifyError(problems.map((p) => `pwc-data.json ${p}`));
  return value as BundleData;
}

/**
 * Verifies a bundle directory: manifest.json conforms, every file it lists that is present has
 * the listed size and sha256 (`require` names files that must be present), and the data parses
 * and conforms. Returns the manifest and the data.
 */
export async function verifyBundleDir(dir: string, require: readonly string[] = [DATA_GZ_NAME]): Promise<{ manifest: Manifest; data: BundleData }> {
  const manifestValue: unknown = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8'));
  const issues = manifestProblems(manifestValue);
  if (issues.length > 0) throw new BundleVerifyError(issues.map((p) => `${MANIFEST_NAME} ${p}`));
  const manifest = manifestValue as Manifest;
  const problems: string[] = [];
  const present = new Map<string, Buffer>();
  for (const entry of manifest.files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(dir, entry.name));
    } catch {
      if (require.includes(entry.name)) problems.push(`${entry.name} is missing`);
      continue;
    }
    if (bytes.length !== entry.size) problems.push(`${entry.name} is ${bytes.length} bytes; the manifest says ${entry.size}`);
    else if (sha256Hex(bytes) !== entry.sha256) problems.push(`${entry.name} has sha256 ${sha256Hex(bytes)}; the manifest says ${entry.sha256}`);
    else present.set(entry.name, bytes);
  }
  for (const name of require) if (!manifest.files.some((f) => f.name === name)) problems.push(`${name} is not listed in ${MANIFEST_NAME}`);
  if (problems.length > 0) throw new BundleVerifyError(problems);
  const bytes = present.get(DATA_NAME) ?? present.get(DATA_GZ_NAME);
  if (!bytes) throw new BundleVerifyError([`neither ${DATA_NAME} nor ${DATA_GZ_NAME} is present`]);
  const data = parseBundleData(bytes);
  if (data.meta.source_commit !== manifest.source_commit || data.meta.data_version !== manifest.data_version) {
    throw new BundleVerifyError([`${MANIFEST_NAME} and the data name different sources`]);
  }
  return { manifest, data };
}
