// The shape of a `pwc` command: argument parsing and wiring only; the work lives in the stages.
import type { parseArgs, ParseArgsConfig } from 'node:util';

export const EXIT_OK = 0;
/** Findings of severity error, or a check that failed. */
export const EXIT_FINDINGS = 1;
/** Usage or internal error. */
export const EXIT_USAGE = 2;

export type Options = NonNullable<ParseArgsConfig['options']>;

/** One argument as parsed, in command-line order (an option with its value, or a positional). */
export type ArgToken = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

export interface CommandContext {
  /** Repository root: --root, default the current directory. */
  root: string;
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  /** The arguments in order, for commands whose positionals belong to the option before them. */
  tokens?: ArgToken[];
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** A command as `pwc --help` lists it; its implementation is loaded when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/** What a command takes and does. */
export interface Command {
  /** The usage line after `pwc <name>`. */
  usage: string;
  options: Options;
  allowPositionals?: boolean;
  /** The text of `--help` for these positionals (e.g. `pwc new paper --help`); undefined: the summary and usage. */
  help?(positionals: string[]): string | undefined;
  /** More of `--help` after the summary and usage: what the arguments may be (e.g. `pwc import-pwc`'s formats). */
  details?: string;
  run(ctx: CommandContext): Promise<number>;
}

/** Thrown for bad arguments; main prints the message and the usage, and exits 2. */
export class UsageError extends Error {}
