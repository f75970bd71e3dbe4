// Reading a review report as untrusted input (size cap, JSON, schema) and writing the published schema file.
import { createAjv } from '../model/ajv.ts';
import { MAX_REPORT_BYTES, REPORT_SCHEMA_VERSION, reportSchema, type ReviewReport } from './report-schema.ts';

export const REPORT_SCHEMA_PATH = 'tools/review/report.schema.json';

const validateReport = createAjv().compile(reportSchema);

export type ParsedReport = { report: ReviewReport; error?: undefined } | { report?: undefined; error: string };

/** Parses and checks a report; never throws. The error names what is wrong, capped in length. */
export function parseReport(bytes: Uint8Array | string): ParsedReport {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  if (size > MAX_REPORT_BYTES) return { error: `the report is ${size} bytes; at most ${MAX_REPORT_BYTES} are accepted` };
  let data: unknown;
  try {
    data = JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    return { error: `the report is not JSON: ${(error as Error).message.slice(0, 200)}` };
  }
  if (!validateReport(data)) {
    const first = (validateReport.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
    return { error: `the report does not match its schema (version ${REPORT_SCHEMA_VERSION}): ${first.join('; ').slice(0, 1000)}` };
  }
  return { report: data as ReviewReport };
}

/** The schema file's exact bytes (key order from report-schema.ts, so stable). */
export function renderReportSchema(): string {
  return `${JSON.stringify(reportSchema, null, 2)}\n`;
}
