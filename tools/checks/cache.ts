// The validator's on-disk cache (.pwc-cache/validate/ under the data root): per file its size,
// mtime and content hash, its own findings, its links (for the planner) and, in a pack file, its
// schema-valid data as JSON; plus the findings of the last whole-repository check, keyed by the
// hash of every file. The index is one v8-serialised blob of columns (typed arrays and joined
// strings, so it loads in milliseconds at 190,000 files); the pack is read only where needed.
// A cache that is missing, foreign, corrupt or written by other tool sources is ignored.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Finding } from './finding.ts';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { entityKey, type DependencyIndex } from './plan.ts';

export const CACHE_DIR = '.pwc-cache/validate';
const INDEX_FILE = 'index.v8';
const FORMAT = 'pwc-validate-cache';
const VERSION = 1;
const NEWLINE = Buffer.from('\n');

/** What ties the cache to git, so --changed-since trusts it without reading every file. */
export interface CacheBase {
  /** A commit; every file not in `dirty` has in the cache the content it has in this commit. */
  commit: string;
  dirty: string[];
}

/** The findings of the whole-repository check for one exact set of file contents. */
export interface CheckMemo {
  key: string;
  findings: Finding[];
}

interface IndexBlob {
  format: string;
  version: number;
  tools: string;
  writtenAt: number;
  base: CacheBase | null;
  pack: string;
  packBytes: number;
  liveBytes: number;
  paths: string;
  size: Float64Array;
  mtime: Float64Array;
  hashes: string;
  dataOffset: Float64Array;
  dataLength: Float64Array;
  findings: string;
  uses: string;
  keys: string;
  postingStart: Uint32Array;
  postings: Uint32Array;
  stubs: string;
  memo: string | null;
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
    const blob = deserialize(readFileSync(join(dir, INDEX_FILE))) as IndexBlob;
    if (!blob || blob.format !== FORMAT || blob.version !== VERSION || blob.tools !== tools) return undefined;
    const cache = new LoadedCache(dir, blob);
    return cache.consistent() ? cache : undefined;
  } catch {
    return undefined;
  }
}

export class LoadedCache {
  readonly paths: string[];
  readonly base: CacheBase | null;
  readonly writtenAt: number;
  private readonly blob: IndexBlob;
  private byPath?: Map<string, number>;
  private findingsByFile?: Map<number, Finding[]>;
  private useLines?: string[];
  private keyList?: string[];
  private packFd?: number;

  constructor(
    private readonly dir: string,
    blob: IndexBlob,
  ) {
    this.blob = blob;
    this.paths = blob.paths === '' ? [] : blob.paths.split('\0');
    this.base = blob.base;
    this.writtenAt = blob.writtenAt;
  }

  /** Builds the lookups a partial run needs (path map, reverse-index keys), e.g. while git works. */
  prepare(): void {
    this.indexOf('');
    this.keys();
    void this.uses;
  }

  /** The columns agree with each other and the pack is there and long enough. */
  consistent(): boolean {
    const b = this.blob;
    const n = this.paths.length;
    if (b.size.length !== n || b.mtime.length !== n || b.hashes.length !== n * 40 || b.dataOffset.length !== n || b.dataLength.length !== n) return false;
    if (b.postingStart.length !== this.keys().length + 1) return false;
    if (this.uses.length !== n) return false;
    const pack = join(this.dir, b.pack);
    if (n > 0 && (!existsSync(pack) || statSync(pack).size < b.packBytes)) return false;
    return true;
  }

  get size(): number {
    return this.paths.length;
  }

  indexOf(path: string): number | undefined {
    if (!this.byPath) this.byPath = new Map(this.paths.map((p, i) => [p, i]));
    return this.byPath.get(path);
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

  private get uses(): string[] {
    if (!this.useLines) this.useLines = this.blob.uses === '' && this.paths.length === 0 ? [] : this.blob.uses.split('\n');
    return this.useLines;
  }

  usesOf(i: number): string[] {
    const line = this.uses[i];
    return line ? line.split('\t') : [];
  }

  /** The stand-ins of every valid task, dataset and method, by file index. */
  stubs(): Map<number, Record<string, unknown>> {
    return new Map(JSON.parse(this.blob.stubs) as [number, Record<string, unknown>][]);
  }

  memo(): CheckMemo | undefined {
    try {
      return this.blob.memo ? (JSON.parse(this.blob.memo) as CheckMemo) : undefined;
    } catch {
      return undefined;
    }
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

  close(): void {
    if (this.packFd !== undefined) closeSync(this.packFd);
    this.packFd = undefined;
  }

  keys(): string[] {
    if (!this.keyList) this.keyList = this.blob.keys === '' ? [] : this.blob.keys.split('\0');
    return this.keyList;
  }

  /** The files (indexes) listed under a key of the reverse index. */
  posting(key: string): Uint32Array {
    const keys = this.keys();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    if (keys[lo] !== key) return new Uint32Array(0);
    return this.blob.postings.subarray(this.blob.postingStart[lo], this.blob.postingStart[lo + 1]);
  }

  /** The planner's view of the cached state. */
  dependencyIndex(): DependencyIndex {
    const paths = this.paths;
    const toPaths = (list: Uint32Array) => Array.from(list, (i) => paths[i]);
    const keys = () => this.keys();
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
      users: (key) => toPaths(this.posting(key)),
      definers: (entity) => toPaths(this.posting(`=${entity}`)),
      *usedKeys(prefix) {
        for (const key of keys()) if (key.startsWith(prefix)) yield key;
      },
      pathsUnder: (prefix) => {
        let lo = 0;
        let hi = paths.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (paths[mid] < prefix) lo = mid + 1;
          else hi = mid;
        }
        const out: string[] = [];
        for (let i = lo; i < paths.length && paths[i].startsWith(prefix); i++) out.push(paths[i]);
        return out;
      },
    };
  }
}

export interface WriteOptions {
  base: CacheBase | null;
  memo?: CheckMemo;
  /** The cache this run loaded: records it still uses are kept from its pack. */
  previous?: LoadedCache;
}

/**
 * Writes the cache for `files` (sorted by path). New data goes to the end of the previous pack;
 * the pack is rewritten when most of it is dead. Best effort: a failure leaves no cache, never a
 * half-written one (the index is renamed into place last).
 */
export function writeCache(
  root: string,
  tools: string,
  files: readonly CacheFile[],
  options: WriteOptions,
): void {
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
    writeLocked(dir, tools, files, options);
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // already gone
    }
  }
}

function writeLocked(
  dir: string,
  tools: string,
  files: readonly CacheFile[],
  options: WriteOptions,
): void {
  const previous = options.previous;
  const prevBlob = previous ? (previous as unknown as { blob: IndexBlob }).blob : undefined;
  const n = files.length;
  const dataOffset = new Float64Array(n);
  const dataLength = new Float64Array(n);

  // Decide the pack: keep appending to the previous one unless most of it would be dead.
  let liveOld = 0;
  let newBytes = 0;
  for (const f of files) {
    if (f.data && 'json' in f.data) newBytes += Buffer.byteLength(f.data.json) + 1;
    else if (f.data && prevBlob) liveOld += prevBlob.dataLength[f.data.record] + 1;
  }
  const appendable = prevBlob !== undefined && existsSync(join(dir, prevBlob.pack)) && liveOld >= (prevBlob.packBytes + newBytes) / 2;
  const packName = appendable ? prevBlob!.pack : `data-${randomBytes(6).toString('hex')}.jsonl`;
  const packPath = join(dir, packName);
  let oldPack: Buffer | undefined;
  if (!appendable && prevBlob && liveOld > 0) {
    try {
      oldPack = readFileSync(join(dir, prevBlob.pack));
    } catch {
      oldPack = undefined;
    }
  }
  const fd = openSync(packPath, appendable ? 'r+' : 'w');
  let position = appendable ? prevBlob!.packBytes : 0;
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
      } else if (prevBlob) {
        const start = prevBlob.dataOffset[data.record];
        const length = prevBlob.dataLength[data.record];
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

  // The reverse index: every key used, and "=<entity>" for the files whose path defines it.
  const postings = new Map<string, number[]>();
  const useLines: string[] = new Array(n);
  const stubs: [number, Record<string, unknown>][] = [];
  const findings: [number, readonly Finding[]][] = [];
  files.forEach((f, i) => {
    useLines[i] = f.uses.join('\t');
    for (const key of f.uses) pushTo(postings, key, i);
    const ref = classifyPath(f.path);
    const entity = isPathProblem(ref) ? undefined : entityKey(ref);
    if (entity) pushTo(postings, `=${entity}`, i);
    if (f.stub && dataLength[i] > 0) stubs.push([i, f.stub]);
    if (f.findings.length > 0) findings.push([i, f.findings]);
  });
  const keys = [...postings.keys()].sort();
  const postingStart = new Uint32Array(keys.length + 1);
  let total = 0;
  keys.forEach((k, j) => {
    postingStart[j] = total;
    total += postings.get(k)!.length;
  });
  postingStart[keys.length] = total;
  const postingArray = new Uint32Array(total);
  keys.forEach((k, j) => postingArray.set(postings.get(k)!, postingStart[j]));

  const blob: IndexBlob = {
    format: FORMAT,
    version: VERSION,
    tools,
    writtenAt: Date.now(),
    base: options.base,
    pack: packName,
    packBytes: position,
    liveBytes: dataLength.reduce((a, b) => a + (b > 0 ? b + 1 : 0), 0),
    paths: files.map((f) => f.path).join('\0'),
    size: Float64Array.from(files, (f) => f.size),
    mtime: Float64Array.from(files, (f) => f.mtimeMs),
    hashes: files.map((f) => f.hash).join(''),
    dataOffset,
    dataLength,
    findings: JSON.stringify(findings),
    uses: useLines.join('\n'),
    keys: keys.join('\0'),
    postingStart,
    postings: postingArray,
    stubs: JSON.stringify(stubs),
    memo: options.memo ? JSON.stringify(options.memo) : null,
  };
  const tmp = join(dir, `${INDEX_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, serialize(blob));
  renameSync(tmp, join(dir, INDEX_FILE));
  // Packs no index refers to any more.
  for (const name of readdirSync(dir)) {
    if (name.startsWith('data-') && name !== packName) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // in use elsewhere or gone
      }
    }
  }
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
