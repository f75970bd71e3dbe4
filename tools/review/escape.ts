// Making untrusted text inert in GitHub Markdown: no markup, HTML, hidden comments, mentions or references.

const ZWSP = '\u200b';
/** Characters that start Markdown syntax inline or in a table cell. */
const MARKDOWN = /[\\`*_[\]()#|~!{}+\-.:=^$]/g;
/** Control characters, line and paragraph separators, and bidirectional overrides (which can disguise text). */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Shortens to at most `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Plain text for a Markdown paragraph or table cell: one line, HTML characters as entities,
 * Markdown punctuation backslash-escaped, and "@name" / "#123" broken with a zero-width space so
 * GitHub neither notifies anyone nor links an issue.
 */
export function plain(text: string, max = 500): string {
  return clip(String(text).replace(INVISIBLE, '').replace(/[\r\n\t]+/g, ' '), max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(/@/g, `@${ZWSP}`);
}

/**
 * An inline code span holding `text` verbatim (ids, paths, model names), for table cells: a pipe is
 * written `\|`, which GFM tables read as a pipe even inside code.
 */
export function code(text: string, max = 200): string {
  const body = clip(String(text).replace(INVISIBLE, '').replace(/[\r\n\t]+/g, ' '), max).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${body || ' '}${pad}${fence}`;
}

/**
 * A fenced block whose content GitHub shows (or, for "suggestion", applies) verbatim: the fence is
 * longer than any backtick run inside, so the content cannot close it.
 */
export function fenced(info: 'suggestion' | 'text', content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${content.replace(INVISIBLE, '')}\n${fence}`;
}
