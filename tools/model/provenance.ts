// A result row's source as one line of text, for places that show or carry it as text.
import type { RowSource } from './types.ts';

/** Plain text as written; a mapping as its ref and url ("Table 2, https://..."), or its kind when it has neither. */
export function sourceText(source: RowSource): string {
  if (typeof source === 'string') return source;
  const parts = [source.ref, source.url].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(', ') : source.kind;
}
