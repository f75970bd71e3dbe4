// The search index in `pwc site`'s build: the records of every unit, a short hash of each unit's
// records kept in the build's manifest, and the index's files, made again only when some unit's
// records changed. After a data change only the touched units' records are computed to tell (a
// changed result value usually changes none; a new model name does); when one differs, all are.
import { createHash } from 'node:crypto';
import type { SiteContext, SiteFile, SiteUnit } from '../part.ts';
import { unitKey } from '../units.ts';
import { searchIndexFiles } from './index-writer.ts';
import { searchRecords, type SearchRecord } from './records.ts';

/** What the last build knew: each unit's records' hash, and the units the data change since can touch. */
export interface LastSearch {
  hashes: Readonly<Record<string, string>>;
  touched: ReadonlySet<string>;
}

export interface SearchUpdate {
  /** Each unit's records' hash, by unit key (sorted), for the next build. */
  hashes: Record<string, string>;
  /** The index's files; undefined when every unit's records are the last build's, and so are its files. */
  files?: SiteFile[];
}

/** The index of `units` (every unit of the site), or, given the last build's state, undefined files when it would be the same. */
export function updateSearchIndex(context: SiteContext, units: Iterable<SiteUnit>, last?: LastSearch): SearchUpdate {
  const hashes: Record<string, string> = {};
  // Each unit with its records where they were computed (undefined: an untouched unit's, not needed unless the index changes).
  const seen: [SiteUnit, SearchRecord[] | undefined][] = [];
  let changed = last === undefined;
  for (const unit of units) {
    const key = unitKey(unit);
    const known = last?.hashes[key];
    if (known !== undefined && !last!.touched.has(key)) {
      hashes[key] = known;
      seen.push([unit, undefined]);
      continue;
    }
    const records = searchRecords(context, unit);
    const hash = recordsHash(records);
    hashes[key] = hash;
    seen.push([unit, records]);
    if (hash !== known) changed = true;
  }
  // A unit that is gone takes its records with it.
  if (!changed && Object.keys(last!.hashes).some((key) => !(key in hashes))) changed = true;
  const sorted = Object.fromEntries(Object.keys(hashes).sort().map((key) => [key, hashes[key]]));
  if (!changed) return { hashes: sorted };
  const records = seen.flatMap(([unit, known]) => known ?? searchRecords(context, unit));
  return { hashes: sorted, files: searchIndexFiles(records) };
}

/**
 * 96 bits of SHA-256 over what the index keeps of the records: the order of a record's words does not
 * matter to it (a leaderboard lists its models by rank, and a new state of the art reorders them).
 */
export function recordsHash(records: readonly SearchRecord[]): string {
  const kept = records.map((r) => [r.kind, r.path, r.title, r.detail, [...r.names].sort(), [...r.other].sort(), r.date ?? '']);
  return createHash('sha256').update(JSON.stringify(kept)).digest('base64url').slice(0, 16);
}
