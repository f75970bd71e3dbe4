// For tests: damaging one section of a validator cache's index in place, as a bad disk or an
// interrupted copy would, to show the damage is caught.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR } from './cache.ts';

/** The index file of the cache of `root`. */
export function cacheIndexPath(root: string): string {
  return join(root, CACHE_DIR, 'index.bin');
}

/** Overwrites the first bytes of section `name` (e.g. 'keys.ends') of the cache index with 0xff. */
export function damageCacheSection(root: string, name: string): void {
  const path = cacheIndexPath(root);
  const bytes = readFileSync(path);
  // Layout (section-file.ts): 8 bytes of magic, the header's length, the header, the sections.
  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as { sections: Record<string, [number, number]> };
  const [offset, length] = header.sections[name];
  const start = 12 + headerLength + offset;
  bytes.fill(0xff, start, start + Math.min(length, 8));
  writeFileSync(path, bytes);
}
