// The published report schema file is current, and the schema itself is a real constraint.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseReport, REPORT_SCHEMA_PATH, renderReportSchema } from './report.ts';

describe('report schema', () => {
  it('is published at tools/review/report.schema.json exactly as report-schema.ts defines it', async () => {
    expect(await readFile(REPORT_SCHEMA_PATH, 'utf8')).toBe(renderReportSchema());
  });

  it('rejects an empty object (sanity check: the schema constrains something)', () => {
    expect(parseReport('{}').error).toMatch(/required property 'schemaVersion'/);
  });
});
