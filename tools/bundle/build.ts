// Builds the bundle in memory: data, gzip, public schema, types and manifest, each checked against
// the public schema before anything is written. What `pwc bundle` (through incremental.ts) and
// `pwc release` call. This whole-repository path is also the reference the incremental one must equal.
import { bundleData, type BundleSource } from './contents.ts';
import { bundleDeclarations } from './declarations.ts';
import { encodeData, type EncodedData } from './encode.ts';
import { FLAT_CSV_GZ_NAME, FLAT_PARQUET_NAME, flatTable, type FlatTable } from './flat.ts';
import { encodeFlatCsvGz } from './flat-csv.ts';
import { encodeFlatParquet } from './flat-parquet.ts';
import { readGitSource } from './git-source.ts';
import { gzipPieces, type PieceStore } from './gzip.ts';
import { loadRepositoryStrict } from './load.ts';
import { buildManifest, encodeManifest, entityCounts, MANIFEST_NAME, type BundleFile } from './manifest.ts';
import { bundleSchema, type BundleData, type BundleMeta, type EntityCounts, type Manifest } from './schema.ts';
import { bundleDataProblems, manifestProblems } from './validate.ts';
import type { Repository } from '../model/repository.ts';

export const DATA_NAME = 'pwc-data.json';
export const DATA_GZ_NAME = 'pwc-data.json.gz';
export const SCHEMA_NAME = 'pwc-data.schema.json';
export const TYPES_NAME = 'pwc-data.d.ts';
export const BUNDLE_FILE_NAMES = [TYPES_NAME, DATA_NAME, DATA_GZ_NAME, SCHEMA_NAME, FLAT_PARQUET_NAME, FLAT_CSV_GZ_NAME, MANIFEST_NAME] as const;

/** The files of a bundle and its manifest. */
export interface BuiltBundle {
  manifest: Manifest;
  /** Every file to write, manifest.json last. */
  files: BundleFile[];
}

/** A bundle built whole, with its data as a value. */
export interface Bundle extends BuiltBundle {
  data: BundleData;
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
  return { data, ...(await bundleFiles(data.meta, encodeData(data), entityCounts(data), flatTable(data))) };
}

/** The files of a bundle whose data is encoded and checked, with its flat table; the stores keep gzip's pieces between builds. */
export async function bundleFiles(meta: BundleMeta, encoded: EncodedData, counts: EntityCounts, table: FlatTable, stores: { data?: PieceStore; flat?: PieceStore } = {}): Promise<BuiltBundle> {
  const files: BundleFile[] = [
    { name: DATA_NAME, bytes: encoded.json },
    { name: DATA_GZ_NAME, bytes: gzipPieces(encoded.json, encoded.cuts, stores.data) },
    { name: FLAT_PARQUET_NAME, bytes: encodeFlatParquet(table, meta) },
    { name: FLAT_CSV_GZ_NAME, bytes: encodeFlatCsvGz(table, stores.flat) },
    { name: SCHEMA_NAME, bytes: Buffer.from(`${JSON.stringify(bundleSchema, null, 2)}\n`, 'utf8') },
    { name: TYPES_NAME, bytes: Buffer.from(await bundleDeclarations(), 'utf8') },
  ];
  const manifest = buildManifest(meta, encoded.contentSha256, counts, files);
  const manifestIssues = manifestProblems(manifest);
  if (manifestIssues.length > 0) throw new Error(`manifest.json does not conform to its public schema (a bug in tools/bundle):\n  ${manifestIssues.join('\n  ')}`);
  files.push({ name: MANIFEST_NAME, bytes: encodeManifest(manifest) });
  return { manifest, files };
}
