// The one Markdown escaper: data as GitHub-flavoured Markdown that shows exactly that text. For the
// generated pages (views): plain text, links, descriptions with raw HTML neutralised, SVG text. For
// the review comment and release notes (untrusted text, shown to maintainers): plain text that
// mentions and references nobody, code spans and fenced blocks.

/**
 * ASCII punctuation that starts or closes Markdown/GFM inline syntax (emphasis, code, links,
 * HTML, entities, tables, strikethrough, GitHub math). CommonMark lets every ASCII punctuation
 * character be backslash-escaped, and an escaped one is always that literal character.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>|&~$!#]/g;

/**
 * Exactly the texts markdownText changes: special or control characters, odd whitespace, URL
 * starts, and the block starts it escapes (a "-" or "+" list marker, an ordered list marker such
 * as "1." or "2)", a line of only "-" and "="). Dates, numbers and "-0.5" pass untouched.
 */
const NEEDS_ESCAPE = /[\\`*_[\]<>|&~$!#\u0000-\u001f\u007f]|\s\s|[^\S ]|^\s|\s$|:\/\/|www\.|^[-+](?:\s|$)|^\d{1,9}[.)](?:\s|$)|^[-=\s]+$/i;

/**
 * Plain text (a name, title, model name, author) as Markdown that renders as exactly that text,
 * on one line, safe inside a table cell. Line breaks and runs of whitespace become one space (a
 * soft line break renders as a space anyway, and a newline would end a table row).
 */
export function markdownText(value: string): string {
  // Most names need nothing: one test instead of the whole pipeline (this runs for every cell).
  if (!NEEDS_ESCAPE.test(value)) return value;
  const oneLine = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return oneLine
    .replace(INLINE_SPECIAL, '\\$&')
    // At the start of a line these open a block: a bullet or ordered list item (marker then a
    // space), or a thematic break or setext underline (a line of only - or =).
    .replace(/^([-+])(?=\s|$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^[-=\s]+$/, (line) => line.replace(/[-=]/g, '\\$&'))
    // GFM turns bare URLs into links and would swallow the escapes after them; plain text stays text.
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * A Markdown description with raw HTML neutralised: every "<" that could open an HTML tag,
 * comment, declaration, processing instruction or autolink (a "<" followed by a letter, "/",
 * "!" or "?", which is what all of them start with) becomes "&lt;". The rest stays Markdown.
 * The one cost: such a "<" inside a code span shows as "&lt;".
 */
export function markdownDescription(value: string): string {
  const text = value
    .replace(/\r\n?/g, '\n')
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;')
    .replace(/[ \t]+$/gm, '')
    .trim();
  const open = openFence(text);
  return open ? `${text}\n${open}` : text;
}

/**
 * The closing fence a description needs when it leaves a fenced code block open, which would
 * otherwise swallow the rest of the page; "" when none is open. Follows CommonMark's rules for
 * fences outside containers (a fence inside a list item may be misjudged: layout only, never HTML).
 */
function openFence(text: string): string {
  let open: { char: string; length: number } | undefined;
  for (const line of text.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) continue;
    const [, fence, rest] = m;
    if (!open) {
      // A backtick fence's info string may not contain a backtick (then it is inline code).
      if (fence[0] === '`' && rest.includes('`')) continue;
      open = { char: fence[0], length: fence.length };
    } else if (fence[0] === open.char && fence.length >= open.length && rest.trim() === '') {
      open = undefined;
    }
  }
  return open ? open.char.repeat(open.length) : '';
}

/** Is this an absolute http(s) URL we are willing to link to? Anything else is shown as text. */
export function isWebUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value);
}

/**
 * A link destination in its angle-bracket form, with the characters that could end it, break a
 * table row or smuggle markup percent-encoded.
 */
export function markdownDestination(url: string): string {
  return `<${url.replace(/[<>|\\\s`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}>`;
}

/** `[text](url)`, or just the text when the URL is not a web URL or a relative page path. */
export function markdownLink(text: string, url: string): string {
  // Parentheses too: some renderers (marked) end a label early at an escaped "]" followed by "(".
  const label = markdownText(text).replace(PARENTHESES, '\\$&');
  // A page path holds none of the characters markdownDestination encodes (and is most links).
  if (isRelativePage(url)) return `[${label}](<${url}>)`;
  if (!isWebUrl(url)) return label;
  return `[${label}](${markdownDestination(url)})`;
}

const PARENTHESES = /[()]/g;
const RELATIVE_PAGE = /^(\.\.?\/)*[a-z0-9][a-z0-9./#-]*$/;

/** Relative links between generated pages: slug paths only, never a scheme. */
function isRelativePage(url: string): boolean {
  return RELATIVE_PAGE.test(url) && !url.includes('//') && !url.includes(':');
}

const XML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for SVG/XML content or attribute values; control characters XML 1.0 forbids are dropped. */
export function xmlText(value: string): string {
  return xmlChars(value).replace(/[&<>"']/g, (c) => XML_SPECIAL[c]);
}

/** The text without the control characters XML 1.0 forbids (for libraries that escape markup but not those). */
export function xmlChars(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

// For comments and release notes: untrusted text made inert (no markup, HTML, hidden comments,
// mentions or references).

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
