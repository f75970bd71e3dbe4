// TRIAL (issue #11): the validator's cache kept in LMDB (the `lmdb` package) instead of section
// files, string tables, a pack and a lock file; the same interface as cache.ts, chosen with
// PWC_CACHE_STORE=lmdb, for the A/B comparison in docs/benchmarks.md.
//
// Layout: the root database holds the header and the per-file columns (sizes, mtimes, hashes,
// validity, dangling bits) as whole values; `index` maps a path to its position in the sorted
// paths and `byIndex` the reverse; `files` holds per path its findings, uses and stand-in; `data`
// per path its valid data as JSON; `keys` per key the positions of its users and definers.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase, type Transaction } from 'lmdb';
import { classifyPath, isPathProblem } from '../../model/paths.ts';
import type { Finding } from '../finding.ts';
import { entityKey, type DependencyIndex, type EntityKind } from '../plan.ts';
import { folderTimes, type FolderTimes } from './cache-folders.ts';
import type { CacheBase, CacheFile, CheckMemo, WriteOptions } from './cache.ts';

export const CACHE_DIR = '.pwc-cache/validate-lmdb';
const FORMAT = 'pwc-validate-cache-lmdb';
const VERSION = 1;
const KINDS: readonly EntityKind[] = ['task', 'dataset', 'method', 'paper'];
const HASH = 40;

interface Meta {
  format: string;
  version: number;
  tools: string;
  writtenAt: number;
  startedAt: number;
  base: CacheBase | null;
  files: number;
}

interface FileRecord {
  findings?: Finding[];
  uses: string[];
  stub?: Record<string, unknown>;
}

interface Store {
  root: RootDatabase;
  index: Database<number, string>;
  byIndex: Database<string, number>;
  files: Database<FileRecord, string>;
  data: Database<string, string>;
  keys: Database<[number[], number[]], string>;
}

function openStore(dir: string): Store {
  mkdirSync(dir, { recursive: true });
  const root = open({ path: dir, maxDbs: 8 });
  return {
    root,
    index: root.openDB({ name: 'index' }),
    byIndex: root.openDB({ name: 'byIndex', keyEncoding: 'uint32' }),
    files: root.openDB({ name: 'files' }),
    data: root.openDB({ name: 'data', encoding: 'string' }),
    keys: root.openDB({ name: 'keys' }),
  };
}

function float64(bytes: Buffer | undefined): Float64Array | undefined {
  if (!bytes || bytes.length % 8 !== 0) return undefined;
  // A copy: the decoded bytes need not be aligned for a Float64Array.
  return new Float64Array(new Uint8Array(bytes).buffer);
}

/** Loads the cache of `root`, or undefined when there is none usable. */
export function loadCache(root: string, tools: string): LoadedCache | undefined {
  let store: Store | undefined;
  try {
    store = openStore(join(root, CACHE_DIR));
    const txn = store.root.useReadTransaction();
    const meta = store.root.get('meta', { transaction: txn }) as Meta | undefined;
    if (!meta || meta.format !== FORMAT || meta.version !== VERSION || meta.tools !== tools) {
      txn.done();
      throw new Error('foreign cache');
    }
    const cache = new LoadedCache(store, txn, meta);
    if (cache.consistent()) return cache;
    cache.close();
    return undefined;
  } catch {
    void store?.root.close();
    return undefined;
  }
}

export class LoadedCache {
  readonly base: CacheBase | null;
  readonly writtenAt: number;
  readonly startedAt: number;
  readonly size: number;
  private readonly sizes: Float64Array;
  private readonly mtimes: Float64Array;
  private readonly valid: Uint8Array;
  private hashBytes?: Buffer;
  private sorted?: string[];
  private withFindings?: Set<number>;
  private recordReads = 0;
  private allRecords?: Map<string, FileRecord>;

  constructor(
    private readonly store: Store,
    private readonly txn: Transaction,
    readonly meta: Meta,
  ) {
    this.base = meta.base;
    this.writtenAt = meta.writtenAt;
    this.startedAt = meta.startedAt;
    this.size = meta.files;
    this.sizes = float64(this.column('size')) ?? new Float64Array(0);
    this.mtimes = float64(this.column('mtime')) ?? new Float64Array(0);
    this.valid = new Uint8Array(this.column('valid') ?? []);
  }

  private column(name: string): Buffer | undefined {
    const value = this.value<Uint8Array>(name);
    return value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : undefined;
  }

  private value<T>(name: string): T | undefined {
    return this.store.root.get(name, { transaction: this.txn }) as T | undefined;
  }

  consistent(): boolean {
    const n = this.size;
    return this.sizes.length === n && this.mtimes.length === n && this.valid.length === n && this.hashes().length === n * HASH;
  }

  private hashes(): Buffer {
    return (this.hashBytes ??= this.column('hashes') ?? Buffer.alloc(0));
  }

  get paths(): string[] {
    if (!this.sorted) {
      this.sorted = [];
      for (const key of this.store.index.getKeys({ transaction: this.txn } as never)) this.sorted.push(key as string);
    }
    return this.sorted;
  }

  path(i: number): string {
    return this.sorted ? this.sorted[i] : this.store.byIndex.get(i, { transaction: this.txn })!;
  }

  indexOf(path: string): number | undefined {
    return this.store.index.get(path, { transaction: this.txn });
  }

  namesIn(folder: string): Set<string> {
    const prefix = `${folder}/`;
    const names = new Set<string>();
    let start = prefix;
    for (;;) {
      let next: string | undefined;
      for (const key of this.store.index.getKeys({ start, end: `${folder}0`, transaction: this.txn } as never)) {
        const path = key as string;
        const slash = path.indexOf('/', prefix.length);
        if (slash < 0) {
          names.add(path.slice(prefix.length));
        } else {
          // Jump over the subfolder: its paths sort before "<subfolder>0".
          next = `${path.slice(0, slash)}0`;
          break;
        }
      }
      if (next === undefined) return names;
      start = next;
    }
  }

  folderTimes(): FolderTimes | undefined {
    const folders = this.value<string[]>('folders');
    const mtimes = float64(this.column('folderMtimes'));
    return folders && mtimes && mtimes.length === folders.length ? { folders, mtimes } : undefined;
  }

  fileSize(i: number): number {
    return this.sizes[i];
  }
  mtimeMs(i: number): number {
    return this.mtimes[i];
  }
  hash(i: number): string {
    return this.hashes().toString('latin1', i * HASH, i * HASH + HASH);
  }
  isValid(i: number): boolean {
    return this.valid[i] === 1;
  }

  /** A file's record; a full run asks for every one: after a few thousand single reads all are read in one scan. */
  private record(i: number): FileRecord | undefined {
    const path = this.path(i);
    if (this.allRecords === undefined && ++this.recordReads > 2048) {
      this.allRecords = new Map();
      for (const { key, value } of this.store.files.getRange({ transaction: this.txn } as never)) this.allRecords.set(key as string, value as FileRecord);
    }
    return this.allRecords ? this.allRecords.get(path) : this.store.files.get(path, { transaction: this.txn });
  }

  findings(i: number): Finding[] {
    this.withFindings ??= new Set(this.value<number[]>('findingFiles') ?? []);
    return this.withFindings.has(i) ? (this.record(i)?.findings ?? []) : [];
  }

  memo(): CheckMemo | undefined {
    return this.value<CheckMemo | null>('memo') ?? undefined;
  }

  hasLinks(): boolean {
    return this.column('dangling')?.length === this.size;
  }

  prepare(): void {}

  usesOf(i: number): string[] {
    return this.record(i)?.uses ?? [];
  }

  stub(i: number): Record<string, unknown> | undefined {
    return this.record(i)?.stub;
  }

  records(indexes: readonly number[]): Map<number, unknown> {
    const out = new Map<number, unknown>();
    for (const i of indexes) {
      try {
        const text = this.store.data.get(this.path(i), { transaction: this.txn });
        if (text !== undefined) out.set(i, JSON.parse(text));
      } catch {
        // a damaged record: the caller reads the file instead
      }
    }
    return out;
  }

  discard(): void {
    try {
      this.store.root.transactionSync(() => this.store.root.removeSync('meta'));
    } catch {
      // nothing to discard
    }
    this.close();
  }

  close(): void {
    try {
      this.txn.done();
    } catch {
      // done already
    }
  }

  /** For the writer: the same store, open already. */
  storeOf(): Store {
    return this.store;
  }

  dependencyIndex(): DependencyIndex | undefined {
    if (!this.hasLinks()) return undefined;
    const keys = this.store.keys;
    const paths = (list: number[] | undefined) => (list ?? []).map((i) => this.path(i));
    let dangling: Uint8Array | undefined;
    const under = (prefix: string) => {
      const out: string[] = [];
      for (const key of this.store.index.getKeys({ start: prefix, end: `${prefix}\uffff`, transaction: this.txn } as never)) out.push(key as string);
      return out;
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
      users: (key) => paths(keys.get(key, { transaction: this.txn })?.[0]),
      definers: (entity) => paths(keys.get(entity, { transaction: this.txn })?.[1]),
      danglingUsers: (kind) => {
        const bit = 1 << KINDS.indexOf(kind);
        dangling ??= new Uint8Array(this.column('dangling') ?? []);
        const out: string[] = [];
        dangling.forEach((bits, i) => {
          if (bits & bit) out.push(this.path(i));
        });
        return out;
      },
      pathsUnder: under,
    };
  }
}

/**
 * Writes the cache for `files` (sorted by path) in one LMDB transaction: per-path entries only
 * where they changed, the columns and links whole. Skipped when another run wrote the cache since
 * this one loaded it (LMDB serialises the writers).
 */
export function writeCache(root: string, tools: string, files: readonly CacheFile[], options: WriteOptions): void {
  const previous = options.previous as unknown as LoadedCache | undefined;
  const store = previous?.storeOf() ?? openStore(join(root, CACHE_DIR));
  const n = files.length;
  const folders = folderTimes(root, files.map((f) => f.path));
  const meta: Meta = { format: FORMAT, version: VERSION, tools, writtenAt: Date.now(), startedAt: options.startedAt, base: options.base, files: n };
  const valid = Uint8Array.from(files, (f) => (f.data ? 1 : 0));
  const links = linksOf(files, valid);
  const samePaths = previous !== undefined && previous.size === n && files.every((f, i) => previous.path(i) === f.path);
  const { root: db } = store;
  try {
    db.transactionSync(() => {
      const stored = db.get('meta') as Meta | undefined;
      // Another run wrote since this one loaded: its cache stays.
      if (previous && stored?.writtenAt !== previous.writtenAt) return;
      if (!previous) for (const sub of [store.index, store.byIndex, store.files, store.data, store.keys]) sub.clearSync();
      const keep = new Set<string>();
      files.forEach((f, i) => {
        keep.add(f.path);
        const before = previous?.indexOf(f.path);
        const same = before !== undefined && previous!.hash(before) === f.hash && f.data !== undefined && 'record' in f.data;
        if (!samePaths) {
          store.index.putSync(f.path, i);
          store.byIndex.putSync(i, f.path);
        }
        if (same) return;
        store.files.putSync(f.path, { uses: [...f.uses], ...(f.findings.length ? { findings: [...f.findings] } : {}), ...(f.stub ? { stub: f.stub } : {}) });
        if (f.data && 'json' in f.data) store.data.putSync(f.path, f.data.json);
        else if (!f.data) store.data.removeSync(f.path);
      });
      if (previous && !samePaths) {
        for (const path of previous.paths) {
          if (keep.has(path)) continue;
          store.index.removeSync(path);
          store.files.removeSync(path);
          store.data.removeSync(path);
        }
        for (let i = n; i < previous.size; i++) store.byIndex.removeSync(i);
      }
      store.keys.clearSync();
      for (const [key, entry] of links.keys) store.keys.putSync(key, entry);
      db.putSync('size', Buffer.from(Float64Array.from(files, (f) => f.size).buffer));
      db.putSync('mtime', Buffer.from(Float64Array.from(files, (f) => f.mtimeMs).buffer));
      db.putSync('hashes', Buffer.from(files.map((f) => f.hash).join(''), 'latin1'));
      db.putSync('valid', Buffer.from(valid));
      db.putSync('dangling', Buffer.from(links.dangling));
      db.putSync('findingFiles', files.flatMap((f, i) => (f.findings.length > 0 ? [i] : [])));
      db.putSync('folders', folders.folders);
      db.putSync('folderMtimes', Buffer.from(folders.mtimes.buffer));
      db.putSync('memo', options.memo ?? null);
      db.putSync('meta', meta);
    });
  } finally {
    if (!previous) void db.close();
  }
}

/** Per key the positions of its users and definers, and per file the kinds it names an undefined id of. */
function linksOf(files: readonly CacheFile[], valid: Uint8Array): { keys: Map<string, [number[], number[]]>; dangling: Uint8Array } {
  const keys = new Map<string, [number[], number[]]>();
  const entry = (key: string) => {
    let e = keys.get(key);
    if (!e) keys.set(key, (e = [[], []]));
    return e;
  };
  const validEntities = new Set<string>();
  files.forEach((f, i) => {
    for (const key of f.uses) entry(key)[0].push(i);
    const ref = classifyPath(f.path);
    if (isPathProblem(ref)) return;
    const entity = entityKey(ref);
    if (!entity) return;
    entry(entity)[1].push(i);
    if (valid[i]) validEntities.add(entity);
  });
  const bitOf: Record<string, number> = { task: 1, parent: 1, dataset: 2, variant: 2, method: 4, paper: 8 };
  const kindOf: Record<string, string> = { task: 'task', parent: 'task', dataset: 'dataset', variant: 'dataset', method: 'method', paper: 'paper' };
  const dangling = new Uint8Array(files.length);
  for (const [key, [users]] of keys) {
    const colon = key.indexOf(':');
    const prefix = key.slice(0, colon);
    const bit = bitOf[prefix];
    if (bit && !validEntities.has(`${kindOf[prefix]}:${key.slice(colon + 1)}`)) for (const i of users) dangling[i] |= bit;
  }
  return { keys, dangling };
}

/** Removes the store (for tests). */
export function removeCache(root: string): void {
  rmSync(join(root, CACHE_DIR), { recursive: true, force: true });
}
