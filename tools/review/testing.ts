// For tests: a small valid review report to vary.
import { parseReport } from './report.ts';
import { REPORT_SCHEMA_VERSION, type ReviewReport } from './report-schema.ts';

/** A valid report of a one-task change that finds nothing, with `extra` fields replaced. */
export function smallReport(extra: Partial<ReviewReport> = {}): ReviewReport {
  const r: ReviewReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    base: { ref: 'main', sha: 'a'.repeat(40) },
    head: { ref: 'HEAD', sha: 'c'.repeat(40) },
    status: 'pass',
    summary: { errors: 0, warnings: 0, alreadyOnBase: 0, filesChecked: 1, newSota: 0, suspicious: 0 },
    findings: [],
    fixes: [],
    leaderboards: [],
    entities: [{ kind: 'task', id: 't', path: 'data/tasks/t.yaml', change: 'changed' }],
    pages: [],
    suspicious: [],
    ...extra,
  };
  const checked = parseReport(JSON.stringify(r));
  if (checked.error) throw new Error(checked.error);
  return r;
}
