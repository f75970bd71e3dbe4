// Writes a new data file (or a new result row) after checking it against its schema; never overwrites.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkSchema, type SchemaProblem } from '../model/check-schema.ts';
import { parseSource } from '../model/source.ts';
import { addResultRow } from './add-result-row.ts';
import type { NewFile, NewKind } from './new-file.ts';
import { stringifyData } from './stringify-data.ts';
import { createFile, replaceFile } from './write-file.ts';

export type WriteOutcome =
  | { status: 'created'; path: string }
  | { status: 'row-added'; path: string }
  | { status: 'refused'; path: string; message: string }
  | { status: 'invalid'; path: string; problems: SchemaProblem[] };

/**
 * Creates `file` under `root`. An existing file is never replaced; for a result, the new row is
 * added to an existing file of the same paper and benchmark when that is safe.
 */
export async function writeNewFile(root: string, kind: NewKind, file: NewFile): Promise<WriteOutcome> {
  const { path } = file;
  const problems = checkSchema(kind, file.data);
  if (problems.length > 0) return { status: 'invalid', path, problems };
  const full = join(root, path);
  await mkdir(dirname(full), { recursive: true });
  if (await createFile(full, stringifyData(kind, file.data, [file.printed]))) return { status: 'created', path };
  if (kind !== 'result') return { status: 'refused', path, message: `${path} already exists; edit it, or choose another id with --id` };

  const text = await readFile(full, 'utf8');
  const row = (file.data.results as Record<string, unknown>[])[0];
  const added = addResultRow(text, row, file.printed);
  if ('problem' in added) return { status: 'refused', path, message: `${path}: ${added.problem}` };
  const whole = checkSchema(kind, parseSource(added.text).data);
  if (whole.length > 0) return { status: 'invalid', path, problems: whole };
  await replaceFile(full, added.text);
  return { status: 'row-added', path };
}
