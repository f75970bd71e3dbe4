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
 * What a rule reports before positions are known: the node is named by its path in the
 * parsed data, and the runner turns that into line and column with the full-fidelity parse.
 */
export interface Report {
  file: string;
  /** Path of the offending node in the file's data; [] for the whole file. */
  at?: readonly PathSegment[];
  /** Point at the key of a map entry rather than its value. */
  part?: 'key' | 'value';
  message: string;
  tip: string;
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
