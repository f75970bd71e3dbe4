// Writes the layout into the output folder: staged next to it, moved into place; existing files are never overwritten.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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
 * Writes every file. Into a missing or empty folder, the whole staged tree is moved into place at
 * once. Into a folder that holds data, each new file is moved in; a file that exists with the same
 * bytes is left alone (so importing twice changes nothing), and one with other bytes is kept and
 * reported as a conflict.
 */
export async function writeOutput(out: string, files: readonly WrittenFile[]): Promise<WriteOutcome> {
  const staging = stagingFolder(out);
  await rm(staging, { recursive: true, force: true });
  try {
    const dirs = new Set(files.map((f) => dirname(join(staging, f.path))));
    for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
    for (const file of files) await writeFile(join(staging, file.path), file.text());
    if (await isEmptyOrMissing(out)) {
      await mkdir(dirname(out), { recursive: true });
      await rm(out, { recursive: true, force: true }); // an empty folder: replaced by the staged tree
      await rename(staging, out);
      return { created: files.length, unchanged: 0, conflicts: [] };
    }
    const outcome: WriteOutcome = { created: 0, unchanged: 0, conflicts: [] };
    for (const file of files) {
      const target = join(out, file.path);
      const staged = join(staging, file.path);
      let existing: Buffer | undefined;
      try {
        existing = await readFile(target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (existing === undefined) {
        await mkdir(dirname(target), { recursive: true });
        await rename(staged, target);
        outcome.created++;
      } else if (existing.equals(await readFile(staged))) {
        outcome.unchanged++;
      } else {
        outcome.conflicts.push({ path: file.path, reason: 'the file exists with other content; it was kept and the imported version not written' });
      }
    }
    return outcome;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Writes one file of the importer's own (the report) whole or not at all. */
export async function writeWhole(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}
