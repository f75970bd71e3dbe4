// For tests: reading Markdown back with a GFM renderer (marked), the way GitHub would (raw HTML
// tokens, table shapes and the plain text of cells), and texts that must stay text.
import { marked, type Token, type Tokens } from 'marked';

export interface MarkdownFacts {
  /** Raw HTML tokens (block and inline), as written. */
  html: string[];
  tables: { header: string[]; rows: string[][] }[];
  /** The page rendered to HTML. */
  rendered: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*|#39);/gi, (whole, name: string) => {
    if (name in ENTITIES) return ENTITIES[name];
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return whole;
  });
}

/** The text a reader sees for inline tokens (links and images count as their text). */
export function plainText(tokens: Token[] | undefined): string {
  let out = '';
  for (const t of tokens ?? []) {
    if (t.type === 'escape') out += (t as Tokens.Escape).text;
    else if (t.type === 'image') out += (t as Tokens.Image).text;
    else if ('tokens' in t && t.tokens && t.tokens.length > 0) out += plainText(t.tokens);
    else if (t.type === 'br') out += ' ';
    else if ('text' in t && typeof t.text === 'string') out += t.type === 'codespan' ? t.text : decode(t.text);
    else out += t.raw;
  }
  return out;
}

export function inspectMarkdown(markdown: string): MarkdownFacts {
  const tokens = marked.lexer(markdown, { gfm: true });
  const html: string[] = [];
  const tables: MarkdownFacts['tables'] = [];
  marked.walkTokens(tokens, (t) => {
    if (t.type === 'html') html.push(t.raw.trim());
    if (t.type === 'table') {
      const table = t as Tokens.Table;
      tables.push({ header: table.header.map((c) => plainText(c.tokens)), rows: table.rows.map((r) => r.map((c) => plainText(c.tokens))) });
    }
  });
  return { html, tables, rendered: marked.parse(markdown, { gfm: true, async: false }) };
}

/**
 * What must never reach a rendered page from data: its tags, event handlers and script URLs.
 * (Pages have images of their own, the charts, so images are checked by their source instead.)
 */
export const FORBIDDEN_HTML = /<(script|iframe|div|b|i|u|style)[\s>/]|<[a-z]+[^>]*\son[a-z]+=|<[a-z]+[^>]*(href|src)="javascript:/i;

/** The sources of the images on a rendered page. */
export function imageSources(rendered: string): string[] {
  return [...rendered.matchAll(/<img\s[^>]*src="([^"]*)"/g)].map((m) => m[1]);
}

/** Plain-text values that are Markdown, HTML or Handlebars syntax, each of which must render as text. */
export const HOSTILE = {
  modelPipe: 'A|B',
  modelScript: '<script>alert(1)</script>',
  modelTemplate: '{{x}} {{{y}}} {{> partial}}',
  modelTicks: '`code` ``two``',
  modelMarkup: '*em* _em_ **strong** ~~del~~ [link](https://example.org) ![img](x.png)',
  modelNewline: 'line one\n# not a heading\n- not a list',
  modelList: '1. not a list',
  modelEntity: '&amp; &lt;b&gt; &#60;i&#62;',
  modelBackslash: 'back\\slash\\|pipe\\',
  modelMath: '$x^2$ and $$y$$',
  modelRule: '---',
  title: '<script>alert("title")</script> A | B `tick` {{x}} *star*\nsecond line',
  authors: ['<b>Bold</b> Author', 'Pipe|Author', '_Under_ Score', '[Link](https://example.org)'],
  taskName: 'Task <i>italic</i> | pipe',
  datasetName: 'Data*set* [x](javascript:alert(1))',
  methodName: '<img src=x onerror=alert(1)>',
  metricName: 'Acc|uracy <b>x</b>',
  venue: '<iframe src="https://example.org"></iframe>',
  description:
    '**Bold** description with <script>alert(1)</script> and <div onclick="x()">a div</div>.\n\n' +
    '<!-- a comment -->\n\n<a href="javascript:alert(1)">link</a> and `<code>` and <https://example.org>.\n\n' +
    '| a | b |\n| --- | --- |\n| <b>c</b> | d |\n',
};
