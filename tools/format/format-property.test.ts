// Property test: many random valid documents of every kind, written in random styles with comments, format losslessly and idempotently.
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../model/check-schema.ts';
import type { FileKind } from '../model/schemas.ts';
import { parseSource } from '../model/source.ts';
import { sortIdLists } from './canonical-form.ts';
import { formatSource, isFormatProblem } from './format-source.ts';
import { commentsOf, sameData } from './lossless.ts';
import { stringifyData } from './stringify-data.ts';
import { Random, randomData, randomSource, withUnknownKeys } from './test-support/random-data.ts';

const KINDS: FileKind[] = ['areas', 'task', 'dataset', 'method', 'paper', 'result'];
const PER_KIND = 250;

function formatted(kind: FileKind, text: string): string {
  const result = formatSource(kind, text);
  if (isFormatProblem(result)) throw new Error(`not formatted: ${JSON.stringify(result.problems)}\n--- source ---\n${text}`);
  return result.text;
}

describe.each(KINDS)('formatting random %s files', (kind) => {
  it(`keeps data and comments, and is idempotent (${PER_KIND} seeded documents)`, () => {
    let emitterMismatches = 0;
    const r = new Random(0x5eed + kind.length * 7919 + kind.charCodeAt(0));
    for (let i = 0; i < PER_KIND; i++) {
      const unknown = r.chance(0.2);
      const data = unknown ? withUnknownKeys(randomData(kind, r), r) : randomData(kind, r);
      if (!unknown) expect(checkSchema(kind, data), 'the generator makes valid data').toEqual([]);
      const source = randomSource(data, r);
      const before = parseSource(source.text.replace(/^\uFEFF/, ''));
      expect(before.problems, 'the random source is valid YAML').toEqual([]);
      if (!sameData(before.data, data)) {
        // `yaml` wrote a text that js-yaml (the validator's parser) reads otherwise, e.g. 0b101 plain.
        emitterMismatches++;
        continue;
      }

      const out = formatted(kind, source.text);
      const after = parseSource(out);
      expect(after.data, `same data after formatting:\n${source.text}\n=>\n${out}`).toEqual(sortIdLists(kind, data));
      if (!unknown) expect(checkSchema(kind, after.data)).toEqual([]);
      // Every comment survives (the random source writes exactly these).
      const kept = commentsOf(out).join('\n');
      for (const c of source.comments) expect(kept).toContain(`#${c.trimEnd()}`);
      expect(commentsOf(out)).toEqual(commentsOf(source.text));

      expect(out.includes('\r')).toBe(false);
      expect(out.charCodeAt(0)).not.toBe(0xfeff);
      expect(out.endsWith('\n') && !out.endsWith('\n\n')).toBe(true);
      const again = formatSource(kind, out);
      expect(again, `idempotent:\n${out}`).toEqual({ text: out, changed: false });

      // New files are written in the same canonical form.
      const fresh = stringifyData(kind, data);
      expect(formatSource(kind, fresh)).toEqual({ text: fresh, changed: false });
    }
    expect(emitterMismatches).toBeLessThan(PER_KIND / 20);
  });
});
