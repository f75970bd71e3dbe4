// The import report: what was imported, and every row, value or entity that was not, with where it came from and why.
import { count } from '../model/count.ts';
import type { DumpKind } from './dump-shapes.ts';

export const REPORT_VERSION = 1;

/** Where something came from in the dumps. Rows are 0-based indexes into `sota.rows`. */
export interface Origin {
  file: string;
  /** JSON path within the dump, e.g. "[3].subtasks[0].datasets[1].sota.rows[7]". */
  at?: string;
  task?: string;
  dataset?: string;
  row?: number;
  model?: string;
}

export type SkippedKind = 'row' | 'value' | 'field' | 'metric' | 'benchmark' | 'task' | 'dataset' | 'paper' | 'method' | 'link' | 'reference';

/** Something not taken into the layout. */
export interface Skipped extends Origin {
  kind: SkippedKind;
  /** The metric, field or entity name concerned. */
  name?: string;
  /** The value as the dump wrote it, for values. */
  value?: unknown;
  reason: string;
}

/** Something taken, but changed or decided on the way (a renamed id, a date from an arXiv id, a default area). */
export interface Note {
  kind: 'id' | 'date' | 'area' | 'metric';
  /** The path of the file concerned. */
  path: string;
  note: string;
}

/** A field of the dumps that the layout has no place for: counted, not listed one by one. */
export interface IgnoredField {
  field: string;
  count: number;
  reason: string;
}

export interface Conflict {
  path: string;
  reason: string;
}

export interface Counts {
  areas: number;
  tasks: number;
  datasets: number;
  benchmarks: number;
  methods: number;
  papers: number;
  /** Sources that are not papers (leaderboards credited with rows that name no paper). */
  sources: number;
  resultFiles: number;
  rows: number;
  values: number;
}

export interface ImportReport {
  version: number;
  inputs: { file: string; kind: DumpKind; entries: number }[];
  imported: Counts;
  /** Every result row of the evaluation tables: imported + reported = total. */
  rows: { total: number; imported: number; reported: number };
  /** Every metric value of those rows (values of reported rows count as reported). */
  values: { total: number; imported: number; reported: number };
  /** Entries of the papers and links dumps that matched no imported paper: counted by dump. */
  unmatched: { file: string; kind: DumpKind; entries: number; reason: string }[];
  skipped: Skipped[];
  notes: Note[];
  ignoredFields: IgnoredField[];
  /** Files that already existed in the output folder with other content: kept as they were. */
  conflicts: Conflict[];
  /** `pwc validate` on the output folder after the import, counted by rule. */
  validation: { errors: number; warnings: number; byRule: Record<string, number> };
}

/** Counts of each reason, most frequent first (ties by reason), for the summary. */
function tally<T>(items: readonly T[], key: (item: T) => string): [string, number, T][] {
  const counts = new Map<string, [number, T]>();
  for (const item of items) {
    const k = key(item);
    const c = counts.get(k);
    if (c) c[0]++;
    else counts.set(k, [1, item]);
  }
  return [...counts].map(([k, [n, first]]) => [k, n, first] as [string, number, T]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function where(s: Skipped): string {
  const parts = [s.file];
  if (s.task) parts.push(`task "${s.task}"`);
  if (s.dataset) parts.push(`dataset "${s.dataset}"`);
  // `row` is an index into the dump's rows; people count from 1.
  if (s.row !== undefined) parts.push(`row ${s.row + 1}`);
  if (s.name) parts.push(`"${s.name}"`);
  if (s.value !== undefined) parts.push(`value ${JSON.stringify(s.value)}`);
  return parts.join(', ');
}

function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;');
}

/** The readable summary (import-report.md): counts, then what was left out grouped by reason with an example each. */
export function renderSummary(report: ImportReport): string {
  const out: string[] = ['# Papers With Code import', ''];
  out.push('| input | kind | entries |', '| --- | --- | ---: |');
  for (const input of report.inputs) out.push(`| ${escapeCell(input.file)} | ${input.kind} | ${input.entries} |`);
  out.push('', '## Imported', '', '| kind | count |', '| --- | ---: |');
  const c = report.imported;
  const rows: [string, number][] = [
    ['areas', c.areas], ['tasks', c.tasks], ['datasets', c.datasets], ['benchmarks', c.benchmarks], ['methods', c.methods],
    ['papers', c.papers], ['sources', c.sources], ['result files', c.resultFiles], ['result rows', c.rows], ['metric values', c.values],
  ];
  for (const [kind, n] of rows) out.push(`| ${kind} | ${n} |`);
  out.push(
    '',
    `Result rows: ${report.rows.total} in the evaluation tables = ${report.rows.imported} imported + ${report.rows.reported} reported.`,
    `Metric values: ${report.values.total} = ${report.values.imported} imported + ${report.values.reported} reported.`,
  );
  out.push('', `Validation of the output (pwc validate): ${count(report.validation.errors, 'error')}, ${count(report.validation.warnings, 'warning')}.`);
  const rules = Object.entries(report.validation.byRule).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (rules.length) out.push('', '| rule | findings |', '| --- | ---: |', ...rules.map(([rule, n]) => `| ${rule} | ${n} |`));
  if (report.conflicts.length) {
    out.push('', `## Conflicts (${report.conflicts.length})`, '', 'These files already existed with other content and were kept as they were:', '');
    for (const conflict of report.conflicts.slice(0, 50)) out.push(`- ${conflict.path}: ${conflict.reason}`);
    if (report.conflicts.length > 50) out.push(`- ... and ${report.conflicts.length - 50} more (see import-report.json)`);
  }
  if (report.skipped.length) {
    out.push('', `## Not imported (${report.skipped.length})`, '', 'Every entry is listed in import-report.json; here by kind and reason, with one example.', '');
    out.push('| kind | reason | count | example |', '| --- | --- | ---: | --- |');
    for (const [, n, first] of tally(report.skipped, (s) => `${s.kind}\0${s.reason}`)) {
      out.push(`| ${first.kind} | ${escapeCell(first.reason)} | ${n} | ${escapeCell(where(first))} |`);
    }
  }
  if (report.unmatched.length) {
    out.push('', '## Dump entries no imported paper needed', '');
    for (const u of report.unmatched) out.push(`- ${u.file}: ${u.entries} ${u.reason}`);
  }
  if (report.notes.length) {
    out.push('', `## Decisions (${report.notes.length})`, '', '| kind | count | example |', '| --- | ---: | --- |');
    for (const [, n, first] of tally(report.notes, (note) => note.kind)) out.push(`| ${first.kind} | ${n} | ${escapeCell(`${first.path}: ${first.note}`)} |`);
  }
  if (report.ignoredFields.length) {
    out.push('', '## Fields with no place in the layout', '', '| field | entries | why |', '| --- | ---: | --- |');
    for (const f of report.ignoredFields) out.push(`| ${escapeCell(f.field)} | ${f.count} | ${escapeCell(f.reason)} |`);
  }
  return `${out.join('\n')}\n`;
}
