// What differs between a file and its canonical form, short enough to print: notes and a unified diff.
import { createTwoFilesPatch } from 'diff';
import { count } from '../model/count.ts';

/** At most this many diff lines per file: enough to see the kind of change. */
const MAX_DIFF_LINES = 40;

/** The text without BOM and with LF line ends, and which of the two it had: changes a line diff cannot show. */
export function withoutEncodingQuirks(before: string): { text: string; bom: boolean; cr: boolean } {
  const bom = before.charCodeAt(0) === 0xfeff;
  const text = bom ? before.slice(1) : before;
  const cr = text.includes('\r');
  return { text: cr ? text.replace(/\r\n?/g, '\n') : text, bom, cr };
}

export function describeDifference(path: string, before: string, after: string): string {
  const { text, bom, cr } = withoutEncodingQuirks(before);
  const notes = [...(bom ? ['starts with a byte order mark (BOM)'] : []), ...(cr ? ['uses CR or CRLF line ends'] : [])];
  const lines = notes.map((n) => `  ${n}\n`);
  if (text !== after) {
    const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, text, after, undefined, undefined, { context: 1 });
    const body = patch.split('\n').filter((l) => !l.startsWith('====')).filter((l, i, all) => l !== '' || i < all.length - 1);
    const shown = body.slice(0, MAX_DIFF_LINES);
    if (body.length > shown.length) shown.push(`... ${count(body.length - shown.length, 'more diff line', 'more diff lines')}`);
    lines.push(...shown.map((l) => `  ${l}\n`));
  }
  return lines.join('');
}
