// pwc-data.json.gz: one gzip member whose deflate stream is made of pieces compressed one by one,
// each ending on a byte boundary (a sync flush) and referring to nothing before it, so a piece
// whose bytes did not change is taken from the last build instead of compressed again. The bytes
// depend only on the data, the cuts and the locked fflate version (no mtime, no file name, not
// Node's zlib).
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { Deflate } from 'fflate';

const LEVEL = 6;

/** Compressed pieces by the sha1 of their uncompressed bytes: what one build leaves the next. */
export interface PieceStore {
  get(key: string): Uint8Array | undefined;
  /** Called for every piece of this build (found or compressed now), in order. */
  use(key: string, compressed: Uint8Array): void;
}

/** What deflatePiece reads of fflate's Deflate: the buffer, its state and the step that compresses. */
interface DeflateInternals {
  b: Uint8Array;
  s: { r?: number };
  p(chunk: Uint8Array, final: boolean): void;
}

/**
 * Raw deflate of one piece: non-final blocks, then an empty stored block that ends on a byte
 * boundary (a sync flush), so pieces can be concatenated. fflate 0.8's own flush(true) writes that
 * block at a wrong bit offset when a partial byte is pending, so the same flush is written out
 * here: compress what is buffered, then the pending bits, the 3-bit header, padding, 00 00 FF FF.
 * (The fflate version is part of the bundle cache's key; gzip.test.ts checks the bytes inflate.)
 */
export function deflatePiece(bytes: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [];
  // fflate may hand out views of a buffer it reuses: each is copied.
  const deflate = new Deflate({ level: LEVEL }, (chunk) => out.push(Buffer.from(chunk)));
  deflate.push(bytes, false);
  const inner = deflate as unknown as DeflateInternals;
  inner.p(inner.b, false);
  // r: the number of bits pending (0-7), and above them the pending byte.
  const r = inner.s.r ?? 0;
  const bits = r & 7;
  const pending = bits === 0 ? [] : [r >> 3];
  // The header's three zero bits fit in the pending byte, or need one more byte.
  if (bits === 0 || bits > 5) pending.push(0);
  out.push(Buffer.from([...pending, 0x00, 0x00, 0xff, 0xff]));
  return Buffer.concat(out);
}

/** The key of a piece in a PieceStore. */
export function pieceKey(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Header as fflate writes it for level 6: no flags, mtime 0, XFL 0, OS 3 (Unix). */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
/** An empty final block with fixed codes: ends the deflate stream. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** gzip of `bytes`, cut into pieces at `cuts` (ascending offsets inside bytes). */
export function gzipPieces(bytes: Uint8Array, cuts: readonly number[], store?: PieceStore): Buffer {
  const parts: Uint8Array[] = [HEADER];
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < bytes.length), bytes.length];
  for (let i = 1; i < bounds.length; i++) {
    const piece = bytes.subarray(bounds[i - 1], bounds[i]);
    if (piece.length === 0) continue;
    const key = pieceKey(piece);
    const compressed = store?.get(key) ?? deflatePiece(piece);
    store?.use(key, compressed);
    parts.push(compressed);
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(bytes), 0);
  trailer.writeUInt32LE(bytes.length % 2 ** 32, 4);
  parts.push(FINAL_BLOCK, trailer);
  return Buffer.concat(parts);
}

let table: Uint32Array | undefined;

/** CRC-32 as gzip uses it: Node's zlib.crc32 where there is one (Node >= 20.15), else a table. */
export function crc32(bytes: Uint8Array): number {
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (native) return native(bytes) >>> 0;
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
