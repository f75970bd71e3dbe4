// Builds the bundle in memory: data, gzip, public schema, types and manifest, each checked against
// the public schema before anything is written. What `pwc bundle` and `pwc release` call.
import { bundleData, type BundleSource } from './contents.ts';
import { bundleDeclarations } from './declarations.ts';
import { encodeData, gzipDeterministic } from './encode.ts';
import { readGitSource } from './git-source.ts';
import { loadRepositoryStrict } from './load.ts';
import { buildManifest, encodeManifest, MANIFEST_NAME, type BundleFile } from './manifest.ts';
import { bundleSchema, type BundleData, type Manifest } from './schema.ts';
import { bundleDataProblems, manifestProblems } from './validate.ts';
import type { Repository } from '../model/repository.ts';

export const DATA_NAME = 'pwc-data.json';
export const DATA_GZ_NAME = 'pwc-data.json.gz';
export const SCHEMA_NAME = 'pwc-data.schema.json';
export const TYPES_NAME = 'pwc-data.d.ts';
export const BUNDLE_FILE_NAMES = [TYPES_NAME, DATA_NAME, DATA_GZ_NAME, SCHEMA_NAME, MANIFEST_NAME] as const;

export interface Bundle {
  data: BundleData;
  manifest: Manifest;
  /** Every file to write, manifest.json last. */
  files: BundleFile[];
}

/** The bundle of the repository at `root` (strict load, git facts from `root`). Throws BundleError on unfit data. */
export async function buildBundle(root: string): Promise<Bundle> {
  const [repo, source] = await Promise.all([loadRepositoryStrict(root), readGitSource(root)]);
  return bundleFromRepository(repo, source);
}

/** The bundle of an already loaded repository. */
export async function bundleFromRepository(repo: Repository, source: BundleSource): Promise<Bundle> {
  const data = bundleData(repo, source);
  const problems = bundleDataProblems(data);
  if (problems.length > 0) throw new Error(`the bundle does not conform to its public schema (a bug in tools/bundle):\n  ${problems.join('\n  ')}`);
  const { json, contentSha256 } = encodeData(data);
  const files: BundleFile[] = [
    { name: DATA_NAME, bytes: json },
    { name: DATA_GZ_NAME, bytes: gzipDeterministic(json) },
    { name: SCHEMA_NAME, bytes: Buffer.from(`${JSON.stringify(bundleSchema, null, 2)}\n`, 'utf8') },
    { name: TYPES_NAME, bytes: Buffer.from(await bundleDeclarations(), 'utf8') },
  ];
  const manifest = buildManifest(data, contentSha256, files);
  const manifestIssues = manifestProblems(manifest);
  if (manifestIssues.length > 0) throw new Error(`manifest.json does not conform to its public schema (a bug in tools/bundle):\n  ${manifestIssues.join('\n  ')}`);
  files.push({ name: MANIFEST_NAME, bytes: encodeManifest(manifest) });
  return { data, manifest, files };
}
