// Parses a metric value as the dumps write it ("90.0 ± 0.5", "77.1%", "185M", "~257M", "63.7*", ...) into a number.
import { printedForm } from '../model/printed.ts';

/** A value taken: the number, and a note when the source said more than the number (a spread, "~", "*"). */
export interface ParsedValue {
  ok: true;
  value: number;
  note?: string;
  /** The number as the dump prints it ("95.50"), where that is not the number's shortest form: the file writes it so. */
  printed?: string;
}

/** A value left out, and why. */
export interface RejectedValue {
  ok: false;
  reason: string;
}

export type MetricValue = ParsedValue | RejectedValue;

const SCALE: Record<string, number> = { K: 3, k: 3, M: 6, B: 9, G: 9, T: 12 };

/** A decimal number with an optional sign, thousands separators and exponent; the digits are kept as text. */
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?(?:[eE]([+-]?\d+))?$/;

/**
 * The number in a dump value, or why there is none. Plain JSON numbers pass through. Strings may
 * carry a BOM, a unicode minus, thousands separators, a trailing "%", a K/M/B suffix, a leading
 * "~" (approximately), a trailing "*" (a footnote mark), and a spread ("± 0.5"), which is kept
 * as a note. Everything else ("-", "", "93.0/90.7", text) is rejected: never guessed.
 */
export function parseMetricValue(raw: unknown): MetricValue {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, reason: 'not a finite number' };
  }
  if (typeof raw === 'boolean' || raw === null || raw === undefined) return { ok: false, reason: `not a number (${String(raw)})` };
  if (typeof raw !== 'string') return { ok: false, reason: `not a number (a ${Array.isArray(raw) ? 'list' : typeof raw})` };
  let text = raw
    .replace(/^\uFEFF+/, '')
    .replace(/[\u2212\u2012\u2013\uFE63\uFF0D]/g, '-') // unicode minus signs and dashes used as minus
    .replace(/[\u00A0\u2009\u202F]/g, ' ')
    .trim();
  if (text === '') return { ok: false, reason: 'the value is empty' };
  const notes: string[] = [];

  const spread = /^(.*?)\s*(?:±|\+\/-|\+-)\s*(.+)$/.exec(text);
  let spreadText: string | undefined;
  if (spread) {
    text = spread[1];
    spreadText = spread[2].trim();
    if (parseNumber(stripPercent(spreadText)) === undefined) return { ok: false, reason: `its spread "${spreadText}" is not a number` };
  }
  if (text.startsWith('~')) {
    text = text.slice(1).trim();
    notes.push('approximate');
  }
  if (/\*+$/.test(text)) {
    text = text.replace(/\s*\*+$/, '');
    notes.push('marked "*" in the source');
  }
  text = stripPercent(text);

  let exponent = 0;
  const suffix = /^(.*\d)\s*([KkMBGT])$/.exec(text);
  if (suffix) {
    text = suffix[1];
    exponent = SCALE[suffix[2]];
  }
  const value = parseNumber(text, exponent);
  if (value === undefined) return { ok: false, reason: whyNotANumber(raw.trim()) };
  if (spreadText !== undefined) notes.unshift(`± ${spreadText}`);
  // Only a number written out: "25.6M" is 25600000, whose digits the dump does not print.
  const printed = exponent === 0 ? printedForm(text, value) : undefined;
  return { ok: true, value, ...(notes.length ? { note: notes.join(', ') } : {}), ...(printed ? { printed } : {}) };
}

/** Says what a rejected value looks like, so the report reads well. */
function whyNotANumber(text: string): string {
  if (/^[-\u2212\u2013*\s]+$/.test(text)) return 'a dash: no value';
  if (/^[\d.,%\s]+(\/[\d.,%\s]+)+\*?$/.test(text)) return 'several numbers separated by "/": which one the metric means is not known';
  if (/^[\d.]+\s*\+$/.test(text)) return 'a number with a trailing "+" (a lower bound?)';
  if (/\?/.test(text)) return 'marked uncertain with "?"';
  if (/^\(?[\d.\s]+\)?$/.test(text)) return 'several numbers';
  if (/^[\d.]+\s*\(/.test(text)) return 'a number followed by a remark: not taken, to be safe';
  return 'not a number';
}

function stripPercent(text: string): string {
  return text.replace(/\s*%$/, '');
}

/** The number, scaled by 10^exponent in decimal (so "0.8" with B gives exactly 800000000). */
function parseNumber(text: string, exponent = 0): number | undefined {
  const match = NUMBER.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) return undefined;
  const [, sign, whole = '0', fraction = '', power = '0'] = match;
  const value = Number(`${sign}${whole.replace(/,/g, '')}${fraction}e${Number(power) + exponent}`);
  return Number.isFinite(value) ? value : undefined;
}
