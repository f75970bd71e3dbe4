// Mistakes contributors make in YAML, each reported at the offending token (as an editor would underline it) with a tip that fits.
import { describe, expect, it } from 'vitest';
import { parseSource } from './source.ts';

interface Case {
  /** What the contributor did. */
  mistake: string;
  text: string;
  /** "line:column rule" of the one finding. */
  at: string;
  /** The character at that position (the offending token starts there). */
  token: string;
  /** A phrase of the tip (and of the message, when given) that fits this mistake. */
  tip: string;
  message?: string;
  /** Further findings of the same file, "line:column rule". */
  also?: string[];
}

const metrics = 'results:\n  - model: EfficientNet-B0\n    metrics:\n      Top 1 Accuracy: 77.1\n';

const cases: Case[] = [
  {
    mistake: 'a second ": " in a plain value',
    text: 'results:\n  - model: EfficientNet-B0\n    notes: Single-crop: 224x224\n',
    at: '3:23 yaml-syntax',
    token: ':',
    tip: 'Quote the whole value: notes: "Single-crop: 224x224"',
    message: 'a second ": " in the value of "notes"',
  },
  { mistake: 'a title with a colon', text: 'title: Attention: all you need\ndate: 2017-06-12\n', at: '1:17 yaml-syntax', token: ':', tip: 'title: "Attention: all you need"' },
  { mistake: 'a second ": " in a list item', text: 'authors:\n  - Tan, M: Google: Brain\n', at: '2:19 yaml-syntax', token: ':', tip: 'Quote the whole value: Tan, M: "Google: Brain"' },
  {
    mistake: 'a metric key indented one space too far',
    text: `${metrics}       Top 5 Accuracy: 93.3\n`,
    at: '5:8 yaml-syntax',
    token: 'T',
    tip: 'If "Top 5 Accuracy" is a key, indent it like "Top 1 Accuracy" (6 spaces)',
  },
  {
    mistake: 'a metric key indented one space too little',
    text: `${metrics}     Top 5 Accuracy: 93.3\n`,
    at: '5:6 yaml-syntax',
    token: 'T',
    tip: 'Indent "Top 5 Accuracy" like "Top 1 Accuracy" on line 4 (6 spaces)',
  },
  { mistake: 'a key between two levels', text: `${metrics}   Top 5 Accuracy: 93.3\n`, at: '5:4 yaml-syntax', token: 'T', tip: 'like "metrics" on line 3 (4 spaces)' },
  { mistake: 'a tab as indentation', text: 'results:\n  - model: M\n    metrics:\n\tTop 1 Accuracy: 77.1\n', at: '4:1 tabs', token: '\t', tip: 'Indent with spaces' },
  { mistake: 'a tab after spaces', text: 'results:\n  - model: M\n    metrics:\n    \tTop 1 Accuracy: 77.1\n', at: '4:5 tabs', token: '\t', tip: 'Indent with spaces' },
  { mistake: 'a list item one space too far', text: `${metrics}   - model: EfficientNet-B1\n`, at: '5:4 yaml-syntax', token: '-', tip: 'Start "- model: EfficientNet-B1" under the "-" on line 2 (2 spaces)' },
  { mistake: 'a list item at the level of the keys of the item above', text: `${metrics}    - model: EfficientNet-B1\n`, at: '5:5 yaml-syntax', token: '-', tip: 'under the "-" on line 2 (2 spaces)' },
  { mistake: 'a list item one space too little', text: `${metrics} - model: EfficientNet-B1\n`, at: '5:2 yaml-syntax', token: '-', tip: 'under the "-" on line 2 (2 spaces)' },
  { mistake: 'no space after the colon', text: 'title: EfficientNet\ndate:2019-05-28\n', at: '2:5 yaml-syntax', token: ':', tip: 'Write a space after the colon: date: 2019-05-28' },
  { mistake: 'no colon at all', text: 'title EfficientNet\ndate: 2019-05-28\n', at: '1:1 yaml-syntax', token: 't', tip: 'with a colon and a space after the key' },
  { mistake: 'an unclosed double quote', text: 'title: EfficientNet\nsource: "Table 2\ndate: 2019-05-28\n', at: '2:9 yaml-syntax', token: '"', tip: 'Close it with " where the text ends: source: "Table 2"', message: 'never closed' },
  { mistake: 'an unclosed single quote', text: "title: 'EfficientNet\ndate: 2019-05-28\n", at: '1:8 yaml-syntax', token: "'", tip: "title: 'EfficientNet'" },
  { mistake: 'an unclosed bracket', text: 'title: T\ntasks: [image-classification, object-detection\ndate: 2019-05-28\n', at: '2:8 yaml-syntax', token: '[', tip: 'End it with "]": tasks: [image-classification, object-detection]' },
  { mistake: 'an unclosed brace at the end of the file', text: 'title: T\ncode: {url: https://github.com/x/y\n', at: '2:7 yaml-syntax', token: '{', tip: 'End it with "}"' },
  { mistake: 'a bracket too many', text: 'tasks: [a, b]]\n', at: '1:14 yaml-syntax', token: ']', tip: 'Delete the "]"' },
  { mistake: 'a duplicate key', text: 'title: T\ndate: 2019-05-28\ntitle: U\n', at: '3:1 duplicate-key', token: 't', tip: 'Keep one of the two keys', message: 'the key "title" appears twice in this mapping (first on line 1)' },
  { mistake: 'a duplicate key in a list item', text: 'results:\n  - model: A\n    model: B\n', at: '3:5 duplicate-key', token: 'm', tip: 'Keep one', message: '"model" appears twice in this mapping (first on line 2)' },
  { mistake: 'a BibTeX entry pasted unquoted', text: 'title: T\nbibtex: @inproceedings{tan2019,}\n', at: '2:9 yaml-syntax', token: '@', tip: 'Quote the value: bibtex: "@inproceedings{tan2019,}"' },
  { mistake: 'a BibTeX entry pasted with its tabs', text: 'title: T\nbibtex: @inproceedings{tan2019,\n\ttitle = {EfficientNet}}\n', at: '2:9 yaml-syntax', token: '@', tip: 'Quote the value', also: ['3:1 tabs'] },
  { mistake: 'a value in backticks', text: 'notes: `timm` weights\n', at: '1:8 yaml-syntax', token: '`', tip: 'Quote the value: notes: "`timm` weights"' },
  { mistake: 'a value starting with %', text: 'notes: 5% fewer FLOPs\nsource: "%5 of"\nx: %5\n', at: '3:4 yaml-syntax', token: '%', tip: 'Quote the value: x: "%5"' },
  { mistake: 'a value starting with *', text: 'notes: *best* result\n', at: '1:8 yaml-syntax', token: '*', tip: 'Quote the value: notes: "*best* result"', message: 'alias' },
  { mistake: 'a value starting with !', text: 'notes: !important\n', at: '1:8 yaml-syntax', token: '!', tip: 'Quote the value: notes: "!important"', message: 'tag' },
  { mistake: 'a value starting with | and text on the same line', text: 'notes: | single crop\n', at: '1:8 yaml-syntax', token: '|', tip: 'Quote the value: notes: "| single crop"' },
  { mistake: 'a value starting with {', text: 'title: {Efficient}Net rethinking\n', at: '1:8 yaml-syntax', token: '{', tip: 'Quote the whole value: title: "{Efficient}Net rethinking"', message: 'read as a mapping' },
  { mistake: 'a value starting with [', text: 'notes: [extra data] JFT-300M\n', at: '1:8 yaml-syntax', token: '[', tip: 'Quote the whole value: notes: "[extra data] JFT-300M"', message: 'read as a list' },
  { mistake: 'a quote inside double quotes', text: 'title: "The "best" model"\n', at: '1:13 yaml-syntax', token: '"', tip: `single quotes: title: 'The "best" model'` },
  { mistake: 'an apostrophe inside single quotes', text: "title: 'It's fine'\n", at: '1:11 yaml-syntax', token: "'", tip: 'title: "It\'s fine"' },
  { mistake: 'a backslash inside double quotes', text: 'notes: "trained with \\lambda = 0.1"\n', at: '1:22 yaml-syntax', token: '\\', tip: "single quotes" },
  { mistake: 'a backslash after an escaped quote', text: 'notes: "the \\"C:\\data\\" folder"\n', at: '1:17 yaml-syntax', token: '\\', tip: 'Write each backslash as \\\\ inside double quotes.' },
  { mistake: 'a key inside a list', text: 'authors:\n  - Mingxing Tan\n  affiliation: Google\n', at: '3:3 yaml-syntax', token: 'a', tip: 'Write "- affiliation: Google" to make it a list item' },
  { mistake: 'a list where keys continue', text: 'title: T\n- image-classification\n', at: '2:1 yaml-syntax', token: '-', tip: 'A list is the value of a key' },
  { mistake: 'a list item on the line of its key', text: 'tasks: - image-classification\n', at: '1:8 yaml-syntax', token: '-', tip: 'tasks: [image-classification]' },
  { mistake: 'a second document marker', text: 'title: T\n---\ndate: 2019-05-28\n', at: '2:1 yaml-syntax', token: '-', tip: 'Delete the "---" line' },
  { mistake: 'a document end marker', text: 'title: T\n...\ndate: 2019-05-28\n', at: '2:1 yaml-syntax', token: '.', tip: 'Delete the "..." line' },
  {
    mistake: 'a multi-line value whose second line is not indented',
    text: 'title: T\nabstract: We scale networks\nby depth, width and resolution.\ndate: 2019-05-28\n',
    at: '3:1 yaml-syntax',
    token: 'b',
    tip: 'If it continues the text of "abstract", indent it by 2 spaces',
  },
  {
    mistake: 'a commented-out key whose values stay',
    text: `${metrics}  - model: EfficientNet-B1\n#    metrics:\n      Top 1 Accuracy: 79.1\n`,
    at: '7:7 yaml-syntax',
    token: 'T',
    tip: 'Indent "Top 1 Accuracy" like "model" (4 spaces), or write the key it belongs to above it, ending with ":".',
  },
  { mistake: 'a value starting with >', text: 'notes: >90% of the images\n', at: '1:8 yaml-syntax', token: '>', tip: 'Quote the value: notes: ">90% of the images"' },
  { mistake: 'text after a block header', text: 'abstract: >-.\n  We scale networks.\n', at: '1:13 yaml-syntax', token: '.', tip: 'Delete what follows ">-"' },
  { mistake: 'a stray character after a quoted value', text: 'arxiv: "1905.11946"?\n', at: '1:19 yaml-syntax', token: '"', tip: "put the whole value in single quotes" },
  { mistake: 'a block of text not indented', text: 'abstract: |\nWe scale networks.\n', at: '2:1 yaml-syntax', token: 'W', tip: 'indent it by 2 spaces' },
];

describe('YAML syntax errors: at the offending token, with a tip that fits', () => {
  it.each(cases)('$mistake', ({ text, at, token, tip, message, also = [] }) => {
    const { data, problems } = parseSource(text);
    expect(data).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual([at, ...also]);
    const [p] = problems;
    expect(text.split('\n')[p.line - 1][p.column - 1]).toBe(token);
    expect(p.tip).toContain(tip);
    if (message) expect(p.message).toContain(message);
  });

  it('gives no mistake above the generic tip', () => {
    for (const { text } of cases) expect(parseSource(text).problems[0].tip, text).not.toMatch(/^Fix the YAML syntax/);
  });

  it('reports at most 20 problems for a file broken on every line, at once', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `key${i}: "quoted"tail\n`).join('');
    const started = performance.now();
    const { problems } = parseSource(text);
    expect(problems).toHaveLength(20);
    expect(problems[0]).toMatchObject({ line: 1, column: 14 }); // the quote that ends the text early
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('explains at once a mistake after 60,000 keys, or on a line of 200,000 spaces', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `k${i}: v`).join('\n');
    let started = performance.now();
    expect(parseSource(`${keys}\n x: y: z\n`).problems).toMatchObject([{ line: 60_001 }]);
    expect(performance.now() - started).toBeLessThan(5000);
    started = performance.now();
    expect(parseSource(`a${' '.repeat(200_000)}x\nb: 1\n c: 2\n`).problems[0]).toMatchObject({ line: 1, column: 1 });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('keeps message and tip short when the offending line is long, keeping both ends of the quoted value', () => {
    const abstract = `We scale networks${' and more'.repeat(300)}: a study.`;
    const [p] = parseSource(`title: T\nabstract: ${abstract}\n`).problems;
    expect(p).toMatchObject({ line: 2, column: 10 + abstract.indexOf(': ') + 1 });
    expect(p.tip.length).toBeLessThanOrEqual(300);
    expect(p.tip).toMatch(/^Quote the whole value: abstract: "We scale networks and more.*….*: a study\."$/);
  });

  it('leaves text after " #" as a comment, which is valid YAML, and a colon without a space as text', () => {
    expect(parseSource('title: EfficientNet #1 model\nsource: Table 2\n').data).toEqual({ title: 'EfficientNet', source: 'Table 2' });
    expect(parseSource('title: EfficientNet#1\nurl: https://arxiv.org/abs/1905.11946\n').problems).toEqual([]);
  });
});
