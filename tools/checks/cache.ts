// The validator's on-disk cache (.pwc-cache/validate/ under the data root). Per file: size, mtime,
// content hash (the git blob id), its own findings, its schema-valid data (as JSON, in a pack file
// read only where needed) and its links for the planner; plus the findings of the last
// whole-repository check, keyed by the hash of every file.
//
// Two v8-serialised blobs of columns (typed arrays and joined strings, so each loads in tens of
// milliseconds at 190,000 files): files.v8 (what a full run needs) and links.v8 (what the planner
// needs: the used keys as an interned table, the reverse index, the stand-ins), loaded only by
// --changed-since. A cache that is missing, foreign, corrupt or written by other tool sources is ignored.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { folderTimes, type FolderTimes } from './cache-folders.ts';
import type { Finding } from './finding.ts';
import { entityKey, type DependencyIndex, type EntityKind } from './plan.ts';
import { StringTable, toColumn, type StringColumn } from './string-table.ts';

export const CACHE_DIR = '.pwc-cache/validate';
const FILES = 'files.v8';
const LINKS = 'links.v8';
const FORMAT = 'pwc-validate-cache';
const VERSION = 4;
const NEWLINE = Buffer.from('\n');
const KINDS: readonly EntityKind[] = ['task', 'dataset', 'method', 'paper'];

/** What ties the cache to git, so runs trust it without reading every file. */
export interface CacheBase {
  /** A commit; every file not in `dirty` has in the cache the content it has in this commit. */
  commit: string;
  dirty: string[];
  /** Files of the cache that git did not track when it was written (a superset is fine). */
  untracked: string[];
}

/** The findings of the whole-repository check for one exact set of file contents. */
export interface CheckMemo {
  key: string;
  findings: Finding[];
}

interface FilesBlob {
  format: string;
  version: number;
  tools: string;
  /** Names the links blob written with this one. */
  id: string;
  writtenAt: number;
  /** When the run that wrote the cache started: folders changed since then are listed again. */
  startedAt: number;
  base: CacheBase | null;
  folders: string;
  folderMtimes: Float64Array;
  pack: string;
  packBytes: number;
  /** Sorted. */
  paths: StringColumn;
  size: Float64Array;
  mtime: Float64Array;
  hashes: string;
  dataOffset: Float64Array;
  dataLength: Float64Array;
  findings: string;
  memo: string | null;
}

interface LinksBlob {
  format: string;
  id: string;
  /** Every key used or defined, sorted. */
  keys: StringColumn;
  /** Per file, the indexes (into keys) of the keys it uses: useIdx[useStart[i]..useStart[i+1]]. */
  useStart: Uint32Array;
  useIdx: Uint32Array;
  /** Per key, the files using it, and the files whose path defines it. */
  userStart: Uint32Array;
  users: Uint32Array;
  definerStart: Uint32Array;
  definers: Uint32Array;
  /** Per file, a bit per kind (KINDS order: 1 task, 2 dataset, 4 method, 8 paper): it names an id of that kind that no valid file defines. */
  dangling: Uint8Array;
  /** Per file, the JSON of its stand-in (valid tasks, datasets and methods), or "". */
  stubs: StringColumn;
}

/** One file as the cache keeps it; `data` is new JSON or a record of the previous cache. */
export interface CacheFile {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
  findings: readonly Finding[];
  uses: readonly string[];
  stub?: Record<string, unknown>;
  data?: { json: string } | { record: number };
}

/**
 * A hash of the sources and parser versions that decide findings: tools/checks and tools/model
 * (tests excluded) and the versions of yaml, js-yaml and ajv. Changing any of them empties the cache.
 */
export function toolsKey(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha1').update(`${FORMAT}:${VERSION}:${process.versions.node.split('.')[0]}\n`);
  for (const dir of [here, join(here, '..', 'model')]) {
    const files = (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith('.test.ts'))
      .sort();
    for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(dir, file))).update('\n');
  }
  for (const pkg of ['yaml', 'js-yaml', 'ajv']) {
    try {
      hash.update(`${pkg}@${JSON.parse(readFileSync(join(here, '..', '..', 'node_modules', pkg, 'package.json'), 'utf8')).version}\n`);
    } catch {
      hash.update(`${pkg}@?\n`);
    }
  }
  return hash.digest('hex');
}

/** Loads the cache of `root`, or undefined when there is none usable; never throws. */
export function loadCache(root: string, tools: string): LoadedCache | undefined {
  try {
    const dir = join(root, CACHE_DIR);
    const blob = deserialize(readFileSync(join(dir, FILES))) as FilesBlob;
    if (!blob || blob.format !== FORMAT || blob.version !== VERSION || blob.tools !== tools) return undefined;
    const cache = new LoadedCache(dir, blob);
    return cache.consistent() ? cache : undefined;
  } catch {
    return undefined;
  }
}

export class LoadedCache {
  private readonly pathTable: StringTable;
  readonly base: CacheBase | null;
  readonly writtenAt: number;
  readonly startedAt: number;
  private findingsByFile?: Map<number, Finding[]>;
  private linksBlob?: LinksBlob | null;
  private keyTable?: StringTable;
  private stubTable?: StringTable;
  private packFd?: number;

  constructor(
    private readonly dir: string,
    readonly blob: FilesBlob,
  ) {
    this.pathTable = new StringTable(blob.paths);
    this.base = blob.base;
    this.writtenAt = blob.writtenAt;
    this.startedAt = blob.startedAt;
  }

  /** Every cached path, sorted (made on first use: a partial run never needs them all). */
  get paths(): string[] {
    return this.pathTable.toArray();
  }

  path(i: number): string {
    return this.pathTable.at(i);
  }

  /** The folders of the cached files with their mtimes when the cache was written. */
  folderTimes(): FolderTimes {
    return { folders: this.blob.folders === '' ? [] : this.blob.folders.split('\0'), mtimes: this.blob.folderMtimes };
  }

  /** The columns agree with each other and the pack is there and long enough. */
  consistent(): boolean {
    const b = this.blob;
    const n = this.pathTable.length;
    if (!this.pathTable.consistent()) return false;
    if (b.size.length !== n || b.mtime.length !== n || b.hashes.length !== n * 40 || b.dataOffset.length !== n || b.dataLength.length !== n) return false;
    if (this.folderTimes().folders.length !== b.folderMtimes.length) return false;
    const pack = join(this.dir, b.pack);
    if (n > 0 && (!existsSync(pack) || statSync(pack).size < b.packBytes)) return false;
    return true;
  }

  get size(): number {
    return this.pathTable.length;
  }

  /** Binary search: the paths are sorted, and a Map of 190,000 paths costs more to build than all lookups of a run. */
  indexOf(path: string): number | undefined {
    return this.pathTable.indexOf(path);
  }

  fileSize(i: number): number {
    return this.blob.size[i];
  }
  mtimeMs(i: number): number {
    return this.blob.mtime[i];
  }
  hash(i: number): string {
    return this.blob.hashes.slice(i * 40, i * 40 + 40);
  }
  isValid(i: number): boolean {
    return this.blob.dataLength[i] > 0;
  }

  findings(i: number): Finding[] {
    if (!this.findingsByFile) this.findingsByFile = new Map(JSON.parse(this.blob.findings) as [number, Finding[]][]);
    return this.findingsByFile.get(i) ?? [];
  }

  memo(): CheckMemo | undefined {
    try {
      return this.blob.memo ? (JSON.parse(this.blob.memo) as CheckMemo) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The planner's half of the cache, or undefined when it is missing or from another write. */
  links(): LinksBlob | undefined {
    if (this.linksBlob === undefined) {
      try {
        const blob = deserialize(readFileSync(join(this.dir, LINKS))) as LinksBlob;
        const n = this.pathTable.length;
        const ok = blob && blob.format === FORMAT && blob.id === this.blob.id && blob.useStart.length === n + 1 && blob.dangling.length === n && blob.stubs.ends.length === n;
        this.linksBlob = ok ? blob : null;
        if (ok) {
          this.keyTable = new StringTable(blob.keys);
          this.stubTable = new StringTable(blob.stubs);
          const keys = this.keyTable.length;
          if (blob.userStart.length !== keys + 1 || blob.definerStart.length !== keys + 1 || !this.keyTable.consistent() || !this.stubTable.consistent()) this.linksBlob = null;
        }
      } catch {
        this.linksBlob = null;
      }
    }
    return this.linksBlob ?? undefined;
  }

  /** Loads what the planner asks for (the links), e.g. while git works. */
  prepare(): void {
    this.links();
  }

  /** The keys a file uses (strings), from the links. */
  usesOf(i: number): string[] {
    const links = this.links();
    if (!links) return [];
    const out: string[] = [];
    for (let j = links.useStart[i]; j < links.useStart[i + 1]; j++) out.push(this.keyTable!.at(links.useIdx[j]));
    return out;
  }

  /** The stand-in of a valid task, dataset or method (undefined for other files). */
  stub(i: number): Record<string, unknown> | undefined {
    if (!this.links()) return undefined;
    const text = this.stubTable!.at(i);
    return text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
  }

  /** The valid data of one file from the pack; undefined if the pack cannot give it (then read the file). */
  record(i: number): unknown {
    const length = this.blob.dataLength[i];
    if (!(length > 0)) return undefined;
    try {
      if (this.packFd === undefined) this.packFd = openSync(join(this.dir, this.blob.pack), 'r');
      const buffer = Buffer.allocUnsafe(length);
      if (readSync(this.packFd, buffer, 0, length, this.blob.dataOffset[i]) !== length) return undefined;
      return JSON.parse(buffer.toString('utf8'));
    } catch {
      return undefined;
    }
  }

  /** Many records at once: reads the whole pack when asked for a large share of it. */
  records(indexes: readonly number[]): Map<number, unknown> {
    const out = new Map<number, unknown>();
    if (indexes.length < 2000) {
      for (const i of indexes) {
        const data = this.record(i);
        if (data !== undefined) out.set(i, data);
      }
      return out;
    }
    let pack: Buffer;
    try {
      pack = readFileSync(join(this.dir, this.blob.pack));
    } catch {
      return out;
    }
    for (const i of indexes) {
      const start = this.blob.dataOffset[i];
      const end = start + this.blob.dataLength[i];
      if (!(end > start) || end > pack.length) continue;
      try {
        out.set(i, JSON.parse(pack.toString('utf8', start, end)));
      } catch {
        // a damaged record: the caller reads the file instead
      }
    }
    return out;
  }

  /** Removes the index (which names everything else), so no later run uses this cache. */
  discard(): void {
    this.close();
    try {
      unlinkSync(join(this.dir, FILES));
    } catch {
      // gone already
    }
  }

  close(): void {
    if (this.packFd !== undefined) closeSync(this.packFd);
    this.packFd = undefined;
  }

  /** The planner's view of the cached state; undefined when the links are not usable. */
  dependencyIndex(): DependencyIndex | undefined {
    const links = this.links();
    if (!links) return undefined;
    const keys = this.keyTable!;
    const paths = this.pathTable;
    const listed = (start: Uint32Array, list: Uint32Array, key: string): string[] => {
      const k = keys.indexOf(key);
      return k === undefined ? [] : Array.from(list.subarray(start[k], start[k + 1]), (i) => paths.at(i));
    };
    return {
      exists: (path) => this.indexOf(path) !== undefined,
      isValid: (path) => {
        const i = this.indexOf(path);
        return i !== undefined && this.isValid(i);
      },
      uses: (path) => {
        const i = this.indexOf(path);
        return i === undefined ? [] : this.usesOf(i);
      },
      users: (key) => listed(links.userStart, links.users, key),
      definers: (entity) => listed(links.definerStart, links.definers, entity),
      danglingUsers: (kind) => {
        const bit = 1 << KINDS.indexOf(kind);
        const out: string[] = [];
        links.dangling.forEach((bits, i) => {
          if (bits & bit) out.push(paths.at(i));
        });
        return out;
      },
      pathsUnder: (prefix) => {
        const out: string[] = [];
        for (let i = paths.lowerBound(prefix); i < paths.length; i++) {
          const path = paths.at(i);
          if (!path.startsWith(prefix)) break;
          out.push(path);
        }
        return out;
      },
    };
  }
}

export interface WriteOptions {
  base: CacheBase | null;
  /** When the run started (see FilesBlob.startedAt). */
  startedAt: number;
  memo?: CheckMemo;
  /** The cache this run loaded: records it still uses are kept from its pack. */
  previous?: LoadedCache;
}

/**
 * Writes the cache for `files` (sorted by path). New data goes to the end of the previous pack;
 * the pack is rewritten when most of it is dead. Best effort: a failure leaves no cache, never a
 * half-written one (files.v8, which names everything else, is renamed into place last).
 */
export function writeCache(root: string, tools: string, files: readonly CacheFile[], options: WriteOptions): void {
  const dir = join(root, CACHE_DIR);
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, 'lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    // Another run is writing; a lock older than ten minutes is left over from a crash.
    try {
      if (Date.now() - statSync(lock).mtimeMs < 600_000) return;
      unlinkSync(lock);
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      return;
    }
  }
  try {
    writeLocked(root, dir, tools, files, options);
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // already gone
    }
  }
}

function writeLocked(root: string, dir: string, tools: string, all: readonly CacheFile[], options: WriteOptions): void {
  const id = randomBytes(8).toString('hex');
  const written = writePack(dir, all, options.previous?.blob);
  // A record the old pack could not give is dropped with its file, which the next run reads again.
  const kept = all.map((f, i) => !f.data || written.dataLength[i] > 0);
  const files = all.filter((_, i) => kept[i]);
  const dataOffset = written.dataOffset.filter((_, i) => kept[i]);
  const dataLength = written.dataLength.filter((_, i) => kept[i]);
  const { pack, packBytes } = written;
  const tmp = (name: string) => join(dir, `${name}.${process.pid}.tmp`);
  writeFileSync(tmp(LINKS), serialize(linksOf(id, files, dataLength)));
  const folders = folderTimes(root, files.map((f) => f.path));
  const blob: FilesBlob = {
    format: FORMAT,
    version: VERSION,
    tools,
    id,
    writtenAt: Date.now(),
    startedAt: options.startedAt,
    base: options.base,
    folders: folders.folders.join('\0'),
    folderMtimes: folders.mtimes,
    pack,
    packBytes,
    paths: toColumn(files.map((f) => f.path)),
    size: Float64Array.from(files, (f) => f.size),
    mtime: Float64Array.from(files, (f) => f.mtimeMs),
    hashes: files.map((f) => f.hash).join(''),
    dataOffset,
    dataLength,
    findings: JSON.stringify(files.flatMap((f, i) => (f.findings.length > 0 ? [[i, f.findings]] : []))),
    memo: options.memo ? JSON.stringify(options.memo) : null,
  };
  writeFileSync(tmp(FILES), serialize(blob));
  renameSync(tmp(LINKS), join(dir, LINKS));
  renameSync(tmp(FILES), join(dir, FILES));
  // Packs no index refers to any more.
  for (const name of readdirSync(dir)) {
    if (name.startsWith('data-') && name !== pack) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // gone already
      }
    }
  }
}

/** Appends new records to the previous pack, or writes a new pack when most of the old one would be dead. */
function writePack(dir: string, files: readonly CacheFile[], previous: FilesBlob | undefined) {
  const n = files.length;
  const dataOffset = new Float64Array(n);
  const dataLength = new Float64Array(n);
  let liveOld = 0;
  let newBytes = 0;
  for (const f of files) {
    if (f.data && 'json' in f.data) newBytes += Buffer.byteLength(f.data.json) + 1;
    else if (f.data && previous) liveOld += previous.dataLength[f.data.record] + 1;
  }
  const appendable = previous !== undefined && existsSync(join(dir, previous.pack)) && liveOld >= (previous.packBytes + newBytes) / 2;
  const pack = appendable ? previous!.pack : `data-${randomBytes(6).toString('hex')}.jsonl`;
  let oldPack: Buffer | undefined;
  if (!appendable && previous && liveOld > 0) {
    try {
      oldPack = readFileSync(join(dir, previous.pack));
    } catch {
      oldPack = undefined;
    }
  }
  const fd = openSync(join(dir, pack), appendable ? 'r+' : 'w');
  let position = appendable ? previous!.packBytes : 0;
  // Records are gathered into chunks of a few MB, so the pack is written without holding it whole.
  const chunks: Buffer[] = [];
  let chunkBytes = 0;
  const flush = () => {
    if (chunkBytes === 0) return;
    const buffer = Buffer.concat(chunks, chunkBytes);
    writeSync(fd, buffer, 0, buffer.length, position - chunkBytes);
    chunks.length = 0;
    chunkBytes = 0;
  };
  const append = (bytes: Buffer): number => {
    const at = position;
    chunks.push(bytes, NEWLINE);
    chunkBytes += bytes.length + 1;
    position += bytes.length + 1;
    if (chunkBytes > 8 << 20) flush();
    return at;
  };
  try {
    files.forEach((f, i) => {
      const data = f.data;
      if (!data) return;
      if ('json' in data) {
        const bytes = Buffer.from(data.json);
        dataOffset[i] = append(bytes);
        dataLength[i] = bytes.length;
      } else if (previous) {
        const start = previous.dataOffset[data.record];
        const length = previous.dataLength[data.record];
        if (appendable) {
          dataOffset[i] = start;
          dataLength[i] = length;
        } else if (oldPack && start + length <= oldPack.length) {
          dataOffset[i] = append(oldPack.subarray(start, start + length));
          dataLength[i] = length;
        }
      }
    });
    flush();
  } finally {
    closeSync(fd);
  }
  return { pack, packBytes: position, dataOffset, dataLength };
}

/** The planner's columns: interned keys, forward and reverse indexes, dangling references, stand-ins. */
function linksOf(id: string, files: readonly CacheFile[], dataLength: Float64Array): LinksBlob {
  const n = files.length;
  const entities: (string | undefined)[] = files.map((f) => {
    const ref = classifyPath(f.path);
    return isPathProblem(ref) ? undefined : entityKey(ref);
  });
  const keySet = new Set<string>();
  files.forEach((f, i) => {
    for (const key of f.uses) keySet.add(key);
    if (entities[i]) keySet.add(entities[i]!);
  });
  const keys = [...keySet].sort();
  const keyIndex = new Map(keys.map((k, j) => [k, j]));

  const useStart = new Uint32Array(n + 1);
  let total = 0;
  files.forEach((f, i) => {
    useStart[i] = total;
    total += f.uses.length;
  });
  useStart[n] = total;
  const useIdx = new Uint32Array(total);
  const userCount = new Uint32Array(keys.length);
  const definerCount = new Uint32Array(keys.length);
  files.forEach((f, i) => {
    f.uses.forEach((key, j) => {
      const k = keyIndex.get(key)!;
      useIdx[useStart[i] + j] = k;
      userCount[k]++;
    });
    if (entities[i]) definerCount[keyIndex.get(entities[i]!)!]++;
  });
  const postings = (count: Uint32Array) => {
    const start = new Uint32Array(keys.length + 1);
    for (let k = 0; k < keys.length; k++) start[k + 1] = start[k] + count[k];
    return { start, list: new Uint32Array(start[keys.length]), fill: start.slice(0, keys.length) };
  };
  const users = postings(userCount);
  const definers = postings(definerCount);
  files.forEach((f, i) => {
    for (let j = useStart[i]; j < useStart[i + 1]; j++) users.list[users.fill[useIdx[j]]++] = i;
    if (entities[i]) {
      const k = keyIndex.get(entities[i]!)!;
      definers.list[definers.fill[k]++] = i;
    }
  });

  // Dangling references, judged against the valid files of this state.
  const validEntities = new Set<string>();
  files.forEach((f, i) => {
    if (entities[i] && dataLength[i] > 0) validEntities.add(entities[i]!);
  });
  const dangling = new Uint8Array(n);
  const bitOf: Record<string, number> = { task: 1, parent: 1, dataset: 2, variant: 2, method: 4, paper: 8 };
  const kindOf: Record<string, string> = { task: 'task', parent: 'task', dataset: 'dataset', variant: 'dataset', method: 'method', paper: 'paper' };
  files.forEach((f, i) => {
    for (const key of f.uses) {
      const colon = key.indexOf(':');
      const prefix = key.slice(0, colon);
      const bit = bitOf[prefix];
      if (bit && !validEntities.has(`${kindOf[prefix]}:${key.slice(colon + 1)}`)) dangling[i] |= bit;
    }
  });
  const stubs = toColumn(files.map((f, i) => (f.stub && dataLength[i] > 0 ? JSON.stringify(f.stub) : '')));
  return { format: FORMAT, id, keys: toColumn(keys), useStart, useIdx, userStart: users.start, users: users.list, definerStart: definers.start, definers: definers.list, dangling, stubs };
}
