// Finds where a value sits in a JSON text, by its path (keys and indexes): used only to place shape errors.

export type JsonPath = readonly (string | number)[];

/**
 * The character index of the value at `path` in `text` (valid JSON). When the path goes further
 * than the text (a missing key), the index of the deepest value found is returned.
 */
export function locateInJson(text: string, path: JsonPath): number {
  let i = skipSpace(text, 0);
  for (const segment of path) {
    const found = typeof segment === 'number' ? findIndex(text, i, segment) : findKey(text, i, segment);
    if (found === -1) return i;
    i = found;
  }
  return i;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** Index just after the string that starts at `i` (a quote). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

/** Index just after the value that starts at `i`. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c !== '{' && c !== '[') {
    let j = i;
    while (j < text.length && !',]} \n\r\t'.includes(text[j])) j++;
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text[j];
    if (d === '"') j = skipString(text, j) - 1;
    else if (d === '{' || d === '[') depth++;
    else if (d === '}' || d === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

function findKey(text: string, i: number, key: string): number {
  if (text[i] !== '{') return -1;
  let j = skipSpace(text, i + 1);
  while (j < text.length && text[j] === '"') {
    const end = skipString(text, j);
    const name = JSON.parse(text.slice(j, end)) as string;
    j = skipSpace(text, end);
    j = skipSpace(text, j + 1); // the colon
    if (name === key) return j;
    j = skipSpace(text, skipValue(text, j));
    if (text[j] !== ',') return -1;
    j = skipSpace(text, j + 1);
  }
  return -1;
}

function findIndex(text: string, i: number, index: number): number {
  if (text[i] !== '[') return -1;
  let j = skipSpace(text, i + 1);
  for (let k = 0; j < text.length && text[j] !== ']'; k++) {
    if (k === index) return j;
    j = skipSpace(text, skipValue(text, j));
    if (text[j] !== ',') return -1;
    j = skipSpace(text, j + 1);
  }
  return -1;
}
