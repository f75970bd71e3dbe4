// Plans a new data file (or a new result row in an existing file) as text, then writes it; never overwrites.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { addResultRow } from './add-result-row.ts';
import type { NewFile, NewKind } from './new-file.ts';
import { stringifyData } from './stringify-data.ts';
import { createFile, replaceFile } from './write-file.ts';

/** The text a new file would have at its path: a new file, an existing result file with the row added, or why neither. */
export type NewFilePlan =
  | { status: 'create'; path: string; text: string }
  | { status: 'add-row'; path: string; text: string; before: string }
  | { status: 'refused'; path: string; message: string };

export type WriteOutcome = { status: 'created' | 'row-added'; path: string } | { status: 'refused'; path: string; message: string };

/** A file's text, or undefined when there is no file. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * What writing `file` under `root` would put on disk, read-only. An existing file is never
 * replaced; for a result, the new row is added to an existing file of the same paper and
 * benchmark when that is safe.
 */
export async function planNewFile(root: string, kind: NewKind, file: NewFile): Promise<NewFilePlan> {
  const { path } = file;
  const existing = await readIfExists(join(root, path));
  if (existing === undefined) return { status: 'create', path, text: stringifyData(kind, file.data, [file.printed]) };
  if (kind !== 'result') return { status: 'refused', path, message: `${path} already exists; edit it, or choose another id with --id` };
  const row = (file.data.results as Record<string, unknown>[])[0];
  const added = addResultRow(existing, row, file.printed);
  if ('problem' in added) return { status: 'refused', path, message: `${path}: ${added.problem}` };
  return { status: 'add-row', path, text: added.text, before: existing };
}

/** Writes a planned file; refuses when the disk changed since the plan (a file appeared, or the result file was edited). */
export async function writePlanned(root: string, plan: Exclude<NewFilePlan, { status: 'refused' }>): Promise<WriteOutcome> {
  const full = join(root, plan.path);
  const changed = { status: 'refused' as const, path: plan.path, message: `${plan.path} changed while pwc new ran; run it again` };
  if (plan.status === 'create') {
    await mkdir(dirname(full), { recursive: true });
    return (await createFile(full, plan.text)) ? { status: 'created', path: plan.path } : changed;
  }
  if ((await readIfExists(full)) !== plan.before) return changed;
  await replaceFile(full, plan.text);
  return { status: 'row-added', path: plan.path };
}
