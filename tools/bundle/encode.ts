// The bytes of pwc-data.json and its .gz: one entity per line inside a stable layout, and gzip
// that depends only on the bytes (fflate: no mtime, no file name, no dependence on Node's zlib).
import { createHash } from 'node:crypto';
import { gzipSync } from 'fflate';
import { ENTITY_KINDS, type BundleData } from './schema.ts';

export interface EncodedData {
  json: Buffer;
  /** sha256 of the entity collections (everything after meta): equal exactly when the data is equal. */
  contentSha256: string;
}

/**
 * Serialises the bundle: meta on one line, then each collection with one entity per line. Still
 * plain JSON; line-oriented so `grep` and `diff` work on it. Key order is the order the objects
 * were built in (contents.ts fixes it), never a hash order.
 */
export function encodeData(data: BundleData): EncodedData {
  const collections = ENTITY_KINDS.map((kind) => {
    const list = data[kind] as unknown[];
    const body = list.length === 0 ? '[]' : `[\n${list.map((e) => JSON.stringify(e)).join(',\n')}\n]`;
    return `${JSON.stringify(kind)}: ${body}`;
  }).join(',\n');
  const contentSha256 = createHash('sha256').update(collections).digest('hex');
  const json = Buffer.from(`{\n"meta": ${JSON.stringify(data.meta)},\n${collections}\n}\n`, 'utf8');
  return { json, contentSha256 };
}

/** Deterministic gzip: header mtime 0, no file name, OS byte fixed by fflate. */
export function gzipDeterministic(bytes: Uint8Array): Buffer {
  const out = gzipSync(bytes, { level: 6, mtime: 0 });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
