// The pieced gzip: whatever the data and the cuts, gunzip gives the bytes back; the same bytes and
// cuts give the same .gz whether its pieces are compressed now or taken from a store.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/synthetic-repo.ts';
import { crc32, deflatePiece, gzipPieces, pieceKey, type PieceStore } from './gzip.ts';

/** Text-like bytes with runs, punctuation and some arbitrary bytes (so every block kind occurs). */
function sample(rand: () => number, size: number): Buffer {
  const words = ['alpha', 'beta', '{"id":"x', '0.123', '\n', ',', 'zz', ' '];
  const out = Buffer.alloc(size);
  let at = 0;
  while (at < size) at += out.write(rand() < 0.2 ? String.fromCharCode(Math.floor(rand() * 256)) : words[Math.floor(rand() * words.length)], at, 'latin1');
  return out;
}

describe('gzipPieces', () => {
  it('inflates to exactly the input for seeded sizes and cuts (a pending partial byte at every flush included)', () => {
    const rand = seededRandom(7);
    for (let t = 0; t < 200; t++) {
      const data = sample(rand, Math.floor(rand() ** 3 * 300_000));
      const cuts = [...new Set(Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * data.length)))].sort((a, b) => a - b);
      expect(gunzipSync(gzipPieces(data, cuts)).equals(data), `${data.length} bytes, cuts ${cuts}`).toBe(true);
    }
  });

  it('writes no time stamp and no file name, and the CRC and size of the whole', () => {
    const data = Buffer.from('pwc '.repeat(1000));
    const gz = gzipPieces(data, [5, 1000]);
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    expect(gz.readUInt32LE(gz.length - 8)).toBe(crc32(data));
    expect(gz.readUInt32LE(gz.length - 4)).toBe(data.length);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('gives the same bytes with pieces from a store, and asks for each piece by its content', () => {
    const data = sample(seededRandom(3), 200_000);
    const cuts = [0, 50_000, 120_000, 199_999];
    const kept = new Map<string, Uint8Array>();
    const fresh = gzipPieces(data, cuts, { get: () => undefined, use: (key, bytes) => kept.set(key, bytes) });
    const asked: string[] = [];
    const store: PieceStore = { get: (key) => (asked.push(key), kept.get(key)), use: () => undefined };
    expect(gzipPieces(data, cuts, store).equals(fresh)).toBe(true);
    expect(asked).toEqual([pieceKey(data.subarray(0, 50_000)), pieceKey(data.subarray(50_000, 120_000)), pieceKey(data.subarray(120_000, 199_999)), pieceKey(data.subarray(199_999))]);
    expect(Buffer.from(kept.get(asked[0])!).equals(Buffer.from(deflatePiece(data.subarray(0, 50_000))))).toBe(true);
  });
});
