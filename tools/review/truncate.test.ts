// Cutting a report to its caps and its size: totals kept, the start of each list kept, nothing cut needlessly.
import { describe, expect, it } from 'vitest';
import { parseReport } from './report.ts';
import { LIST_CAPS, REPORT_SCHEMA_VERSION, type ResultChange } from './report-schema.ts';
import { boundedReport, type FullReport } from './truncate.ts';

const sha = 'a'.repeat(40);
const file = (i: number) => `data/papers/2020/p-${String(i).padStart(6, '0')}.yaml`;

function full(n: number, changes = 1): FullReport {
  const change = (i: number): ResultChange => ({ change: 'added', resultSet: 't/d/p', file: file(i), paper: 'p', model: `M${i}`, old: null, new: { metrics: { Acc: i }, rank: i + 1 }, newSota: false, margin: null });
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    base: { ref: 'main', sha },
    head: { ref: 'HEAD', sha },
    status: 'fail',
    summary: { errors: n, warnings: 0, alreadyOnBase: 0, filesChecked: n, newSota: 0, suspicious: 0 },
    findings: Array.from({ length: n }, (_, i) => ({ rule: 'unknown-reference', severity: 'error' as const, file: file(i), line: 1, column: 1, message: `no task x-${i}`.padEnd(300, '.'), tip: 'name a task', origin: 'pull-request' as const })),
    fixes: [],
    leaderboards: [{ id: 't/d', task: 't', dataset: 'd', metric: { name: 'Acc', direction: 'higher' }, previousBest: null, best: null, changes: Array.from({ length: changes }, (_, i) => change(i)) }],
    entities: Array.from({ length: n }, (_, i) => ({ kind: 'paper' as const, id: `p-${i}`, path: file(i), change: 'added' as const })),
    pages: [],
    suspicious: [],
  };
}

const written = (report: unknown) => Buffer.byteLength(`${JSON.stringify(report, null, 2)}\n`);

describe('boundedReport', () => {
  it('returns a report within the caps unchanged (the same object)', () => {
    const small = full(10);
    expect(boundedReport(small)).toBe(small);
  });

  it('cuts each list to its cap and a board\'s changes to theirs, keeping their totals and their start', () => {
    const big = full(7000, 2500);
    const report = boundedReport(big);
    expect(report.truncated).toEqual({ findings: 7000, entities: 7000 });
    expect(report.findings).toEqual(big.findings.slice(0, LIST_CAPS.findings));
    expect(report.entities).toEqual(big.entities.slice(0, LIST_CAPS.entities));
    expect(report.leaderboards[0].changes).toHaveLength(LIST_CAPS.changes);
    expect(report.leaderboards[0].totalChanges).toBe(2500);
    expect(report.summary).toEqual(big.summary);
    expect(parseReport(JSON.stringify(report)).error).toBeUndefined();
  });

  it('halves the largest lists until the written report fits its size limit', () => {
    const report = boundedReport(full(4000), 400_000);
    expect(written(report)).toBeLessThanOrEqual(400_000);
    // The findings (long messages) lost the most.
    expect(report.truncated?.findings).toBe(4000);
    expect(report.findings.length).toBeLessThan(report.entities.length);
    expect(report.findings).toEqual(full(4000).findings.slice(0, report.findings.length));
    expect(written(report)).toBeGreaterThan(200_000);
    expect(parseReport(JSON.stringify(report)).error).toBeUndefined();
  });
});
