// Hand-written cases of canonical formatting: order, quoting traps, comments, line ends, refusals.
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../model/check-schema.ts';
import type { FileKind } from '../model/schemas.ts';
import { MAX_FILE_BYTES, parseSource } from '../model/source.ts';
import { LINE_WIDTH } from './canonical-form.ts';
import { fixedText, formatSource, isFormatProblem } from './format-source.ts';
import { commentsOf } from './lossless.ts';
import { stringifyData } from './stringify-data.ts';

function format(kind: FileKind, text: string): string {
  const result = formatSource(kind, text);
  if (isFormatProblem(result)) throw new Error(JSON.stringify(result.problems));
  // Every case also checks the two promises: same data, and a second run changes nothing.
  expect(formatSource(kind, result.text)).toEqual({ text: result.text, changed: false });
  return result.text;
}

function problems(kind: FileKind, text: string) {
  const result = formatSource(kind, text);
  if (!isFormatProblem(result)) throw new Error(`expected problems, got:\n${result.text}`);
  return result.problems;
}

describe('key order', () => {
  it('puts the keys of every object in schema order, unknown keys after the known ones in file order', () => {
    const source = [
      'code:',
      '  - framework: PyTorch',
      '    official: true',
      '    url: https://github.com/x/y',
      'zeta: kept',
      'date: 2019-05-02',
      'alpha: kept too',
      'title: A paper',
      '',
    ].join('\n');
    expect(format('paper', source)).toBe(
      [
        'title: A paper',
        'date: 2019-05-02',
        'code:',
        '  - url: https://github.com/x/y',
        '    official: true',
        '    framework: PyTorch',
        'zeta: kept',
        'alpha: kept too',
        '',
      ].join('\n'),
    );
  });

  it('orders benchmarks and metrics of a dataset, and result rows, keeping the order of rows and metric names', () => {
    const dataset = 'benchmarks:\n- metrics:\n  - {unit: "%", direction: higher, name: Top 1 Accuracy}\n  task: image-classification\nname: ImageNet\n';
    expect(format('dataset', dataset)).toBe(
      'name: ImageNet\nbenchmarks:\n  - task: image-classification\n    metrics:\n      - name: Top 1 Accuracy\n        direction: higher\n        unit: "%"\n',
    );
    const result = 'results:\n- source: Table 3\n  metrics: {Top 5: 96.0, Top 1: 81.2}\n  model: B\n- model: A\n  metrics: {Top 1: 80}\n';
    expect(format('result', result)).toBe(
      'results:\n  - model: B\n    metrics:\n      Top 5: 96.0\n      Top 1: 81.2\n    source: Table 3\n  - model: A\n    metrics:\n      Top 1: 80\n',
    );
  });

  it('keeps unknown keys, including __proto__ and constructor, as data', () => {
    const out = format('task', 'constructor: c\n__proto__: {polluted: true}\nname: T\narea: cv\n');
    expect(out).toBe('name: T\narea: cv\nconstructor: c\n__proto__:\n  polluted: true\n');
    const data = parseSource(out).data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['name', 'area', 'constructor', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('id lists', () => {
  it('sorts the tasks, methods and datasets of a paper, with their comments', () => {
    const out = format('paper', 'title: T\ndate: 2019-05-02\ntasks: [video-classification, image-classification]\nmethods:\n  - resnext # the wide one\n  - resnet\n');
    expect(out).toBe('title: T\ndate: 2019-05-02\ntasks:\n  - image-classification\n  - video-classification\nmethods:\n  - resnet\n  - resnext # the wide one\n');
  });

  it('keeps the order of text lists: authors, synonyms, modalities, collections', () => {
    expect(format('task', 'name: T\narea: cv\nsynonyms: [Zeta, Alpha]\n')).toBe('name: T\narea: cv\nsynonyms:\n  - Zeta\n  - Alpha\n');
    expect(format('paper', 'title: T\ndate: 2019-05-02\nauthors: [B, A]\n')).toContain('authors:\n  - B\n  - A\n');
  });
});

describe('quoting', () => {
  it('keeps text that YAML would read as another type a string, in double quotes', () => {
    const source = [
      "name: 'yes'",
      "full_name: '2019'",
      'license: "null"',
      "description: '1.0'",
      'homepage: https://example.org/a#b',
      "modalities: ['true', '~', '0x1F', '1e3', '.inf', 'No', 'on', '0b101', '', ' lead', 'a: b', '#x', 'plain text', \"it's\"]",
      "languages: ['2019-05-02', '12:30', '1_000']",
      '',
    ].join('\n');
    const out = format('dataset', source);
    expect(out).toBe(
      [
        'name: "yes"',
        'full_name: "2019"',
        'description: "1.0"',
        'homepage: https://example.org/a#b',
        'license: "null"',
        'modalities:',
        '  - "true"',
        '  - "~"',
        '  - "0x1F"',
        '  - "1e3"',
        '  - ".inf"',
        '  - "No"',
        '  - "on"',
        '  - "0b101"',
        '  - ""',
        '  - " lead"',
        '  - "a: b"',
        '  - "#x"',
        '  - plain text',
        "  - it's",
        'languages:',
        '  - 2019-05-02',
        '  - 12:30',
        '  - 1_000',
        '',
      ].join('\n'),
    );
    expect(parseSource(out).data).toEqual(parseSource(source).data);
  });

  it('writes numbers plainly, keeping the trailing zeros of decimals as the paper prints them', () => {
    const out = format('result', 'results:\n- model: M\n  metrics: {a: 81.0, b: 0x10, c: +12, d: 1e3, e: .5, f: 96.20, g: 0o17, h: 1.5e-7}\n');
    expect(out).toContain('a: 81.0\n      b: 16\n      c: 12\n      d: 1000\n      e: 0.5\n      f: 96.20\n      g: 15\n      h: 1.5e-7\n');
  });

  it('reads a value the way the validator does: 0b101 is the number 5 for js-yaml, so it is written 5', () => {
    const out = format('result', 'results:\n- model: M\n  metrics: {a: 0b101}\n');
    expect(out).toContain('a: 5\n');
  });

  it('writes booleans and nulls in one spelling', () => {
    expect(format('paper', 'title: T\ndate: 2019-05-02\ncode:\n- url: https://a.b\n  official: True\nextra: ~\n')).toBe(
      'title: T\ndate: 2019-05-02\ncode:\n  - url: https://a.b\n    official: true\nextra: null\n',
    );
  });

  it('writes multi-line text as a literal block and long text as a folded block within the line width', () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const out = format('task', `name: T\narea: cv\ndescription: "First line.\\n\\n- a list item\\n"\nsynonyms: ["${long}"]\n`);
    expect(out).toContain('description: |\n  First line.\n\n  - a list item\n');
    expect(out).toContain('synonyms:\n  - >-\n    word0 word1');
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(LINE_WIDTH);
    expect((parseSource(out).data as { synonyms: string[] }).synonyms[0]).toBe(long);
  });

  it('writes a number where the schema wants text as the text of the source, quoted: arXiv ids keep their trailing 0', () => {
    const out = format('paper', 'title: T\ndate: 2019-05-02\narxiv: 1905.11940\nvenue: 2019\nauthors:\n  - 1e3\n');
    expect(out).toBe('title: T\nauthors:\n  - "1e3"\ndate: 2019-05-02\narxiv: "1905.11940"\nvenue: "2019"\n');
    expect(checkSchema('paper', parseSource(out).data)).toEqual([]);
    const row = format('result', 'results:\n  - model: 3000\n    metrics:\n      Top 1 Accuracy: 77.0\n    notes: true\n');
    expect(row).toBe('results:\n  - model: "3000"\n    metrics:\n      Top 1 Accuracy: 77.0\n    notes: "true"\n');
    expect(format('task', 'name: .nan\narea: computer-vision\nsynonyms: [.inf, -0, 0x1F]\n')).toBe('name: ".nan"\narea: computer-vision\nsynonyms:\n  - ".inf"\n  - "-0"\n  - "0x1F"\n');
    // A number where the schema wants a number stays a number; a key YAML reads as a number is left alone.
    expect(format('result', 'results:\n  - model: M\n    metrics:\n      2019: 81.0\n')).toBe('results:\n  - model: M\n    metrics:\n      2019: 81.0\n');
  });

  it('leaves a long text without spaces (a URL) on its line', () => {
    const url = `https://example.org/${'a'.repeat(120)}`;
    expect(format('dataset', `name: D\nhomepage: ${url}\n`)).toBe(`name: D\nhomepage: ${url}\n`);
  });
});

describe('comments', () => {
  const source = [
    '# Results of a paper on ImageNet.',
    '',
    '# checked against Table 3',
    'results:',
    '  # the best row',
    '  - metrics:',
    '      Top 1 Accuracy: 81.2 # not 81.0',
    '    model: ResNeXt # the model',
    '    source: Table 3',
    '    # trailing note in the row',
    '  - {model: B, metrics: {Top 1 Accuracy: 80}} # flow row',
    '# end of file',
    '',
  ].join('\n');

  it('keeps every comment, at the key or value it belongs to', () => {
    const out = format('result', source);
    expect(commentsOf(out)).toEqual(commentsOf(source));
    expect(out).toBe(
      [
        '# Results of a paper on ImageNet.',
        '',
        '# checked against Table 3',
        'results:',
        '  # the best row',
        '  - model: ResNeXt # the model',
        '    metrics:',
        '      Top 1 Accuracy: 81.2 # not 81.0',
        '    source: Table 3',
        '    # trailing note in the row',
        '  - model: B',
        '    metrics:',
        '      Top 1 Accuracy: 80',
        '    # flow row',
        '',
        '    # end of file',
        '',
      ].join('\n'),
    );
  });

  it('keeps a file header on top when the first key moves down, and moves the comment of that key with it', () => {
    const out = format('task', '# header of the file\n\n# the area comes from areas.yaml\narea: cv\nname: T\n');
    expect(out).toBe('# header of the file\n\nname: T\n# the area comes from areas.yaml\narea: cv\n');
  });

  it('keeps comments that sit between a key and its value, and inside flow collections', () => {
    const source2 = 'name: # the name\n  T\narea: cv\nsynonyms: [a, # first\n  b]\n';
    const out = format('task', source2);
    expect(commentsOf(out)).toEqual(commentsOf(source2));
  });

  it('treats " #" inside a plain value as the start of a comment, as YAML does, and keeps it', () => {
    const out = format('result', 'results:\n- model: M\n  metrics: {a: 1}\n  source: model table (Top-1 Acc., #Parameters)\n');
    expect(out).toContain('source: model table (Top-1 Acc., #Parameters)');
    expect((parseSource(out).data as { results: { source: string }[] }).results[0].source).toBe('model table (Top-1 Acc.,');
  });
});

describe('line ends and layout', () => {
  it('turns CRLF into LF, drops a BOM, blank lines and extra final newlines', () => {
    const result = formatSource('task', '\uFEFFname: T\r\n\r\narea: cv\r\n\r\n\r\n');
    expect(result).toEqual({ text: 'name: T\narea: cv\n', changed: true });
  });

  it('adds the final newline, drops document markers and directives', () => {
    expect(format('task', '%YAML 1.2\n---\nname: T\narea: cv\n...')).toBe('name: T\narea: cv\n');
    expect(format('task', 'name: T\narea: cv')).toBe('name: T\narea: cv\n');
  });

  it('says "unchanged" for a canonical file, and fixedText gives nothing for it', () => {
    expect(formatSource('task', 'name: T\narea: cv\n')).toEqual({ text: 'name: T\narea: cv\n', changed: false });
    expect(fixedText('task', 'name: T\narea: cv\n')).toBeUndefined();
    expect(fixedText('task', 'area: cv\nname: T\n')).toBe('name: T\narea: cv\n');
  });

  it('indents with two spaces and never writes tabs as indentation', () => {
    const out = format('dataset', 'name: D\nbenchmarks:\n    -   task: t\n        metrics:\n        -   name: m\n            direction: lower\n');
    expect(out).toBe('name: D\nbenchmarks:\n  - task: t\n    metrics:\n      - name: m\n        direction: lower\n');
  });

  it('keeps .nan and .inf values (the validator reports them) in one spelling', () => {
    const out = format('result', 'results:\n- model: M\n  metrics: {a: .NaN, b: .Inf, c: -.inf}\n');
    expect(out).toContain('a: .nan\n      b: .inf\n      c: -.inf\n');
  });

  it('writes -0 as 0 (JSON has no negative zero)', () => {
    expect(format('result', 'results:\n- model: M\n  metrics: {a: -0}\n')).toContain('a: 0\n');
  });
});

describe('files it does not touch', () => {
  it('reports YAML syntax errors at the offending token', () => {
    const [p] = problems('task', 'name: T\narea: [cv\n');
    expect(p).toMatchObject({ rule: 'yaml-syntax', line: 2, column: 7 }); // the "[" never closed
  });

  it('explains a mistake only the full parser refuses at its token, as validate would', () => {
    // js-yaml reads "Table 2" and drops the rest; `yaml` refuses a comment glued to a value, so fix will not rewrite it.
    const [p] = problems('paper', 'title: T\ndate: 2019-05-28\nnotes: "Table 2"# of the paper\n');
    expect(p).toMatchObject({ rule: 'yaml-syntax', line: 3, column: 17 });
    expect(p.tip).toContain('Put a space before "#"');
  });

  it('reports duplicate keys at the second key', () => {
    expect(problems('task', 'name: T\narea: cv\nname: U\n')[0]).toMatchObject({ rule: 'duplicate-key', line: 3, column: 1 });
  });

  it('reports aliases, also to a scalar, and alias bombs', () => {
    expect(problems('task', 'name: &n T\narea: cv\ndescription: *n\n')[0]).toMatchObject({ rule: 'yaml-syntax', line: 3, column: 14 });
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    const started = Date.now();
    expect(problems('task', bomb)[0].rule).toBe('yaml-syntax');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports files over the size limit without parsing them', () => {
    const big = `name: T\narea: cv\ndescription: ${'x'.repeat(MAX_FILE_BYTES)}\n`;
    expect(problems('task', big)[0]).toMatchObject({ rule: 'file-too-large', line: 1, column: 1 });
  });

  it('reports empty files and files holding only comments', () => {
    expect(problems('task', '')[0].rule).toBe('empty-file');
    expect(problems('task', '# nothing yet\n')[0].rule).toBe('empty-file');
  });

  it('reports several documents in one file', () => {
    expect(problems('task', 'name: T\n---\nname: U\n')[0].rule).toBe('yaml-syntax');
  });

  it('reports tabs used as indentation', () => {
    expect(problems('task', 'name: T\nbenchmarks:\n\t- a\n')[0]).toMatchObject({ line: 3 });
  });

  it('reports unknown tags (js-yaml core schema)', () => {
    expect(problems('task', 'name: !custom T\narea: cv\n')[0].rule).toBe('yaml-syntax');
  });
});

describe('stringifyData', () => {
  const paper = {
    date: '2019-05-02',
    title: 'Billion-scale semi-supervised learning for image classification',
    arxiv: '1905.00546',
    tasks: ['video-classification', 'image-classification'],
    authors: ['I. Zeki Yalniz', 'Hervé Jégou'],
    code: [{ framework: 'PyTorch', official: true, url: 'https://github.com/facebookresearch/semi-supervised-ImageNet1K-models' }],
    venue: undefined,
  };

  it('writes new files in canonical form, which formatSource leaves unchanged', () => {
    const text = stringifyData('paper', paper);
    expect(text).toBe(
      [
        'title: Billion-scale semi-supervised learning for image classification',
        'authors:',
        '  - I. Zeki Yalniz',
        '  - Hervé Jégou',
        'date: 2019-05-02',
        'arxiv: "1905.00546"',
        'tasks:',
        '  - image-classification',
        '  - video-classification',
        'code:',
        '  - url: https://github.com/facebookresearch/semi-supervised-ImageNet1K-models',
        '    official: true',
        '    framework: PyTorch',
        '',
      ].join('\n'),
    );
    expect(formatSource('paper', text)).toEqual({ text, changed: false });
  });

  it('gives the same text as formatting the same data written any other way', () => {
    const messy = "code: [{framework: PyTorch, official: yes, url: 'https://github.com/facebookresearch/semi-supervised-ImageNet1K-models'}]\n";
    const source = `authors: [I. Zeki Yalniz, Hervé Jégou]\ndate: 2019-05-02\ntasks: [video-classification, image-classification]\narxiv: '1905.00546'\ntitle: Billion-scale semi-supervised learning for image classification\n${messy.replace('yes', 'true')}`;
    expect(format('paper', source)).toBe(stringifyData('paper', paper));
  });

  it('refuses data that YAML cannot hold faithfully', () => {
    expect(() => stringifyData('task', { name: 'T', area: 'cv', when: new Date(0) })).toThrow(/not plain data/);
    expect(() => stringifyData('task', { name: 'T', area: 'cv', n: 10n })).toThrow(/bigint/);
    const cyclic: Record<string, unknown> = { name: 'T' };
    cyclic.self = cyclic;
    expect(() => stringifyData('task', cyclic)).toThrow(/cycle/);
  });
});
