// Writing metric values as given (`pwc new --metric "Top 1 Accuracy=77.0"` writes 77.0): the
// trailing zeros of a decimal, which the canonical form keeps; exponents become decimals, as in `pwc fix`.
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import type { PrintedValues } from '../model/printed.ts';

const DECIMALS = /^-?[0-9]+\.([0-9]+)$/;

/** Gives the metric values of a result row's node the decimals of their printed form (81.20: two). */
export function keepPrintedDecimals(row: unknown, printed: PrintedValues | undefined): void {
  if (!printed || !isMap(row)) return;
  const metrics = row.get('metrics', true);
  if (!isMap(metrics)) return;
  for (const pair of metrics.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const decimals = Object.hasOwn(printed, name) ? DECIMALS.exec(printed[name])?.[1].length : undefined;
    if (decimals !== undefined && isScalar(pair.value) && typeof pair.value.value === 'number') pair.value.minFractionDigits = decimals;
  }
}

/** The same for each row of a result file's document, with the printed values of each row in order. */
export function keepPrintedDecimalsOfRows(doc: Document, rows: readonly (PrintedValues | undefined)[]): void {
  const results = isMap(doc.contents) ? doc.contents.get('results', true) : undefined;
  if (isSeq(results)) results.items.forEach((row, i) => keepPrintedDecimals(row, rows[i]));
}
