// The two promises formatting keeps, checked on every file it rewrites: same data, same comments.
import { CST, Lexer } from 'yaml';

/** Deep equality of parsed YAML data (plain objects, arrays, scalars); NaN equals NaN. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameData(x, bs[i]));
  }
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  return ak.every((k) => Object.hasOwn(bo, k) && sameData(ao[k], bo[k]));
}

/** Every comment of a YAML text, trimmed and sorted: formatting may move comments, never drop one. */
export function commentsOf(text: string): string[] {
  const comments: string[] = [];
  for (const token of new Lexer().lex(text)) {
    if (CST.tokenType(token) === 'comment') comments.push(token.trimEnd());
  }
  return comments.sort();
}

/** The first comment in `before` that `after` lacks (counting repeats), if any. */
export function lostComment(before: string[], after: string[]): string | undefined {
  const left = new Map<string, number>();
  for (const c of after) left.set(c, (left.get(c) ?? 0) + 1);
  for (const c of before) {
    const n = left.get(c) ?? 0;
    if (n === 0) return c;
    left.set(c, n - 1);
  }
  return undefined;
}
