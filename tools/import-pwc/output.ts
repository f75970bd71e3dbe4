// Writes the layout into the output folder: staged next to it, moved into place; existing files are never overwritten.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Conflict } from './report.ts';

export interface WrittenFile {
  /** POSIX path relative to the output folder. */
  path: string;
  /** The file's text, made when it is written (so the texts of all files are never in memory at once). */
  text(): string;
}

export interface WriteOutcome {
  created: number;
  unchanged: number;
  conflicts: Conflict[];
}

/**
 * Files handled between two returns to the event loop. Each file is small and read or written
 * synchronously: an awaited readFile costs four trips to the thread pool (open, stat, read, close),
 * which made comparing 120,000 files take longer than rendering them.
 */
const BATCH = 256;

/** Lets timers and signals run between batches. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The file's bytes, or undefined when it does not exist. */
function existingBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error(`${dir} exists and is not a folder`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  return (await readdir(dir)).length === 0;
}

/** A staging folder beside `out` (same file system, so moves are renames), removed when done. */
function stagingFolder(out: string): string {
  return join(dirname(out), `.${basename(out)}.pwc-import-${process.pid}`);
}

/**
 * Writes every file. Into a missing or empty folder, the whole tree is staged beside it and moved
 * into place at once. Into a folder that holds data, each file is compared with what is there: the
 * same bytes are left alone (so importing twice changes nothing), other bytes are kept and reported
 * as a conflict, and a missing file is written beside its place and renamed into it, whole.
 */
export async function writeOutput(out: string, files: readonly WrittenFile[]): Promise<WriteOutcome> {
  if (await isEmptyOrMissing(out)) {
    const staging = stagingFolder(out);
    await rm(staging, { recursive: true, force: true });
    try {
      const dirs = new Set(files.map((f) => dirname(join(staging, f.path))));
      for (const dir of [...dirs].sort()) mkdirSync(dir, { recursive: true });
      for (let i = 0; i < files.length; i++) {
        if (i > 0 && i % BATCH === 0) await nextTurn();
        writeFileSync(join(staging, files[i].path), files[i].text());
      }
      await mkdir(dirname(out), { recursive: true });
      await rm(out, { recursive: true, force: true }); // an empty folder: replaced by the staged tree
      await rename(staging, out);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return { created: files.length, unchanged: 0, conflicts: [] };
  }
  const outcome: WriteOutcome = { created: 0, unchanged: 0, conflicts: [] };
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % BATCH === 0) await nextTurn();
    const file = files[i];
    const target = join(out, file.path);
    const text = Buffer.from(file.text());
    const existing = existingBytes(target);
    if (existing === undefined) {
      mkdirSync(dirname(target), { recursive: true });
      writeWholeSync(target, text);
      outcome.created++;
    } else if (existing.equals(text)) {
      outcome.unchanged++;
    } else {
      outcome.conflicts.push({ path: file.path, reason: 'the file exists with other content; it was kept and the imported version not written' });
    }
  }
  return outcome;
}

/** Writes a file whole or not at all: into a hidden file beside it (which the validator skips), then renamed. */
export async function writeWhole(path: string, text: string | Buffer): Promise<void> {
  writeWholeSync(path, text);
}

function writeWholeSync(path: string, text: string | Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.pwc-import-${process.pid}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}
