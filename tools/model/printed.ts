// Metric values as their file prints them (77.0, 81.20, 1.5e-3): the number is the data (ranks,
// margins, the bundle); the printed form is what pages and the review show, since the precision a
// paper reports is information.

/** Metric name -> the value's text in its file, only where that differs from the number's shortest form. */
export type PrintedValues = Record<string, string>;

/** A printed form longer than this is not kept (the number's own form is shown): a value, not a text. */
const MAX_PRINTED = 40;
/** Decimal notation as people write it: no sign "+", no leading zeros, no hexadecimal, no ".5" (also the review report's pattern). */
export const PRINTED_PATTERN = '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?$';
const DECIMAL = new RegExp(PRINTED_PATTERN);
/** Keys JavaScript orders before the others, whatever their place in the file. */
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** The number's shortest round-trip form, never locale-formatted ("0" for -0). */
export function numberText(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** A value as people read it: as its file prints it when known, else the number's shortest form. */
export function shownValue(value: number, printed?: string): string {
  return printed ?? numberText(value);
}

/** A row's value of a metric as its file prints it (77.0 stays 77.0). */
export function shownMetricValue(row: { metrics: Record<string, number>; printed?: PrintedValues }, metric: string): string {
  return shownValue(row.metrics[metric], row.printed?.[metric]);
}

/** The text worth keeping for `value`: decimal notation for exactly this number that differs from its shortest form. */
export function printedForm(text: string, value: number): string | undefined {
  if (text.length > MAX_PRINTED || !DECIMAL.test(text) || !Object.is(Number(text), value)) return undefined;
  return text === numberText(value) ? undefined : text;
}

/**
 * Adds `printed` to each row of schema-valid result data whose values are printed otherwise than
 * their shortest form. `numberTexts` are the texts of the file's numbers in document order; in a
 * valid result file those are its metric values and numeric settings, row by row, unless a key is itself a number: then,
 * or when a key's place in the object is not its place in the file, nothing is added (the numbers
 * are shown). Changes `data` in place: it is the fresh parse of one file.
 */
export function addPrintedValues(data: unknown, numberTexts: readonly string[]): void {
  const rows = (data as { results?: unknown }).results;
  if (!Array.isArray(rows)) return;
  const found: [Record<string, unknown>, string, string][] = [];
  let i = 0;
  for (const row of rows as Record<string, unknown>[]) {
    // A row's numbers are its metric values and its numeric settings, in the order its keys are written.
    for (const key of Object.keys(row)) {
      if (key !== 'metrics' && key !== 'settings') continue;
      const values = row[key] as Record<string, unknown>;
      for (const name of Object.keys(values)) {
        const value = values[name];
        if (key === 'settings' && typeof value !== 'number') continue;
        if (ARRAY_INDEX.test(name) || typeof value !== 'number' || i >= numberTexts.length) return;
        const text = numberTexts[i++];
        // A decimal text that is not this value: the texts are not the values in order.
        if (DECIMAL.test(text) && !Object.is(Number(text), value)) return;
        const kept = key === 'metrics' ? printedForm(text, value) : undefined;
        if (kept !== undefined) found.push([row, name, kept]);
      }
    }
  }
  if (i !== numberTexts.length) return;
  for (const [row, name, text] of found) ((row.printed ??= {}) as PrintedValues)[name] = text;
}
