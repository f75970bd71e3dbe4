// pwc-results.csv.gz: the flat table as CSV (RFC 4180: a header line, CRLF line ends, fields quoted
// when they hold a comma, a quote or a line break, quotes doubled; UTF-8 without a BOM; null is an
// empty field), gzipped as pwc-data.json.gz is (fflate, no mtime or name: the same table, the same bytes).
import { cutsAfter } from './encode.ts';
import { FLAT_COLUMNS, type FlatTable } from './flat.ts';
import { gzipPieces, type PieceStore } from './gzip.ts';

/** A field as RFC 4180 writes it. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A cell's text: numbers in JavaScript's shortest round-trip form, booleans true/false, settings as JSON, null empty. */
function cellText(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'string') return csvField(value);
  if (typeof value === 'object') return csvField(JSON.stringify(value));
  return String(value);
}

/** The CSV bytes, and where gzip may start a new piece: after the last line of a result whose id cuts (as pwc-data.json is cut). */
export function encodeFlatCsv(table: FlatTable): { csv: Buffer; cuts: number[] } {
  const columns = FLAT_COLUMNS.map((c) => table[c.name] as unknown[]);
  const ids = table.result_id;
  const chunks: Buffer[] = [];
  const cuts: number[] = [];
  let size = 0;
  let text = `${FLAT_COLUMNS.map((c) => c.name).join(',')}\r\n`;
  for (let i = 0; i < table.length; i++) {
    let line = cellText(columns[0][i]);
    for (let c = 1; c < columns.length; c++) line += `,${cellText(columns[c][i])}`;
    text += `${line}\r\n`;
    if (ids[i + 1] !== ids[i] && cutsAfter(ids[i])) {
      const chunk = Buffer.from(text, 'utf8');
      chunks.push(chunk);
      size += chunk.length;
      cuts.push(size);
      text = '';
    }
  }
  chunks.push(Buffer.from(text, 'utf8'));
  return { csv: Buffer.concat(chunks), cuts };
}

/** pwc-results.csv.gz; `store` keeps gzip's pieces between builds. */
export function encodeFlatCsvGz(table: FlatTable, store?: PieceStore): Buffer {
  const { csv, cuts } = encodeFlatCsv(table);
  return gzipPieces(csv, cuts, store);
}
