// Turning a data file's bytes into data: the fast parse for the hot path (js-yaml, core schema)
// and the full-fidelity parse (yaml Document) only where positions are needed.
import jsYaml from 'js-yaml';
import { explainRefusal, explainSyntaxErrors } from './syntax-errors.ts';
import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/** Files above this are not parsed: a data file is a few KB; a huge one is a mistake or an attack. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** A problem found while reading a file, positioned by line and column (1-based). */
export interface SourceProblem {
  rule: string;
  line: number;
  column: number;
  message: string;
  tip: string;
}

export interface DecodedSource {
  /** The text, without a BOM; undefined when the bytes cannot be read as a data file at all. */
  text?: string;
  problems: SourceProblem[];
}

// ignoreBOM keeps a BOM in the text, so it is reported instead of silently dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Byte-level checks: size, binary content, UTF-8, BOM, CRLF. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  const problems: SourceProblem[] = [];
  if (bytes.length > MAX_FILE_BYTES) {
    problems.push({
      rule: 'file-too-large',
      line: 1,
      column: 1,
      message: `the file is ${bytes.length} bytes; data files may be at most ${MAX_FILE_BYTES} bytes`,
      tip: 'Split the data into several files, or shorten long text fields such as abstracts.',
    });
    return { problems };
  }
  if (bytes.length === 0) {
    problems.push({ rule: 'empty-file', line: 1, column: 1, message: 'the file is empty', tip: 'Write the fields of the entity, or delete the file.' });
    return { problems };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, column } = lineColumnOfByte(bytes, nul);
    problems.push({
      rule: 'encoding',
      line,
      column,
      message: 'the file holds a NUL byte: it is binary, not YAML text',
      tip: 'Data files are UTF-8 text; replace the file with its YAML source.',
    });
    return { problems };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { line, column } = lineColumnOfByte(bytes, bad);
    problems.push({
      rule: 'encoding',
      line,
      column,
      message: `byte 0x${bytes[bad].toString(16).padStart(2, '0')} at offset ${bad} is not valid UTF-8`,
      tip: 'Save the file as UTF-8 (most editors: "Save with encoding").',
    });
    return { problems };
  }
  if (text.charCodeAt(0) === 0xfeff) {
    problems.push({ rule: 'encoding', line: 1, column: 1, message: 'the file starts with a byte order mark (BOM)', tip: 'Save the file as UTF-8 without BOM; `pwc fix` removes it.' });
    text = text.slice(1);
  }
  const cr = text.indexOf('\r');
  if (cr !== -1) {
    const { line, column } = lineColumnOf(text, cr);
    problems.push({ rule: 'line-endings', line, column, message: 'the file uses CR or CRLF line ends', tip: 'Use LF line ends; `pwc fix` converts them.' });
  }
  return { text, problems };
}

export interface ParsedSource {
  data?: unknown;
  problems: SourceProblem[];
  /** With `numberTexts`: the text of each number scalar (keys too), in document order. */
  numberTexts?: string[];
}

/** The texts of the parse under way that records its numbers; js-yaml parses synchronously. */
let recorded: string[] | undefined;

/** js-yaml's own type for numbers, which also records the text of each number it reads. */
function recording(tag: string, type: jsYaml.Type): jsYaml.Type {
  return new jsYaml.Type(tag, {
    kind: 'scalar',
    resolve: type.resolve,
    construct: (data: string) => {
      recorded?.push(data);
      return type.construct(data);
    },
    predicate: type.predicate ?? undefined,
    represent: type.represent ?? undefined,
    defaultStyle: type.defaultStyle ?? undefined,
  });
}

const numberTypes = (jsYaml as unknown as { types: { int: jsYaml.Type; float: jsYaml.Type } }).types;
/** The core schema whose numbers record their texts (printed.ts: a value is shown as its file prints it). */
const RECORDING_SCHEMA = jsYaml.CORE_SCHEMA.extend({ implicit: [recording('tag:yaml.org,2002:int', numberTypes.int), recording('tag:yaml.org,2002:float', numberTypes.float)] });

/**
 * The fast parse: js-yaml with the YAML 1.2 core schema (dates stay strings, like `yaml`).
 * On failure, the `yaml` parser explains every syntax error with its position.
 */
export function parseSource(text: string, options: { numberTexts?: boolean } = {}): ParsedSource {
  let data: unknown;
  const numberTexts: string[] | undefined = options.numberTexts ? [] : undefined;
  try {
    recorded = numberTexts;
    data = jsYaml.load(text, { schema: numberTexts ? RECORDING_SCHEMA : jsYaml.CORE_SCHEMA });
  } catch (error) {
    const e = error as jsYaml.YAMLException;
    if (/maxDepth/.test(e.reason ?? '')) {
      // Absurd nesting: js-yaml stops at depth 100; the full parser would take seconds to say the same.
      return { problems: [{ rule: 'yaml-syntax', line: (e.mark?.line ?? 0) + 1, column: (e.mark?.column ?? 0) + 1, message: 'the data is nested more than 100 levels deep', tip: 'Data files are shallow; check the brackets and the indentation.' }] };
    }
    return { problems: explainSyntax(text, e) };
  } finally {
    recorded = undefined;
  }
  const shared = findSharedNode(data);
  if (shared) {
    // An alias to a collection: harmless once, but chains of them are the "billion laughs" bomb.
    const { line, column } = firstAliasPosition(text);
    return {
      problems: [{ rule: 'yaml-syntax', line, column, message: 'anchors and aliases (&name, *name) are not allowed in data files', tip: 'Write the value out in full where it is used.' }],
    };
  }
  if (data === undefined || data === null) {
    return { problems: [{ rule: 'empty-file', line: 1, column: 1, message: 'the file holds no data', tip: 'Write the fields of the entity, or delete the file.' }] };
  }
  return numberTexts ? { data, problems: [], numberTexts } : { data, problems: [] };
}

/** Why the text is not YAML: each error at its offending token, with a tip that fits (see syntax-errors.ts). */
function explainSyntax(text: string, fallback: jsYaml.YAMLException): SourceProblem[] {
  const problems = explainSyntaxErrors(text);
  if (problems.length > 0) return problems;
  // js-yaml refused what yaml accepts (an alias to no anchor, an unknown tag): explain js-yaml's reason.
  const mark = { line: fallback.mark?.line ?? 0, column: fallback.mark?.column ?? 0 };
  const refused = explainRefusal(text, fallback.reason ?? '', mark);
  if (refused) return [refused];
  return [{ rule: 'yaml-syntax', line: mark.line + 1, column: mark.column + 1, message: fallback.reason ?? String(fallback.message), tip: 'Fix the YAML syntax at this place.' }];
}

/** Returns an object reachable twice (only aliases make that happen in parsed YAML). */
function findSharedNode(root: unknown): object | undefined {
  if (typeof root !== 'object' || root === null) return undefined;
  const seen = new Set<object>();
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) return node;
    seen.add(node);
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return undefined;
}

function firstAliasPosition(text: string): { line: number; column: number } {
  const match = /(^|[\s,[{:-])\*[^\s,\]}]+/m.exec(text);
  if (!match) return { line: 1, column: 1 };
  return lineColumnOf(text, match.index + match[1].length);
}

export type PathSegment = string | number;

/** A position in a file: line and column are 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** The full-fidelity parse, kept for locating many paths in one file. */
export class LocatedDocument {
  readonly doc: Document;
  private readonly lineCounter = new LineCounter();

  constructor(readonly text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, uniqueKeys: false, keepSourceTokens: false });
  }

  /**
   * The position of the node at `path`: its key when `part` is 'key' (for a map entry), else its value.
   * Falls back to the nearest existing ancestor, so a missing property points at the object that lacks it.
   */
  locate(path: readonly PathSegment[], part: 'key' | 'value' = 'value'): Position {
    let node: unknown = this.doc.contents;
    let best: Node | null | undefined = this.doc.contents as Node | null;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        if (last && part === 'key' && isScalar(pair.key)) return this.position(pair.key);
        node = pair.value;
        best = (pair.value as Node | null) ?? (pair.key as Node);
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) break;
        node = item;
        best = item as Node;
      } else {
        break;
      }
    }
    return best ? this.position(best) : { line: 1, column: 1 };
  }

  private position(node: Node): Position {
    const offset = node.range?.[0] ?? 0;
    const pos = this.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }
}

export function lineColumnOf(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function lineColumnOfByte(bytes: Uint8Array, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search for the shortest prefix that fails to decode.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  let bad = Math.min(lo, bytes.length - 1);
  // Point at the lead byte of a broken multi-byte sequence, not at the byte that broke it.
  for (let k = 1; k <= 3 && bad - k >= 0; k++) {
    const b = bytes[bad - k];
    if (b < 0x80) break;
    if (b >= 0xc0) {
      if (k < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2)) bad -= k;
      break;
    }
  }
  return bad;
}
