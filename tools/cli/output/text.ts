// `--format text`: findings for a person at a terminal: where, what, how to fix, and the line with a caret.
import type { Finding } from '../../checks/finding.ts';
import { count } from '../../model/count.ts';
import { countFindings, describeCounts, printable } from './counts.ts';

/** Lines longer than this are shown as a window around the column. */
const FRAME_WIDTH = 120;

export interface TextOptions {
  /** The text of a file, for the code frame; undefined leaves the frame out. */
  readText?: (file: string) => string | undefined;
  /** Where the rule docs live, for the "see" line; default docs/rules.md. */
  docs?: string;
}

/**
 *   data/tasks/x.yaml:2:7: error unknown-reference: there is no area "computer-visoin"
 *      2 | area: computer-visoin
 *        |       ^
 *     tip: Did you mean "computer-vision"? ...
 *     see: docs/rules.md#unknown-reference
 */
export function formatText(findings: readonly Finding[], options: TextOptions = {}): string {
  const docs = options.docs ?? 'docs/rules.md';
  const lines = new Map<string, string[] | undefined>();
  const linesOf = (file: string) => {
    if (!lines.has(file)) lines.set(file, options.readText?.(file)?.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/));
    return lines.get(file);
  };
  const out: string[] = [];
  for (const f of findings) {
    out.push(`${printable(f.file)}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${printable(f.message)}`);
    const source = linesOf(f.file)?.[f.line - 1];
    if (source !== undefined) out.push(...codeFrame(source, f.line, f.column));
    out.push(`  tip: ${printable(f.tip)}`, `  see: ${docs}#${f.rule}`, '');
  }
  const counts = countFindings(findings);
  const files = new Set(findings.map((f) => f.file)).size;
  out.push(findings.length === 0 ? 'No findings.' : `${describeCounts(counts)} in ${count(files, 'file')}.`);
  return `${out.join('\n')}\n`;
}

/**
 * The findings a --changed-since run found already at the revision, one line each, after the
 * change's own: shown, so nothing is hidden, but not counted (they are not the change's to fix).
 */
export function formatPreexisting(preexisting: { findings: readonly Finding[]; since: string } | undefined): string {
  if (!preexisting || preexisting.findings.length === 0) return '';
  const { findings, since } = preexisting;
  const files = new Set(findings.map((f) => f.file)).size;
  const out = [`Already at ${printable(since)}, not from this change (not counted): ${describeCounts(countFindings(findings))} in ${count(files, 'file')}.`];
  for (const f of findings) out.push(`  ${printable(f.file)}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${printable(f.message)}`);
  return `${out.join('\n')}\n`;
}

/** The line (a window of it when long) and a caret under the column; tabs are kept so the caret lines up. */
export function codeFrame(source: string, line: number, column: number): string[] {
  let text = printable(source);
  let caretAt = Math.max(0, Math.min(column - 1, text.length));
  if (text.length > FRAME_WIDTH) {
    const start = Math.max(0, Math.min(caretAt - FRAME_WIDTH / 2, text.length - FRAME_WIDTH));
    const head = start > 0 ? '…' : '';
    const tail = start + FRAME_WIDTH < text.length ? '…' : '';
    text = head + text.slice(start, start + FRAME_WIDTH) + tail;
    caretAt = caretAt - start + head.length;
  }
  const gutter = String(line).padStart(4);
  const pad = text.slice(0, caretAt).replace(/[^\t]/g, ' ');
  return [`${gutter} | ${text}`, `${' '.repeat(gutter.length)} | ${pad}^`];
}
