// Bringing generated/ in line with the pages: write only files whose bytes differ, remove files no
// page produces, and never touch anything outside generated/. In check mode, only report.
// The file system calls are synchronous: one small file after another, they cost a tenth of the
// promise versions, which hand every open, stat, read and close to the thread pool and back.
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compareText } from './format.ts';
import { GENERATED_DIR } from './links.ts';
import type { PageMemo } from './page-memo.ts';
import type { GeneratedFile } from './site.ts';

export interface SyncReport {
  /** Paths relative to the repository root, sorted. */
  written: string[];
  removed: string[];
  unchanged: number;
  /** Of the unchanged files, those the memo vouched for: neither rendered nor read. */
  vouched: number;
  /** Check mode: what would be written (differs / missing) or removed (extra). */
  differs: string[];
  missing: string[];
  extra: string[];
}

/** A file to sync: its text, or the key of its page's model and its text on demand (see PageMemo). */
export type SyncFile = GeneratedFile | { path: string; key: string; render: () => string };

export interface SyncOptions {
  check: boolean;
  /** Write mode: files the memo vouches for are neither rendered nor read; it learns every file synced. */
  memo?: PageMemo;
  /** The git blob id of each file (relative to generated/) that git sees unmodified in the work tree. */
  gitBlobs?: ReadonlyMap<string, string>;
}

/** Thrown when generated/ is not a plain folder we may write into. */
export class GeneratedDirError extends Error {}

/** Syncs <root>/generated with the files; returns what was (or, in check mode, would be) changed. */
export async function syncGenerated(root: string, files: Iterable<SyncFile>, options: SyncOptions): Promise<SyncReport> {
  const base = join(root, GENERATED_DIR);
  const existing = listExisting(base);
  const report: SyncReport = { written: [], removed: [], unchanged: 0, vouched: 0, differs: [], missing: [], extra: [] };
  const produced = new Set<string>();
  const producedDirs = new Set<string>();
  /** Folders known to exist now (made or found), so each is made at most once. */
  const madeDirs = new Set<string>();

  for (const file of files) {
    if (!SAFE_PATH.test(file.path) || file.path.split('/').some((s) => s === '..' || s === '.')) {
      throw new Error(`refusing to write "${file.path}": not a plain path inside ${GENERATED_DIR}/`);
    }
    if (produced.has(file.path)) throw new Error(`two pages want the same path ${file.path}`);
    produced.add(file.path);
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) producedDirs.add(parts.slice(0, i).join('/'));
    if (options.check) compareOne(base, file, existing, report);
    else writeOne(base, file, existing, report, madeDirs, options);
  }
  // Entries no page produces: in check mode they are extra; otherwise they go, deepest first.
  const stale = [...existing].filter(([path, kind]) => (kind === 'dir' ? !producedDirs.has(path) : !produced.has(path) || kind !== 'file'));
  for (const [path, kind] of stale) {
    if (kind === 'dir') continue; // emptied folders are removed below
    if (options.check) report.extra.push(`${GENERATED_DIR}/${path}`);
    else {
      unlinkSync(join(base, path));
      report.removed.push(`${GENERATED_DIR}/${path}`);
    }
  }
  if (!options.check) removeEmptyDirs(base, existing);
  for (const list of [report.written, report.removed, report.differs, report.missing, report.extra]) list.sort(compareText);
  return report;
}

/**
 * Check mode for some paths only: each produced file compared with generated/, and each other
 * path in `paths` (no page produces it now) reported extra if generated/ has it.
 */
export function checkSome(root: string, produced: readonly GeneratedFile[], paths: readonly string[]): SyncReport {
  const base = join(root, GENERATED_DIR);
  const report: SyncReport = { written: [], removed: [], unchanged: 0, vouched: 0, differs: [], missing: [], extra: [] };
  const existing = new Map<string, EntryKind>();
  for (const path of paths) {
    try {
      const stat = lstatSync(join(base, path));
      existing.set(path, stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : 'other');
    } catch {
      // Not there: missing if a page produces it, as it should be if none does.
    }
  }
  const made = new Set(produced.map((f) => f.path));
  for (const file of produced) compareOne(base, file, existing, report);
  for (const path of paths) if (!made.has(path) && existing.has(path)) report.extra.push(`${GENERATED_DIR}/${path}`);
  for (const list of [report.differs, report.missing, report.extra]) list.sort(compareText);
  return report;
}

/** What a page path may look like: the slugs of ids, folders and an extension. */
const SAFE_PATH = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*\.(md|svg)$|^README\.md$/;

type EntryKind = 'file' | 'dir' | 'other';

/** Every entry under generated/ (relative POSIX paths), without following symlinks. */
function listExisting(base: string): Map<string, EntryKind> {
  const out = new Map<string, EntryKind>();
  let stat;
  try {
    stat = lstatSync(base);
  } catch {
    return out;
  }
  if (!stat.isDirectory()) throw new GeneratedDirError(`${base} is not a folder (a symlink or a file): refusing to write through it`);
  function walk(dir: string, prefix: string): void {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        out.set(rel, 'dir');
        walk(join(dir, entry.name), rel);
      } else out.set(rel, entry.isFile() ? 'file' : 'other');
    }
  }
  walk(base, '');
  return out;
}

function textOf(file: SyncFile): string {
  return 'text' in file ? file.text : file.render();
}

function compareOne(base: string, file: SyncFile, existing: Map<string, EntryKind>, report: SyncReport): void {
  const shown = `${GENERATED_DIR}/${file.path}`;
  if (existing.get(file.path) !== 'file') {
    report.missing.push(shown);
    return;
  }
  const bytes = readFileSync(join(base, file.path));
  if (bytes.equals(Buffer.from(textOf(file), 'utf8'))) report.unchanged++;
  else report.differs.push(shown);
}

function writeOne(base: string, file: SyncFile, existing: Map<string, EntryKind>, report: SyncReport, madeDirs: Set<string>, options: SyncOptions): void {
  const { memo } = options;
  const target = join(base, file.path);
  const isFile = existing.get(file.path) === 'file';
  // What the memo learns of a keyed file once its bytes are right.
  const learn = memo && 'key' in file ? (bytes: Uint8Array) => memo.remember(file.path, file.key, statSync(target), bytes) : () => undefined;
  if (isFile && memo && 'key' in file && memo.holds(file.path, file.key, statSync(target), options.gitBlobs?.get(file.path))) {
    report.unchanged++;
    report.vouched++;
    return;
  }
  const bytes = Buffer.from(textOf(file), 'utf8');
  if (isFile && readFileSync(target).equals(bytes)) {
    report.unchanged++;
    learn(bytes);
    return;
  }
  // A symlink or file where a folder of this path should be, or anything but a file at the path
  // itself, is removed first, so the write can never follow a link out of generated/.
  const parts = file.path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const kind = existing.get(prefix);
    const inTheWay = i < parts.length ? kind === 'file' || kind === 'other' : kind === 'other' || kind === 'dir';
    if (!inTheWay) continue;
    rmSync(join(base, prefix), { recursive: true, force: true });
    for (const key of [...existing.keys()]) if (key === prefix || key.startsWith(`${prefix}/`)) existing.delete(key);
    for (const dir of [...madeDirs]) if (dir === prefix || dir.startsWith(`${prefix}/`)) madeDirs.delete(dir);
    report.removed.push(`${GENERATED_DIR}/${prefix}`);
  }
  const dir = parts.slice(0, -1).join('/');
  if (!madeDirs.has(dir)) {
    mkdirSync(dirname(target), { recursive: true });
    madeDirs.add(dir);
  }
  writeFileSync(target, bytes);
  learn(bytes);
  report.written.push(`${GENERATED_DIR}/${file.path}`);
}

/** Removes folders under generated/ left empty, deepest first; generated/ itself stays. */
function removeEmptyDirs(base: string, existing: Map<string, EntryKind>): void {
  const dirs = [...existing].filter(([, kind]) => kind === 'dir').map(([path]) => path);
  dirs.sort((a, b) => b.split('/').length - a.split('/').length || compareText(a, b));
  for (const dir of dirs) {
    try {
      if (readdirSync(join(base, dir)).length === 0) rmdirSync(join(base, dir));
    } catch {
      // Already gone, or not empty after all: nothing to do.
    }
  }
}
