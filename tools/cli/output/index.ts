// The finding output formats behind `--format`: text (people), json (tools), github (Actions annotations and summary).
import type { Finding } from '../../checks/finding.ts';
import { reportToGithub } from './github.ts';
import { formatJson } from './json.ts';
import { formatPreexisting, formatText } from './text.ts';

export const OUTPUT_FORMATS = ['text', 'json', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(value: unknown): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly unknown[]).includes(value);
}

export interface OutputOptions {
  /** The text of a data file (for code frames); undefined when it cannot be read. */
  readText?: (file: string) => string | undefined;
  /** Where text goes (the command's stdout). */
  write: (text: string) => void;
  /** For github: base URL of docs/rules.md, so the summary links each rule. */
  docsUrl?: string;
  /** With --changed-since: the findings already at `since` (not the change's), listed apart after the others. */
  preexisting?: { findings: readonly Finding[]; since: string };
}

/**
 * Writes findings in a format. `github` makes annotations and the job summary through
 * @actions/core and also writes the text form, so the job log stays readable.
 */
export async function writeFindings(format: OutputFormat, findings: readonly Finding[], options: OutputOptions): Promise<void> {
  switch (format) {
    case 'json':
      options.write(formatJson(findings, options.preexisting?.findings));
      return;
    case 'github':
      await reportToGithub(findings, { docsUrl: options.docsUrl });
      options.write(formatText(findings, { readText: options.readText }) + formatPreexisting(options.preexisting));
      return;
    case 'text':
      options.write(formatText(findings, { readText: options.readText }) + formatPreexisting(options.preexisting));
  }
}
