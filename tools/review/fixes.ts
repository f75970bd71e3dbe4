// Turning `pwc fix`'s rewrite of a file into line replacements (what a GitHub suggestion can express).
import { diffLines } from 'diff';
import type { ReportFix } from './report-schema.ts';

/**
 * The hunks that turn `before` into `after`, each as "replace lines startLine..endLine (1-based,
 * of `before`) with `text`". A pure insertion is widened to the line above it (or below, at the
 * top of a file), since a suggestion always replaces at least one line.
 */
export function replacementHunks(file: string, before: string, after: string): ReportFix[] {
  const oldLines = splitLines(before);
  const hunks: ReportFix[] = [];
  let line = 1; // next line of `before`
  let pending: { start: number; removed: number; added: string[] } | undefined;
  const flush = () => {
    if (!pending) return;
    let { start, removed, added } = pending;
    if (removed === 0) {
      if (start > 1) {
        start -= 1;
        added = [oldLines[start - 1], ...added];
      } else if (oldLines.length > 0) {
        added = [...added, oldLines[0]];
      } else return;
      removed = 1;
    }
    const text = added.join('\n');
    // A change only in the final newline (or in CR line ends) shows as no change on a line: skip it.
    if (text !== oldLines.slice(start - 1, start - 1 + removed).join('\n').replace(/\r/g, '')) {
      hunks.push({ file, startLine: start, endLine: start + removed - 1, text });
    }
    pending = undefined;
  };
  for (const part of diffLines(before, after)) {
    const lines = splitLines(part.value);
    if (!part.added && !part.removed) {
      flush();
      line += lines.length;
      continue;
    }
    pending ??= { start: line, removed: 0, added: [] };
    if (part.removed) {
      pending.removed += lines.length;
      line += lines.length;
    } else pending.added.push(...lines);
  }
  flush();
  return hunks;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
