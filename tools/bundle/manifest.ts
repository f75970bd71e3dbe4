// manifest.json: what a bundle holds (counts, versions) and, for each file, its size and sha256.
import { sha256Hex } from './encode.ts';
import { ENTITY_KINDS, type BundleData, type BundleMeta, type EntityCounts, type Manifest } from './schema.ts';

export const MANIFEST_NAME = 'manifest.json';

export interface BundleFile {
  name: string;
  bytes: Buffer;
}

export function entityCounts(data: BundleData): EntityCounts {
  return Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, data[kind].length])) as EntityCounts;
}

export function buildManifest(meta: BundleMeta, contentSha256: string, counts: EntityCounts, files: readonly BundleFile[]): Manifest {
  return {
    schema_version: meta.schema_version,
    data_version: meta.data_version,
    source_commit: meta.source_commit,
    content_sha256: contentSha256,
    counts,
    files: [...files]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((f) => ({ name: f.name, size: f.bytes.length, sha256: sha256Hex(f.bytes) })),
  };
}

export function encodeManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}
