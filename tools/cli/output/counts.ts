// What every output format says first: how many errors and warnings, in a stable wording.
import type { Finding } from '../../checks/finding.ts';
import { count } from '../../model/count.ts';

export interface Counts {
  errors: number;
  warnings: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  return { errors, warnings: findings.length - errors };
}

export function describeCounts({ errors, warnings }: Counts): string {
  if (errors === 0 && warnings === 0) return 'no errors, no warnings';
  return `${count(errors, 'error')}, ${count(warnings, 'warning')}`;
}

/** Data from a pull request reaches terminals and logs: control characters (escape sequences) are replaced. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd').replace(/\n/g, ' ');
}
