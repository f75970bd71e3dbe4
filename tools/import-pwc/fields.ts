// Lenient readers for the dumps' free-text fields: what the layout can hold, or undefined.

/** Trimmed non-empty text, or undefined for null, "", other types. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/^\uFEFF/, '').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** One line of text: names and titles never span lines. */
export function line(value: unknown): string | undefined {
  const t = text(value);
  return t === undefined ? undefined : t.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A title or name: one line with at least one letter ("[14]", a citation mark, is no title). */
export function title(value: unknown): string | undefined {
  const t = line(value);
  return t !== undefined && /\p{L}/u.test(t) ? t : undefined;
}

const URL_PATTERN = /^https?:\/\/[^\s]+$/;

/** A URL the data files accept (http or https, no spaces, at most 2000 characters). */
export function url(value: unknown): string | undefined {
  const t = text(value);
  return t !== undefined && URL_PATTERN.test(t) && t.length <= 2000 ? t : undefined;
}

/** A real calendar date written YYYY-MM-DD (also the date part of an ISO timestamp). */
export function isoDate(value: unknown): string | undefined {
  const t = text(value);
  const match = t === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(t);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** Distinct non-empty lines, in their first order. */
export function lines(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.map(line).filter((v): v is string => v !== undefined))];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a list (null and non-objects are left out). */
export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
