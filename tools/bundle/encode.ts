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

/** Text is turned into bytes in pieces of about this many characters: never one giant string. */
const PIECE = 1 << 20;

/**
 * Serialises the bundle: meta on one line, then each collection with one entity per line. Still
 * plain JSON; line-oriented so `grep` and `diff` work on it. Key order is the order the objects
 * were built in (contents.ts fixes it), never a hash order. Built in pieces, as the archive-scale
 * file would come near V8's largest string.
 */
export function encodeData(data: BundleData): EncodedData {
  const pieces: Buffer[] = [];
  const content = createHash('sha256');
  let pending = '';
  const write = (text: string, isContent: boolean) => {
    if (isContent) content.update(text);
    pending += text;
    if (pending.length >= PIECE) {
      pieces.push(Buffer.from(pending, 'utf8'));
      pending = '';
    }
  };
  write(`{\n"meta": ${JSON.stringify(data.meta)},\n`, false);
  ENTITY_KINDS.forEach((kind, k) => {
    const list = data[kind] as unknown[];
    write(`${k > 0 ? ',\n' : ''}${JSON.stringify(kind)}: ${list.length === 0 ? '[]' : '['}`, true);
    list.forEach((entity, i) => write(`${i > 0 ? ',' : ''}\n${JSON.stringify(entity)}`, true));
    if (list.length > 0) write('\n]', true);
  });
  write('\n}\n', false);
  pieces.push(Buffer.from(pending, 'utf8'));
  return { json: Buffer.concat(pieces), contentSha256: content.digest('hex') };
}

/** Deterministic gzip: header mtime 0, no file name, OS byte fixed by fflate. */
export function gzipDeterministic(bytes: Uint8Array): Buffer {
  const out = gzipSync(bytes, { level: 6, mtime: 0 });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
