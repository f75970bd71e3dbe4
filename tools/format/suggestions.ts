// The fix of a file as line edits, each a range of the file's lines and the lines to put there (review suggestions).
import { diffArrays } from 'diff';
import type { FileKind } from '../model/schemas.ts';
import { fixedText } from './format-source.ts';
import { withoutEncodingQuirks } from './text-diff.ts';

/** Replace lines `line`..`endLine` (1-based, inclusive) of the file with `replacement` (lines, no final newline). */
export interface LineEdit {
  line: number;
  endLine: number;
  replacement: string[];
}

export interface FixSuggestions {
  edits: LineEdit[];
  /** Changes no line edit shows: a BOM, CRLF line ends. */
  notes: string[];
}

/**
 * The edits that make the file canonical, or undefined when it is canonical or cannot be
 * formatted. Every edit covers at least one existing line (a pure insertion takes the line
 * above it along), so each can be posted as a suggestion on that line range.
 */
export function fixSuggestions(kind: FileKind, text: string): FixSuggestions | undefined {
  const fixed = fixedText(kind, text);
  if (fixed === undefined) return undefined;
  const { text: before, bom, cr } = withoutEncodingQuirks(text);
  const notes = [...(bom ? ['remove the byte order mark (BOM) at the start of the file'] : []), ...(cr ? ['use LF line ends instead of CRLF'] : [])];
  // Lines as split('\n') gives them: a final newline leaves an empty last element.
  const oldLines = before.split('\n');
  const edits: LineEdit[] = [];
  let at = 0; // index in oldLines
  let pending: { start: number; removed: number; added: string[] } | undefined;
  const flush = () => {
    if (!pending) return;
    const { start, removed, added } = pending;
    if (removed > 0) edits.push({ line: start + 1, endLine: start + removed, replacement: added });
    else if (start > 0) edits.push({ line: start, endLine: start, replacement: [oldLines[start - 1], ...added] });
    else edits.push({ line: 1, endLine: 1, replacement: [...added, oldLines[0]] });
    pending = undefined;
  };
  for (const change of diffArrays(oldLines, fixed.split('\n'))) {
    if (!change.added && !change.removed) {
      flush();
      at += change.value.length;
      continue;
    }
    pending ??= { start: at, removed: 0, added: [] };
    if (change.removed) {
      pending.removed += change.value.length;
      at += change.value.length;
    } else {
      pending.added.push(...change.value);
    }
  }
  flush();
  return { edits, notes };
}

/** Applies edits (as fixSuggestions returns them) to the LF text: the review bot's view of accepting them all. */
export function applyEdits(text: string, edits: LineEdit[]): string {
  const lines = text.split('\n');
  for (const edit of [...edits].sort((a, b) => b.line - a.line)) lines.splice(edit.line - 1, edit.endLine - edit.line + 1, ...edit.replacement);
  return lines.join('\n');
}
