// Adds a row to an existing result file, keeping its comments and its other rows.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { PrintedValues } from '../model/printed.ts';
import { parseSource } from '../model/source.ts';
import { formatSource, isFormatProblem } from './format-source.ts';
import { commentsOf, lostComment, sameData } from './lossless.ts';
import { keepPrintedDecimals } from './printed-decimals.ts';

export type AddRowResult = { text: string } | { problem: string };

/**
 * The result file `text` with `row` appended to its results, in canonical form; or why the row
 * cannot be added safely (the file does not parse, has no results list, or already has the model).
 * `printed`: the row's values as given (77.0), written with their decimals.
 */
export function addResultRow(text: string, row: Record<string, unknown>, printed?: PrintedValues): AddRowResult {
  const formatted = formatSource('result', text);
  if (isFormatProblem(formatted)) {
    const p = formatted.problems[0];
    return { problem: `the existing file cannot be read safely: ${p.line}:${p.column}: ${p.message}` };
  }
  const before = parseSource(formatted.text).data as { results?: unknown };
  const doc = parseDocument(formatted.text);
  const results = isMap(doc.contents) ? doc.contents.get('results', true) : undefined;
  if (!isSeq(results) || !Array.isArray(before.results)) return { problem: 'the existing file has no "results" list to add the row to' };
  const taken = results.items.some((item) => isMap(item) && isScalar(item.get('model', true)) && item.get('model') === row.model);
  if (taken) return { problem: `the file already has a row for the model "${String(row.model)}"; edit that row instead` };
  const node = doc.createNode(row, { aliasDuplicateObjects: false });
  keepPrintedDecimals(node, printed);
  results.items.push(node);
  const added = formatSource('result', doc.toString());
  if (isFormatProblem(added)) return { problem: `the row cannot be added: ${added.problems[0].message}` };
  // Belt and braces: the old rows, the new row and every comment must all be there.
  const after = parseSource(added.text).data as { results?: unknown[] };
  const expected = { ...(before as object), results: [...before.results, row] };
  if (!sameData(after, expected) || lostComment(commentsOf(text), commentsOf(added.text)) !== undefined) {
    return { problem: 'the row cannot be added without changing the rest of the file' };
  }
  return { text: added.text };
}
