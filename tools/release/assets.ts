// The files a release publishes: the bundle's (from --dist), changes.json with its schema, and
// SHA256SUMS over all of them. Bytes are deterministic: same bundle and changes, same files.
import { createHash } from 'node:crypto';
import { DATA_GZ_NAME, FLAT_CSV_GZ_NAME, FLAT_PARQUET_NAME, MANIFEST_NAME, SCHEMA_NAME, TYPES_NAME } from '../bundle/index.ts';
import { CHANGES_NAME, CHANGES_SCHEMA_NAME, changesSchema, type Changes } from './changes-schema.ts';

export const SHA256SUMS_NAME = 'SHA256SUMS';

/** The bundle files a release takes from --dist (pwc-data.json itself is published only gzipped), with the flat tables. */
export const BUNDLE_ASSETS = [DATA_GZ_NAME, SCHEMA_NAME, TYPES_NAME, FLAT_PARQUET_NAME, FLAT_CSV_GZ_NAME, MANIFEST_NAME] as const;

/** Every asset of a release, in upload order: SHA256SUMS last, after the files it covers. */
export const RELEASE_ASSETS = [...BUNDLE_ASSETS, CHANGES_NAME, CHANGES_SCHEMA_NAME, SHA256SUMS_NAME] as const;

export interface ReleaseFile {
  name: string;
  bytes: Buffer;
  size: number;
  sha256: string;
  contentType: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function contentType(name: string): string {
  if (name.endsWith('.gz')) return 'application/gzip';
  if (name.endsWith('.parquet')) return 'application/vnd.apache.parquet';
  if (name.endsWith('.json')) return 'application/json';
  return 'text/plain; charset=utf-8';
}

export function releaseFile(name: string, bytes: Buffer): ReleaseFile {
  return { name, bytes, size: bytes.length, sha256: sha256Hex(bytes), contentType: contentType(name) };
}

/** Pieces of text turned into bytes as they come: changes.json of a first release is as large as the data. */
class PieceWriter {
  private readonly pieces: Buffer[] = [];
  private pending = '';
  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 1 << 20) this.flush();
  }
  private flush(): void {
    this.pieces.push(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }
  bytes(): Buffer {
    this.flush();
    return Buffer.concat(this.pieces);
  }
}

/**
 * changes.json: plain JSON, the short fields one per line, then each list with one entry per line
 * (like pwc-data.json, so `grep` and `diff` work on it). Key order is the order the objects were built in.
 */
export function encodeChanges(changes: Changes): Buffer {
  const out = new PieceWriter();
  const { changes: entries, new_sota, ...head } = changes;
  out.write('{\n');
  for (const [key, value] of Object.entries(head)) out.write(`${JSON.stringify(key)}: ${JSON.stringify(value)},\n`);
  const list = (key: string, items: readonly unknown[], last: boolean) => {
    out.write(`${JSON.stringify(key)}: [`);
    items.forEach((item, i) => out.write(`${i > 0 ? ',' : ''}\n${JSON.stringify(item)}`));
    out.write(`${items.length > 0 ? '\n' : ''}]${last ? '' : ','}\n`);
  };
  list('changes', entries, false);
  list('new_sota', new_sota, true);
  out.write('}\n');
  return out.bytes();
}

export function encodeChangesSchema(): Buffer {
  return Buffer.from(`${JSON.stringify(changesSchema, null, 2)}\n`, 'utf8');
}

/** `sha256sum` format ("<hex>  <name>"), sorted by name: `sha256sum -c SHA256SUMS` checks a download. */
export function sha256Sums(files: readonly ReleaseFile[]): Buffer {
  const lines = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((f) => `${f.sha256}  ${f.name}\n`);
  return Buffer.from(lines.join(''), 'utf8');
}

/** All assets of a release, given the bundle's files by name and the changes. */
export function releaseFiles(bundle: ReadonlyMap<string, Buffer>, changes: Changes): ReleaseFile[] {
  const files = BUNDLE_ASSETS.map((name) => {
    const bytes = bundle.get(name);
    if (!bytes) throw new Error(`the bundle has no ${name}`);
    return releaseFile(name, bytes);
  });
  files.push(releaseFile(CHANGES_NAME, encodeChanges(changes)), releaseFile(CHANGES_SCHEMA_NAME, encodeChangesSchema()));
  files.push(releaseFile(SHA256SUMS_NAME, sha256Sums(files)));
  return files;
}
