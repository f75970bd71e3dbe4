// The one structure every check reports through; it feeds the terminal, CI annotations and the PR review.
import type { PathSegment } from '../model/source.ts';

export type Severity = 'error' | 'warning';

export interface Finding {
  rule: string;
  severity: Severity;
  /** POSIX path relative to the repository root. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  tip: string;
}

/**
 * A finding before positions are known: the node is named by its path in the parsed data,
 * and `locateReports` turns that into line and column with the full-fidelity parse.
 */
export interface Report {
  rule: string;
  severity: Severity;
  file: string;
  /** Path of the offending node in the file's data; [] for the whole file. */
  at?: readonly PathSegment[];
  /** Point at the key of a map entry rather than its value. */
  part?: 'key' | 'value';
  message: string;
  tip: string;
}

/** What a rule hands to its report callback; the runner adds the rule's id and severity. */
export type RuleReport = Omit<Report, 'rule' | 'severity'>;

/** The rule id of a finding that says a rule itself failed (a bug in the checks, not in the data). */
export const INTERNAL_RULE = 'internal';

export function internalReport(file: string, ruleId: string, error: unknown): Report {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    rule: INTERNAL_RULE,
    severity: 'error',
    file,
    at: [],
    message: `the check "${ruleId}" failed: ${reason.split('\n')[0]}`,
    tip: 'This is a bug in the checks, not necessarily in the data: please report it with the file that triggers it.',
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
