// The static search index: an inverted index cut into term chunks (sorted terms, so a search
// fetches only the chunks of its words) and a document store in small numbered chunks (only the
// shown results are fetched). Same records, byte-identical files. The format is read by
// tools/site/assets/search.js, which also holds the one tokenizer both sides use.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INDEX_VERSION, KIND_CODES, isStopWord, tokenize } from '../assets/search.js';
import type { SiteFile } from '../part.ts';
import { pageUrl } from '../paths.ts';
import { compareText as compare } from '../../views/format.ts';
import type { SearchKind, SearchRecord } from './records.ts';

/** The index's folder in the site. */
export const SEARCH_INDEX_DIR = 'search-index';

export interface IndexLimits {
  /** A term chunk is cut once its JSON reaches this many characters (one big term may exceed it). */
  chunkChars: number;
  /** Documents per document-store chunk. */
  docsPerChunk: number;
  /**
   * Postings kept per term: a word in more records keeps only its first `maxPostings` in document
   * order (names before papers, newest papers first), so no word costs more than that to fetch;
   * the client treats records past that point as unknown and checks them against their text.
   */
  maxPostings: number;
}

export const DEFAULT_LIMITS: IndexLimits = { chunkChars: 48_000, docsPerChunk: 32, maxPostings: 20_000 };

const KIND_ORDER: readonly SearchKind[] = ['task', 'dataset', 'method', 'leaderboard', 'source', 'paper'];

/** Records in document order: kinds in KIND_ORDER, papers newest first, then by path. */
export function orderRecords(records: readonly SearchRecord[]): SearchRecord[] {
  return [...records].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      compare(b.date ?? '', a.date ?? '') ||
      compare(a.path, b.path),
  );
}

/** The index's files (paths relative to the site's root). */
export function searchIndexFiles(records: readonly SearchRecord[], limits: IndexLimits = DEFAULT_LIMITS): SiteFile[] {
  const docs = orderRecords(records);
  const files: SiteFile[] = [];

  // Postings: the doc numbers where a term is in the name, and where it is only elsewhere. Docs
  // come in order, so a list's last number says whether this doc is already in it.
  const postings = new Map<string, Postings>();
  docs.forEach((record, doc) => {
    for (const text of record.names)
      for (const t of tokenize(text)) {
        if (isStopWord(t)) continue;
        const p = postingsOf(postings, t);
        if (p.name[p.name.length - 1] !== doc) p.name.push(doc);
      }
    for (const text of record.other)
      for (const t of tokenize(text)) {
        if (isStopWord(t)) continue;
        const p = postingsOf(postings, t);
        if (p.name[p.name.length - 1] !== doc && p.other[p.other.length - 1] !== doc) p.other.push(doc);
      }
  });

  const terms = [...postings.keys()].sort(compare);
  const chunkStarts: string[] = [];
  let chunk: string[] = [];
  let chars = 0;
  const flush = () => {
    files.push({ path: `${SEARCH_INDEX_DIR}/t/${chunkStarts.length - 1}.json`, body: `[${chunk.join(',\n')}]\n` });
    chunk = [];
    chars = 0;
  };
  for (const term of terms) {
    const json = JSON.stringify(termEntry(term, postings.get(term)!, limits.maxPostings));
    if (chunk.length === 0) chunkStarts.push(term);
    chunk.push(json);
    chars += json.length;
    if (chars >= limits.chunkChars) flush();
  }
  if (chunk.length > 0) flush();

  for (let start = 0; start < docs.length; start += limits.docsPerChunk) {
    const rows = docs.slice(start, start + limits.docsPerChunk).map((r) => JSON.stringify([KIND_CODES[r.kind], pageUrl(r.path), r.title, r.detail]));
    files.push({ path: `${SEARCH_INDEX_DIR}/d/${start / limits.docsPerChunk}.json`, body: `[${rows.join(',\n')}]\n` });
  }

  const meta = { version: INDEX_VERSION, docs: docs.length, docsPerChunk: limits.docsPerChunk, chunks: chunkStarts };
  files.unshift({ path: `${SEARCH_INDEX_DIR}/meta.json`, body: JSON.stringify(meta) + '\n' });
  return files;
}

/**
 * [term, boundary, name deltas, other deltas]: doc numbers as gaps from the previous one (small
 * numbers compress well). `boundary` is -1 when every posting is kept, else the last doc number
 * kept: past it the term's presence is unknown.
 */
function termEntry(term: string, postings: Postings, maxPostings: number): [string, number, number[], number[]] {
  let { name: inName, other: inOther } = postings;
  let boundary = -1;
  if (inName.length + inOther.length > maxPostings) {
    const all = [...inName, ...inOther].sort((a, b) => a - b);
    boundary = all[maxPostings - 1];
    inName = inName.filter((d) => d <= boundary);
    inOther = inOther.filter((d) => d <= boundary);
  }
  return [term, boundary, gaps(inName), gaps(inOther)];
}

function gaps(sorted: number[]): number[] {
  return sorted.map((d, i) => (i === 0 ? d : d - sorted[i - 1]));
}

/** Writes the index into `siteDir`, replacing the previous one (its folder belongs to the index alone). */
export function writeSearchIndex(siteDir: string, records: readonly SearchRecord[], limits: IndexLimits = DEFAULT_LIMITS): { files: number; bytes: number } {
  const files = searchIndexFiles(records, limits);
  rmSync(join(siteDir, SEARCH_INDEX_DIR), { recursive: true, force: true });
  let bytes = 0;
  for (const file of files) {
    const target = join(siteDir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.body);
    bytes += typeof file.body === 'string' ? Buffer.byteLength(file.body) : file.body.byteLength;
  }
  return { files: files.length, bytes };
}

/** Every file under the index's folder, for tests and measurements. */
export function listIndexFiles(siteDir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(siteDir, rel), { withFileTypes: true })) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(SEARCH_INDEX_DIR);
  return out.sort(compare);
}

interface Postings {
  name: number[];
  other: number[];
}

function postingsOf(map: Map<string, Postings>, term: string): Postings {
  let lists = map.get(term);
  if (!lists) map.set(term, (lists = { name: [], other: [] }));
  return lists;
}

