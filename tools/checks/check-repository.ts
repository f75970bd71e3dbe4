// Runs the rules that compare files across the repository, and places their reports in the files.
import type { Repository } from '../model/repository.ts';
import { repositoryRules } from './catalog.ts';
import { locateInText } from './check-file.ts';
import { compareFindings, internalReport, type Finding, type Report } from './finding.ts';
import type { CheckContext, RepositoryRule } from './rule.ts';

/** Where a failure of a whole-repository rule is reported: it belongs to no single file. */
export const REPOSITORY_FILE = 'data';

/**
 * Every repository rule over the schema-valid entities. A rule that throws becomes an `internal`
 * finding naming it; the other rules still run. `context.today` should be given by the caller
 * (the CLI passes the current date); without it, date rules report nothing. `rules` is for tests.
 */
export function checkRepository(repo: Repository, context: CheckContext = {}, rules: readonly RepositoryRule[] = repositoryRules): Report[] {
  const out: Report[] = [];
  for (const rule of rules) {
    const mine: Report[] = [];
    try {
      rule.check(repo, (r) => mine.push({ ...r, rule: rule.id, severity: rule.severity }), context);
      // Not push(...mine): spreading 100,000+ reports overflows the stack and would read as the rule failing.
      for (const r of mine) out.push(r);
    } catch (error) {
      // What the rule reported before failing may be incomplete; report only the failure.
      out.push(internalReport(REPOSITORY_FILE, rule.id, error));
    }
  }
  return out;
}

/**
 * Turns reports into findings with line and column: each file with reports is parsed once with
 * the full-fidelity parser. `readText` gives a file's text (undefined: positions fall back to 1:1).
 */
export function locateReports(reports: readonly Report[], readText: (path: string) => string | undefined): Finding[] {
  const byFile = new Map<string, Report[]>();
  for (const r of reports) {
    const list = byFile.get(r.file);
    if (list) list.push(r);
    else byFile.set(r.file, [r]);
  }
  const findings: Finding[] = [];
  for (const [file, list] of byFile) {
    const needsText = list.some((r) => r.at && r.at.length > 0);
    for (const f of locateInText(list, needsText ? readText(file) : undefined)) findings.push(f);
  }
  return findings.sort(compareFindings);
}
