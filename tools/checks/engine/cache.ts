// The validator's on-disk cache (.pwc-cache/validate/ under the data root). Per file: size, mtime,
// content hash (the git blob id), its own findings, its schema-valid data (as JSON, in a pack file
// read only where needed) and its links for the planner; plus the findings of the last
// whole-repository check, keyed by the hash of every file.
//
// One index file of binary columns (section-file.ts) read on demand: a full run reads the columns
// it needs whole; an incremental run looks up a few hundred files and reads a few blocks of each
// column (the used keys as an interned table, the reverse index, the stand-ins). A cache that is
// missing, foreign, corrupt or written by other tool sources is ignored.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyPath, isPathProblem } from '../../model/paths.ts';
import { folderTimes, type FolderTimes } from './cache-folders.ts';
import type { Finding } from '../finding.ts';
import { entityKey, linkKind, type DependencyIndex, type EntityKind } from '../plan.ts';
import { columnSections, SectionFile, writeSections, type LazyArray, type Section } from './section-file.ts';
import { encodeColumn, StringTable } from './string-table.ts';

export const CACHE_DIR = '.pwc-cache/validate';
const INDEX = 'index.bin';
const FORMAT = 'pwc-validate-cache';
const VERSION = 5;
const NEWLINE = Buffer.from('\n');
const KINDS: readonly EntityKind[] = ['task', 'dataset', 'method', 'paper'];
const HASH = 40;

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

/**
 * The index's header. Its sections: per file (sorted by path) `paths`, `size`, `mtime`, `hashes`
 * (40 hex characters each), `dataOffset` and `dataLength` (its record in the pack; 0 when not
 * valid); `findingFiles` and `findings` (the JSON of the files that have findings); `folders` (NUL
 * separated) and `folderMtimes`; `memo`. The planner's links: `keys` (every key used or defined,
 * sorted), `useStart`/`useIdx` (per file, the keys it uses), `userStart`/`users` and
 * `definerStart`/`definers` (per key, the files using it and the files whose path defines it),
 * `dangling` (per file, a bit per kind in KINDS order: it names an id of that kind that no valid
 * file defines), `stubs` (per file, the JSON of its stand-in, or "").
 */
interface IndexMeta {
  format: string;
  version: number;
  tools: string;
  writtenAt: number;
  /** When the run that wrote the cache started: folders changed since then are listed again. */
  startedAt: number;
  base: CacheBase | null;
  pack: string;
  packBytes: number;
  files: number;
}

/** The pack's records of a cache, for the next write to keep. */
interface PackState {
  pack: string;
  packBytes: number;
  dataOffset: ArrayLike<number>;
  dataLength: ArrayLike<number>;
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
  // This file is in tools/checks/engine: the rules and the engine are both under tools/checks.
  const tools = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const hash = createHash('sha1').update(`${FORMAT}:${VERSION}:${process.versions.node.split('.')[0]}\n`);
  for (const dir of [join(tools, 'checks'), join(tools, 'model')]) {
    const files = (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith('.test.ts'))
      .sort();
    for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(dir, file))).update('\n');
  }
  for (const pkg of ['yaml', 'js-yaml', 'ajv']) {
    try {
      hash.update(`${pkg}@${JSON.parse(readFileSync(join(tools, '..', 'node_modules', pkg, 'package.json'), 'utf8')).version}\n`);
    } catch {
      hash.update(`${pkg}@?\n`);
    }
  }
  return hash.digest('hex');
}

/** Loads the cache of `root`, or undefined when there is none usable; never throws. */
export function loadCache(root: string, tools: string): LoadedCache | undefined {
  const dir = join(root, CACHE_DIR);
  let file: SectionFile | undefined;
  try {
    file = SectionFile.open(join(dir, INDEX));
    const meta = file.meta as IndexMeta | null;
    if (!meta || meta.format !== FORMAT || meta.version !== VERSION || meta.tools !== tools || !Number.isSafeInteger(meta.files)) throw new Error('foreign cache');
    const cache = new LoadedCache(dir, file, meta);
    if (cache.consistent()) return cache;
  } catch {
    // not usable: as without a cache
  }
  file?.close();
  return undefined;
}

interface Links {
  keys: StringTable;
  stubs: StringTable;
  useStart: LazyArray;
  useIdx: LazyArray;
  userStart: LazyArray;
  users: LazyArray;
  definerStart: LazyArray;
  definers: LazyArray;
  dangling?: Uint8Array;
}

export class LoadedCache {
  private readonly pathTable: StringTable;
  readonly base: CacheBase | null;
  readonly writtenAt: number;
  readonly startedAt: number;
  private readonly n: number;
  private readonly sizes: LazyArray;
  private readonly mtimes: LazyArray;
  private readonly dataOffset: LazyArray;
  private readonly dataLength: LazyArray;
  private hashReads = 0;
  private allHashes?: string;
  private findingsByFile?: Map<number, Finding[]>;
  private linksState?: Links | null;
  private packFd?: number;

  constructor(
    private readonly dir: string,
    private readonly file: SectionFile,
    private readonly meta: IndexMeta,
  ) {
    const paths = file.column('paths');
    if (!paths) throw new Error('no paths');
    this.pathTable = new StringTable(paths);
    this.n = meta.files;
    this.base = meta.base;
    this.writtenAt = meta.writtenAt;
    this.startedAt = meta.startedAt;
    this.sizes = file.lazyArray('size', Float64Array);
    this.mtimes = file.lazyArray('mtime', Float64Array);
    this.dataOffset = file.lazyArray('dataOffset', Float64Array);
    this.dataLength = file.lazyArray('dataLength', Float64Array);
  }

  /** Every cached path, sorted (made on first use: a partial run never needs them all). */
  get paths(): string[] {
    return this.pathTable.toArray();
  }

  path(i: number): string {
    return this.pathTable.at(i);
  }

  /** The folders of the cached files with their mtimes when the cache was written; undefined if damaged. */
  folderTimes(): FolderTimes | undefined {
    const text = this.file.text('folders');
    const folders = text === '' ? [] : text.split('\0');
    const mtimes = this.file.array('folderMtimes', Float64Array);
    return mtimes && mtimes.length === folders.length ? { folders, mtimes } : undefined;
  }

  /** The columns agree with each other and the pack is there and long enough. */
  consistent(): boolean {
    const n = this.n;
    const f = this.file;
    if (this.pathTable.length !== n || !this.pathTable.consistent()) return false;
    if ([this.sizes, this.mtimes, this.dataOffset, this.dataLength].some((c) => c.length !== n) || f.size('hashes') !== n * HASH) return false;
    if (!this.loadFindings()) return false;
    const pack = join(this.dir, this.meta.pack);
    if (n > 0 && (!existsSync(pack) || statSync(pack).size < this.meta.packBytes)) return false;
    return true;
  }

  get size(): number {
    return this.n;
  }

  /** Binary search: the paths are sorted, and a Map of 190,000 paths costs more to build than all lookups of a run. */
  indexOf(path: string): number | undefined {
    return this.pathTable.indexOf(path);
  }

  /**
   * The names of the cached files directly in `folder`: one walk over its part of the sorted paths,
   * jumping over each subfolder's.
   */
  namesIn(folder: string): Set<string> {
    const prefix = `${folder}/`;
    const names = new Set<string>();
    const paths = this.pathTable;
    for (let i = paths.lowerBound(prefix); i < paths.length; ) {
      const path = paths.at(i);
      if (!path.startsWith(prefix)) break;
      const slash = path.indexOf('/', prefix.length);
      if (slash < 0) {
        names.add(path.slice(prefix.length));
        i++;
      } else {
        // Every path in that subfolder sorts before "<subfolder>0" ('0' follows '/').
        i = paths.lowerBound(`${path.slice(0, slash)}0`);
      }
    }
    return names;
  }

  fileSize(i: number): number {
    return this.sizes.get(i);
  }
  mtimeMs(i: number): number {
    return this.mtimes.get(i);
  }
  hash(i: number): string {
    // A full run asks for every hash: after a few thousand single reads the column is read whole.
    if (this.allHashes === undefined && ++this.hashReads > 2048) this.allHashes = this.file.read('hashes', 0, this.n * HASH).toString('latin1');
    if (this.allHashes !== undefined) return this.allHashes.slice(i * HASH, i * HASH + HASH);
    return this.file.read('hashes', i * HASH, i * HASH + HASH).toString('latin1');
  }
  isValid(i: number): boolean {
    return this.dataLength.get(i) > 0;
  }

  findings(i: number): Finding[] {
    return this.findingsByFile?.get(i) ?? [];
  }

  /** Reads the findings of the files that have some; false when the columns disagree. */
  private loadFindings(): boolean {
    const files = this.file.array('findingFiles', Uint32Array);
    const column = this.file.column('findings');
    if (!files || !column || column.ends.length !== files.length) return false;
    const table = new StringTable(column);
    if (!table.consistent()) return false;
    const texts = table.toArray();
    try {
      this.findingsByFile = new Map(Array.from(files, (i, j) => [i, JSON.parse(texts[j]) as Finding[]]));
    } catch {
      return false;
    }
    return true;
  }

  memo(): CheckMemo | undefined {
    try {
      const text = this.file.text('memo');
      return text ? (JSON.parse(text) as CheckMemo) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The planner's half of the cache, or undefined when it is damaged. */
  private links(): Links | undefined {
    if (this.linksState === undefined) {
      const f = this.file;
      const keyColumn = f.column('keys');
      const stubColumn = f.column('stubs');
      const keys = keyColumn && new StringTable(keyColumn);
      const stubs = stubColumn && new StringTable(stubColumn);
      const u32 = (name: string) => f.lazyArray(name, Uint32Array);
      const links = keys && stubs && { keys, stubs, useStart: u32('useStart'), useIdx: u32('useIdx'), userStart: u32('userStart'), users: u32('users'), definerStart: u32('definerStart'), definers: u32('definers') };
      const n = this.n;
      const ok =
        links &&
        keys.consistent() &&
        stubs.consistent() &&
        stubs.length === n &&
        links.useStart.length === n + 1 &&
        f.size('dangling') === n &&
        links.userStart.length === keys.length + 1 &&
        links.definerStart.length === keys.length + 1;
      this.linksState = ok ? links : null;
    }
    return this.linksState ?? undefined;
  }

  /** Whether the planner's half can be used (a cache whose links are damaged cannot be rewritten from itself). */
  hasLinks(): boolean {
    return this.links() !== undefined;
  }

  /** Loads what the planner asks for first (the key table's offsets), e.g. while git works. */
  prepare(): void {
    this.links();
  }

  /** The keys a file uses (strings), from the links. */
  usesOf(i: number): string[] {
    const links = this.links();
    if (!links) return [];
    return Array.from(links.useIdx.range(links.useStart.get(i), links.useStart.get(i + 1)), (k) => links.keys.at(k));
  }

  /** The stand-in of a valid task, dataset or method (undefined for other files). */
  stub(i: number): Record<string, unknown> | undefined {
    const text = this.links()?.stubs.at(i);
    try {
      return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The valid data of one file from the pack; undefined if the pack cannot give it (then read the file). */
  record(i: number): unknown {
    const length = this.dataLength.get(i);
    if (!(length > 0)) return undefined;
    try {
      if (this.packFd === undefined) this.packFd = openSync(join(this.dir, this.meta.pack), 'r');
      const buffer = Buffer.allocUnsafe(length);
      if (readSync(this.packFd, buffer, 0, length, this.dataOffset.get(i)) !== length) return undefined;
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
      pack = readFileSync(join(this.dir, this.meta.pack));
    } catch {
      return out;
    }
    const offsets = this.dataOffset.all();
    const lengths = this.dataLength.all();
    for (const i of indexes) {
      const start = offsets[i];
      const end = start + lengths[i];
      if (!(end > start) || end > pack.length) continue;
      try {
        out.set(i, JSON.parse(pack.toString('utf8', start, end)));
      } catch {
        // a damaged record: the caller reads the file instead
      }
    }
    return out;
  }

  /** The pack and where each record lies in it, for the next write. */
  packState(): PackState {
    return { pack: this.meta.pack, packBytes: this.meta.packBytes, dataOffset: this.dataOffset.all(), dataLength: this.dataLength.all() };
  }

  /** Removes the index (which names everything else), so no later run uses this cache. */
  discard(): void {
    this.close();
    try {
      unlinkSync(join(this.dir, INDEX));
    } catch {
      // gone already
    }
  }

  /**
   * Lets go of the pack (opened again if asked for a record). The index stays open until this
   * object is collected: a later read must see this index, not one another run renamed over it.
   */
  close(): void {
    if (this.packFd !== undefined) closeSync(this.packFd);
    this.packFd = undefined;
  }

  /** The planner's view of the cached state; undefined when the links are not usable. */
  dependencyIndex(): DependencyIndex | undefined {
    const links = this.links();
    if (!links) return undefined;
    const paths = this.pathTable;
    const listed = (start: LazyArray, list: LazyArray, key: string): string[] => {
      const k = links.keys.indexOf(key);
      return k === undefined ? [] : Array.from(list.range(start.get(k), start.get(k + 1)), (i) => paths.at(i));
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
        const dangling = (links.dangling ??= this.file.array('dangling', Uint8Array) ?? new Uint8Array(0));
        const out: string[] = [];
        dangling.forEach((bits, i) => {
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
  /** When the run started (see IndexMeta.startedAt). */
  startedAt: number;
  memo?: CheckMemo;
  /** The cache this run loaded: records it still uses are kept from its pack. */
  previous?: LoadedCache;
}

/**
 * Writes the cache for `files` (sorted by path). New data goes to the end of the previous pack;
 * the pack is rewritten when most of it is dead. Best effort: a failure leaves no cache, never a
 * half-written one (the index, which names everything else, is renamed into place last).
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
  const written = writePack(dir, all, options.previous?.packState());
  // A record the old pack could not give is dropped with its file, which the next run reads again.
  const kept = all.map((f, i) => !f.data || written.dataLength[i] > 0);
  const files = all.filter((_, i) => kept[i]);
  const dataOffset = written.dataOffset.filter((_, i) => kept[i]);
  const dataLength = written.dataLength.filter((_, i) => kept[i]);
  const { pack, packBytes } = written;
  const folders = folderTimes(root, files.map((f) => f.path));
  const withFindings = files.flatMap((f, i) => (f.findings.length > 0 ? [i] : []));
  const meta: IndexMeta = { format: FORMAT, version: VERSION, tools, writtenAt: Date.now(), startedAt: options.startedAt, base: options.base, pack, packBytes, files: files.length };
  const sections: Record<string, Section> = {
    ...columnSections('paths', encodeColumn(files.map((f) => f.path), true)),
    size: Float64Array.from(files, (f) => f.size),
    mtime: Float64Array.from(files, (f) => f.mtimeMs),
    hashes: files.map((f) => f.hash).join(''),
    dataOffset,
    dataLength,
    findingFiles: Uint32Array.from(withFindings),
    ...columnSections('findings', encodeColumn(withFindings.map((i) => JSON.stringify(files[i].findings)))),
    folders: folders.folders.join('\0'),
    folderMtimes: folders.mtimes,
    memo: options.memo ? JSON.stringify(options.memo) : '',
    ...linksOf(files, dataLength),
  };
  const tmp = join(dir, `${INDEX}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSections(fd, meta, sections);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(dir, INDEX));
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  // Packs no index refers to any more, and the files of older cache formats.
  for (const name of readdirSync(dir)) {
    if (name !== INDEX && name !== pack && name !== 'lock' && !name.endsWith('.tmp')) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // gone already
      }
    }
  }
}

/** Appends new records to the previous pack, or writes a new pack when most of the old one would be dead. */
function writePack(dir: string, files: readonly CacheFile[], previous: PackState | undefined) {
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
function linksOf(files: readonly CacheFile[], dataLength: Float64Array): Record<string, Section> {
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
  // Judged once per key (there are a third as many keys as uses), then or-ed into each user.
  const keyBits = new Uint8Array(keys.length);
  keys.forEach((key, k) => {
    const colon = key.indexOf(':');
    // The planner's key shapes say which prefixes name an entity ("parent:" a task, ...).
    const kind = linkKind(key.slice(0, colon));
    if (kind && !validEntities.has(`${kind}:${key.slice(colon + 1)}`)) keyBits[k] = 1 << KINDS.indexOf(kind);
  });
  for (let i = 0; i < n; i++) {
    for (let j = useStart[i]; j < useStart[i + 1]; j++) dangling[i] |= keyBits[useIdx[j]];
  }
  const stubs = encodeColumn(files.map((f, i) => (f.stub && dataLength[i] > 0 ? JSON.stringify(f.stub) : '')));
  return {
    ...columnSections('keys', encodeColumn(keys, true)),
    useStart,
    useIdx,
    userStart: users.start,
    users: users.list,
    definerStart: definers.start,
    definers: definers.list,
    dangling,
    ...columnSections('stubs', stubs),
  };
}
