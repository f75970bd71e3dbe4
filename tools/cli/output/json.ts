// `--format json`: the findings as one JSON document, {"errors", "warnings", "findings": [...]}, for tools.
import type { Finding } from '../../checks/finding.ts';
import { countFindings } from './counts.ts';

export interface JsonReport {
  errors: number;
  warnings: number;
  findings: Pick<Finding, 'rule' | 'severity' | 'file' | 'line' | 'column' | 'message' | 'tip'>[];
}

export function toJsonReport(findings: readonly Finding[]): JsonReport {
  return {
    ...countFindings(findings),
    // Exactly these keys, in this order, whatever else a finding object carries.
    findings: findings.map(({ rule, severity, file, line, column, message, tip }) => ({ rule, severity, file, line, column, message, tip })),
  };
}

export function formatJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(toJsonReport(findings), null, 2)}\n`;
}
