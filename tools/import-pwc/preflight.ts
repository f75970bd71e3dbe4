// Runs the validator's rules on the layout before anything is written, and takes out the rows and values they reject.
// The rules decide (percent-as-fraction, duplicate models, ...), so the importer never disagrees with `pwc validate`.
import { checkSchema } from '../model/check-schema.ts';
import type { PathSegment } from '../model/source.ts';
import { buildRepository, type ValidFile } from '../model/repository.ts';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { fileRules } from '../checks/catalog.ts';
import { checkRepository } from '../checks/check-repository.ts';
import type { Report } from '../checks/finding.ts';
import { skipValue } from './benchmark-decision.ts';
import type { Layout, OutputFile, ResultGroup } from './layout.ts';
import type { Skipped } from './report.ts';

/** How many times the rules run at most: each round only removes data, so this is reached only on a bug. */
const MAX_ROUNDS = 8;

/** What the output folder already holds, as the pre-flight needs it. */
export interface ExistingFolder {
  /** Valid files at paths we do not write, and the existing version of files kept as conflicts. */
  others: Map<string, ValidFile>;
  /** Paths we would write but whose existing file (with other content) is kept. */
  kept: ReadonlySet<string>;
  /** Existing files at the paths of our result files: not read unless a group of ours leaves the path. */
  resultPaths: ReadonlySet<string>;
  load(path: string): ValidFile | undefined;
}

export interface PreflightResult {
  groups: ResultGroup[];
  /** Errors the pre-flight could not resolve by leaving data out (on files that are not result rows). */
  unresolved: Report[];
}

function validFile(file: OutputFile): ValidFile {
  const ref = classifyPath(file.path);
  if (isPathProblem(ref)) throw new Error(`import-pwc produced an invalid path ${file.path}: ${ref.message}`);
  return { ref, data: file.data };
}

/**
 * Checks our files together with the other files already in the output folder. Where both have a
 * result file, ours is checked, so that what we decide does not depend on what an earlier import
 * left (importing twice must write the same files); other files in `kept` (existing with other
 * content, so kept as they are) are checked in their existing version. An error on a value of one
 * of our result rows takes the value out; an error on anything else in a row takes the row out;
 * both are reported with the rule's message. Repeats until no such error is left.
 */
export function preflight(layout: Layout, files: OutputFile[], folder: ExistingFolder, skip: (s: Skipped) => void): PreflightResult {
  const { others: existing, kept } = folder;
  const fixed: ValidFile[] = [];
  for (const file of files) {
    if (kept.has(file.path)) continue;
    const problems = checkSchema(file.kind, file.data);
    if (problems.length) throw new Error(`import-pwc produced ${file.path} that does not match its schema: ${problems[0].message}`);
    fixed.push(validFile(file));
  }
  const fileReports: Report[] = [];
  for (const file of fixed) {
    for (const rule of fileRules) rule.check(file, (r) => fileReports.push({ ...r, rule: rule.id, severity: rule.severity, file: file.ref.path }));
  }
  let groups = layout.resultGroups();
  for (let round = 0; ; round++) {
    const results: ValidFile[] = [];
    const ours = new Map<string, ResultGroup>();
    for (const group of groups) {
      const file = layout.resultFile(group);
      const problems = checkSchema('result', file.data);
      if (problems.length) throw new Error(`import-pwc produced ${file.path} that does not match its schema: ${problems[0].message}`);
      results.push(validFile(file));
      ours.set(group.path, group);
    }
    const resultReports: Report[] = [];
    for (const file of results) {
      for (const rule of fileRules) rule.check(file, (r) => resultReports.push({ ...r, rule: rule.id, severity: rule.severity, file: file.ref.path }));
    }
    const ourPaths = new Set([...fixed, ...results].map((f) => f.ref.path));
    const others = [...existing.values()];
    // An existing result file where a group of ours was but no longer is: now it is someone else's.
    for (const path of folder.resultPaths) {
      if (ourPaths.has(path)) continue;
      const file = folder.load(path);
      if (file) others.push(file);
    }
    const repo = buildRepository([...others, ...fixed, ...results]);
    const reports = [...fileReports, ...resultReports, ...checkRepository(repo)].filter((r) => r.severity === 'error');
    let changed = false;
    const unresolved: Report[] = [];
    for (const report of reports) {
      const group = ours.get(report.file);
      const at = report.at ?? [];
      if (!group || at[0] !== 'results' || typeof at[1] !== 'number') {
        if (ourPaths.has(report.file)) unresolved.push(report);
        continue;
      }
      changed = takeOut(group, at, report, skip) || changed;
    }
    if (!changed || round + 1 >= MAX_ROUNDS) return { groups: layout.resultGroups(), unresolved };
    groups = layout.resultGroups();
  }
}

/** Takes out what a report points at in a result file: one value, or the row. Returns whether anything changed. */
function takeOut(group: ResultGroup, at: readonly PathSegment[], report: Report, skip: (s: Skipped) => void): boolean {
  const decision = group.rows[at[1] as number];
  if (!decision || decision.skipped) return false;
  const reason = `${report.message} (validator rule ${report.rule})`;
  if (at[2] === 'metrics' && typeof at[3] === 'string') {
    if (!decision.values.some((v) => v.metric === at[3])) return false;
    skipValue(decision, at[3], reason, skip);
    if (decision.values.length === 0) decision.skipped = `no metric value of the row could be taken (the last one was taken out: ${reason})`;
    return true;
  }
  decision.skipped = reason;
  return true;
}
