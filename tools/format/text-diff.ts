// What differs between a file and its canonical form, short enough to print: notes and a unified diff.
import { createTwoFilesPatch } from 'diff';

/** At most this many diff lines per file: enough to see the kind of change. */
const MAX_DIFF_LINES = 40;

export function describeDifference(path: string, before: string, after: string): string {
  const notes: string[] = [];
  let text = before;
  if (text.charCodeAt(0) === 0xfeff) {
    notes.push('starts with a byte order mark (BOM)');
    text = text.slice(1);
  }
  if (text.includes('\r')) {
    notes.push('uses CR or CRLF line ends');
    text = text.replace(/\r\n?/g, '\n');
  }
  const lines = notes.map((n) => `  ${n}\n`);
  if (text !== after) {
    const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, text, after, undefined, undefined, { context: 1 });
    const body = patch.split('\n').filter((l) => !l.startsWith('====')).filter((l, i, all) => l !== '' || i < all.length - 1);
    const shown = body.slice(0, MAX_DIFF_LINES);
    if (body.length > shown.length) shown.push(`... ${body.length - shown.length} more diff lines`);
    lines.push(...shown.map((l) => `  ${l}\n`));
  }
  return lines.join('');
}
