// The search index in `pwc site`'s build: the records of every unit, a short hash of each unit's
// records kept in the build's manifest, and the index's files, made again only when some unit's
// records changed. After a data change only the touched units' records are computed to tell (a
// changed result value usually changes none; a new model name does); when one differs, all are.
import { createHash } from 'node:crypto';
import type { SiteContext, SiteFile, SiteUnit } from '../part.ts';
import { unitKey } from '../units.ts';
import { searchIndexFiles } from './index-writer.ts';
import { searchRecords, type SearchRecord } from './records.ts';

/** What the last build knew: each unit's records' hash, the units the data change since can touch, and whether some unit is gone. */
export interface LastSearch {
  hashOf(key: string): string | undefined;
  touched: ReadonlySet<string>;
  gone: boolean;
}

export interface SearchUpdate {
  /** The records' hash of each unit whose records were computed (every unit without `last`), by unit key; the others' are the last build's. */
  hashes: Map<string, string>;
  /** The index's files; undefined when every unit's records are the last build's, and so are its files. */
  files?: SiteFile[];
}

/** The index of `units` (every unit of the site), or, given the last build's state, undefined files when it would be the same. */
export function updateSearchIndex(context: SiteContext, units: Iterable<SiteUnit>, last?: LastSearch): SearchUpdate {
  const hashes = new Map<string, string>();
  // Each unit with its records where they were computed (undefined: an untouched unit's, not needed unless the index changes).
  const seen: [SiteUnit, SearchRecord[] | undefined][] = [];
  let changed = last === undefined || last.gone;
  for (const unit of units) {
    const key = last ? unitKey(unit) : '';
    const known = last?.hashOf(key);
    if (known !== undefined && !last!.touched.has(key)) {
      seen.push([unit, undefined]);
      continue;
    }
    const records = searchRecords(context, unit);
    const hash = recordsHash(records);
    hashes.set(last ? key : unitKey(unit), hash);
    seen.push([unit, records]);
    if (hash !== known) changed = true;
  }
  if (!changed) return { hashes };
  const records = seen.flatMap(([unit, known]) => known ?? searchRecords(context, unit));
  return { hashes, files: searchIndexFiles(records) };
}

/**
 * 96 bits of SHA-256 over what the index keeps of the records: the order of a record's words does not
 * matter to it (a leaderboard lists its models by rank, and a new state of the art reorders them).
 */
export function recordsHash(records: readonly SearchRecord[]): string {
  const kept = records.map((r) => [r.kind, r.path, r.title, r.detail, [...r.names].sort(), [...r.other].sort(), r.date ?? '']);
  return createHash('sha256').update(JSON.stringify(kept)).digest('base64url').slice(0, 16);
}
