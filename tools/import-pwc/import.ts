// `pwc import-pwc`: reads the dumps, decides the layout, checks it with the validator's rules, writes it and the report.
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { validate } from '../checks/validate.ts';
import { count } from '../model/count.ts';
import { sameData } from '../format/lossless.ts';
import { stringifyData } from '../format/stringify-data.ts';
import { listDataFiles, readValidFile, type ValidFile } from '../model/repository.ts';
import { Archive } from './archive.ts';
import { readDatasets, readLinks, readMethods, readPapers } from './catalog-dumps.ts';
import type { ReadOptions } from './dump-reader.ts';
import { readEvaluationTables } from './evaluation-tables.ts';
import { collectGarbage } from './heap.ts';
import { Layout, type OutputFile, type ResultGroup } from './layout.ts';
import { loadDirectionTable, MetricDirections } from './metric-direction.ts';
import { writeOutput, writeWhole } from './output.ts';
import { preflight, type ExistingFolder } from './preflight.ts';
import { silentProgress, type Progress } from './progress.ts';
import { REPORT_VERSION, renderSummary, type ImportReport } from './report.ts';

export const REPORT_JSON = 'import-report.json';
export const REPORT_SUMMARY = 'import-report.md';

export interface ImportOptions {
  /** The output folder: the layout goes to <out>/data, the report to <out>/import-report.{json,md}. */
  out: string;
  evaluationTables: string[];
  /** The other dumps: one file each, or the shards of one (Parquet files as the Hub serves them), read in order. */
  papers?: string | string[];
  links?: string | string[];
  datasets?: string | string[];
  methods?: string | string[];
  progress?: Progress;
  directions?: MetricDirections;
  /** Today as YYYY-MM-DD for the validator's date rules (default: the current date). */
  today?: string;
}

export interface ImportOutcome {
  report: ImportReport;
  /** Files written now, and files that were already there with the same content. */
  created: number;
  unchanged: number;
}

/** What `pwc validate` says of the output folder, counted. */
async function validationOf(root: string, today: string | undefined): Promise<NonNullable<ImportReport['validation']>> {
  // One thread: worker threads would each hold their own copy of the tools, and memory is what the import is held to.
  const { findings } = await validate({ root, cache: false, today, workers: 1 });
  const byRule: Record<string, number> = {};
  for (const f of findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    byRule: Object.fromEntries(Object.entries(byRule).sort((a, b) => (a[0] < b[0] ? -1 : 1))),
  };
}

/**
 * Imports the dumps into `options.out`. Throws a DumpError (naming file and position) when a dump
 * cannot be read; nothing is written then. Reading is streamed: memory holds the evaluation
 * tables' content and the papers they name, never a whole dump; and all of it is let go before
 * the output is validated.
 */
export async function importPwc(options: ImportOptions): Promise<ImportOutcome> {
  const out = resolve(options.out);
  const progress = options.progress ?? silentProgress;
  const { report: imported, created, unchanged } = await importFiles(out, options, progress);
  progress.step('validating the output');
  collectGarbage(); // what the import built is garbage now; the validator builds a repository of its own
  const report: ImportReport = { ...imported, validation: await validationOf(out, options.today) };
  await writeWhole(join(out, REPORT_JSON), `${JSON.stringify(report, null, 2)}\n`);
  await writeWhole(join(out, REPORT_SUMMARY), renderSummary(report));
  return { report, created, unchanged };
}

/** Reads, decides, checks and writes; returns the report but for the validation of the output. */
async function importFiles(out: string, options: ImportOptions, progress: Progress): Promise<{ report: Omit<ImportReport, 'validation'>; created: number; unchanged: number }> {
  const archive = new Archive();
  const read = async (label: string, file: string, reader: (a: Archive, f: string, o: ReadOptions) => Promise<void>) => {
    progress.start(`${label} ${basename(file)}`);
    await reader(archive, file, { onProgress: (u) => progress.update(u) });
    progress.done(archive.inputs[archive.inputs.length - 1].entries);
  };
  for (const file of options.evaluationTables) await read('evaluation tables', file, readEvaluationTables);
  const shards = (files: string | string[] | undefined) => (files === undefined ? [] : [files].flat());
  for (const file of shards(options.datasets)) await read('datasets', file, readDatasets);
  for (const file of shards(options.methods)) await read('methods', file, readMethods);
  for (const file of shards(options.papers)) await read('papers', file, readPapers);
  for (const file of shards(options.links)) await read('links', file, readLinks);

  progress.step('deciding ids and files');
  const layout = new Layout(archive, options.directions ?? new MetricDirections(loadDirectionTable()));
  const files = layout.files();
  progress.step('checking the layout with the validator\'s rules');
  const groups = await checkLayout(out, layout, files, archive);
  const results = groups.map((g) => layout.resultFile(g));
  collectGarbage(); // the pre-flight's repositories and reports

  progress.step(`writing ${count(files.length + results.length, 'file')}`);
  const all: OutputFile[] = [...files, ...results].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const outcome = await writeOutput(out, all.map((f) => ({ path: f.path, text: () => stringifyData(f.kind, f.data, f.printedRows) })));

  // Every row is either in a written result file or reported; rows of a file kept as a conflict are reported.
  const conflicted = new Set(outcome.conflicts.map((c) => c.path));
  const unread = archive.unreadRowValues.reduce((n, v) => n + v, 0);
  const rows = { total: archive.unreadRowValues.length, imported: 0, reported: archive.unreadRowValues.length };
  const values = { total: unread, imported: 0, reported: unread };
  const inFile = new Map(groups.flatMap((g) => g.rows.map((r) => [r, g.path] as const)));
  for (const benchmark of layout.benchmarks) {
    for (const decision of benchmark.rows) {
      rows.total++;
      values.total += decision.row.values.length;
      const path = inFile.get(decision);
      if (path && conflicted.has(path)) decision.skipped = `${path} already exists with other content and was kept`;
      if (decision.skipped || !path) {
        archive.skip({ kind: 'row', ...decision.row.origin, reason: decision.skipped ?? 'no result file holds it' });
        rows.reported++;
        values.reported += decision.row.values.length;
      } else {
        rows.imported++;
        values.imported += decision.values.length;
        values.reported += decision.listed;
      }
    }
  }
  return {
    report: {
      version: REPORT_VERSION,
      inputs: archive.inputs,
      imported: layout.counts(groups),
      rows,
      values,
      unmatched: archive.unmatched,
      skipped: archive.skipped,
      notes: layout.notes,
      ignoredFields: [...archive.ignored.values()].sort((a, b) => (a.field < b.field ? -1 : 1)),
      conflicts: outcome.conflicts,
    },
    created: outcome.created,
    unchanged: outcome.unchanged,
  };
}

/**
 * The pre-flight check against the files already in the output folder. Files at the paths of our
 * result files are not read (ours is what is checked there); a task, dataset, method or paper file
 * that exists with other data will be kept, so it is the existing version that the check sees.
 * What is read is let go after the check.
 */
async function checkLayout(out: string, layout: Layout, files: OutputFile[], archive: Archive): Promise<ResultGroup[]> {
  const load = (path: string): ValidFile | undefined => readValidFile(path, readFileSync(join(out, path)));
  const ours = new Map(files.map((f) => [f.path, f]));
  const resultPaths = new Set(layout.resultGroups().map((g) => g.path));
  const folder: ExistingFolder = { others: new Map(), kept: new Set(), resultPaths: new Set(), load };
  for (const path of await listDataFiles(out)) {
    if (resultPaths.has(path)) {
      (folder.resultPaths as Set<string>).add(path);
      continue;
    }
    const theirs = load(path);
    const mine = ours.get(path);
    // Same data in canonical form is the same file; other data (or an invalid file) is kept as it is.
    if (mine && theirs && sameData(theirs.data, mine.data)) continue;
    if (mine) (folder.kept as Set<string>).add(path);
    if (theirs) folder.others.set(path, theirs);
  }
  collectGarbage(); // the existing files read and compared
  return preflight(layout, files, folder, (s) => archive.skip(s)).groups;
}
