// Explaining a file that is not valid YAML: the position of the offending token, as an editor would
// underline it, and a tip that fits the mistake. Runs only for files that failed to parse.
import { LineCounter, Parser, parseDocument, type YAMLError } from 'yaml';
import { count } from './count.ts';
import type { SourceProblem } from './source.ts';

/** What a syntax error says: where, what, how to fix, and which rule it belongs to. */
type Explanation = Omit<SourceProblem, 'line' | 'column'> & { offset: number };

/** Problems reported per file at most: a file broken on every line needs its first mistakes fixed, not 20,000 findings (and explaining each reads the lines above it). */
const MAX_PROBLEMS = 20;

const TABS_TIP = 'Indent with spaces, never tabs; `pwc fix` cannot guess the structure, so replace them by hand.';
const GENERIC_TIP = 'Fix the YAML syntax at this place; quote a value that holds ": " or " #" or starts with a character such as [ { " \' @ ` % & * ! | >.';

/**
 * The syntax errors the `yaml` parser finds in `text`, explained. The first is always kept; of the
 * later ones only those with a specific explanation, one per line: the parser's other complaints
 * after a mistake are mostly its own confusion.
 */
export function explainSyntaxErrors(text: string): SourceProblem[] {
  const lineCounter = new LineCounter();
  // Without uniqueKeys: `yaml` checks keys pairwise (4.7 s for a mapping of 30,000 keys); js-yaml has found duplicates already.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  return explainYamlErrors(text, doc.errors, lineCounter);
}

/** Explains errors `yaml` reported for `text` (its LineCounter gives their lines). */
export function explainYamlErrors(text: string, errors: readonly YAMLError[], lineCounter: LineCounter): SourceProblem[] {
  const source = new SourceText(text);
  const kept = new Map<number, SourceProblem>();
  for (let i = 0; i < Math.min(errors.length, 5 * MAX_PROBLEMS) && kept.size < MAX_PROBLEMS; i++) {
    const p = located(lineCounter, explainYamlError(source, errors[i]));
    if (!kept.has(p.line) && (i === 0 || p.tip !== GENERIC_TIP)) kept.set(p.line, p);
  }
  return [...kept.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Errors that js-yaml raises and `yaml` as used here accepts (a duplicate key, an alias to no
 * anchor, an unknown tag), from js-yaml's reason and 0-based mark; undefined for other reasons.
 */
export function explainRefusal(text: string, reason: string, mark: { line: number; column: number }): SourceProblem | undefined {
  const source = new SourceText(text);
  const lineCounter = new LineCounter();
  source.lineStarts.forEach((start) => lineCounter.addNewLine(start));
  const markOffset = (source.lineStarts[mark.line] ?? 0) + mark.column;
  const alias = /unidentified alias "([^"]*)"/.exec(reason);
  if (alias) {
    const at = lastIndexBefore(text, `*${alias[1]}`, markOffset);
    if (at !== -1) return located(lineCounter, indicatorExplanation(source, at));
  }
  const tag = /unknown tag !<(!?[^>]*)>/.exec(reason);
  if (tag) {
    const at = lastIndexBefore(text, tag[1].startsWith('!') ? tag[1] : `!<${tag[1]}>`, markOffset);
    if (at !== -1) return located(lineCounter, indicatorExplanation(source, at));
  }
  if (/duplicated mapping key/.test(reason)) {
    return located(lineCounter, duplicateKey(source, source.contentStart(Math.min(mark.line + 1, source.lines.length))));
  }
  return undefined;
}

function located(lineCounter: LineCounter, e: Explanation): SourceProblem {
  const pos = lineCounter.linePos(e.offset);
  return { rule: e.rule, line: pos.line, column: pos.col, message: clip(e.message), tip: clip(e.tip) };
}

/** A message or tip cut in the middle when long: it quotes the file's text, and a line can be 1 MB long. */
function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max - 41)}…${text.slice(-40)}`;
}

function explainYamlError(source: SourceText, err: YAMLError): Explanation {
  const offset = Math.min(err.pos[0], source.text.length);
  const message = err.message.split('\n')[0];
  const fallback: Explanation = { rule: 'yaml-syntax', offset, message, tip: GENERIC_TIP };
  if (err.code === 'DUPLICATE_KEY') return duplicateKey(source, offset);
  // A tab in the indentation of the line misleads the parser, whatever it then reports.
  if (err.code === 'TAB_AS_INDENT' || source.hasTabIndent(offset)) return tabExplanation(source, offset);
  switch (err.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return implicitKey(source, offset) ?? fallback;
    case 'MISSING_CHAR':
      if (/closing ["']quote/.test(message)) return unclosedQuote(source) ?? fallback;
      if (/without - indicator/.test(message)) return misplacedLine(source, source.lineAfterEnd(offset)) ?? fallback;
      if (/Implicit map keys/.test(message)) return implicitKey(source, offset) ?? fallback;
      if (/^Comments must be separated/.test(message)) return tightComment(source, offset) ?? fallback;
      return fallback;
    case 'BAD_INDENT':
      if (/^Flow (sequence|map)/.test(message)) return unclosedFlow(source) ?? fallback;
      return misplacedLine(source, source.lineAfterEnd(offset)) ?? fallback;
    case 'BAD_SCALAR_START':
    case 'BAD_ALIAS':
      return indicatorExplanation(source, source.valueStartAt(offset));
    case 'UNEXPECTED_TOKEN':
      if (/^Block scalar header/.test(message)) return blockHeader(source, offset) ?? fallback;
      return unexpectedToken(source, offset, message) ?? fallback;
    case 'BAD_DQ_ESCAPE':
      return badEscape(source, offset);
    case 'MULTIPLE_DOCS':
      return secondDocument(source, offset);
    default:
      return fallback;
  }
}

/** A line of a mapping that is not one "key: value": a second ": " in a value, a missing space after ":", no ":" at all, a misplaced "-". */
function implicitKey(source: SourceText, offset: number): Explanation | undefined {
  const line = source.lineOf(offset);
  const content = source.contentStart(line);
  if (offset <= content) return /^-(\s|$)/.test(source.text.slice(content, content + 2)) ? misplacedLine(source, line) : keylessLine(source, line);
  if (source.text[offset] === '?') return indicatorExplanation(source, offset);
  // The error is at a value: find the ": " that made YAML read part of it as a key.
  const colon = source.keyColonFrom(offset);
  if (colon === undefined) return undefined;
  const key = source.keyOf(line);
  if (source.lineOf(colon) === line) {
    const value = source.valueText(offset);
    const quote = value.startsWith('"') || value.startsWith("'");
    return {
      rule: 'yaml-syntax',
      offset: colon,
      message: quote
        ? `text after the closing quote holds ": ", so YAML reads the quoted text as a key`
        : `a second ": " in the value${key ? ` of "${key}"` : ''}: YAML reads the text before it as a key`,
      tip: `Quote the whole value: ${key ? `${key}: ` : ''}${quoted(value)}`,
    };
  }
  // The ": " is on a later line, indented deeper than the key: YAML reads that line as more text of the value.
  const next = source.lineOf(colon);
  const nextKey = source.keyOf(next) ?? source.lines[next - 1].trim();
  const spaces = source.keyColumn(line);
  return {
    rule: 'yaml-syntax',
    offset: source.contentStart(next),
    message: `this line is indented deeper than ${key ? `"${key}"` : 'the key'} on line ${line}, so YAML reads it as more text of that value, and text cannot hold ": "`,
    tip: `If "${nextKey}" is a key, indent it like ${key ? `"${key}"` : 'the key above'} (${indentation(spaces)}); if it continues the text above, quote the whole text.`,
  };
}

/** A line with no "key: " where a mapping expects one. */
function keylessLine(source: SourceText, line: number): Explanation {
  const content = source.contentStart(line);
  const textOfLine = withoutComment(source.lines[line - 1].slice(content - source.lineStarts[line - 1]));
  const tight = /^[^\s"'#][^\s:]*:(?=[^\s:])/.exec(textOfLine);
  if (tight && !/^[a-z][a-z0-9+.-]*:\/\//i.test(textOfLine)) {
    const key = tight[0].slice(0, -1);
    return {
      rule: 'yaml-syntax',
      offset: content + tight[0].length - 1,
      message: `no space after the colon: YAML reads "${textOfLine}" as one piece of text, not as a key and its value`,
      tip: `Write a space after the colon: ${key}: ${textOfLine.slice(tight[0].length)}`,
    };
  }
  const above = source.previousContentLine(line);
  const aboveKey = above === undefined ? undefined : source.keyOf(above);
  const continues = above !== undefined && aboveKey !== undefined && source.indentOf(above) === source.indentOf(line);
  return {
    rule: 'yaml-syntax',
    offset: content,
    message: continues
      ? `this line is neither "key: value" nor indented under "${aboveKey}" (line ${above})`
      : 'this line has no "key: " where a key and its value are expected',
    tip: continues
      ? `If it continues the text of "${aboveKey}", indent it by ${count(source.indentOf(above) + 2, 'space')}; if it is a field of its own, write it as "key: value".`
      : 'Write the field as "key: value", with a colon and a space after the key, or indent the line if it continues the text above.',
  };
}

/** A key or a list item whose indentation matches no mapping or list above it. */
function misplacedLine(source: SourceText, line: number): Explanation | undefined {
  while (line < source.lines.length && source.isBlank(line)) line++;
  if (line < 1 || line > source.lines.length) return undefined;
  const content = source.contentStart(line);
  const column = source.indentOf(line);
  const dash = /^-(\s|$)/.test(source.text.slice(content, content + 2));
  const levels = source.levelsAbove(line);
  const item = withoutComment(source.lines[line - 1].trim());
  if (dash) {
    const lists = levels.filter((l) => l.kind === 'item');
    const list = nearest(lists, column);
    if (list === undefined || list.column === column) {
      const key = nearest(levels.filter((l) => l.kind === 'key'), column);
      return {
        rule: 'yaml-syntax',
        offset: content,
        message: `a list item where ${key ? `the keys of "${key.label}" (line ${key.line}) continue` : '"key: value" lines are expected'}`,
        tip: 'A list is the value of a key: put its items on the lines under a key that ends with ":", or remove the "-".',
      };
    }
    return {
      rule: 'yaml-syntax',
      offset: content,
      message: `this list item starts at column ${column + 1}, but the items of the list on line ${list.line} at column ${list.column + 1}`,
      tip: `Start "${item}" under the "-" on line ${list.line} (${indentation(list.column)}).`,
    };
  }
  const key = source.keyOf(line) ?? item;
  const list = levels.find((l) => l.kind === 'item' && l.column === column);
  if (list) {
    const owner = levels.filter((l) => l.kind === 'key' && l.column < column).at(-1);
    return {
      rule: 'yaml-syntax',
      offset: content,
      message: `"${key}" stands where the list of line ${list.line} continues: a list cannot also hold keys`,
      tip: `Write "- ${item}" to make it a list item${owner ? `, or indent it like "${owner.label}" (line ${owner.line}) to end the list` : ''}.`,
    };
  }
  const keys = levels.filter((l) => l.kind === 'key');
  const innermost = keys.at(-1);
  if (innermost && column > innermost.column) {
    return {
      rule: 'yaml-syntax',
      offset: content,
      message: `"${key}" is indented deeper than "${innermost.label}" (line ${innermost.line}), whose value is already on that line`,
      tip: `Indent "${key}" like "${innermost.label}" (${indentation(innermost.column)}), or write the key it belongs to above it, ending with ":".`,
    };
  }
  const sibling = nearest(keys, column);
  if (sibling === undefined || sibling.column === column) return undefined;
  return {
    rule: 'yaml-syntax',
    offset: content,
    message: `"${key}" is indented by ${count(column, 'space')}, which lines it up with no key above it`,
    tip: `Indent "${key}" like "${sibling.label}" on line ${sibling.line} (${indentation(sibling.column)}).`,
  };
}

/** The level nearest to `column`; of two as near, the deeper (a key one space short most often belongs to the block above). */
function nearest(levels: readonly Level[], column: number): Level | undefined {
  let best: Level | undefined;
  for (const l of levels) {
    const d = Math.abs(l.column - column);
    if (best === undefined || d < Math.abs(best.column - column) || (d === Math.abs(best.column - column) && l.column > best.column)) best = l;
  }
  return best;
}

function unclosedQuote(source: SourceText): Explanation | undefined {
  const open = source.tokens().filter((t) => (t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && !closedQuote(t.source)).at(-1);
  if (!open) return undefined;
  const q = open.source[0];
  const line = source.lineOf(open.offset);
  const rest = source.lines[line - 1].slice(open.offset - source.lineStarts[line - 1] + 1).trimEnd();
  const key = source.keyOf(line);
  return {
    rule: 'yaml-syntax',
    offset: open.offset,
    message: `the text opened by ${q} here is never closed`,
    tip: `Close it with ${q} where the text ends: ${key ? `${key}: ` : ''}${q}${rest}${q}`,
  };
}

function closedQuote(text: string): boolean {
  const q = text[0];
  if (text.length < 2 || !text.endsWith(q)) return false;
  // Counted with loops: a regular expression would backtrack over a long run of \ or '.
  const run = (c: string, end: number) => {
    let n = 0;
    while (end - n > 0 && text[end - n] === c) n++;
    return n;
  };
  if (q === '"') return run('\\', text.length - 2) % 2 === 0;
  // In single quotes '' is a quote: the text is closed when the quotes at its end are odd in number.
  return run("'", text.length - 1) % 2 === 1;
}

function unclosedFlow(source: SourceText): Explanation | undefined {
  const flows = source.tokens().filter((t) => t.type === 'flow-collection');
  const open = flows.find((t) => !t.end?.some((e) => e.source === ']' || e.source === '}')) ?? flows[0];
  if (!open?.start) return undefined;
  const bracket = open.start.source;
  const close = bracket === '[' ? ']' : '}';
  const what = bracket === '[' ? 'list' : 'mapping';
  const line = source.lineOf(open.start.offset);
  const key = source.keyOf(line);
  const closed = open.end?.some((e) => e.source === close);
  if (closed) {
    return {
      rule: 'yaml-syntax',
      offset: open.start.offset,
      message: `the lines of the ${what} opened by "${bracket}" here must be indented deeper than ${key ? `"${key}"` : 'its key'}`,
      tip: `Indent the lines after the first, or write the ${what} on one line.`,
    };
  }
  const written = source.valueText(open.start.offset);
  return {
    rule: 'yaml-syntax',
    offset: open.start.offset,
    message: `the ${what} opened by "${bracket}" here is never closed`,
    tip: `End it with "${close}": ${key ? `${key}: ` : ''}${written}${close}; if the "${bracket}" belongs to a text, quote the whole value.`,
  };
}

function unexpectedToken(source: SourceText, offset: number, message: string): Explanation | undefined {
  const line = source.lineOf(offset);
  const key = source.keyOf(line);
  const keyed = key ? `${key}: ` : '';
  if (/block-seq-ind on same line with key/.test(message)) {
    const item = source.valueText(offset).replace(/^-\s*/, '');
    return {
      rule: 'yaml-syntax',
      offset,
      message: 'a list item cannot start on the line of its key',
      tip: `Put "- ${item}" on the next line, indented, or write the list in brackets: ${keyed}[${item}]`,
    };
  }
  if (/^Unexpected flow-(seq|map)-end/.test(message)) {
    const c = source.text[offset];
    return { rule: 'yaml-syntax', offset, message: `a "${c}" that closes nothing`, tip: `Delete the "${c}", or quote the whole value if it belongs to the text.` };
  }
  if (/^Not a YAML token/.test(message)) {
    const start = source.valueStartAt(offset);
    return '|>'.includes(source.text[start]) ? indicatorExplanation(source, start) : undefined;
  }
  if (!/^Unexpected [\w-]+ at node end/.test(message)) return undefined;
  // Text follows a finished value on the same line: a quote that ends the text early, or a value that starts with [ or {.
  let before = offset - 1;
  while (before > 0 && (source.text[before] === ' ' || source.text[before] === '\t')) before--;
  const end = source.text[before];
  const start = source.valueStartAt(before);
  const value = source.valueText(start);
  if ('*&!'.includes(source.text[start])) return indicatorExplanation(source, start);
  if (end === '"' || end === "'") {
    const inner = value.length > 1 && value.endsWith(end) ? value.slice(1, -1) : value;
    return {
      rule: 'yaml-syntax',
      offset: before,
      message: 'this quote ends the quoted text, and more text follows it',
      tip:
        end === '"'
          ? `Write a quote inside "..." as \\", or put the whole value in single quotes: ${keyed}${quoted(inner)}`
          : `Write a quote inside '...' as '', or put the whole value in double quotes: ${keyed}${quoted(inner)}`,
    };
  }
  if ((end === ']' || end === '}') && '[{'.includes(source.text[start])) {
    return {
      rule: 'yaml-syntax',
      offset: start,
      message: `a value that starts with "${source.text[start]}" is read as a ${source.text[start] === '[' ? 'list' : 'mapping'}, so the text after "${end}" is left over`,
      tip: `Quote the whole value: ${keyed}${quoted(value)}`,
    };
  }
  return undefined;
}

/** "|" or ">" with more on its line: a text that starts with the character, or something after a block's header. */
function blockHeader(source: SourceText, offset: number): Explanation | undefined {
  const start = source.valueStartAt(offset);
  if (!'|>'.includes(source.text[start])) return undefined;
  if (!/[-+\s]/.test(source.text[start + 1] ?? '\n')) return indicatorExplanation(source, start);
  const header = /^[|>][-+0-9]*/.exec(source.text.slice(start))![0];
  return {
    rule: 'yaml-syntax',
    offset: start + header.length,
    message: `nothing may follow "${header}" on its line: the text of the block goes on the indented lines below`,
    tip: `Delete what follows "${header}", or quote the whole value if it is a text of its own.`,
  };
}

/** A "#" right after a value: YAML needs a space before a comment. */
function tightComment(source: SourceText, offset: number): Explanation | undefined {
  const hash = source.text.indexOf('#', offset);
  if (hash === -1 || source.lineOf(hash) !== source.lineOf(offset)) return undefined;
  return {
    rule: 'yaml-syntax',
    offset: hash,
    message: 'a "#" right after a value: a comment needs a space before its "#"',
    tip: 'Put a space before "#" to start a comment, or quote the whole value if the "#" belongs to the text.',
  };
}

const INDICATORS: Record<string, string> = {
  '@': 'YAML reserves "@"',
  '`': 'YAML reserves "`"',
  '%': 'YAML reserves "%" for directives',
  '&': 'YAML reads "&name" as an anchor',
  '*': 'YAML reads "*name" as an alias to an anchor, and data files have none',
  '!': 'YAML reads "!name" as a tag, which data files do not use',
  '|': 'YAML reads "|" as the start of a block of text on the lines below',
  '>': 'YAML reads ">" as the start of a block of text on the lines below',
  '?': 'YAML reads "?" as a complex key',
};

/** A value that starts with a character YAML gives a meaning to. */
function indicatorExplanation(source: SourceText, offset: number): Explanation {
  const c = source.text[offset];
  const key = source.keyOf(source.lineOf(offset));
  const value = source.valueText(offset);
  return {
    rule: 'yaml-syntax',
    offset,
    message: `a value cannot start with "${c}" unquoted: ${INDICATORS[c] ?? 'YAML gives it a meaning'}`,
    tip: `Quote the value: ${key ? `${key}: ` : ''}${quoted(value)}`,
  };
}

function badEscape(source: SourceText, offset: number): Explanation {
  const at = source.text[offset] === '\\' ? offset : lastIndexBefore(source.text, '\\', offset + 1);
  const escape = source.text.slice(at, at + 2);
  const scalar = source.tokens().find((t) => t.type === 'double-quoted-scalar' && t.offset < at && at < t.offset + t.source.length);
  const start = scalar?.offset ?? lastIndexBefore(source.text, '"', at);
  const line = source.lineOf(start);
  const key = source.keyOf(line);
  const value = source.valueText(start);
  const inner = value.length > 1 && value.endsWith('"') ? value.slice(1, -1) : value.slice(1);
  return {
    rule: 'yaml-syntax',
    offset: at,
    message: `"${escape}" is not an escape sequence: inside "..." a backslash starts one`,
    // Single quotes keep every backslash as written: right unless the text also holds ' or escapes it means.
    tip: /'|\\["\\]/.test(inner)
      ? 'Write each backslash as \\\\ inside double quotes.'
      : `Put the value in single quotes, where a backslash is just a backslash: ${key ? `${key}: ` : ''}'${inner}'`,
  };
}

/** The line "---" or "..." that starts a second document. */
function secondDocument(source: SourceText, offset: number): Explanation {
  const isMarker = (l: number) => /^(---|\.\.\.)(\s|$)/.test(source.lines[l - 1]);
  let line = source.lineOf(offset);
  while (line > 1 && !isMarker(line)) line--;
  if (!isMarker(line)) {
    return { rule: 'yaml-syntax', offset, message: 'a second YAML document starts here, and a data file holds one', tip: 'Delete what starts the second document, or quote it if it belongs to a text.' };
  }
  const marker = source.lines[line - 1].slice(0, 3);
  return {
    rule: 'yaml-syntax',
    offset: source.lineStarts[line - 1],
    message: `"${marker}" at the start of a line ${marker === '---' ? 'starts' : 'ends'} a YAML document, and a data file holds one`,
    tip: `Delete the "${marker}" line; if it belongs to a text, quote the text or indent the line.`,
  };
}

function duplicateKey(source: SourceText, offset: number): Explanation {
  const line = source.lineOf(offset);
  const key = source.keyOf(line);
  const first = key === undefined ? undefined : source.earlierSibling(line, key);
  return {
    rule: 'duplicate-key',
    offset,
    message: key === undefined ? 'a key appears twice in this mapping' : `the key "${key}" appears twice in this mapping${first ? ` (first on line ${first})` : ''}`,
    tip: 'Keep one of the two keys and delete the other.',
  };
}

function tabExplanation(source: SourceText, offset: number): Explanation {
  const line = source.lineAfterEnd(offset);
  const at = source.firstTabOnLineOf(offset) ?? source.firstTabOnLineOf(source.lineStarts[line - 1]) ?? offset;
  return { rule: 'tabs', offset: at, message: 'a tab in the indentation', tip: TABS_TIP };
}

/** A value as YAML text that reads back as the same string: double quotes unless it holds " or \. */
function quoted(value: string): string {
  if (!/["\\]/.test(value)) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function indentation(spaces: number): string {
  return spaces === 0 ? 'no indentation' : count(spaces, 'space');
}

function lastIndexBefore(text: string, needle: string, end: number): number {
  return needle === '' ? -1 : text.lastIndexOf(needle, Math.max(0, end - needle.length));
}

/** A column where a mapping's keys or a list's items start, as seen on the lines above. */
interface Level {
  kind: 'key' | 'item';
  column: number;
  line: number;
  label: string;
}

interface CstToken {
  type: string;
  offset: number;
  source: string;
  start?: CstToken;
  end?: CstToken[];
}

/**
 * Where the colon of a key that starts at `from` is ("key: ", '"key": ', "'key': "), or -1.
 * Scans forward once: regular expressions here would backtrack for seconds on a long line of spaces.
 */
function keyColonAt(text: string, from: number): number {
  let i = from;
  const first = text[i];
  if (first === '"' || first === "'") {
    i = text.indexOf(first, i + 1);
    if (i === -1) return -1;
    i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
    return text[i] === ':' && /^(\s|$)/.test(text.slice(i + 1, i + 2)) ? i : -1;
  }
  if (first === undefined || /[\s#[{&*!|>%@`]/.test(first) || (first === '-' && /^(\s|$|:)/.test(text.slice(i + 1, i + 2)))) return -1;
  for (; i < text.length && text[i] !== '\n'; i++) {
    if (text[i] === '#') return -1;
    if (text[i] === ':') return /^(\s|$)/.test(text.slice(i + 1, i + 2)) ? i : -1;
  }
  return -1;
}

/** A line's text without a trailing comment (" #..."), trimmed at the end. */
function withoutComment(text: string): string {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

/** The text of a file with lines and offsets, and the few readings of it the explanations need. */
class SourceText {
  readonly lines: string[];
  readonly lineStarts: number[] = [0];
  private cst?: CstToken[];

  constructor(readonly text: string) {
    this.lines = text.split('\n');
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  indentOf(line: number): number {
    return /^ */.exec(this.lines[line - 1] ?? '')![0].length;
  }

  /** Offset of the first character of a line after its indentation. */
  contentStart(line: number): number {
    return (this.lineStarts[line - 1] ?? this.text.length) + this.indentOf(line);
  }

  /** The key a line holds ("key: ..." or "- key: ..."), without quotes. */
  keyOf(line: number): string | undefined {
    const content = (this.lines[line - 1] ?? '').trimStart().replace(/^-\s+/, '');
    const colon = keyColonAt(content, 0);
    if (colon === -1) return undefined;
    return content.slice(0, colon).trimEnd().replace(/^(["'])(.*)\1$/, '$2');
  }

  /** Offset of the value that contains `offset`: its first character after "key: " or "- ". */
  valueStartAt(offset: number): number {
    const lineStart = this.lineStarts[this.lineOf(offset) - 1];
    const text = this.text;
    const skipSpace = (i: number) => {
      while (text[i] === ' ' || text[i] === '\t') i++;
      return i;
    };
    const skipDashes = (i: number) => {
      while (text[i] === '-' && /^\s/.test(text.slice(i + 1, i + 2)) && text[i + 1] !== '\n') i = skipSpace(i + 1);
      return i;
    };
    let i = skipDashes(skipSpace(lineStart));
    const colon = keyColonAt(text, i);
    if (colon !== -1 && colon < offset) i = skipDashes(skipSpace(colon + 1));
    return Math.min(i, offset);
  }

  /** The rest of the line from `offset`, without a trailing comment. */
  valueText(offset: number): string {
    const line = this.lineOf(offset);
    const rest = this.lines[line - 1].slice(offset - this.lineStarts[line - 1]);
    const quote = rest[0] === '"' || rest[0] === "'";
    return quote ? rest.trimEnd() : withoutComment(rest);
  }

  /** The first ": " (or ":" at a line end) from `offset` on, outside a leading quoted text and before a comment. */
  keyColonFrom(offset: number): number | undefined {
    let i = offset;
    const q = this.text[i];
    if (q === '"' || q === "'") {
      const close = this.text.indexOf(q, i + 1);
      if (close === -1) return undefined;
      i = close + 1;
    }
    for (; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '#' && /\s/.test(this.text[i - 1] ?? '')) {
        const nl = this.text.indexOf('\n', i);
        if (nl === -1) return undefined;
        i = nl;
      } else if (c === ':' && /^(\s|$)/.test(this.text.slice(i + 1, i + 2))) {
        return i;
      }
    }
    return undefined;
  }

  /** The line of `offset`, or the next one when only blanks follow `offset` on its line (the parser reports a misplaced line at the end of the one before). */
  lineAfterEnd(offset: number): number {
    const line = this.lineOf(offset);
    const rest = this.lines[line - 1].slice(offset - this.lineStarts[line - 1]);
    return /^\s*$/.test(rest) && offset > this.lineStarts[line - 1] && line < this.lines.length ? line + 1 : line;
  }

  /** Whether a line holds only blanks or a comment. */
  isBlank(line: number): boolean {
    return /^\s*(#.*)?$/.test(this.lines[line - 1] ?? '');
  }

  /** The nearest line above that holds something other than blanks and comments. */
  previousContentLine(line: number): number | undefined {
    for (let l = line - 1; l >= 1; l--) if (!this.isBlank(l)) return l;
    return undefined;
  }

  /** The line of an earlier key `key` in the same mapping as `line`. */
  earlierSibling(line: number, key: string): number | undefined {
    const column = this.keyColumn(line);
    for (let l = line - 1; l >= 1; l--) {
      if (this.isBlank(l)) continue;
      const at = this.keyColumn(l);
      if (at === column && this.keyOf(l) === key) return l;
      if (at < column || this.indentOf(l) < column) return undefined;
    }
    return undefined;
  }

  /** The column (0-based) where a line's key starts: after the indentation and a list item's "- ". */
  keyColumn(line: number): number {
    const text = this.lines[line - 1] ?? '';
    return this.indentOf(line) + (/^-\s+/.exec(text.trimStart())?.[0].length ?? 0);
  }

  /** The open mapping and list levels on the lines above `line`, outermost first. */
  levelsAbove(line: number): Level[] {
    const stack: Level[] = [];
    for (let l = 1; l < line; l++) {
      const text = this.lines[l - 1];
      if (this.isBlank(l) || text.startsWith('---') || text.startsWith('...')) continue;
      const indent = this.indentOf(l);
      const rest = text.slice(indent);
      const dash = /^-(\s+|$)/.exec(rest);
      const key = this.keyOf(l);
      if (!dash && key === undefined) continue; // a line of text, not structure
      while (stack.length > 0 && stack.at(-1)!.column > indent) stack.pop();
      const top = stack.at(-1);
      if (top && top.column === indent && (top.kind === 'item') === Boolean(dash)) stack.pop();
      if (dash) stack.push({ kind: 'item', column: indent, line: l, label: '-' });
      if (key !== undefined) stack.push({ kind: 'key', column: indent + (dash ? dash[0].length : 0), line: l, label: key });
    }
    return stack;
  }

  firstTabOnLineOf(offset: number): number | undefined {
    const line = this.lineOf(offset);
    const tab = /^[ ]*\t/.exec(this.lines[line - 1]);
    return tab ? this.lineStarts[line - 1] + tab[0].length - 1 : undefined;
  }

  /** Whether the line the parser means (see lineAfterEnd) is indented with a tab. */
  hasTabIndent(offset: number): boolean {
    return /^[ ]*\t/.test(this.lines[this.lineAfterEnd(offset) - 1] ?? '');
  }

  /** The parser's concrete syntax tree, flattened to its tokens (only needed for quotes and brackets). */
  tokens(): CstToken[] {
    if (this.cst) return this.cst;
    const out: CstToken[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(walk);
      } else if (typeof node === 'object' && node !== null) {
        const t = node as CstToken;
        if (typeof t.type === 'string' && typeof t.offset === 'number') out.push(t);
        for (const child of Object.values(node)) if (typeof child === 'object') walk(child);
      }
    };
    for (const token of new Parser().parse(this.text)) walk(token);
    this.cst = out.sort((a, b) => a.offset - b.offset);
    return this.cst;
  }
}
