// Rule: a data file is UTF-8 text without a byte order mark and without NUL bytes.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'encoding',
  scope: 'source',
  severity: 'error',
  title: 'Files are UTF-8 text, without BOM or binary bytes',
  description:
    'Every data file must be plain UTF-8 text. A byte that is not valid UTF-8 (a file saved as Latin-1 or Windows-1252), a NUL byte (a binary file such as an image or a spreadsheet renamed to .yaml), or a byte order mark at the start (some Windows editors add one) is reported at the offending byte. Save the file as "UTF-8" (not "UTF-8 with BOM") in your editor; `pwc fix` removes a BOM.',
};
