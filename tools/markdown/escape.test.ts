// Every escape of the one Markdown escaper, read back with a GFM renderer: hostile text renders as
// exactly that text, raw HTML never survives, links go only where they may.
import { describe, expect, it } from 'vitest';
import { marked } from 'marked';
import { clip, code, fenced, markdownDescription, markdownLink, markdownText, plain, xmlText } from './escape.ts';
import { FORBIDDEN_HTML, HOSTILE, inspectMarkdown, plainText } from './testing.ts';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What a reader sees when a text is written through markdownText into a paragraph. */
function seen(markdown: string): string {
  const [paragraph] = marked.lexer(markdown, { gfm: true });
  expect(paragraph.type).toBe('paragraph');
  return plainText((paragraph as { tokens?: never[] }).tokens);
}

describe('markdownText', () => {
  const samples = [
    ...Object.values(HOSTILE).flat(),
    '- dash', '+ plus', '> quote', '= equals', '====', '2020. year', '12) paren', '    indented', '\ttab', 'trailing  ',
    'a\u0000b\u0007c', 'emoji :smile: @user #123', 'x < 3 & y > 2', '~~~', '```', '\\', '*', '_', '|', '!', '[', ']',
    // Block starts alone or at the edge of what the fast path lets through untouched.
    '-', '+', '=', '--', '-=-', '1.', '2)', '123456789.', '1234567890.', '3.x', '+x', '-x',
  ];
  for (const sample of samples) {
    it(`renders ${JSON.stringify(sample).slice(0, 50)} as that text`, () => {
      const md = markdownText(sample);
      expect(md).not.toContain('\n');
      const expected = oneLine(sample.replace(/[\u0000-\u0008]/g, ''));
      expect(seen(`x ${md}`)).toBe(`x ${expected}`);
      // Also at the start of a line, where block syntax (lists, headings, rules) would apply.
      const tokens = marked.lexer(md, { gfm: true });
      expect(tokens.filter((t) => t.type !== 'space').map((t) => t.type)).toEqual(expected ? ['paragraph'] : []);
      if (expected) expect(plainText((tokens[0] as { tokens?: never[] }).tokens)).toBe(expected);
    });
  }

  it('keeps ordinary text readable: no escapes where nothing is special', () => {
    expect(markdownText('ResNet-50 (v1.5), 84.8 top-1')).toBe('ResNet-50 (v1.5), 84.8 top-1');
    expect(markdownText('-0.5')).toBe('-0.5');
    for (const plain of ['2019-08-12', '85.3', '1.5x faster', '+3.2', '7 of 12', '1234567890.']) expect(markdownText(plain)).toBe(plain);
  });
});

describe('markdownDescription', () => {
  it('keeps Markdown but turns every raw HTML construct into text', () => {
    const md = markdownDescription(HOSTILE.description);
    const facts = inspectMarkdown(md);
    expect(facts.html).toEqual([]);
    expect(facts.rendered).not.toMatch(FORBIDDEN_HTML);
    expect(facts.rendered).toContain('<strong>Bold</strong>');
    expect(facts.rendered).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(facts.tables).toEqual([{ header: ['a', 'b'], rows: [['<b>c</b>', 'd']] }]);
  });

  it('closes a fenced code block the description leaves open, so it cannot swallow the page', () => {
    for (const fence of ['```', '~~~~', '```js']) {
      const page = `${markdownDescription(`Intro\n\n${fence}\ncode <b>x</b>\n`)}\n\n## Next section\n`;
      const tokens = marked.lexer(page, { gfm: true });
      expect(tokens.map((t) => t.type).filter((t) => t !== 'space'), fence).toEqual(['paragraph', 'code', 'heading']);
    }
    const balanced = 'a\n\n```\nx\n```\n\n~~~\ny\n~~~';
    expect(markdownDescription(balanced)).toBe(balanced);
    expect(markdownDescription('``` not`a fence\n')).toBe('``` not`a fence');
  });

  it('leaves a "<" that cannot open HTML alone, so code and comparisons read normally', () => {
    expect(markdownDescription('`a < b` and x <= 3 and 1<2')).toBe('`a < b` and x <= 3 and 1<2');
  });

  for (const html of ['<script>x</script>', '</div>', '<!-- c -->', '<?php ?>', '<!DOCTYPE html>', '<![CDATA[x]]>', '<a href="javascript:x">y</a>', '<http://example.org>']) {
    it(`neutralises ${html}`, () => {
      const facts = inspectMarkdown(markdownDescription(`text\n\n${html}\n\nmore ${html} inline`));
      expect(facts.html).toEqual([]);
      expect(facts.rendered).not.toMatch(FORBIDDEN_HTML);
    });
  }
});

describe('markdownLink', () => {
  it('links only web URLs and relative page paths; a script URL is shown as text', () => {
    expect(markdownLink('x', 'javascript:alert(1)')).toBe('x');
    expect(markdownLink('x', 'data:text/html,hi')).toBe('x');
    expect(markdownLink('x', '../../papers/2020/p.md')).toBe('[x](<../../papers/2020/p.md>)');
  });

  it('keeps a URL with |, <, > and spaces inside its link and its table cell', () => {
    const md = `| a | b |\n| --- | --- |\n| ${markdownLink('A|B', 'https://example.org/a|b<c>(d)')} | x |\n`;
    const facts = inspectMarkdown(md);
    expect(facts.tables[0].rows).toEqual([['A|B', 'x']]);
    expect(facts.rendered).toContain('href="https://example.org/a%7Cb%3Cc%3E(d)"');
  });
});

describe('xmlText', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(xmlText(`<script>&"'\u0001`)).toBe('&lt;script&gt;&amp;&quot;&#39;');
  });
});


describe('plain, code, fenced and clip (comments and release notes)', () => {
  it('makes text inert: entities, escaped punctuation, no mention or reference, one line', () => {
    expect(plain('a|b')).toBe('a\\|b');
    expect(plain('<b>@octo #12</b>\nnext')).toBe('&lt;b&gt;@\u200bocto \\#12&lt;/b&gt; next');
    expect(plain('\u202eevil')).toBe('evil');
  });

  it('keeps ids verbatim in a code span that no backtick run or pipe can break', () => {
    expect(code('a`b|c')).toBe('``a`b\\|c``');
    expect(code('`x')).toBe('`` `x ``');
    expect(code('')).toBe('` `');
  });

  it('fences content with a fence longer than any backtick run inside', () => {
    expect(fenced('text', 'a ``` b')).toBe('````text\na ``` b\n````');
  });

  it('clips to a number of characters, marking the cut', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
  });
});
