// `--format github`: annotations on the pull request's files and a job summary table, through @actions/core.
import * as core from '@actions/core';
import type { Finding } from '../../checks/finding.ts';
import { countFindings, describeCounts, printable } from './counts.ts';

/** GitHub shows at most 10 annotations of each level per step and 50 per job; more only fill the log. */
export const MAX_ANNOTATIONS_PER_LEVEL = 50;
/** A job summary is at most 1 MiB; the table stops well before. */
export const MAX_SUMMARY_ROWS = 1000;

export interface Annotation {
  level: 'error' | 'warning';
  message: string;
  properties: core.AnnotationProperties;
}

export interface GithubOptions {
  /** Base URL of the rule docs (e.g. https://github.com/o/r/blob/main/docs/rules.md); rules link to `#<id>`. */
  docsUrl?: string;
}

/** The annotations to make: the first MAX_ANNOTATIONS_PER_LEVEL findings of each severity. */
export function annotationsOf(findings: readonly Finding[]): Annotation[] {
  const made = { error: 0, warning: 0 };
  const out: Annotation[] = [];
  for (const f of findings) {
    if (made[f.severity]++ >= MAX_ANNOTATIONS_PER_LEVEL) continue;
    out.push({
      level: f.severity,
      message: `${f.message}\nTip: ${f.tip}`,
      properties: { title: `${f.rule} (${f.severity})`, file: f.file, startLine: f.line, endLine: f.line, startColumn: f.column },
    });
  }
  return out;
}

/** The job summary as HTML/Markdown: a heading with the counts and a table of findings (escaped: it is PR data). */
export function summaryOf(findings: readonly Finding[], options: GithubOptions = {}): string {
  const counts = countFindings(findings);
  // core.summary's builder escapes nothing but shapes the HTML; the buffer is only read here, never written to a file.
  const s = core.summary.emptyBuffer();
  s.addHeading(`pwc validate: ${describeCounts(counts)}`, 2);
  if (findings.length === 0) return take(s.addRaw('The data passes every check.', true));
  const rows = findings.slice(0, MAX_SUMMARY_ROWS).map((f) => [
    f.severity,
    options.docsUrl ? `<a href="${escapeHtml(`${options.docsUrl}#${f.rule}`)}">${escapeHtml(f.rule)}</a>` : `<code>${escapeHtml(f.rule)}</code>`,
    `<code>${escapeHtml(`${f.file}:${f.line}:${f.column}`)}</code>`,
    `${escapeHtml(printable(f.message))}<br><em>${escapeHtml(printable(f.tip))}</em>`,
  ]);
  s.addTable([[{ data: 'Severity', header: true }, { data: 'Rule', header: true }, { data: 'Where', header: true }, { data: 'Finding and tip', header: true }], ...rows]);
  if (findings.length > MAX_SUMMARY_ROWS) s.addRaw(`<p>… and ${findings.length - MAX_SUMMARY_ROWS} more; run <code>npx pwc validate</code> to see all.</p>`, true);
  return take(s);
}

function take(s: typeof core.summary): string {
  const html = s.stringify();
  s.emptyBuffer();
  return html;
}

/**
 * Reports findings to GitHub Actions: annotations on stdout (workflow commands) and the job summary
 * appended to $GITHUB_STEP_SUMMARY when it is set.
 */
export async function reportToGithub(findings: readonly Finding[], options: GithubOptions = {}): Promise<void> {
  for (const a of annotationsOf(findings)) core[a.level](a.message, a.properties);
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.emptyBuffer().addRaw(summaryOf(findings, options)).write();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
