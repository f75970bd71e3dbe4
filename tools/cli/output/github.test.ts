// The github format through the real @actions/core: workflow commands on stdout, the summary in $GITHUB_STEP_SUMMARY.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkTree, exampleDir, readTree } from '../../checks/examples.ts';
import type { Finding } from '../../checks/finding.ts';
import { annotationsOf, MAX_ANNOTATIONS_PER_LEVEL, reportToGithub, summaryOf } from './github.ts';

const finding = (over: Partial<Finding>): Finding => ({ rule: 'schema', severity: 'error', file: 'data/tasks/t.yaml', line: 3, column: 9, message: 'm', tip: 't', ...over });

describe('github output', () => {
  let dir: string;
  let written: string[];
  const saved = process.env.GITHUB_STEP_SUMMARY;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pwc-github-'));
    written = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = saved;
  });

  it('annotates each finding at its file, line and column, and appends a summary table', async () => {
    const findings = checkTree(readTree(exampleDir('duplicate-paper', 'fail')));
    findings.push(finding({ message: 'evil <script>alert(1)</script> & co' }));
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md');
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, ''); // the runner creates the file before the step
    await reportToGithub(findings, { docsUrl: 'https://example.org/docs/rules.md' });

    const commands = written.join('').trim().split('\n');
    expect(commands).toHaveLength(3);
    expect(commands[0]).toBe(
      '::warning title=duplicate-paper (warning),file=data/papers/2019/billion-scale-semi-supervised-learning-for-image-classification.yaml,line=9,endLine=9,col=8::the arXiv id 1905.00546 is also that of data/papers/2019/billion-scale-ssl.yaml%0ATip: Keep one file for the paper, merge the other into it, and move its results to the kept id.',
    );
    expect(commands[2]).toMatch(/^::error title=schema \(error\),file=data\/tasks\/t.yaml,line=3,endLine=3,col=9::evil <script>/);

    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('<h2>pwc validate: 1 error, 2 warnings</h2>');
    expect(summary).toContain('<a href="https://example.org/docs/rules.md#duplicate-paper">duplicate-paper</a>');
    expect(summary).toContain('<code>data/tasks/t.yaml:3:9</code>');
    expect(summary).toContain('evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(summary).not.toContain('<script>');
  });

  it('writes no summary file when $GITHUB_STEP_SUMMARY is not set, and still annotates', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    await reportToGithub([finding({})]);
    expect(written.join('')).toContain('::error title=schema (error)');
  });

  it('caps annotations per level (GitHub shows few) but keeps every finding in the summary table', () => {
    const many = Array.from({ length: MAX_ANNOTATIONS_PER_LEVEL + 5 }, (_, i) => finding({ line: i + 1 }));
    many.push(finding({ severity: 'warning', rule: 'future-paper' }));
    const annotations = annotationsOf(many);
    expect(annotations.filter((a) => a.level === 'error')).toHaveLength(MAX_ANNOTATIONS_PER_LEVEL);
    expect(annotations.filter((a) => a.level === 'warning')).toHaveLength(1);
    expect(summaryOf(many).match(/<tr>/g)).toHaveLength(many.length + 1);
  });

  it('says the data passes when there is nothing to report', () => {
    expect(summaryOf([])).toBe('<h2>pwc validate: no errors, no warnings</h2>\nThe data passes every check.\n');
    expect(annotationsOf([])).toEqual([]);
  });
});
