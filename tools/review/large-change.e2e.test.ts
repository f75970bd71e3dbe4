// A bulk import through `pwc review` as a process: a pull request changing more than 5,000 entities,
// with as many findings and fixes and a leaderboard of 2,100 new rows, gets a schema-valid report
// whose long lists are cut with their totals, and a sticky comment within GitHub's size limit.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticRepository } from '../bench/synthetic-repo.ts';
import { commitFiles } from '../git/testing.ts';
import { MAX_COMMENT_CHARS, renderSticky, STICKY_MARKER } from './comment.ts';
import { parseReport } from './report.ts';
import { LIST_CAPS, MAX_REPORT_BYTES } from './report-schema.ts';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'tools/cli/bin/pwc.mjs');
const PAPERS = 6000;
const ROWS = 2100;
const root = mkdtempSync(join(tmpdir(), 'pwc-review-large-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a pull request too large for the report', () => {
  it('gets a valid report with every long list cut and counted, and a comment that fits', async () => {
    writeSyntheticRepository(root, { papers: 30, results: 20, datasets: 6, tasks: 4, methods: 4 }, 5);
    writeFileSync(join(root, '.gitignore'), '.pwc-cache/\n');
    commitFiles(root, {}, 'base');
    // A board of the base, and its metric, for the bulk rows.
    const boardDir = readdirSync(join(root, 'data/results'), { recursive: true, encoding: 'utf8' }).find((p) => p.endsWith('.yaml') && statSync(join(root, 'data/results', p)).isFile())!;
    const metric = /metrics:\n\s+(.+?):/.exec(readFileSync(join(root, 'data/results', boardDir), 'utf8'))![1];
    const files: Record<string, string> = {};
    // Each paper names a task that does not exist (a finding) and is not in canonical form (a fix).
    for (let i = 0; i < PAPERS; i++) files[`data/papers/2020/bulk-paper-${i}.yaml`] = `date: '2020-01-02'\ntitle: Bulk paper number ${i}\ntasks: [no-such-task-${i}]\n`;
    const rows = Array.from({ length: ROWS }, (_, i) => `  - model: Bulk-${i}\n    metrics:\n      ${metric}: ${((i % 9000) / 100).toFixed(2)}\n`).join('');
    files[join('data/results', boardDir.replace(/[^/]+$/, 'bulk-paper-0.yaml'))] = `results:\n${rows}`;
    mkdirSync(join(root, 'data/papers/2020'), { recursive: true });
    commitFiles(root, files, 'a bulk import');

    const out = join(root, '..', `${root.split('/').pop()}-report.json`);
    const summary = `${out}.md`;
    await run(process.execPath, [CLI, 'review', '--root', root, '--base', 'HEAD~1', '--head', 'HEAD', '--out', out, '--summary', summary], { maxBuffer: 64 << 20 });
    const bytes = readFileSync(out);
    rmSync(out);
    expect(bytes.length).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    const parsed = parseReport(bytes);
    expect(parsed.error).toBeUndefined();
    const report = parsed.report!;

    expect(report.summary.errors).toBeGreaterThanOrEqual(PAPERS);
    expect(report.status).toBe('fail');
    const truncated = report.truncated!;
    expect(truncated.entities).toBe(PAPERS + 1);
    expect(report.entities.length).toBeLessThanOrEqual(LIST_CAPS.entities);
    expect(truncated.findings).toBe(report.summary.errors + report.summary.warnings);
    expect(report.findings.length).toBeLessThanOrEqual(LIST_CAPS.findings);
    expect(truncated.fixes).toBeGreaterThanOrEqual(PAPERS);
    expect(report.fixes.length).toBeLessThanOrEqual(LIST_CAPS.fixes);
    expect(truncated.pages).toBeGreaterThan(LIST_CAPS.pages);
    expect(report.pages.length).toBeLessThanOrEqual(LIST_CAPS.pages);
    const board = report.leaderboards.find((b) => b.changes.some((c) => c.model.startsWith('Bulk-')))!;
    expect(board.totalChanges).toBeGreaterThanOrEqual(ROWS);
    expect(board.changes).toHaveLength(LIST_CAPS.changes);
    // What is listed is the start of the whole list, in order.
    expect(report.entities[0].path < report.entities.at(-1)!.path).toBe(true);

    const comment = renderSticky(report, { rulesDoc: 'docs/rules.md', knownRules: new Set(), summaryUrl: 'https://github.com/o/r/actions/runs/1' });
    expect(comment.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(comment.startsWith(STICKY_MARKER)).toBe(true);
    expect(comment).toContain(`**${report.summary.errors} errors, ${report.summary.warnings} warnings**`);
    expect(comment).toContain(`📦 **A large change**: the report lists ${report.findings.length.toLocaleString('en-US')} of ${truncated.findings!.toLocaleString('en-US')} findings`);
    expect(comment).toMatch(/…and [\d,]+ more findings \([\d,]+ in all\)\./);
    const jobSummary = readFileSync(summary, 'utf8');
    rmSync(summary);
    expect(jobSummary).toContain(`Entities changed (${(PAPERS + 1).toLocaleString('en-US')})`);
  }, 300_000);
});
