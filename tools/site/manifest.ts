// The site build's manifest (.pwc-site.json in the output): which tools and data built the site, and
// each unit's files and search records' hash. One line per unit, read lazily, so that a rebuild that
// touches a few of ~160,000 units parses and re-encodes only theirs and copies the others' lines.
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataBase } from '../views/page-memo.ts';

export const MANIFEST_FILE = '.pwc-site.json';
/**
 * 2: a header line (JSON), then one line per unit, sorted by key: `"<key>"\t<search hash>\t["path", ...]`
 * (JSON strings hold no raw tab or newline). 1 (read, never written): one JSON object with `units` and `search`.
 */
export const MANIFEST_FORMAT = 2;
/** The line a build appends to the manifest it starts from: until its own manifest replaces the file, the build is not complete. */
const BUILDING = '"building"';

export interface ManifestHeader {
  format: number;
  /** The key of the tools that wrote the files: files written by other tools are all rebuilt. */
  tools: string;
  siteUrl: string;
  /** The data the files were built from (see views/data-base.ts); null when unknown. */
  base: DataBase | null;
  /** False while a build is writing: a build that stopped half-way leaves the next one a full rebuild. */
  complete: boolean;
  /** How many files the units list in all. */
  files: number;
}

export interface UnitEntry {
  /** The unit's files (paths relative to the output folder), sorted. */
  files: readonly string[];
  /** The unit's search records' hash (search/site-search.ts); '' when not known. */
  search: string;
}

/** A manifest as read: its header, and each unit's line, parsed only when asked for. */
export class SiteManifest {
  constructor(
    readonly header: ManifestHeader,
    /** Unit key -> its line. */
    private readonly lines: Map<string, string>,
  ) {}

  keys(): IterableIterator<string> {
    return this.lines.keys();
  }

  has(key: string): boolean {
    return this.lines.has(key);
  }

  /** The unit's line as written, to be written again as it is when the unit was not rebuilt. */
  line(key: string): string | undefined {
    return this.lines.get(key);
  }

  search(key: string): string | undefined {
    const line = this.lines.get(key);
    if (line === undefined) return undefined;
    const at = line.indexOf('\t') + 1;
    return line.slice(at, line.indexOf('\t', at)) || undefined;
  }

  files(key: string): string[] {
    const line = this.lines.get(key);
    return line === undefined ? [] : filesOfLine(line);
  }
}

/** The files a unit's line lists. */
export function filesOfLine(line: string): string[] {
  return JSON.parse(line.slice(line.indexOf('\t', line.indexOf('\t') + 1) + 1)) as string[];
}

export function unitLine(key: string, entry: UnitEntry): string {
  return `${JSON.stringify(key)}\t${entry.search}\t${JSON.stringify(entry.files)}`;
}

/** The manifest in `out`, in this format or the one before; undefined when there is none or it is not one. */
export function readManifest(out: string): SiteManifest | undefined {
  let text: string;
  try {
    text = readFileSync(join(out, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const end = text.indexOf('\n');
    const header = JSON.parse(end < 0 ? text : text.slice(0, end)) as ManifestHeader & { units?: Record<string, string[]>; search?: Record<string, string> };
    if (header.format === 1 && typeof header.units === 'object') return fromFormat1({ ...header, units: header.units });
    if (header.format !== MANIFEST_FORMAT) return undefined;
    const lines = new Map<string, string>();
    let complete = header.complete;
    for (let at = end + 1; at < text.length; ) {
      let next = text.indexOf('\n', at);
      if (next < 0) next = text.length;
      const line = text.slice(at, next);
      at = next + 1;
      if (line === BUILDING) complete = false;
      else if (line !== '') lines.set(JSON.parse(line.slice(0, line.indexOf('\t'))) as string, line);
    }
    return new SiteManifest({ ...header, complete }, lines);
  } catch {
    return undefined;
  }
}

/** A format-1 manifest: its units' files are known (and removed when no unit makes them now); the tools key differs, so the build is a full one. */
function fromFormat1(old: { tools: string; siteUrl: string; base: DataBase | null; complete: boolean; units: Record<string, string[]>; search?: Record<string, string> }): SiteManifest {
  const lines = new Map<string, string>();
  let files = 0;
  for (const [key, paths] of Object.entries(old.units)) {
    lines.set(key, unitLine(key, { files: paths, search: old.search?.[key] ?? '' }));
    files += paths.length;
  }
  return new SiteManifest({ format: 1, tools: old.tools, siteUrl: old.siteUrl, base: old.base, complete: old.complete, files }, lines);
}

/**
 * Marks the build in `out` as under way. The manifest there keeps listing the last build's files, so a
 * build cut short is followed by a full one that still knows them; with no manifest, an empty one.
 */
export function startBuilding(out: string, last: SiteManifest | undefined, header: Omit<ManifestHeader, 'complete' | 'files'>): void {
  if (last?.header.format === MANIFEST_FORMAT) {
    appendFileSync(join(out, MANIFEST_FILE), `${BUILDING}\n`);
    return;
  }
  const lines = last ? [...last.keys()].sort().map((key) => last.line(key)!) : [];
  saveManifest(out, { ...header, complete: false, files: last?.header.files ?? 0 }, lines);
}

/** Writes the manifest: `lines` are unitLine()s (or SiteManifest.line()s), sorted by key. */
export function saveManifest(out: string, header: ManifestHeader, lines: readonly string[]): void {
  const target = join(out, MANIFEST_FILE);
  writeFileSync(`${target}.tmp`, `${JSON.stringify({ ...header, format: MANIFEST_FORMAT })}\n${lines.length > 0 ? `${lines.join('\n')}\n` : ''}`);
  renameSync(`${target}.tmp`, target);
}
