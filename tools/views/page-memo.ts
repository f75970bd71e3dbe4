// What the last `pwc generate` left in generated/: per page, the key of the model it was rendered
// from and the size and mtime of the file as written (or found equal). A page whose model has the
// same key, and whose file has not been touched since, is not rendered or read again: after one
// changed result, only the pages whose models changed are. It also keeps the git blob id of each
// file (so a fresh checkout of the same pages is known through git's index) and the data state the
// pages were rendered from (see data-base.ts). Kept in .pwc-cache/generate/ (never committed);
// `pwc generate --check` does not use it, so it can never hide a stale file.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blobId } from '../git/worktree.ts';
import type { SitePage } from './site.ts';

export const MEMO_DIR = '.pwc-cache/generate';
const MEMO_FILE = 'pages.v2.json';
const FORMAT = 2;
/** A file modified this close to the memo's writing may change again within one mtime tick: not trusted. */
const RACY_MS = 2000;

/** What the file of a page looked like when its content was known to be right. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** The data the pages were rendered from: a commit, and the data files that differed from it then. */
export interface DataBase {
  commit: string;
  /** The validator's tools key: data valid under other rules may not be valid now. */
  validator: string;
  /** Each data file that differed from the commit, with its valid content then (null: absent or invalid). */
  dirty: [path: string, content: unknown][];
}

interface MemoFile {
  format: number;
  renderer: string;
  base: DataBase | null;
  paths: string[];
  keys: string[];
  sizes: number[];
  mtimes: number[];
  oids: string[];
}

interface Entry extends FileStamp {
  key: string;
  /** The git blob id of the file's bytes. */
  oid: string;
}

export class PageMemo {
  /** The last run's entries not yet met this run, and this run's: only pages produced now are kept. */
  private readonly before: Map<string, Entry>;
  private readonly now = new Map<string, Entry>();

  /** The data state of the last run's pages (null when unknown); save() writes the one set now. */
  base: DataBase | null;

  private constructor(
    private readonly renderer: string,
    before: Map<string, Entry>,
    base: DataBase | null,
  ) {
    this.before = before;
    this.base = base;
  }

  /** The memo of `root`, or an empty one when there is none made by these templates and this code. */
  static load(root: string, renderer: string = rendererKey()): PageMemo {
    const before = new Map<string, Entry>();
    let base: DataBase | null = null;
    try {
      const memo = JSON.parse(readFileSync(join(root, MEMO_DIR, MEMO_FILE), 'utf8')) as MemoFile;
      if (memo.format === FORMAT && memo.renderer === renderer) {
        memo.paths.forEach((path, i) => before.set(path, { key: memo.keys[i], size: memo.sizes[i], mtimeMs: memo.mtimes[i], oid: memo.oids[i] }));
        base = memo.base;
      }
    } catch {
      // None yet, unreadable or from another version: every page is rendered and compared.
    }
    return new PageMemo(renderer, before, base);
  }

  /** The key of the model the last run rendered for `path`, if it knows one. */
  keyOf(path: string): string | undefined {
    return this.before.get(path)?.key;
  }

  /**
   * Does the file of `path`, as it is now, hold what the model with `key` renders to? Yes when its
   * size and mtime are as written, or when git's index holds the same blob for it (`gitOid`: given
   * only for files git sees unmodified, as in a fresh checkout of the committed pages). Remembered if so.
   */
  holds(path: string, key: string, stamp: FileStamp, gitOid?: string): boolean {
    const entry = this.before.get(path);
    if (!entry || entry.key !== key) return false;
    const same = entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs;
    if (!same && gitOid !== entry.oid) return false;
    this.before.delete(path);
    this.now.set(path, { ...entry, size: stamp.size, mtimeMs: stamp.mtimeMs });
    return true;
  }

  /** The file of `path` now holds `bytes`, what the model with `key` renders to. */
  remember(path: string, key: string, stamp: FileStamp, bytes: Uint8Array): void {
    this.before.delete(path);
    this.now.set(path, { key, size: stamp.size, mtimeMs: stamp.mtimeMs, oid: blobId(bytes) });
  }

  /** Writes this run's entries (whole, then renamed into place); a memo that cannot be written only costs time. */
  save(root: string): void {
    const trustedBefore = Date.now() - RACY_MS;
    const memo: MemoFile = { format: FORMAT, renderer: this.renderer, base: this.base, paths: [], keys: [], sizes: [], mtimes: [], oids: [] };
    for (const [path, entry] of this.now) {
      memo.paths.push(path);
      memo.keys.push(entry.key);
      memo.sizes.push(entry.size);
      // A fresh file's stamp is not trusted (it may change within one mtime tick); what its blob holds still is.
      memo.mtimes.push(entry.mtimeMs >= trustedBefore ? -1 : entry.mtimeMs);
      memo.oids.push(entry.oid);
    }
    const target = join(root, MEMO_DIR, MEMO_FILE);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(`${target}.${process.pid}.tmp`, JSON.stringify(memo));
      renameSync(`${target}.${process.pid}.tmp`, target);
    } catch {
      // Read-only checkout or full disk: the next run renders every page.
    }
  }
}

/** The key of a page's model: pages with equal keys render to equal bytes (with equal templates and code). */
export function pageKey(page: SitePage): string {
  // Models hold only strings, booleans, arrays and plain objects, built in a fixed key order.
  return createHash('sha256').update(page.kind).update('\0').update(JSON.stringify(page.model)).digest('base64');
}

/**
 * The templates and the code that turn a model into bytes (every non-test file of tools/views, and
 * the Handlebars version): a memo made by others says nothing about what these render.
 */
export function rendererKey(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256').update(`${FORMAT}\n`);
  const files = (readdirSync(here, { recursive: true }) as string[])
    .filter((f) => /\.(ts|mjs|hbs)$/.test(f) && !f.endsWith('.test.ts') && !f.startsWith('test-support'))
    .sort();
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(here, file))).update('\n');
  try {
    hash.update(`handlebars@${JSON.parse(readFileSync(join(here, '..', '..', 'node_modules', 'handlebars', 'package.json'), 'utf8')).version}\n`);
  } catch {
    hash.update('handlebars@?\n');
  }
  return hash.digest('hex');
}
