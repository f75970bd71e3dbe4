// `pwc site`'s build: the repository's units through the site's parts into files under an output
// folder. After a data change since the last build it renders only the units the change can touch
// (units.ts), from the data state the build's manifest keeps (the same base and DataChange as
// generate's page memo). The manifest (.pwc-site.json in the output) lists every file the build
// wrote, by unit: files no unit produces any more are removed, and no other file is ever deleted.
// The search index covers every unit: it is made again only when some unit's records changed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
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
import { siteUnits, touchedUnits, unitKey } from './units.ts';

export const MANIFEST_FILE = '.pwc-site.json';
const FORMAT = 1;
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

export interface SiteManifest {
  format: number;
  /** The key of the tools that wrote the files: files written by other tools are all rebuilt. */
  tools: string;
  siteUrl: string;
  /** The data the files were built from (see views/data-base.ts); null when unknown. */
  base: DataBase | null;
  /** False while a build is writing: a build that stopped half-way leaves the next one a full rebuild. */
  complete: boolean;
  /** Each unit's files (paths relative to the output folder). */
  units: Record<string, string[]>;
  /** Each unit's search records' hash (search/site-search.ts): the index is made again only when one changes. */
  search?: Record<string, string>;
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

/** The manifest the last build left in `out`, if it is one these tools can build on. */
export function readManifest(out: string): SiteManifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as SiteManifest;
    return manifest.format === FORMAT && typeof manifest.units === 'object' ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What changed in `root`'s data since the last build in `out`, when that build can be built on
 * (complete, same tools, site URL and validator); `validSince`: the data is known valid at that
 * commit, so validating what changed since is enough.
 */
export async function changeSinceLastBuild(root: string, out: string, siteUrl: string, validator: string): Promise<{ change: DataChange; validSince?: string } | undefined> {
  const manifest = readManifest(out);
  if (!manifest || !manifest.complete || manifest.tools !== toolsKey() || manifest.siteUrl !== siteUrl) return undefined;
  const base = manifest.base;
  if (!base || base.validator !== validator) return undefined;
  const change = await changeSinceBase(root, base);
  if (!change) return undefined;
  // Files that differed from the base's commit were valid then, but their commit's content may not be.
  return { change, ...(base.dirty.length === 0 ? { validSince: base.commit } : {}) };
}

/** PWC_TRACE=1 prints the time of each phase to stderr (for the benchmark and for profiling), as generate does. */
export function trace(phase: string): void {
  if (process.env.PWC_TRACE === '1') process.stderr.write(`[site] ${(performance.now() / 1000).toFixed(3)} s ${phase}\n`);
}

export function buildSite(options: SiteBuildOptions): SiteReport {
  const { out, siteUrl, repo } = options;
  const old = readManifest(out);
  trace('read the manifest');
  const incremental = options.change !== undefined && old !== undefined;
  const index = buildSiteIndex(repo);
  const context: SiteContext = { index, siteUrl };
  const parts = (options.parts ?? siteParts)(incremental);
  trace('built the site index');
  const touched = incremental ? touchedUnits(index, options.change!) : undefined;
  trace(touched ? `${touched.size} units the change can touch` : 'every unit');

  // Until this build is done, the manifest lists the files of both: a build cut short is followed by a full one that still knows them.
  const oldUnits = old?.units ?? {};
  mkdirSync(out, { recursive: true });
  saveManifest(out, { format: FORMAT, tools: toolsKey(), siteUrl, base: null, complete: false, units: oldUnits });

  const units: Record<string, string[]> = {};
  const written: string[] = [];
  let built = 0;
  let count = 0;
  for (const unit of siteUnits(index)) {
    count++;
    const key = unitKey(unit);
    const known = oldUnits[key];
    if (touched && known && !touched.has(key)) {
      units[key] = known;
      continue;
    }
    built++;
    const files = parts.flatMap((part) => part(context, unit));
    units[key] = writeFiles(out, files, written);
  }
  units[ASSETS_UNIT] = writeFiles(out, assetFiles(), written);
  trace(`${built} units built, ${written.length} files written`);

  units[SEARCH_PAGE_UNIT] = writeFiles(out, [searchPage(context)], written);
  const lastIndex = oldUnits[SEARCH_INDEX_UNIT];
  const search = updateSearchIndex(context, siteUnits(index), touched && old?.search && lastIndex ? { hashes: old.search, touched } : undefined);
  units[SEARCH_INDEX_UNIT] = search.files ? writeFiles(out, search.files, written) : lastIndex;
  trace(search.files ? `search index made, ${written.length} files written in all` : 'search index unchanged');

  // Files the last build wrote that no unit produces now: its removed units', and those a rebuilt unit no longer has.
  const produced = new Set<string>();
  for (const paths of Object.values(units)) for (const path of paths) produced.add(path);
  const removed: string[] = [];
  for (const paths of Object.values(oldUnits)) {
    for (const path of paths) {
      if (produced.has(path)) continue;
      rmSync(join(out, path), { force: true });
      removed.push(path);
      removeEmptyParents(out, path);
    }
  }
  const sorted = Object.fromEntries(Object.keys(units).sort().map((k) => [k, units[k]]));
  saveManifest(out, { format: FORMAT, tools: toolsKey(), siteUrl, base: options.base, complete: true, units: sorted, search: search.hashes });
  trace(`removed ${removed.length} files, saved the manifest`);
  return { built, units: count, written, removed: [...new Set(removed)].sort(), files: produced.size, incremental, searchIndex: search.files ? 'made' : 'unchanged' };
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

function saveManifest(out: string, manifest: SiteManifest): void {
  const target = join(out, MANIFEST_FILE);
  writeFileSync(`${target}.tmp`, `${JSON.stringify(manifest)}\n`);
  renameSync(`${target}.tmp`, target);
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
