// Writes a bundle to a directory atomically: files go to a temporary sibling, are flushed, and the
// directory is swapped in by rename, so --out is never seen half-written.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MANIFEST_NAME, type BundleFile } from './manifest.ts';

/** --out names something a bundle must not replace. */
export class BundleOutputError extends Error {}

/**
 * Only an empty directory or a previous bundle (holding manifest.json and no subfolders) is
 * replaced: a mistyped --out such as "." or "data" must never be wiped.
 */
async function checkReplaceable(out: string): Promise<boolean> {
  let stat;
  try {
    stat = await lstat(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (!stat.isDirectory()) throw new BundleOutputError(`${out} exists and is not a directory; choose another --out`);
  const entries = await readdir(out, { withFileTypes: true });
  if (entries.length === 0) return true;
  const folder = entries.find((e) => !e.isFile());
  if (folder || !entries.some((e) => e.name === MANIFEST_NAME)) {
    throw new BundleOutputError(
      `${out} is not empty and does not hold a previous bundle (no ${MANIFEST_NAME}${folder ? `, and it holds "${folder.name}"` : ''}); refusing to replace it. Choose an empty or new --out directory.`,
    );
  }
  return true;
}

async function writeFlushed(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeBundle(outDir: string, files: readonly BundleFile[]): Promise<void> {
  const out = resolve(outDir);
  const exists = await checkReplaceable(out);
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  // mkdir, not mkdtemp: the folder becomes --out, so it gets the usual permissions (umask), not 0700.
  const staging = join(parent, `.${basename(out)}.partial-${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(staging);
  try {
    for (const file of files) await writeFlushed(join(staging, file.name), file.bytes);
    if (exists) {
      const previous = `${staging}.previous`;
      await rename(out, previous);
      try {
        await rename(staging, out);
      } catch (error) {
        await rename(previous, out);
        throw error;
      }
      await rm(previous, { recursive: true, force: true });
    } else {
      await rename(staging, out);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
