// Comparing JSON values (entities of two bundles) by content: key order never matters, list order does.
import { sameData as jsonEqual } from '../format/lossless.ts';

export { jsonEqual };

/** Top-level keys whose values differ (a key present on one side only counts), sorted. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, ignore: readonly string[] = []): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => !ignore.includes(k) && (Object.hasOwn(before, k) !== Object.hasOwn(after, k) || !jsonEqual(before[k], after[k])))
    .sort(byCodePoint);
}

/** JSON with object keys sorted: one text per content, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort(byCodePoint)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
