// Asks, in a terminal, for the fields of a new file that the flags did not give.
import { createInterface } from 'node:readline/promises';
import type { FieldSpec, FieldValues } from './new-file.ts';

/** Thrown when the input ends before every question has an answer. */
export class InputEnded extends Error {}

/** One question: a field, or one part of it (a result's metric asks once per declared metric). */
export interface Question {
  /** The field the answer fills. */
  flag: string;
  label: string;
  required?: boolean;
  multiple?: boolean;
  /** A yes/no question: "y" sets the field to true. */
  boolean?: boolean;
  /** What is wrong with an answer, or undefined when it is fine (it may take a moment: the validator's own checks). */
  check?: (answer: string) => string | undefined | Promise<string | undefined>;
  /** The value stored for an answer (default: the answer), e.g. "Top 1 Accuracy=84.4" for 84.4. */
  toValue?: (answer: string) => string;
  /** Said when an optional question is skipped: why a reviewer wants the answer. */
  onSkip?: string;
}

/** The questions that fill one field, given the answers so far (default: the field itself). */
export type QuestionsFor = (spec: FieldSpec, values: FieldValues) => Question[];

/** "Venue (e.g. CVPR 2017)" -> "Venue (e.g. CVPR 2017, empty to skip)"; "Notes" -> "Notes (empty to skip)". */
function optional(label: string): string {
  return label.endsWith(')') ? `${label.slice(0, -1)}, empty to skip)` : `${label} (empty to skip)`;
}

/**
 * Asks for each field in turn, again when an answer fails its check; a list field takes answers
 * until an empty one, and a required field split into several questions (a result's metrics) is
 * asked again when every one of them was skipped. Prompts go to `output`; answers are read line by
 * line from `input` (lines typed ahead are kept, not lost).
 */
export async function askFields(specs: FieldSpec[], input: NodeJS.ReadableStream, output: NodeJS.WritableStream, questionsFor: QuestionsFor = (spec) => [spec]): Promise<FieldValues> {
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
      for (;;) {
        const questions = questionsFor(spec, values);
        const answers: string[] = [];
        let yes = false;
        for (const q of questions) {
          if (q.boolean) yes = (await askYesNo(q, ask, output)) || yes;
          else answers.push(...(await askText(q, ask, output, questions.length > 1)));
        }
        if (yes) values[spec.flag] = true;
        if (answers.length > 0) values[spec.flag] = spec.multiple ? answers : answers[0];
        if (!spec.required || yes || answers.length > 0) break;
        output.write(`  ${questions.length > 1 ? `At least one ${spec.flag}` : spec.label} is required.\n`);
      }
    }
  } finally {
    rl.close();
  }
  return values;
}

/** The answers to one text question: none when skipped, several for a list. */
async function askText(q: Question, ask: (prompt: string) => Promise<string>, output: NodeJS.WritableStream, partOfMany: boolean): Promise<string[]> {
  const answers: string[] = [];
  // One of several questions for a required field may be skipped; the field checks that one was answered.
  const required = q.required && !partOfMany;
  for (;;) {
    const more = q.multiple && answers.length > 0;
    const answer = await ask(more ? `${q.label} (another one, or Enter to finish): ` : `${required ? q.label : optional(q.label)}: `);
    if (answer === '') {
      if (!more && !required && q.onSkip) output.write(`  ${q.onSkip}\n`);
      if (more || !required) break;
      output.write(`  ${q.label} is required.\n`);
      continue;
    }
    const wrong = await q.check?.(answer);
    if (wrong) {
      output.write(`  ${q.label} ${wrong.replace(/\.$/, '')}.\n`);
      continue;
    }
    answers.push(q.toValue ? q.toValue(answer) : answer);
    if (!q.multiple) break;
  }
  return answers;
}

async function askYesNo(q: Question, ask: (prompt: string) => Promise<string>, output: NodeJS.WritableStream): Promise<boolean> {
  for (;;) {
    const answer = (await ask(`${q.label}? (y/N): `)).toLowerCase();
    if (answer === '' || answer === 'n' || answer === 'no') return false;
    if (answer === 'y' || answer === 'yes') return true;
    output.write('  Answer y or n.\n');
  }
}
