// `pwc import-pwc`: imports the Papers With Code archive dumps into --out; argument parsing and wiring only.
import { relative, resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type ArgToken, type Command } from '../command.ts';
import { count } from '../../model/count.ts';
import { DumpError } from '../../import-pwc/dump-reader.ts';
import { importPwc, REPORT_JSON, REPORT_SUMMARY } from '../../import-pwc/import.ts';
import { PlainProgress, TerminalProgress } from '../../import-pwc/progress.ts';

const DUMPS = ['evaluation-tables', 'papers', 'links', 'datasets', 'methods'] as const;
type Dump = (typeof DUMPS)[number];

/**
 * The files given for each dump. A file after an option's own value belongs to that option
 * ("--papers train-*.parquet" gives every shard to --papers); before any dump option, to the
 * evaluation tables.
 */
function filesByDump(tokens: ArgToken[]): Record<Dump, string[]> {
  const files = Object.fromEntries(DUMPS.map((d) => [d, [] as string[]])) as Record<Dump, string[]>;
  let current: Dump = 'evaluation-tables';
  for (const token of tokens) {
    if (token.kind === 'option' && (DUMPS as readonly string[]).includes(token.name)) {
      current = token.name as Dump;
      if (token.value === undefined || token.value === '') throw new UsageError(`--${current} needs a file`);
      files[current].push(resolve(token.value));
    } else if (token.kind === 'option') {
      current = 'evaluation-tables';
    } else if (token.kind === 'positional') {
      files[current].push(resolve(token.value));
    }
  }
  return files;
}

const USAGE = '--out DIR --evaluation-tables FILE... [--papers FILE...] [--links FILE...] [--datasets FILE...] [--methods FILE...]';

const DETAILS = `Each FILE is a dump as JSON (.json), gzipped JSON (.json.gz) or Parquet (.parquet), recognised by
its bytes. A dump in several files (the Hub's Parquet shards, data/train-00000-of-00002.parquet
...) is given as all of them after its option: --papers papers/data/train-*.parquet. The archive
is served as Parquet on the Hugging Face Hub in the pwc-archive datasets evaluation-tables,
papers-with-abstracts, links-between-paper-and-code, methods and datasets (each under data/).

  --out DIR                 the layout goes to DIR/data/, the report to DIR/import-report.{json,md}
  --evaluation-tables FILE  evaluation-tables (required)
  --papers FILE             papers-with-abstracts: enriches the papers the tables name
  --links FILE              links-between-papers-and-code: code links of those papers
  --datasets FILE           datasets: the dataset catalogue
  --methods FILE            methods: the method catalogue

Exit code 0 when the output validates, 1 when a dump cannot be read (nothing is written) or the
output has validation errors, 2 for usage errors.
`;

export const importPwcCommand: Command = {
  usage: USAGE,
  options: {
    out: { type: 'string' },
    'evaluation-tables': { type: 'string', multiple: true },
    papers: { type: 'string', multiple: true },
    links: { type: 'string', multiple: true },
    datasets: { type: 'string', multiple: true },
    methods: { type: 'string', multiple: true },
  },
  allowPositionals: true,
  details: DETAILS,
  async run({ values, tokens, stdout, stderr }) {
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out DIR is required');
    const files = filesByDump(tokens ?? []);
    if (files['evaluation-tables'].length === 0) throw new UsageError('--evaluation-tables FILE... is required');
    const out = resolve(values.out);
    const write = (text: string) => void stderr.write(text);
    const progress = (stderr as NodeJS.WriteStream).isTTY && !process.env.CI ? new TerminalProgress(write) : new PlainProgress(write);
    let outcome;
    try {
      outcome = await importPwc({
        out,
        evaluationTables: files['evaluation-tables'],
        papers: files.papers,
        links: files.links,
        datasets: files.datasets,
        methods: files.methods,
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
