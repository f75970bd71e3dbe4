// `--format json`: the findings as one JSON document, {"errors", "warnings", "findings": [...]}, for tools
// (and, with --changed-since, "alreadyThere": the findings already at the revision, not counted).
import type { Finding } from '../../checks/finding.ts';
import { countFindings } from './counts.ts';

export interface JsonReport {
  errors: number;
  warnings: number;
  findings: Pick<Finding, 'rule' | 'severity' | 'file' | 'line' | 'column' | 'message' | 'tip'>[];
  /** Present when some findings were already at the --changed-since revision: listed, not counted. */
  alreadyThere?: JsonReport['findings'];
}

// Exactly these keys, in this order, whatever else a finding object carries.
const keysOf = ({ rule, severity, file, line, column, message, tip }: Finding) => ({ rule, severity, file, line, column, message, tip });

export function toJsonReport(findings: readonly Finding[], alreadyThere: readonly Finding[] = []): JsonReport {
  return { ...countFindings(findings), findings: findings.map(keysOf), ...(alreadyThere.length > 0 ? { alreadyThere: alreadyThere.map(keysOf) } : {}) };
}

export function formatJson(findings: readonly Finding[], alreadyThere: readonly Finding[] = []): string {
  return `${JSON.stringify(toJsonReport(findings, alreadyThere), null, 2)}\n`;
}
