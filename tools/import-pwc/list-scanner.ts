// Splits the bytes of one JSON list into the text of its entries, chunk by chunk, keeping exact positions.
// Each entry is then parsed by the engine's JSON.parse: only the list's own structure is scanned here.
import { isAscii } from 'node:buffer';

/** Where something is in a dump: byte offset (0-based) of the uncompressed JSON, line and column (1-based, in characters). */
export interface DumpPosition {
  offset: number;
  line: number;
  column: number;
}

/** One entry of the list: its index, its JSON text, and where that text starts. */
export interface ScannedEntry {
  index: number;
  text: string;
  start: DumpPosition;
}

/** The bytes are not a well-formed JSON list; `position` says where. */
export class ListSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: DumpPosition,
  ) {
    super(reason);
  }
}

const START = 0; // before the list's "["
const EXPECT_FIRST = 1; // after "[": an entry or "]"
const EXPECT_NEXT = 2; // after ",": an entry
const IN_ENTRY = 3;
const AFTER_LIST = 4; // after "]": only white space
const NOT_A_LIST = 5; // the document is some other value: collected whole to say what is wrong with it

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;
const BOM = [0xef, 0xbb, 0xbf];

/** Characters (code points) in UTF-8 bytes: continuation bytes do not start one. */
function countCharacters(bytes: Buffer): number {
  if (isAscii(bytes)) return bytes.length;
  let count = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] & 0xc0) !== 0x80) count++;
  return count;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === NEWLINE || b === 0x0d || b === 0x09;
}

export interface ScannerLimits {
  /** An entry longer than this is refused (a dump whose entries are that large is not a PWC dump). */
  maxEntryBytes: number;
  /** A document that is not a list is read up to this size to report its first syntax error. */
  maxDocumentBytes: number;
}

const DEFAULT_LIMITS: ScannerLimits = { maxEntryBytes: 256 * 1024 * 1024, maxDocumentBytes: 64 * 1024 * 1024 };

/**
 * Feed it chunks with `push`, then call `end`. Memory holds at most one entry (plus a chunk).
 * Strings are tracked so that brackets and commas inside them do not count; they are skipped
 * with indexOf, and line and column are counted only up to the positions that are asked for.
 */
export class ListScanner {
  private state = START;
  /** Line and column of byte `cursor` of the current chunk (whose first byte is at `chunkOffset`). */
  private line = 1;
  private column = 1;
  private cursor = 0;
  private chunkOffset = 0;
  private chunk: Buffer = Buffer.alloc(0);
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: Buffer[] = [];
  private partsLength = 0;
  private entryStart: DumpPosition = { offset: 0, line: 1, column: 1 };
  /** Position of the last comma, for "trailing comma" errors. */
  private commaAt: DumpPosition = { offset: 0, line: 1, column: 1 };
  private index = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly limits: ScannerLimits;

  constructor(limits: Partial<ScannerLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Where the scanner is now: the end of what it has read. */
  get position(): DumpPosition {
    return this.at(this.chunk.length);
  }

  push(chunk: Buffer): ScannedEntry[] {
    // Settle the position at the end of the previous chunk, then start counting in this one.
    this.at(this.chunk.length);
    this.chunkOffset += this.chunk.length;
    this.chunk = chunk;
    this.cursor = 0;
    const out: ScannedEntry[] = [];
    const n = chunk.length;
    let i = 0;
    let entryFrom = this.state === IN_ENTRY || this.state === NOT_A_LIST ? 0 : -1;
    let nextBackslash = -1;
    while (i < n) {
      if (this.state === IN_ENTRY || this.state === NOT_A_LIST) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        if (this.inString) {
          // Jump to the closing quote, minding escapes (the next backslash is remembered, not searched again).
          if (nextBackslash !== n && nextBackslash < i) {
            nextBackslash = chunk.indexOf(BACKSLASH, i);
            if (nextBackslash === -1) nextBackslash = n;
          }
          let quote = chunk.indexOf(QUOTE, i);
          if (quote === -1) quote = n;
          if (nextBackslash < quote) {
            i = nextBackslash + 1;
            this.escaped = true;
            continue;
          }
          i = quote + 1;
          if (quote < n) this.inString = false;
          continue;
        }
        const b = chunk[i];
        if (b === QUOTE) this.inString = true;
        else if (b === OPEN_BRACE || b === OPEN_BRACKET) this.depth++;
        else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
          if (this.depth > 0) this.depth--;
          else if (b === CLOSE_BRACKET && this.state === IN_ENTRY) {
            this.collect(chunk, entryFrom, i);
            out.push(this.finishEntry());
            this.state = AFTER_LIST;
          }
          // a stray "}" stays in the entry: JSON.parse will point at it
        } else if (b === COMMA && this.depth === 0 && this.state === IN_ENTRY) {
          this.collect(chunk, entryFrom, i);
          out.push(this.finishEntry());
          this.commaAt = this.at(i);
          this.state = EXPECT_NEXT;
        }
        i++;
        continue;
      }
      const b = chunk[i];
      if (isSpace(b)) {
        i++;
        continue;
      }
      switch (this.state) {
        case EXPECT_FIRST:
        case EXPECT_NEXT:
          if (b === CLOSE_BRACKET) {
            if (this.state === EXPECT_NEXT) {
              throw new ListSyntaxError('a comma is followed by the end of the list (a trailing comma): JSON does not allow it', this.commaAt);
            }
            this.state = AFTER_LIST;
            i++;
            break;
          }
          if (b === COMMA) throw new ListSyntaxError('expected an entry of the list, found ","', this.at(i));
          this.startEntry(IN_ENTRY, i);
          entryFrom = i; // this byte is read again as the entry's first byte
          break;
        case START:
          if (this.chunkOffset + i < 3 && b === BOM[this.chunkOffset + i]) {
            // A byte order mark before the list is allowed and skipped; it takes no column.
            this.at(i + 1);
            if (this.chunkOffset + i === 2) this.column = 1;
            i++;
            break;
          }
          if (b === OPEN_BRACKET) {
            this.state = EXPECT_FIRST;
            i++;
            break;
          }
          this.startEntry(NOT_A_LIST, i);
          entryFrom = i;
          break;
        case AFTER_LIST:
          throw new ListSyntaxError('unexpected content after the end of the list', this.at(i));
      }
    }
    if (entryFrom !== -1 && (this.state === IN_ENTRY || this.state === NOT_A_LIST)) this.collect(chunk, entryFrom, n);
    return out;
  }

  /** Call at the end of the input: throws if the input is not one complete list. */
  end(): void {
    switch (this.state) {
      case START:
        throw new ListSyntaxError('the file is empty: expected a JSON list', this.position);
      case AFTER_LIST:
        return;
      case NOT_A_LIST: {
        const text = this.entryText();
        const value = parseEntry(text, this.entryStart); // throws the syntax error, if any
        throw new ListSyntaxError(`expected a JSON list of entries, found ${describeValue(value)}`, this.entryStart);
      }
      case IN_ENTRY: {
        // An unclosed entry: its own syntax error if it has one before the end, else truncation.
        const text = this.entryText();
        try {
          JSON.parse(text);
        } catch (error) {
          const at = errorIndex(error as Error);
          if (at !== undefined && at < text.length) throw syntaxError(text, this.entryStart, error as Error);
        }
        throw new ListSyntaxError('the file ends inside an entry of the list: it is truncated', this.position);
      }
      default:
        throw new ListSyntaxError('the file ends before the list is closed with "]": it is truncated', this.position);
    }
  }

  /**
   * The position of byte `k` of the current chunk. Lines and characters are counted from the last
   * position asked for, with native searches (a byte-by-byte loop only over non-ASCII stretches).
   */
  private at(k: number): DumpPosition {
    if (k > this.cursor) {
      const part = this.chunk.subarray(this.cursor, k);
      let from = 0;
      for (let nl = part.indexOf(NEWLINE); nl !== -1; nl = part.indexOf(NEWLINE, nl + 1)) {
        this.line++;
        this.column = 1;
        from = nl + 1;
      }
      this.column += countCharacters(part.subarray(from));
      this.cursor = k;
    }
    return { offset: this.chunkOffset + k, line: this.line, column: this.column };
  }

  private startEntry(state: number, i: number): void {
    this.state = state;
    this.entryStart = this.at(i);
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
  }

  private collect(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.partsLength += to - from;
    const limit = this.state === NOT_A_LIST ? this.limits.maxDocumentBytes : this.limits.maxEntryBytes;
    if (this.partsLength > limit) {
      throw new ListSyntaxError(
        this.state === NOT_A_LIST
          ? 'expected a JSON list of entries (the file starts with something else)'
          : `an entry of the list is larger than ${Math.round(limit / 1048576)} MB: this does not look like a Papers With Code dump`,
        this.entryStart,
      );
    }
    this.parts.push(chunk.subarray(from, to));
  }

  private entryText(): string {
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.partsLength);
    this.parts = [];
    this.partsLength = 0;
    try {
      return this.decoder.decode(bytes);
    } catch {
      throw new ListSyntaxError('the entry starting here is not valid UTF-8 text', this.entryStart);
    }
  }

  private finishEntry(): ScannedEntry {
    const text = this.entryText();
    if (text.trim() === '') {
      throw new ListSyntaxError('expected an entry of the list, found nothing', this.entryStart);
    }
    return { index: this.index++, text, start: this.entryStart };
  }
}

/** Parses one entry's text; a syntax error is thrown as a ListSyntaxError at its exact position in the file. */
export function parseEntry(text: string, start: DumpPosition): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw syntaxError(text, start, error as Error);
  }
}

function errorIndex(error: Error): number | undefined {
  const match = /at position (\d+)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

function syntaxError(text: string, start: DumpPosition, error: Error): ListSyntaxError {
  const index = errorIndex(error) ?? text.length;
  // V8's message ends with the position (and, in newer versions, an excerpt): keep the reason only.
  const reason = error.message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^Unexpected end of JSON input$/, 'the entry ends early');
  return new ListSyntaxError(`not valid JSON: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`, positionIn(text, start, index));
}

/** The file position of character `index` of an entry's text that starts at `start`. */
export function positionIn(text: string, start: DumpPosition, index: number): DumpPosition {
  const before = text.slice(0, index);
  const lastNewline = before.lastIndexOf('\n');
  let lines = 0;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) lines++;
  // Columns count characters (code points), as editors do.
  const columns = [...(lastNewline === -1 ? before : before.slice(lastNewline + 1))].length;
  return {
    offset: start.offset + Buffer.byteLength(before),
    line: start.line + lines,
    column: lastNewline === -1 ? start.column + columns : 1 + columns,
  };
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
