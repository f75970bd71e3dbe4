// `pwc import-pwc`: imports the Papers With Code archive dumps into --out; argument parsing and wiring only.
import { relative, resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../command.ts';
import { count } from '../../model/count.ts';
import { DumpError } from '../../import-pwc/dump-reader.ts';
import { importPwc, REPORT_JSON, REPORT_SUMMARY } from '../../import-pwc/import.ts';
import { PlainProgress, TerminalProgress } from '../../import-pwc/progress.ts';

function optionalFile(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} needs a file`);
  return resolve(value);
}

export const importPwcCommand: Command = {
  usage: '--out DIR --evaluation-tables FILE... [--papers FILE] [--links FILE] [--datasets FILE] [--methods FILE]',
  options: {
    out: { type: 'string' },
    'evaluation-tables': { type: 'string', multiple: true },
    papers: { type: 'string' },
    links: { type: 'string' },
    datasets: { type: 'string' },
    methods: { type: 'string' },
  },
  allowPositionals: true,
  async run({ values, positionals, stdout, stderr }) {
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out DIR is required');
    // "--evaluation-tables a.json b.json": the files after the first come as positionals.
    const tables = [...((values['evaluation-tables'] as string[] | undefined) ?? []), ...positionals];
    if (tables.length === 0) throw new UsageError('--evaluation-tables FILE... is required');
    const out = resolve(values.out);
    const write = (text: string) => void stderr.write(text);
    const progress = (stderr as NodeJS.WriteStream).isTTY && !process.env.CI ? new TerminalProgress(write) : new PlainProgress(write);
    let outcome;
    try {
      outcome = await importPwc({
        out,
        evaluationTables: tables.map((t) => resolve(t)),
        papers: optionalFile(values.papers, 'papers'),
        links: optionalFile(values.links, 'links'),
        datasets: optionalFile(values.datasets, 'datasets'),
        methods: optionalFile(values.methods, 'methods'),
        progress,
      });
    } catch (error) {
      if (!(error instanceof DumpError)) throw error;
      stderr.write(`pwc import-pwc: ${error.message}\nNothing was written.\n`);
      return EXIT_FINDINGS;
    }
    const { report, created, unchanged } = outcome;
    const shown = relative(process.cwd(), out) || '.';
    const c = report.imported;
    stdout.write(
      `imported into ${shown}/: ${count(c.tasks, 'task')}, ${count(c.datasets, 'dataset')} (${count(c.benchmarks, 'benchmark')}), ${count(c.methods, 'method')}, ${count(c.papers, 'paper')}, ${count(c.sources, 'source')}, ` +
        `${count(c.rows, 'result row')} in ${count(c.resultFiles, 'file')}\n` +
        `rows: ${report.rows.total} = ${report.rows.imported} imported + ${report.rows.reported} reported; ` +
        `values: ${report.values.total} = ${report.values.imported} imported + ${report.values.reported} reported\n` +
        `files: ${created} written, ${unchanged} already there, ${count(report.conflicts.length, 'conflict')} (existing files kept)\n` +
        `validation: ${count(report.validation.errors, 'error')}, ${count(report.validation.warnings, 'warning')}\n` +
        `report: ${shown}/${REPORT_SUMMARY} and ${shown}/${REPORT_JSON}\n`,
    );
    return report.validation.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
