// The import's report for a person: what was read, what is added where, and everything not placed with its reason.
import { relative } from 'node:path';
import { count } from '../model/count.ts';
import type { ImportOutcome } from './import.ts';
import type { Unplaced } from './place.ts';

const FORMAT_NAMES = { 'model-index': 'model-index', 'model-card': 'model card', 'eval-results': '.eval_results' } as const;

/** The report's text; `cwd` makes the zoo files' paths short. */
export function importReport(outcome: ImportOutcome, options: { cwd: string; dryRun?: boolean }): string {
  // Short paths below the working folder; absolute ones elsewhere.
  const shown = (file: string) => {
    const near = relative(options.cwd, file);
    return near === '' || near.startsWith('..') ? file : near;
  };
  const { plan } = outcome;
  const lines: string[] = [];
  const formats = Object.entries(FORMAT_NAMES)
    .map(([format, name]) => [name, outcome.files.filter((f) => f.format === format).length] as const)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} ${name}`);
  const added = plan.files.reduce((n, f) => n + f.rows.length, 0);
  const wholeUnplaced = plan.unplaced.filter((u) => u.value === undefined).length;
  lines.push(`read ${count(outcome.files.length, 'file')}${formats.length ? ` (${formats.join(', ')})` : ''}: ${count(outcome.entries.length, 'result')}`);
  lines.push(
    `${count(added, 'row')} to add in ${count(plan.files.length, 'file')}, ${plan.alreadyThere.length} already there, ` +
      `${count(wholeUnplaced, 'result')} and ${count(plan.unplaced.length - wholeUnplaced, 'value')} not placed`,
  );
  for (const f of plan.files) {
    lines.push(`  ${f.path}${f.before === undefined ? ' (new)' : ''}: ${f.rows.map((r) => `"${r.row.model}"`).join(', ')}`);
  }
  if (plan.unplaced.length > 0) {
    lines.push('', 'Not placed:');
    for (const u of sortUnplaced(plan.unplaced)) {
      lines.push(`  ${shown(u.entry.file)}: ${u.entry.where}${u.value ? `: ${u.value}` : ''}: ${u.reason}`);
      if (u.tip) lines.push(`    tip: ${u.tip}`);
    }
  }
  if (outcome.problems.length > 0) {
    lines.push('', 'Files not read in full:');
    for (const p of outcome.problems) lines.push(`  ${shown(p.file)}: ${p.message}`);
  }
  const errors = outcome.findings.filter((f) => f.severity === 'error').length;
  lines.push('', `validation of the files it would write: ${count(errors, 'error')}, ${count(outcome.findings.length - errors, 'warning')}`);
  if (outcome.refused) lines.push(`Nothing written: ${outcome.refused}.`);
  else if (options.dryRun) lines.push('Nothing written (--dry-run).');
  else if (outcome.written) lines.push(`Wrote ${count(plan.files.length, 'file')}; run \`pwc validate\` and review the rows before committing.`);
  else lines.push('Nothing to write.');
  return `${lines.join('\n')}\n`;
}

/** Unplaced items in file and entry order (they are found in that order; kept stable). */
function sortUnplaced(items: readonly Unplaced[]): Unplaced[] {
  return [...items].sort((a, b) => (a.entry.file < b.entry.file ? -1 : a.entry.file > b.entry.file ? 1 : 0));
}
