// Formats data files on disk: finds them, formats each, and rewrites only those whose text changes.
import { lstat, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { classifyPath, isDataPath, isPathProblem } from '../model/paths.ts';
import { listDataFiles } from '../model/repository.ts';
import { MAX_FILE_BYTES, decodeSource, type SourceProblem } from '../model/source.ts';
import { formatSource, isFormatProblem, tooLarge } from './format-source.ts';
import { replaceFile } from './write-file.ts';

/** What happened to one file. `path` is POSIX, relative to the repository root. */
export type FileOutcome =
  | { path: string; status: 'canonical' }
  | { path: string; status: 'changed'; before: string; after: string; written: boolean }
  | { path: string; status: 'problem'; problems: SourceProblem[] }
  | { path: string; status: 'skipped'; reason: string };

export class TargetError extends Error {}

/**
 * The data files to format: all of them under root when `targets` is empty; else each target,
 * a file or a folder (absolute or relative to `cwd`), which must lie inside root.
 */
export async function selectDataFiles(root: string, targets: string[], cwd: string): Promise<string[]> {
  if (targets.length === 0) return listDataFiles(root);
  const chosen = new Set<string>();
  for (const target of targets) {
    const full = resolve(cwd, target);
    const rel = relative(root, full).split(sep).join('/');
    if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) throw new TargetError(`"${target}" is outside the repository root ${root}`);
    const info = await lstat(full).catch(() => undefined);
    if (!info) throw new TargetError(`"${target}" does not exist`);
    if (info.isDirectory()) {
      const prefix = rel === '' ? '' : `${rel}/`;
      for (const path of await listDataFiles(root)) if (path.startsWith(prefix)) chosen.add(path);
    } else {
      chosen.add(rel);
    }
  }
  return [...chosen].sort();
}

/**
 * The data files among `changed` (paths relative to root, e.g. what git says changed since a
 * commit) that still exist: a deleted file has nothing left to format, and data/LICENSE is no
 * data file. Only those are read.
 */
export async function existingDataFiles(root: string, changed: readonly string[]): Promise<string[]> {
  const data = changed.filter(isDataPath);
  const present = await Promise.all(data.map(async (path) => ((await lstat(join(root, path)).catch(() => undefined)) ? path : undefined)));
  return present.filter((p): p is string => p !== undefined).sort();
}

/** Formats each file; with `write`, replaces every file whose text changes (atomically). */
export async function fixFiles(root: string, paths: string[], options: { write: boolean }): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const path of paths) outcomes.push(await fixFile(root, path, options.write));
  return outcomes;
}

async function fixFile(root: string, path: string, write: boolean): Promise<FileOutcome> {
  const ref = classifyPath(path);
  if (isPathProblem(ref)) return { path, status: 'skipped', reason: `${ref.message} (pwc validate explains the path)` };
  const full = join(root, path);
  const info = await lstat(full);
  if (info.isSymbolicLink()) return { path, status: 'skipped', reason: 'a symbolic link; data files are regular files' };
  if (!info.isFile()) return { path, status: 'skipped', reason: 'not a regular file' };
  if (info.size > MAX_FILE_BYTES) {
    // Not even read: a huge file is a mistake or an attack.
    return { path, status: 'problem', problems: [tooLarge(info.size)] };
  }
  const bytes = await readFile(full);
  const decoded = decodeSource(bytes);
  if (decoded.text === undefined) return { path, status: 'problem', problems: decoded.problems };
  const result = formatSource(ref.kind, decoded.text);
  if (isFormatProblem(result)) return { path, status: 'problem', problems: result.problems };
  if (Buffer.from(result.text, 'utf8').equals(bytes)) return { path, status: 'canonical' };
  const before = bytes.toString('utf8');
  if (write) await replaceFile(full, result.text);
  return { path, status: 'changed', before, after: result.text, written: write };
}
