// The canonical form of a data file, derived from the schemas: key order, sorted id lists, scalar style.
import jsYaml from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node, type Pair, type ToStringOptions } from 'yaml';
import { SLUG } from '../model/paths.ts';
import { fileSchemas, type FileKind } from '../model/schemas.ts';
import { sameData } from './lossless.ts';

/** Text longer than this on its line is written as a folded block (`>-`) wrapped at this width. */
export const LINE_WIDTH = 100;

/** How `yaml` writes a canonical file: block style, 2 spaces, double quotes only when needed. */
const CANONICAL_STYLE: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  collectionStyle: 'block',
  directives: false,
  lineWidth: LINE_WIDTH,
  minContentWidth: 20,
  blockQuote: true,
  singleQuote: false,
  doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  nullStr: 'null',
  trueStr: 'true',
  falseStr: 'false',
};

/** A JSON Schema node of the contributor schemas, read structurally. */
type SchemaNode = {
  type?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  uniqueItems?: boolean;
  pattern?: string;
};

export function schemaOf(kind: FileKind): SchemaNode {
  return fileSchemas[kind] as unknown as SchemaNode;
}

function propertySchema(schema: SchemaNode | undefined, key: string): SchemaNode | undefined {
  if (!schema) return undefined;
  if (schema.properties && Object.hasOwn(schema.properties, key)) return schema.properties[key];
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

/**
 * Lists of ids (arrays of unique slugs: a paper's tasks, methods and datasets) are sets, so they
 * are sorted. Lists of text (authors, synonyms, modalities, ...) keep the order their author chose.
 */
export function isIdList(schema: SchemaNode | undefined): boolean {
  return schema?.type === 'array' && schema.uniqueItems === true && schema.items?.pattern === SLUG.source;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rank of a key in its object: schema `properties` order; unknown keys after them, in file order. */
function keyRank(schema: SchemaNode | undefined, key: unknown): number {
  const keys = schema?.properties ? Object.keys(schema.properties) : [];
  const i = typeof key === 'string' ? keys.indexOf(key) : -1;
  return i === -1 ? keys.length : i;
}

/** The data with every id list sorted: what a file holds after formatting. */
export function sortIdLists(kind: FileKind, data: unknown): unknown {
  return sortWithin(data, schemaOf(kind));
}

function sortWithin(data: unknown, schema: SchemaNode | undefined): unknown {
  if (Array.isArray(data)) {
    const items = data.map((item) => sortWithin(item, schema?.items));
    return isIdList(schema) && items.every((x) => typeof x === 'string') ? [...(items as string[])].sort(compareText) : items;
  }
  if (typeof data === 'object' && data !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(data)) {
      // defineProperty: a "__proto__" key is data here, not the prototype.
      Object.defineProperty(out, key, {
        value: sortWithin((data as Record<string, unknown>)[key], propertySchema(schema, key)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return data;
}

/**
 * Text the schema wants but YAML read as a number or boolean (`arxiv: 1905.11940` is 1905.1194)
 * becomes the text as written, `source`, so that the trailing 0 survives and the file validates.
 */
function asText(schema: SchemaNode | undefined, value: unknown, source: string | undefined): unknown {
  return schema?.type === 'string' && (typeof value === 'number' || typeof value === 'boolean') && source !== undefined ? source : value;
}

/** Does `text`, written plain, read as `value`? */
function readsPlainlyAs(text: string, value: unknown): boolean {
  try {
    return sameData(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }), value);
  } catch {
    return false;
  }
}

/**
 * `before` (data as read) with each value that formatting turns into text (see asText) replaced by
 * that text from `after`, when it is the same value written plainly: the data formatting may
 * write, for the guard that checks it changed nothing else.
 */
export function withTextAsWritten(kind: FileKind, before: unknown, after: unknown): unknown {
  return textAsWritten(schemaOf(kind), before, after);
}

function textAsWritten(schema: SchemaNode | undefined, before: unknown, after: unknown): unknown {
  if (typeof after === 'string' && typeof before !== 'string' && asText(schema, before, after) === after) {
    return readsPlainlyAs(after, before) ? after : before;
  }
  if (Array.isArray(before)) return Array.isArray(after) && after.length === before.length ? before.map((x, i) => textAsWritten(schema?.items, x, after[i])) : before;
  if (typeof before === 'object' && before !== null && typeof after === 'object' && after !== null && !Array.isArray(after)) {
    const out: Record<string, unknown> = {};
    const afterObject = after as Record<string, unknown>;
    for (const key of Object.keys(before)) {
      const value = (before as Record<string, unknown>)[key];
      Object.defineProperty(out, key, {
        value: Object.hasOwn(afterObject, key) ? textAsWritten(propertySchema(schema, key), value, afterObject[key]) : value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return before;
}

// YAML 1.1 readers (PyYAML, older tools) take these words for booleans: quote them too.
const YAML_11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
// Only text starting like a number, null or boolean can be read as another type; the rest `yaml` checks itself.
const MAY_READ_AS_OTHER_TYPE = /^[-+.~0-9]|^(true|false|null)$/i;

/** Would this single-line text, written plain, read back as something other than itself? */
export function needsQuotes(text: string): boolean {
  if (text === '' || YAML_11_BOOLEAN.test(text)) return true;
  if (!MAY_READ_AS_OTHER_TYPE.test(text)) return false;
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) !== text;
  } catch {
    return true;
  }
}

/** A comment without blank lines at its ends and with at most one blank line in a row inside. */
function tidyComment(comment: string | null | undefined): string | undefined {
  if (!comment) return undefined;
  const lines = comment.split('\n');
  const kept = lines.filter((line, i) => line.trim() !== '' || (i > 0 && lines[i - 1].trim() !== ''));
  while (kept.length > 0 && kept[0].trim() === '') kept.shift();
  while (kept.length > 0 && kept[kept.length - 1].trim() === '') kept.pop();
  return kept.length > 0 ? kept.join('\n') : undefined;
}

function tidyComments(node: Node): void {
  node.commentBefore = tidyComment(node.commentBefore);
  node.comment = tidyComment(node.comment);
}

/** The decimals of a number written with an exponent, in decimal notation: 1.50e-3 is 0.00150 (5). */
function exponentDecimals(source: unknown): number | undefined {
  const match = typeof source === 'string' ? /^[-+]?[0-9]*(?:\.([0-9]*))?[eE]([-+]?[0-9]+)$/.exec(source) : null;
  return match ? (match[1]?.length ?? 0) - Number(match[2]) : undefined;
}

/**
 * A fresh scalar for a value: source style, tags and number formats (hex, exponent, "+") are
 * dropped; comments and the trailing zeros of a decimal (81.0, as the paper's table prints it) kept,
 * also of a decimal written with an exponent (1.50e-3 is written 0.00150).
 */
function canonicalScalar(old: Scalar | undefined, value: unknown, column?: number): Scalar {
  const scalar = new Scalar(value);
  if (old) {
    scalar.commentBefore = tidyComment(old.commentBefore);
    scalar.comment = tidyComment(old.comment);
    scalar.anchor = old.anchor;
    if (typeof value === 'number' && old.value === value) {
      const decimals = old.format === 'EXP' ? exponentDecimals(old.source) : old.format ? undefined : old.minFractionDigits;
      if (decimals !== undefined && decimals > 0) scalar.minFractionDigits = decimals;
    }
  }
  if (typeof value === 'string') {
    if (value.includes('\n')) scalar.type = Scalar.BLOCK_LITERAL;
    else if (column !== undefined && value.includes(' ') && column + writtenLength(value) > LINE_WIDTH) scalar.type = Scalar.BLOCK_FOLDED;
    else if (needsQuotes(value)) scalar.type = Scalar.QUOTE_DOUBLE;
  }
  return scalar;
}

// Text `yaml` writes in quotes even when its type is clear: indicators at the start, ": " or " #" inside, spaces at the ends.
const QUOTED_FOR_SYNTAX = /^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|:$|\s$/;

/** About how many columns a scalar takes when written on its line. */
function writtenLength(value: unknown): number {
  if (typeof value !== 'string') return String(value).length;
  return needsQuotes(value) || QUOTED_FOR_SYNTAX.test(value) ? JSON.stringify(value).length : value.length;
}

/** Is `data` a value that a YAML scalar holds (as opposed to a collection)? */
function isScalarValue(data: unknown): boolean {
  return data === null || (typeof data !== 'object' && typeof data !== 'function');
}

/**
 * Rewrites `node` into canonical form. `truth` is the value the validator's parser (js-yaml) read
 * at this place, when known: scalars take it, so the file keeps the data the validator sees.
 * `column` is where the node starts in the canonical layout (for a collection, its entries):
 * single-line text that would run past LINE_WIDTH from there becomes a folded block.
 */
function canonicalNode(node: unknown, schema: SchemaNode | undefined, truth: { value: unknown } | undefined, column: number): unknown {
  if (isScalar(node)) {
    const value = truth && isScalarValue(truth.value) ? truth.value : node.value;
    return canonicalScalar(node, asText(schema, value, node.source), column);
  }
  if (isMap(node)) {
    node.flow = false;
    node.tag = undefined;
    node.spaceBefore = false;
    tidyComments(node);
    const object = truth && typeof truth.value === 'object' && truth.value !== null && !Array.isArray(truth.value) ? (truth.value as Record<string, unknown>) : undefined;
    for (const pair of node.items) canonicalPair(pair, schema, object, column);
    const ranked = node.items.map((pair, index) => ({ pair, rank: keyRank(schema, isScalar(pair.key) ? pair.key.value : undefined), index }));
    ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
    node.items = ranked.map((r) => r.pair);
    return node;
  }
  if (isSeq(node)) {
    node.flow = false;
    node.tag = undefined;
    node.spaceBefore = false;
    tidyComments(node);
    const array = truth && Array.isArray(truth.value) ? truth.value : undefined;
    // Block sequences write "- " before each item.
    node.items = node.items.map((item, i) => canonicalNode(item, schema?.items, array && i < array.length ? { value: array[i] } : undefined, column + 2));
    if (isIdList(schema) && node.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
      const scalars = node.items as Scalar<string>[];
      // Stable: equal ids (invalid, but possible) keep their order and their comments.
      node.items = [...scalars].sort((a, b) => compareText(a.value, b.value));
    }
    return node;
  }
  return node;
}

function canonicalPair(pair: Pair, schema: SchemaNode | undefined, object: Record<string, unknown> | undefined, column: number): void {
  if (!isPair(pair)) return;
  const key = isScalar(pair.key) ? pair.key.value : undefined;
  if (isScalar(pair.key)) pair.key = canonicalScalar(pair.key, pair.key.value);
  else if (pair.key) canonicalNode(pair.key, undefined, undefined, column);
  const name = typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean' ? String(key) : undefined;
  const truth = object && name !== undefined && Object.hasOwn(object, name) ? { value: object[name] } : undefined;
  // A scalar value follows "key: " on its line; a collection starts on the next line, 2 columns in.
  const valueColumn = isScalar(pair.value) ? column + writtenLength(key) + 2 : column + 2;
  pair.value = canonicalNode(pair.value, name === undefined ? undefined : propertySchema(schema, name), truth, valueColumn) as Node | null;
}

/** The part of a comment before its last blank line (a file header), and the rest. */
function splitHeader(comment: string): [header: string | undefined, rest: string | undefined] {
  const cut = comment.lastIndexOf('\n\n');
  if (cut === -1) return [undefined, comment];
  return [comment.slice(0, cut), comment.slice(cut + 2) || undefined];
}

/** The canonical text of a document put in canonical form by canonicalizeDocument. */
export function renderCanonical(doc: Document): string {
  return doc.toString(CANONICAL_STYLE);
}

/**
 * Puts a parsed document into canonical form, in place. `truth` is the data the validator read
 * from the same text (see canonicalNode).
 */
export function canonicalizeDocument(doc: Document, kind: FileKind, truth: { value: unknown } | undefined): void {
  if (doc.directives) doc.directives.docEnd = false; // a trailing "..." marker
  doc.commentBefore = tidyComment(doc.commentBefore) ?? null;
  doc.comment = tidyComment(doc.comment) ?? null;
  const contents = doc.contents;
  const firstPair = isMap(contents) ? contents.items[0] : undefined;
  doc.contents = canonicalNode(contents, schemaOf(kind), truth, 0) as Document['contents'];
  if (doc.contents) (doc.contents as Node).spaceBefore = false;
  // A comment block above the first key, separated from it by a blank line, is the file's header:
  // it stays on top when that key moves down.
  const first = isMap(doc.contents) ? doc.contents.items[0] : undefined;
  if (firstPair && first !== firstPair && isScalar(firstPair.key) && firstPair.key.commentBefore) {
    const [header, rest] = splitHeader(firstPair.key.commentBefore);
    if (header !== undefined) {
      doc.commentBefore = doc.commentBefore ? `${doc.commentBefore}\n\n${header}` : header;
      firstPair.key.commentBefore = rest;
    }
  }
}
