// Writes new data as a file's text in canonical form (for the importer and `pwc new`).
import { Document } from 'yaml';
import type { FileKind } from '../model/schemas.ts';
import type { PrintedValues } from '../model/printed.ts';
import { parseSource } from '../model/source.ts';
import { canonicalizeDocument, renderCanonical, sortIdLists } from './canonical-form.ts';
import { sameData } from './lossless.ts';
import { keepPrintedDecimalsOfRows } from './printed-decimals.ts';

/**
 * The canonical text of `data` as a file of `kind`; formatSource returns it unchanged.
 * Keys whose value is undefined are left out. Throws when the data has no faithful YAML form
 * (functions, class instances, cycles), so a caller never writes a file that reads back differently.
 * `printedRows`: for a result file, the printed values of each row (model/printed.ts).
 */
export function stringifyData(kind: FileKind, data: unknown, printedRows: readonly (PrintedValues | undefined)[] = []): string {
  const plain = withoutUndefined(data, new Set());
  const doc = new Document(plain, { aliasDuplicateObjects: false });
  // A result's values with the decimals they were given (77.0), as `pwc fix` keeps them.
  if (kind === 'result') keepPrintedDecimalsOfRows(doc, printedRows);
  canonicalizeDocument(doc, kind, { value: plain });
  const text = renderCanonical(doc);
  const reread = parseSource(text);
  if (reread.data === undefined || !sameData(reread.data, sortIdLists(kind, plain))) {
    throw new Error(`stringifyData: the ${kind} data cannot be written as YAML that reads back the same`);
  }
  return text;
}

function withoutUndefined(data: unknown, path: Set<object>): unknown {
  if (typeof data !== 'object' || data === null) {
    if (typeof data === 'function' || typeof data === 'symbol' || typeof data === 'bigint') throw new Error(`stringifyData: a ${typeof data} is not data`);
    return data;
  }
  if (path.has(data)) throw new Error('stringifyData: the data contains a cycle');
  path.add(data);
  let out: unknown;
  if (Array.isArray(data)) {
    out = data.map((x) => withoutUndefined(x, path));
  } else {
    const proto = Object.getPrototypeOf(data);
    if (proto !== Object.prototype && proto !== null) throw new Error(`stringifyData: a ${proto?.constructor?.name ?? 'class'} instance is not plain data`);
    const object: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      Object.defineProperty(object, key, { value: withoutUndefined(value, path), enumerable: true, writable: true, configurable: true });
    }
    out = object;
  }
  path.delete(data);
  return out;
}
