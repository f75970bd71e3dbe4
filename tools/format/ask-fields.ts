// Asks, in a terminal, for the fields of a new file that the flags did not give.
import { createInterface } from 'node:readline/promises';
import type { FieldSpec, FieldValues } from './new-file.ts';

/** Thrown when the input ends before every question has an answer. */
export class InputEnded extends Error {}

/**
 * Asks for each field in turn, again when an answer fails the field's check; a list field takes
 * answers until an empty one. Prompts go to `output`; answers are read line by line from `input`
 * (lines typed ahead are kept, not lost).
 */
export async function askFields(specs: FieldSpec[], input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<FieldValues> {
  // terminal: false leaves echo and line editing to the terminal itself.
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string> => {
    output.write(prompt);
    const next = await lines.next();
    if (next.done) throw new InputEnded(`the input ended before an answer to "${prompt.trim()}"`);
    return next.value.trim();
  };
  const values: FieldValues = {};
  try {
    for (const spec of specs) {
      const answers: string[] = [];
      for (;;) {
        const more = spec.multiple && answers.length > 0;
        const answer = await ask(more ? `${spec.label} (another one, or Enter to finish): ` : `${spec.label}: `);
        if (answer === '') {
          if (more || !spec.required) break;
          output.write(`  ${spec.label} is required.\n`);
          continue;
        }
        const wrong = spec.check?.(answer);
        if (wrong) {
          output.write(`  ${spec.label} ${wrong}.\n`);
          continue;
        }
        answers.push(answer);
        if (!spec.multiple) break;
      }
      if (answers.length > 0) values[spec.flag] = spec.multiple ? answers : answers[0];
    }
  } finally {
    rl.close();
  }
  return values;
}
