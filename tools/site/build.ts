// `pwc site`'s build: the repository's units through the site's parts into files under an output
// folder. After a data change since the last build it renders only the units the change can touch
// (units.ts), from the data state the build's manifest keeps (the same base and DataChange as
// generate's page memo). The manifest (manifest.ts) lists every file the build
// wrote, by unit: files no unit produces any more are removed, and no other file is ever deleted.
// The search index covers every unit: it is made again only when some unit's records changed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Repository } from '../model/repository.ts';
import { changeSinceBase, type DataChange } from '../views/data-base.ts';
import { rendererKey, type DataBase } from '../views/page-memo.ts';
import { buildSiteIndex } from '../views/site-index.ts';
import { apiPart } from './api.ts';
import { badgePart } from './badges.ts';
import { feedPart } from './feeds.ts';
import { htmlPages, searchPage } from './pages.ts';
import type { SiteContext, SiteFile, SitePart } from './part.ts';
import { redirectPart } from './redirects.ts';
import { updateSearchIndex } from './search/site-search.ts';
import { filesOfLine, MANIFEST_FILE, MANIFEST_FORMAT, readManifest, saveManifest, SiteManifest, startBuilding, unitLine } from './manifest.ts';
import { siteUnits, touchedUnits, unitKey } from './units.ts';

export { MANIFEST_FILE, readManifest };

const FORMAT = MANIFEST_FORMAT;
const SITE_DIR = dirname(fileURLToPath(import.meta.url));
const ASSET_DIR = join(SITE_DIR, 'assets');
/** The manifest's unit for the static assets copied from tools/site/assets. */
const ASSETS_UNIT = 'assets';
/** The manifest's units for the /search/ page and the search index, which are the whole site's, not one unit's. */
const SEARCH_PAGE_UNIT = 'search-page';
const SEARCH_INDEX_UNIT = 'search-index';

/**
 * The parts of the site, each asked for every unit's files. `few`: only the units a change touches
 * will be asked for (parts that index the whole repository may choose a cheaper way).
 */
export function siteParts(few: boolean): SitePart[] {
  return [htmlPages({ few }), apiPart, feedPart, badgePart, redirectPart];
}

export interface SiteBuildOptions {
  out: string;
  /** The site's absolute URL, ending in "/". */
  siteUrl: string;
  repo: Repository;
  /** The data state of `repo` (views/data-base.ts currentBase), kept for the next build; null when unknown. */
  base: DataBase | null;
  /** What changed since the last build's base, read by the caller from readManifest(out).base; undefined: build everything. */
  change?: DataChange;
  /** The parts (default siteParts). */
  parts?: (few: boolean) => SitePart[];
  /** The manifest in `out` when the caller read it already (changeSinceLastBuild's); default: read here. */
  last?: SiteManifest;
}

export interface SiteReport {
  /** Units rendered, of all the site's units. */
  built: number;
  units: number;
  written: string[];
  removed: string[];
  files: number;
  incremental: boolean;
  /** Whether the search index was made (its files written where they differ), or left as the last build made it. */
  searchIndex: 'made' | 'unchanged';
}

/**
 * What changed in `root`'s data since the last build in `out`, when that build can be built on
 * (complete, same tools, site URL and validator); `validSince`: the data is known valid at that
 * commit, so validating what changed since is enough.
 */
export async function changeSinceLastBuild(root: string, out: string, siteUrl: string, validator: string): Promise<{ change: DataChange; validSince?: string; last: SiteManifest } | undefined> {
  const last = readManifest(out);
  if (!last) return undefined;
  const { header } = last;
  if (!header.complete || header.tools !== toolsKey() || header.siteUrl !== siteUrl) return undefined;
  const base = header.base;
  if (!base || base.validator !== validator) return undefined;
  const change = await changeSinceBase(root, base);
  if (!change) return undefined;
  // Files that differed from the base's commit were valid then, but their commit's content may not be.
  return { change, last, ...(base.dirty.length === 0 ? { validSince: base.commit } : {}) };
}

/** PWC_TRACE=1 prints the time of each phase to stderr (for the benchmark and for profiling), as generate does. */
export function trace(phase: string): void {
  if (process.env.PWC_TRACE === '1') process.stderr.write(`[site] ${(performance.now() / 1000).toFixed(3)} s ${phase}\n`);
}

export function buildSite(options: SiteBuildOptions): SiteReport {
  const { out, siteUrl, repo } = options;
  const old = options.last ?? readManifest(out);
  trace('read the manifest');
  const incremental = options.change !== undefined && old !== undefined;
  const index = buildSiteIndex(repo);
  const context: SiteContext = { index, siteUrl };
  const parts = (options.parts ?? siteParts)(incremental);
  trace('built the site index');
  const touched = incremental ? touchedUnits(index, options.change!) : undefined;
  trace(touched ? `${touched.size} units the change can touch` : 'every unit');

  mkdirSync(out, { recursive: true });
  startBuilding(out, old, { format: FORMAT, tools: toolsKey(), siteUrl, base: null });

  // Each unit's manifest line: an untouched unit's is the last build's as it was; the others' files, by key.
  const lines = new Map<string, string>();
  const rebuilt = new Map<string, string[]>();
  const written: string[] = [];
  const produce = (key: string, files: string[]) => void rebuilt.set(key, files);
  let built = 0;
  let count = 0;
  for (const unit of siteUnits(index)) {
    count++;
    const key = unitKey(unit);
    const known = old?.line(key);
    if (touched && known !== undefined && !touched.has(key)) {
      lines.set(key, known);
      continue;
    }
    built++;
    produce(key, writeFiles(out, parts.flatMap((part) => part(context, unit)), written));
  }
  produce(ASSETS_UNIT, writeFiles(out, assetFiles(), written));
  trace(`${built} units built, ${written.length} files written`);

  produce(SEARCH_PAGE_UNIT, writeFiles(out, [searchPage(context)], written));
  const lastIndex = old?.has(SEARCH_INDEX_UNIT) ? old.files(SEARCH_INDEX_UNIT) : undefined;
  // A unit that is gone takes its search records with it (every unit of this build is in lines or rebuilt by now).
  const gone = old !== undefined && [...old.keys()].some((key) => key !== SEARCH_INDEX_UNIT && !lines.has(key) && !rebuilt.has(key));
  const search = updateSearchIndex(context, siteUnits(index), touched && old && lastIndex ? { hashOf: (key) => old.search(key), touched, gone } : undefined);
  produce(SEARCH_INDEX_UNIT, search.files ? writeFiles(out, search.files, written) : lastIndex!);
  trace(search.files ? `search index made, ${written.length} files written in all` : 'search index unchanged');

  // Files the last build listed that no unit produces now: those of its units that are gone or were rebuilt without them.
  const candidates = new Set<string>();
  let files = touched ? old!.header.files : 0;
  for (const [key, paths] of rebuilt) {
    const before = old?.has(key) && touched ? old.files(key) : [];
    for (const path of before) candidates.add(path);
    files += paths.length - before.length;
  }
  if (touched) {
    for (const key of old!.keys()) {
      if (lines.has(key) || rebuilt.has(key)) continue;
      const before = old!.files(key);
      for (const path of before) candidates.add(path);
      files -= before.length;
    }
  } else if (old) {
    for (const key of old.keys()) for (const path of old.files(key)) candidates.add(path);
  }
  for (const paths of rebuilt.values()) for (const path of paths) candidates.delete(path);
  // A kept unit's files are its last ones: a candidate among them stays (a path two units list, which the site's parts avoid).
  if (candidates.size > 0) for (const line of lines.values()) for (const path of filesOfLine(line)) candidates.delete(path);
  if (!touched) files = new Set([...rebuilt.values()].flat()).size;
  const removed = [...candidates].sort();
  for (const path of removed) {
    rmSync(join(out, path), { force: true });
    removeEmptyParents(out, path);
  }
  for (const [key, paths] of rebuilt) lines.set(key, unitLine(key, { files: paths, search: search.hashes.get(key) ?? '' }));
  for (const [key, hash] of search.hashes) {
    // A kept unit whose records' hash was computed (a touched unit the last build had no files of is rebuilt, so only this case).
    if (rebuilt.has(key)) continue;
    const line = lines.get(key);
    if (line !== undefined && old?.search(key) !== hash) lines.set(key, unitLine(key, { files: filesOfLine(line), search: hash }));
  }
  const sorted = [...lines.keys()].sort().map((key) => lines.get(key)!);
  saveManifest(out, { format: FORMAT, tools: toolsKey(), siteUrl, base: options.base, complete: true, files }, sorted);
  trace(`removed ${removed.length} files, saved the manifest`);
  return { built, units: count, written, removed, files, incremental, searchIndex: search.files ? 'made' : 'unchanged' };
}

/** Writes each file whose bytes differ from what is there (same bytes: the file is left alone); returns their paths, sorted. */
function writeFiles(out: string, files: readonly SiteFile[], written: string[]): string[] {
  const paths: string[] = [];
  for (const file of files) {
    if (!isSafePath(file.path)) throw new Error(`a site part returned an unsafe path: ${file.path}`);
    const target = join(out, file.path);
    const bytes = typeof file.body === 'string' ? Buffer.from(file.body) : file.body;
    paths.push(file.path);
    let same = false;
    try {
      same = readFileSync(target).equals(bytes);
    } catch {
      // Not there yet.
    }
    if (same) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    written.push(file.path);
  }
  return paths.sort();
}

/** A relative POSIX path inside the output: no "..", no absolute path, not the manifest. */
function isSafePath(path: string): boolean {
  return path !== '' && path !== MANIFEST_FILE && !path.startsWith('/') && !path.includes('\\') && path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** tools/site/assets/*, copied to assets/ (site-search's and others' included; not type declarations, which only the tools read). */
function assetFiles(): SiteFile[] {
  return readdirSync(ASSET_DIR)
    .filter((name) => !name.startsWith('.') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => ({ path: `assets/${name}`, body: readFileSync(join(ASSET_DIR, name)) }));
}

function removeEmptyParents(out: string, path: string): void {
  for (let dir = dirname(path); dir !== '.' && dir !== ''; dir = dirname(dir)) {
    try {
      rmdirSync(join(out, dir));
    } catch {
      return; // Not empty (or not there): its parents are not empty either.
    }
  }
}

let key: string | undefined;

/** The key of the code and templates that turn data into the site (tools/site and tools/views). */
export function toolsKey(): string {
  if (key) return key;
  const hash = createHash('sha256').update(`${FORMAT}\n${rendererKey()}\n`);
  const files = (readdirSync(SITE_DIR, { recursive: true }) as string[])
    .filter((f) => /\.(ts|mjs|js|css|hbs)$/.test(f) && !f.endsWith('.test.ts') && !f.startsWith('test-support'))
    .sort();
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(SITE_DIR, file))).update('\n');
  return (key = hash.digest('hex'));
}
