// Writing data files so that a crash or a race never leaves a half-written or clobbered file.
import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes `text` to a temporary file beside `path` and syncs it; returns the temporary path. */
async function writeTemporary(path: string, text: string, mode?: number): Promise<string> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode ?? 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temp;
}

/** Replaces the file at `path` atomically: readers see the old text or the new, never a mix. Keeps its mode. */
export async function replaceFile(path: string, text: string): Promise<void> {
  const mode = (await stat(path)).mode & 0o777;
  const temp = await writeTemporary(path, text, mode);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates the file at `path` with `text`, atomically and only if nothing is there yet.
 * Returns false (writing nothing) when the file exists, even if it appeared a moment ago.
 */
export async function createFile(path: string, text: string): Promise<boolean> {
  const temp = await writeTemporary(path, text);
  try {
    // link() fails with EEXIST instead of replacing: no check-then-write race.
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
