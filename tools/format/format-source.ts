// Formats one data file's text into canonical form, or says why it will not touch it.
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { FileKind } from '../model/schemas.ts';
import { MAX_FILE_BYTES, lineColumnOf, parseSource, type SourceProblem } from '../model/source.ts';
import { explainYamlErrors } from '../model/syntax-errors.ts';
import { canonicalizeDocument, renderCanonical, sortIdLists, withTextAsWritten } from './canonical-form.ts';
import { commentsOf, lostComment, sameData } from './lossless.ts';

/** The canonical text and whether it differs from the input; or the problems that stop formatting. */
export type FormatResult = { text: string; changed: boolean } | { problems: SourceProblem[] };

export function isFormatProblem(result: FormatResult): result is { problems: SourceProblem[] } {
  return 'problems' in result;
}

/**
 * The canonical form of a data file of `kind`: schema key order (unknown keys after the known ones),
 * sorted id lists, block style with 2-space indents, plain scalars unless quotes are needed to keep
 * the value's type, LF line ends, no BOM, one final newline. Comments are kept.
 *
 * Files that are too large, are not YAML, hold duplicate keys or aliases, or hold no data are not
 * formatted: the result lists their problems instead. As a last guard, a result that would parse
 * to other data or lose a comment is refused the same way, so formatting never changes a value.
 */
export function formatSource(kind: FileKind, text: string): FormatResult {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes > MAX_FILE_BYTES) return { problems: [tooLarge(bytes)] };
  const lf = input.replace(/\r\n?/g, '\n');
  const parsed = parseSource(lf);
  if (parsed.data === undefined) return { problems: parsed.problems };
  if (lf !== input) {
    const raw = parseSource(input);
    if (raw.data === undefined || !sameData(raw.data, parsed.data)) {
      const at = lineColumnOf(input, input.indexOf('\r'));
      return problem('line-endings', at.line, at.column, 'a CR inside this file changes its data when turned into LF', 'Replace the CR characters by hand.');
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(lf, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const refused = refusal(lf, doc, lineCounter);
  if (refused) return refused;

  canonicalizeDocument(doc, kind, { value: parsed.data });
  let out = renderCanonical(doc);
  const comments = commentsOf(lf);
  if (comments.length > 0) {
    // `yaml` may attach a comment between two items to the other item when it reads the output
    // back; formatting again settles it. Files without comments are canonical after one pass.
    const settled = settle(kind, out);
    if (settled === undefined) {
      return problem('not-formattable', 1, 1, 'pwc fix cannot find a stable place for the comments of this file', 'Move comments onto their own lines above a field, or report this as a bug of `pwc fix`.');
    }
    out = settled;
  }
  return guard(kind, text, lf, comments, parsed.data, out);
}

const MAX_PASSES = 4;

/** Formats `text` again until it no longer changes; undefined when it does not settle. */
function settle(kind: FileKind, text: string): string | undefined {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const data = parseSource(current).data;
    if (data === undefined) return undefined;
    const doc = parseDocument(current, { uniqueKeys: true });
    if (doc.errors.length > 0) return undefined;
    canonicalizeDocument(doc, kind, { value: data });
    const next = renderCanonical(doc);
    if (next === current) return current;
    current = next;
  }
  return undefined;
}

/** Parse errors `yaml` finds beyond js-yaml's, and aliases (`*name`), which formatting would expand or break. */
function refusal(text: string, doc: Document, lineCounter: LineCounter): { problems: SourceProblem[] } | undefined {
  const problems: SourceProblem[] = explainYamlErrors(text, doc.errors, lineCounter);
  visit(doc, {
    Alias(_, node) {
      const pos = lineCounter.linePos(node.range?.[0] ?? 0);
      problems.push({ rule: 'yaml-syntax', line: pos.line, column: pos.col, message: 'anchors and aliases (&name, *name) are not allowed in data files', tip: 'Write the value out in full where it is used.' });
    },
  });
  return problems.length > 0 ? { problems } : undefined;
}

function guard(kind: FileKind, original: string, lf: string, before: string[], data: unknown, out: string): FormatResult {
  const reread = parseSource(out);
  if (reread.data === undefined || !sameData(reread.data, withTextAsWritten(kind, sortIdLists(kind, data), reread.data))) {
    return problem('not-formattable', 1, 1, 'pwc fix cannot write this file in canonical form without changing its data', 'Leave the file as it is and report this as a bug of `pwc fix`, with the file attached.');
  }
  const after = commentsOf(out);
  const lost = lostComment(before, after) ?? lostComment(after, before);
  if (lost !== undefined) {
    const at = lf.indexOf(lost);
    const pos = at === -1 ? { line: 1, column: 1 } : lineColumnOf(lf, at);
    return problem('not-formattable', pos.line, pos.column, `pwc fix cannot place the comment "${lost}" in canonical form`, 'Move the comment onto its own line above a field, or report this as a bug of `pwc fix`.');
  }
  return { text: out, changed: out !== original };
}

/** The problem of a file over the size limit, which is never parsed. */
export function tooLarge(bytes: number): SourceProblem {
  const message = `the file is ${bytes} bytes; data files may be at most ${MAX_FILE_BYTES} bytes`;
  return { rule: 'file-too-large', line: 1, column: 1, message, tip: 'Split the data into several files, or shorten long text fields.' };
}

function problem(rule: string, line: number, column: number, message: string, tip: string): { problems: SourceProblem[] } {
  return { problems: [{ rule, line, column, message, tip }] };
}

/**
 * For the pull-request review: the canonical text of a file, or undefined when it is already
 * canonical or cannot be formatted (the validator reports those problems).
 */
export function fixedText(kind: FileKind, text: string): string | undefined {
  const result = formatSource(kind, text);
  return isFormatProblem(result) || !result.changed ? undefined : result.text;
}
