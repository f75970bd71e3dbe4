// The bytes of pwc-data.json: one entity per line inside a stable layout, assembled from each
// entity's encoded line (its fragment), so lines kept from an earlier build are copied, not
// encoded again. Also where the file is cut into pieces for gzip (gzip.ts).
import { createHash } from 'node:crypto';
import { ENTITY_KINDS, type BundleData, type BundleMeta, type EntityKind } from './schema.ts';

/** One entity's line of pwc-data.json: JSON.stringify of the entity, as UTF-8. */
export interface Fragment {
  id: string;
  bytes: Uint8Array;
}

export interface EncodedData {
  json: Buffer;
  /** sha256 of the entity collections (everything after meta): equal exactly when the data is equal. */
  contentSha256: string;
  /** Offsets where gzip starts a new piece (ascending, each inside json). */
  cuts: number[];
  /** Where each entity's line starts in json, by kind, in list order. */
  offsets: Record<EntityKind, number[]>;
}

export function fragmentOf(entity: { id: string }): Fragment {
  return { id: entity.id, bytes: Buffer.from(JSON.stringify(entity), 'utf8') };
}

/**
 * A piece ends after an entity whose id hashes to 0 mod this: about 128 entities (100 KB) a piece.
 * Cut by id, not by offset, so an edit moves no cut but its own and changes one or two pieces.
 */
const CUT_EVERY = 128;

/** FNV-1a of the id's UTF-16 code units: cheap, stable across runs and machines. (Also where the flat CSV is cut.) */
export function cutsAfter(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % CUT_EVERY === 0;
}

/**
 * Serialises the bundle from its fragments, each list sorted by id: meta on one line, then each
 * collection with one entity per line. Still plain JSON; line-oriented so `grep` and `diff` work on
 * it. Key order is the order the objects were built in (contents.ts fixes it), never a hash order.
 */
export function assembleData(meta: BundleMeta, lists: Readonly<Record<EntityKind, readonly Fragment[]>>): EncodedData {
  const text = (s: string) => Buffer.from(s, 'utf8');
  const head = text(`{\n"meta": ${JSON.stringify(meta)},\n`);
  const tail = text('\n}\n');
  const opens = ENTITY_KINDS.map((kind, k) => text(`${k > 0 ? ',\n' : ''}${JSON.stringify(kind)}: ${lists[kind].length === 0 ? '[]' : '['}`));
  const close = text('\n]');
  let size = head.length + tail.length;
  ENTITY_KINDS.forEach((kind, k) => {
    const list = lists[kind];
    size += opens[k].length + (list.length > 0 ? close.length : 0);
    for (const f of list) size += f.bytes.length + 2;
    if (list.length > 0) size -= 1; // the first line has "\n" before it, the others ",\n"
  });
  const json = Buffer.allocUnsafe(size);
  const cuts: number[] = [];
  const offsets = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, [] as number[]])) as Record<EntityKind, number[]>;
  let at = head.copy(json, 0);
  const contentStart = at;
  cuts.push(at);
  ENTITY_KINDS.forEach((kind, k) => {
    const list = lists[kind];
    at += opens[k].copy(json, at);
    list.forEach((f, i) => {
      if (i > 0) json[at++] = 0x2c; // ","
      json[at++] = 0x0a;
      offsets[kind].push(at);
      json.set(f.bytes, at);
      at += f.bytes.length;
      if (cutsAfter(f.id)) cuts.push(at);
    });
    if (list.length > 0) at += close.copy(json, at);
  });
  const contentSha256 = createHash('sha256').update(json.subarray(contentStart, at)).digest('hex');
  at += tail.copy(json, at);
  if (at !== size) throw new Error(`pwc-data.json: ${at} bytes written, ${size} expected (a bug in tools/bundle)`);
  return { json, contentSha256, cuts: cuts.filter((c) => c < size), offsets };
}

/** Encodes data built whole (bundleData): the same bytes as assembling its entities' fragments. */
export function encodeData(data: BundleData): EncodedData {
  const lists = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, (data[kind] as { id: string }[]).map(fragmentOf)])) as Record<EntityKind, Fragment[]>;
  return assembleData(data.meta, lists);
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
