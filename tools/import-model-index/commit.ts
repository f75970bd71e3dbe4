// Writes every file of an import or none: each text is staged beside its file first, then all are renamed into place.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rmdir, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readIfExists } from '../format/write-new-file.ts';

export interface FileWrite {
  /** Relative to the root. */
  path: string;
  /** The file's text when planned; undefined: it must not exist. */
  before?: string;
  text: string;
}

export class CommitError extends Error {}


/** Creates the folders of `dir` that are missing; returns those it created, deepest last. */
async function makeFolders(dir: string): Promise<string[]> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return [];
  const made: string[] = [];
  for (let d = dir; d.length >= first.length; d = dirname(d)) made.unshift(d);
  return made;
}

/**
 * Writes `files` under `root`, all or none. Every text is first written and synced to a temporary
 * file beside its target (creating folders as needed); only when all are staged, and no target has
 * changed since it was planned, are they renamed into place. Any failure removes what was staged
 * and the folders made, puts back the files already replaced, and throws a CommitError.
 */
export async function commitFiles(root: string, files: readonly FileWrite[]): Promise<void> {
  const staged: { target: string; temp: string; before?: string }[] = [];
  const folders: string[] = [];
  const renamed: { target: string; before?: string }[] = [];
  try {
    for (const f of files) {
      const target = join(root, f.path);
      folders.push(...(await makeFolders(dirname(target))));
      const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
      const handle = await open(temp, 'wx', 0o644);
      staged.push({ target, temp, before: f.before });
      try {
        await handle.writeFile(f.text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const s of staged) {
      if ((await readIfExists(s.target)) !== s.before) throw new CommitError(`${s.target} changed while the import ran; run it again`);
    }
    for (const s of staged) {
      await rename(s.temp, s.target);
      renamed.push(s);
    }
  } catch (error) {
    for (const r of renamed.reverse()) {
      if (r.before === undefined) await unlink(r.target).catch(() => undefined);
      else await writeFile(r.target, r.before, 'utf8').catch(() => undefined);
    }
    for (const s of staged) await unlink(s.temp).catch(() => undefined);
    for (const d of folders.reverse()) await rmdir(d).catch(() => undefined);
    if (error instanceof CommitError) throw error;
    throw new CommitError(`nothing was written: ${(error as Error).message}`);
  }
}
