// Seeded generators of valid data for every file kind, and of non-canonical YAML texts holding it (tests only).
import jsYaml from 'js-yaml';
import { Document, isCollection, isMap, isScalar, isSeq, Scalar, visit, type Node } from 'yaml';
import type { FileKind } from '../../model/schemas.ts';

/** A small seeded PRNG (mulberry32): the same seed gives the same documents on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** Text that YAML would read as another type, or that needs quotes or escapes when written. */
export const TRAP_TEXTS = [
  'yes', 'no', 'on', 'off', 'Yes', 'NO', 'y', 'n', 'true', 'False', 'null', 'Null', '~', '1.0', '2019', '0x1F', '0o17',
  '0b101', '1e3', '.5', '+12', '-0', '.inf', '-.Inf', '.nan', '1_000', '12:30', '2019-05-02', '  leading space',
  'trailing space ', 'a: b', '#hash', 'a #b', '- dash', '? question', '[bracket]', '{brace}', '*star', '&amp', '!bang',
  '%percent', '@at', '`tick', '"double"', "'single'", '|pipe', '>greater', 'tab\there', 'back\\slash', 'accents é ü ñ',
  '中文 文本', 'emoji 😀', '---', '...', 'line1\nline2', 'trailing newline\n', '\nleading newline', '  indented\nblock',
  'cr\r\nin value', 'bell \u0007', 'nbsp\u00a0here', 'line sep\u2028here', 'colon at end:', 'ends with #',
  '%', 'x: y: z', "it's", 'a, b, c', '=', '<<', '@', '__proto__', 'constructor', 'ImageNet-1k (val)',
];

const WORDS = [
  'learning', 'image', 'classification', 'the', 'of', 'a', 'model', 'with', 'semi-supervised', 'billion-scale',
  'ResNet', 'accuracy', 'top-1', '81.2%', 'data:', 'set', '(val)', 'e.g.', '#1', 'transformer', 'and', 'for', 'on',
  'weakly', 'pre-trained', 'Instagram', 'über', 'naïve', '—', 'x', '42', 'yes', 'null', 'table', '3',
];

export function slug(r: Random): string {
  const parts = 1 + r.int(4);
  return Array.from({ length: parts }, () => r.pick(['image', 'net', 'resnet', 'a', 'x1', '2019', 'cv', 'video', 'classification', 'top', 'z'])).join('-');
}

function uniqueSlugs(r: Random, max: number): string[] {
  return [...new Set(Array.from({ length: 1 + r.int(max) }, () => slug(r)))];
}

function words(r: Random, n: number): string {
  return Array.from({ length: n }, () => r.pick(WORDS)).join(' ');
}

/** Non-empty text: a trap, a short phrase, a long paragraph or a multi-line Markdown text. */
export function text(r: Random): string {
  switch (r.int(5)) {
    case 0:
      return r.pick(TRAP_TEXTS);
    case 1:
      return words(r, 1 + r.int(4));
    case 2:
      return words(r, 15 + r.int(40));
    case 3:
      return [words(r, 5 + r.int(20)), '', `- ${words(r, 3)}`, `- ${words(r, 3)}`, '', `    code ${r.int(9)}`, words(r, 30)].join('\n') + (r.chance(0.5) ? '\n' : '');
    default:
      return `${r.pick(['ResNet', 'ViT', 'BERT'])}-${r.int(200)} ${r.pick(['', '(ours)', '32x4d', 'yes'])}`.trim();
  }
}

function number(r: Random): number {
  switch (r.int(6)) {
    case 0:
      return r.int(1000);
    case 1:
      return Math.round(r.next() * 10000) / 100;
    case 2:
      return -Math.round(r.next() * 1000) / 10 || 0; // -0 is written 0, as JSON does
    case 3:
      return r.next() / 1e6;
    case 4:
      return Math.round(r.next() * 1e12);
    default:
      return r.next();
  }
}

function date(r: Random): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${1990 + r.int(40)}-${pad(1 + r.int(12))}-${pad(1 + r.int(28))}`;
}

function url(r: Random): string {
  return `https://${r.pick(['github.com', 'arxiv.org', 'example.org'])}/${slug(r)}${r.chance(0.2) ? `/${'very-long-path-segment/'.repeat(5)}?q=${r.int(99)}` : ''}`;
}

function maybe<T>(r: Random, out: Record<string, unknown>, key: string, make: () => T, p = 0.5): void {
  if (r.chance(p)) out[key] = make();
}

function list<T>(r: Random, max: number, make: () => T): T[] {
  return Array.from({ length: 1 + r.int(max) }, make);
}

function uniqueTexts(r: Random, max: number): string[] {
  return [...new Set(list(r, max, () => text(r)))];
}

/** A random document of `kind` that conforms to its schema. */
export function randomData(kind: FileKind, r: Random): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  switch (kind) {
    case 'areas':
      o.areas = list(r, 5, () => {
        const a: Record<string, unknown> = { id: slug(r), name: text(r) };
        maybe(r, a, 'description', () => text(r));
        return a;
      });
      break;
    case 'task':
      o.name = text(r);
      o.area = slug(r);
      maybe(r, o, 'parent', () => slug(r));
      maybe(r, o, 'description', () => text(r));
      maybe(r, o, 'synonyms', () => uniqueTexts(r, 4));
      break;
    case 'dataset':
      o.name = text(r);
      maybe(r, o, 'full_name', () => text(r));
      maybe(r, o, 'description', () => text(r));
      maybe(r, o, 'homepage', () => url(r));
      maybe(r, o, 'license', () => text(r));
      maybe(r, o, 'introduced_by', () => slug(r));
      maybe(r, o, 'introduced_date', () => date(r));
      maybe(r, o, 'modalities', () => uniqueTexts(r, 3));
      maybe(r, o, 'languages', () => uniqueTexts(r, 3));
      maybe(r, o, 'variant_of', () => slug(r));
      maybe(r, o, 'benchmarks', () =>
        list(r, 3, () => {
          const metrics = list(r, 3, () => {
            const m: Record<string, unknown> = { name: text(r), direction: r.pick(['higher', 'lower']) };
            maybe(r, m, 'unit', () => r.pick(['%', 'M', 'params', 'yes', 'null']));
            maybe(r, m, 'min', () => number(r));
            maybe(r, m, 'max', () => number(r));
            return m;
          });
          const b: Record<string, unknown> = { task: slug(r), metrics };
          maybe(r, b, 'primary', () => (metrics[0].name as string));
          maybe(r, b, 'description', () => text(r));
          return b;
        }),
      );
      break;
    case 'method':
      o.name = text(r);
      maybe(r, o, 'full_name', () => text(r));
      maybe(r, o, 'description', () => text(r));
      maybe(r, o, 'collections', () => uniqueTexts(r, 3));
      maybe(r, o, 'introduced_by', () => slug(r));
      maybe(r, o, 'introduced_year', () => 1950 + r.int(100));
      break;
    case 'paper':
      o.title = text(r);
      maybe(r, o, 'authors', () => list(r, 5, () => text(r)));
      o.date = date(r);
      maybe(r, o, 'arxiv', () => r.pick(['1905.00546', '2101.00001', 'cs/0112017', 'math.AG/0601001', `${1000 + r.int(8999)}.${10000 + r.int(89999)}`]));
      maybe(r, o, 'url', () => url(r));
      maybe(r, o, 'pdf', () => url(r));
      maybe(r, o, 'venue', () => text(r));
      maybe(r, o, 'abstract', () => text(r));
      maybe(r, o, 'tasks', () => uniqueSlugs(r, 5));
      maybe(r, o, 'methods', () => uniqueSlugs(r, 5));
      maybe(r, o, 'datasets', () => uniqueSlugs(r, 5));
      maybe(r, o, 'code', () =>
        list(r, 3, () => {
          const c: Record<string, unknown> = { url: url(r) };
          maybe(r, c, 'official', () => r.chance(0.5));
          maybe(r, c, 'framework', () => text(r));
          return c;
        }),
      );
      break;
    case 'result':
      o.results = list(r, 4, () => {
        const metrics: Record<string, number> = {};
        for (let i = 0, n = 1 + r.int(4); i < n; i++) metrics[r.chance(0.7) ? r.pick(['Top 1 Accuracy', 'Top 5 Accuracy', 'Number of params', 'F1 (macro)', 'mAP@0.5']) : text(r).replace(/\n/g, ' ')] = number(r);
        const row: Record<string, unknown> = { model: text(r), metrics };
        maybe(r, row, 'extra_training_data', () => r.chance(0.5));
        maybe(r, row, 'code', () => url(r));
        maybe(r, row, 'notes', () => text(r));
        maybe(r, row, 'source', () => r.pick(['Table 3', 'Table 1, row 4', 'Figure 2: accuracy', 'yes', '2019']));
        return row;
      });
      break;
  }
  return o;
}

/** Adds keys the schema does not know (kept by the formatter, after the known ones), at the top and in nested objects. */
export function withUnknownKeys(data: Record<string, unknown>, r: Random): Record<string, unknown> {
  const extra = ['zzz', 'aaa_note', '__proto__', 'constructor', 'x-custom', '1.0'];
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) define(out, k, walk(v));
    if (r.chance(0.5)) define(out, r.pick(extra), r.chance(0.5) ? text(r) : { inner: number(r), list: [text(r)] });
    return out;
  };
  return walk(data) as Record<string, unknown>;
}

function define(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The same data with the keys of every object in a random order. */
function shuffleKeys(value: unknown, r: Random): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, r));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const k of r.shuffle(Object.keys(value))) define(out, k, shuffleKeys((value as Record<string, unknown>)[k], r));
  return out;
}

const COMMENTS = [' a comment', ' TODO: check table 3', 'no space after hash', ' key: value inside', ' - looks like an item', " quotes ' \" in it", ' ünïcode 😀', ' #double hash', ' trailing spaces'];

/**
 * The data written as YAML in a random non-canonical style, with random comments: through js-yaml
 * (no comments) or through `yaml` with random flow/quote/block styles, indents and comments.
 * Returns the text and the comments it holds.
 */
export function randomSource(data: unknown, r: Random): { text: string; comments: string[] } {
  const shuffled = shuffleKeys(data, r);
  let text: string;
  const comments: string[] = [];
  if (r.chance(0.3)) {
    text = jsYaml.dump(shuffled, {
      indent: 2 + r.int(3),
      flowLevel: r.pick([-1, -1, 1, 2, 3]),
      quotingType: r.pick(["'", '"'] as const),
      forceQuotes: r.chance(0.3),
      lineWidth: r.pick([40, 80, 200, -1]),
      noArrayIndent: r.chance(0.5),
      noCompatMode: r.chance(0.5),
    });
  } else {
    const doc = new Document(shuffled, { aliasDuplicateObjects: false });
    const comment = () => {
      const c = r.pick(COMMENTS);
      comments.push(c);
      return c;
    };
    visit(doc, {
      Node(key, node) {
        if (isScalar(node)) {
          if (key !== 'key' && typeof node.value === 'string' && r.chance(0.3)) {
            node.type = r.pick([Scalar.PLAIN, Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED]);
          }
          if (key === 'key' && r.chance(0.2)) node.type = r.pick([Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE]);
        }
        if (isCollection(node) && node !== doc.contents && r.chance(0.15) && !hasBlockScalar(node)) node.flow = true;
        if (r.chance(0.1)) (node as Node).spaceBefore = true;
        if (r.chance(0.15)) (node as Node).commentBefore = comment();
        if (r.chance(0.1) && (isScalar(node) || isMap(node) || isSeq(node))) (node as Node).comment = comment();
      },
    });
    if (r.chance(0.3)) doc.commentBefore = comment();
    if (r.chance(0.3)) doc.comment = comment();
    text = doc.toString({
      indent: 2 + r.int(3),
      indentSeq: r.chance(0.5),
      lineWidth: r.pick([0, 40, 80, 120]),
      minContentWidth: r.pick([0, 20]),
      singleQuote: r.pick([true, false, null]),
      flowCollectionPadding: r.chance(0.5),
      directives: r.chance(0.2) ? true : null,
    });
  }
  if (r.chance(0.2)) text = text.replace(/\n/g, '\r\n');
  if (r.chance(0.1)) text = `\uFEFF${text}`;
  if (r.chance(0.2)) text += '\n\n';
  return { text, comments };
}

/** Block scalars cannot sit inside flow collections; keep those styles apart. */
function hasBlockScalar(node: unknown): boolean {
  if (isScalar(node)) return node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  if (isMap(node)) return node.items.some((p) => hasBlockScalar(p.key) || hasBlockScalar(p.value));
  if (isSeq(node)) return node.items.some(hasBlockScalar);
  return false;
}
