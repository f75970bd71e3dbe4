// End to end, no network: a real git repository with a base and head commits, `pwc review` and
// `pwc post-review` run as processes, against the local fake GitHub (a fork pull request).
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub, commentableLines, webhookExample } from '../github/testing/fake-github.ts';
import { buildLeaderboards } from '../model/leaderboard.ts';
import { loadRepository } from '../model/repository.ts';
import { STICKY_MARKER } from './comment.ts';
import type { ReviewReport } from './report-schema.ts';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'tools/cli/bin/pwc.mjs');
const BASE_REPO = 'octo/data';
const FORK = 'contributor/data-fork';

let dir: string;
/** The reports and summaries the tests write: a folder of their own, not the shared temp folder. */
let reports: string;
let gh: FakeGitHub;

async function git(...args: string[]): Promise<string> {
  return (await run('git', ['-C', dir, ...args])).stdout.trim();
}

async function write(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

async function commit(message: string, files: Record<string, string>): Promise<string> {
  await write(files);
  await git('add', '-A');
  await git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}

async function pwc(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The PR's files as GitHub lists them: the diff from the merge base, `patch` from the first hunk. */
async function prFiles(base: string, head: string) {
  const names = (await git('diff', '--no-renames', '--name-status', base, head)).split('\n').filter(Boolean);
  return Promise.all(
    names.map(async (line) => {
      const [status, filename] = line.split('\t');
      const diff = await git('diff', '--no-renames', '-U3', base, head, '--', filename);
      return { filename, status: status === 'A' ? ('added' as const) : status === 'D' ? ('removed' as const) : ('modified' as const), patch: diff.slice(diff.indexOf('@@')) };
    }),
  );
}

const dataset = `name: Toy
description: A small benchmark for the tests.
benchmarks:
  - task: classification
    metrics:
      - name: Accuracy
        direction: higher
        unit: '%'
        min: 0
        max: 100
    primary: Accuracy
`;
const paper = (title: string, date: string) => `title: ${title}\ndate: ${date}\ntasks:\n  - classification\ndatasets:\n  - toy\n`;

const baseFiles = {
  // As in the project: the validator's cache, written by pwc review in the checkout, is never committed.
  '.gitignore': '.pwc-cache/\n',
  'data/areas.yaml': 'areas:\n  - id: vision\n    name: Vision\n',
  'data/tasks/classification.yaml': 'name: Classification\narea: vision\n',
  'data/datasets/toy.yaml': dataset,
  'data/papers/2020/old-paper.yaml': paper('The old paper', '2020-01-01'),
  'data/papers/2021/mid-paper.yaml': paper('The middle paper', '2021-01-01'),
  'data/results/classification/toy/old-paper.yaml': 'results:\n  - model: Old-S\n    metrics:\n      Accuracy: 70\n  - model: Old-L\n    metrics:\n      Accuracy: 80\n',
  'data/results/classification/toy/mid-paper.yaml': 'results:\n  - model: Mid\n    metrics:\n      Accuracy: 75\n',
};

// Head 1: a new paper whose best model sets a new state of the art (82 > 80); a second row names a
// metric the benchmark does not declare (an error, on line 9), and line 2 has quotes `pwc fix` drops.
// Each new row states its source (else missing-source warns).
const newResults1 = "results:\n  - model: 'New-L'\n    metrics:\n      Accuracy: 82\n    source: Table 1\n  - model: New-S\n    metrics:\n      Accuracy: 78\n      Acc: 78\n    source: Table 1\n";
const newResults2 = 'results:\n  - model: New-L\n    metrics:\n      Accuracy: 82\n    source: Table 1\n  - model: New-S\n    metrics:\n      Accuracy: 78\n    source: Table 1\n';

let baseSha: string;
let head1: string;
let head2: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pwc-review-e2e-'));
  reports = await mkdtemp(join(tmpdir(), 'pwc-review-reports-'));
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.email', 'test@example.com');
  await git('config', 'user.name', 'Test');
  await git('config', 'commit.gpgsign', 'false');
  baseSha = await commit('base', baseFiles);
  await git('checkout', '-q', '-b', 'feature');
  head1 = await commit('add the new paper', {
    'data/papers/2022/new-paper.yaml': paper('The new paper', '2022-01-01'),
    'data/results/classification/toy/new-paper.yaml': newResults1,
  });
  gh = new FakeGitHub();
  await gh.start();
  // Another open pull request that must never be touched.
  gh.addPullRequest(BASE_REPO, { number: 3, headSha: 'c'.repeat(40), headRepo: BASE_REPO, files: [] });
  gh.addPullRequest(BASE_REPO, { number: 12, headSha: head1, headRepo: FORK, baseSha, labels: ['data'], files: await prFiles(baseSha, head1) });
  // What review.yml passes: taken from a recorded workflow_run event of a fork PR (pull_requests is empty).
  const event = webhookExample('workflow_run').find((e) => e.action === 'completed' && e.workflow_run.pull_requests.length === 0);
  event.workflow_run.head_sha = head1;
  event.workflow_run.head_repository.full_name = FORK;
  expect(event.workflow_run.pull_requests).toEqual([]);
  env = {
    GITHUB_TOKEN: 'test-token',
    GITHUB_REPOSITORY: BASE_REPO,
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    HEAD_SHA: event.workflow_run.head_sha,
    HEAD_REPO: event.workflow_run.head_repository.full_name,
    SUMMARY_URL: 'https://github.com/octo/data/actions/runs/42',
    PWC_GITHUB_BACKOFF_MS: '5',
  };
}, 120_000);

afterAll(async () => {
  await gh?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (reports) await rm(reports, { recursive: true, force: true });
});

const repo = () => gh.repo(BASE_REPO);
const stickies = () => repo().issueComments.filter((c) => c.body?.startsWith(STICKY_MARKER));

async function review(head: string, out: string): Promise<ReviewReport> {
  const result = await pwc(['review', '--root', dir, '--base', 'main', '--head', head, '--out', join(reports, out), '--summary', join(reports, `${out}.md`)]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(await readFile(join(reports, out), 'utf8'));
}

describe('pwc review and pwc post-review, end to end', () => {
  let report1: ReviewReport;

  it('pwc review reports the new state of the art with its rank, the error on its line, and the fix', async () => {
    report1 = await review(head1, 'report1.json');
    expect(report1.head.sha).toBe(head1);
    expect(report1.base.sha).toBe(baseSha);
    expect(report1.status).toBe('fail');
    const [board] = report1.leaderboards;
    expect(board).toMatchObject({ id: 'classification/toy', previousBest: { value: 80, model: 'Old-L' }, best: { value: 82, model: 'New-L' } });
    expect(board.changes.find((c) => c.model === 'New-L')).toMatchObject({ change: 'added', new: { rank: 1 }, newSota: true, margin: { absolute: 2 } });
    expect(board.changes.find((c) => c.model === 'New-S')).toMatchObject({ change: 'added', new: { rank: 3 }, newSota: false });
    const error = report1.findings.find((f) => f.severity === 'error');
    expect(error).toMatchObject({ file: 'data/results/classification/toy/new-paper.yaml', line: 9 });
    expect(report1.fixes).toContainEqual(expect.objectContaining({ file: 'data/results/classification/toy/new-paper.yaml', startLine: 2, endLine: 2, text: '  - model: New-L' }));
    expect(report1.entities.map((e) => `${e.change} ${e.kind} ${e.id}`)).toEqual(['added paper new-paper', 'added result classification/toy/new-paper']);
    expect(report1.pages).toEqual(expect.arrayContaining(['generated/sota/classification/toy.md', 'generated/papers/2022/new-paper.md', 'generated/README.md']));
    // The job summary holds the whole review; the temporary worktree is gone.
    expect(await readFile(join(reports, 'report1.json.md'), 'utf8')).toContain('New state of the art');
    expect((await git('worktree', 'list')).split('\n')).toHaveLength(1);
  });

  it('a second run writes the job summary again instead of adding to it: one summary, not two', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'pwc-review-summary-'));
    try {
      const summary = join(outDir, 'summary.md');
      const args = ['review', '--root', dir, '--base', 'main', '--head', head1, '--out', join(outDir, 'report.json'), '--summary', summary];
      const run1 = await pwc(args);
      expect(run1.code).toBe(0);
      // Counts as people write them: "1 error", "0 warnings", "1 leaderboard".
      expect(run1.stdout).toContain(': 1 error, 0 warnings, 1 leaderboard changed, 1 new SOTA');
      const first = await readFile(summary, 'utf8');
      expect(first.match(/^## pwc review$/gm)).toHaveLength(1);
      expect((await pwc(args)).code).toBe(0);
      expect(await readFile(summary, 'utf8')).toBe(first);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it('pwc post-review finds the fork PR from the head commit and posts the sticky comment, inline comments on diff lines, and labels', async () => {
    const result = await pwc(['post-review', '--report', join(reports, 'report1.json')], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('#12: sticky comment created');
    expect(stickies()).toHaveLength(1);
    const body = stickies()[0].body!;
    expect(body).toContain('New state of the art');
    expect(body).toContain('`New-L` reaches 82% Accuracy, **rank 1**, +2 points (+2.5 %) over 80%');
    expect(body).toMatch(/\| added \| `New-S` \| `new-paper` \| 78% \| 3 \|/);
    expect(body).toContain('https://github.com/octo/data/blob/HEAD/docs/rules.md#');
    // Inline comments: every one on a line of the PR's diff; the error's on line 9; the fix as a suggestion.
    const inline = repo().reviewComments;
    expect(inline.length).toBeGreaterThanOrEqual(2);
    const files = repo().files.get(12)!;
    for (const c of inline) expect(commentableLines(files.find((f) => f.filename === c.path)?.patch).has(c.line!)).toBe(true);
    expect(inline.find((c) => c.line === 9)?.body).toContain('Acc');
    expect(inline.find((c) => c.line === 2)?.body).toContain('```suggestion\n  - model: New-L\n```');
    expect(repo().issueLabels.get(12)).toEqual(['data', 'needs-fixes', 'new-sota']);
    // The other pull request is untouched.
    expect(repo().issueLabels.get(3)).toEqual([]);
    expect(repo().issueComments.every((c) => c.issue_url.endsWith('/issues/12'))).toBe(true);
  });

  it('a re-run with the same report changes nothing', async () => {
    const writes = gh.writes().length;
    const result = await pwc(['post-review', '--report', join(reports, 'report1.json')], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sticky comment unchanged, 0 inline comments');
    expect(gh.writes().length).toBe(writes);
  });

  it('after a second push that fixes the error, the same comment is edited, nothing is repeated, and needs-fixes goes', async () => {
    head2 = await commit('fix the metric name', { 'data/results/classification/toy/new-paper.yaml': newResults2 });
    gh.pushToPullRequest(BASE_REPO, 12, head2, await prFiles(baseSha, head2));
    const report2 = await review(head2, 'report2.json');
    expect(report2.status).toBe('pass');
    const before = { sticky: stickies()[0].id, inline: repo().reviewComments.length };
    const result = await pwc(['post-review', '--report', join(reports, 'report2.json')], { ...env, HEAD_SHA: head2 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sticky comment updated');
    expect(stickies()).toHaveLength(1);
    expect(stickies()[0].id).toBe(before.sticky);
    expect(stickies()[0].body).toContain(head2.slice(0, 7));
    expect(stickies()[0].body).toContain('No problems found');
    expect(repo().reviewComments.length).toBe(before.inline);
    expect(repo().issueLabels.get(12)).toEqual(['data', 'new-sota']);
  });

  it('refuses a report for another commit, an oversized one, and one claiming a pull request number', async () => {
    const writes = gh.writes().length;
    const stale = await pwc(['post-review', '--report', join(reports, 'report1.json')], { ...env, HEAD_SHA: head2 });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`describes commit ${head1}`);
    const claims = JSON.parse(await readFile(join(reports, 'report2.json'), 'utf8'));
    await writeFile(join(reports, 'claims.json'), JSON.stringify({ ...claims, pullRequest: 3 }));
    const claimed = await pwc(['post-review', '--report', join(reports, 'claims.json')], { ...env, HEAD_SHA: head2 });
    expect(claimed.code).toBe(1);
    expect(claimed.stderr).toMatch(/does not match its schema.*additional properties/);
    await writeFile(join(reports, 'huge.json'), JSON.stringify({ ...claims, padding: 'x'.repeat(6 * 1024 * 1024) }));
    const huge = await pwc(['post-review', '--report', join(reports, 'huge.json')], { ...env, HEAD_SHA: head2 });
    expect(huge.code).toBe(1);
    expect(huge.stderr).toMatch(/at most \d+ are accepted/);
    expect(gh.writes().length).toBe(writes);
  });

  it('neutralises hostile text in a schema-valid report, and retries through 5xx and rate limits', async () => {
    const hostile = JSON.parse(await readFile(join(reports, 'report2.json'), 'utf8')) as ReviewReport;
    const evil = '<!-- pwc-review:sticky --> @maintainer <script>alert(1)</script> <img src=x> [x](https://evil.example) ';
    hostile.findings = [{ rule: 'schema', severity: 'warning', file: 'data/results/classification/toy/new-paper.yaml', line: 2, column: 5, message: evil.repeat(10), tip: evil, origin: 'pull-request' }];
    await writeFile(join(reports, 'hostile.json'), JSON.stringify(hostile));
    gh.fail({ kind: 'server-error', status: 502, method: 'GET', path: /\/commits\/.*\/pulls$/, times: 2 });
    gh.fail({ kind: 'rate-limit', method: 'PATCH', times: 1 });
    gh.fail({ kind: 'secondary-rate-limit', method: 'POST', path: /\/reviews$/, times: 1 });
    const result = await pwc(['post-review', '--report', join(reports, 'hostile.json')], { ...env, HEAD_SHA: head2 });
    expect(result.stderr).not.toMatch(/warning: /);
    expect(result.code).toBe(0);
    expect(gh.requests.filter((r) => r.status === 502).length).toBe(2);
    expect(gh.faults.every((f) => f.times === 0)).toBe(true);
    expect(stickies()).toHaveLength(1);
    const texts = [stickies()[0].body!, ...repo().reviewComments.map((c) => c.body)];
    for (const text of texts) {
      expect(text.split('<!--').length).toBeLessThanOrEqual(2);
      expect(text).not.toMatch(/<script|<img|@maintainer|\]\(https:\/\/evil/);
    }
  });
});

describe('on the repository’s own data', () => {
  it('a pull request adding a new state of the art on ImageNet gets a report and a comment saying so, with the rank', async () => {
    const own = await mkdtemp(join(tmpdir(), 'pwc-review-own-'));
    const sh = async (...args: string[]) => (await run('git', ['-C', own, ...args])).stdout.trim();
    const fake = new FakeGitHub();
    try {
      await cp(join(process.cwd(), 'data'), join(own, 'data'), { recursive: true });
      await sh('init', '-q', '-b', 'main');
      await sh('-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', 'empty');
      await sh('add', 'data');
      await sh('-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'the repository data');
      const base = await sh('rev-parse', 'HEAD');
      const board = buildLeaderboards(await loadRepository(own)).get('image-classification/imagenet')!;
      const best = board.entries[0].result.metrics[board.primary.name];
      const value = Math.round((best + 0.7) * 10) / 10;
      await mkdir(join(own, 'data/papers/2024'), { recursive: true });
      await writeFile(join(own, 'data/papers/2024/a-test-paper.yaml'), 'title: A test paper\ndate: 2024-03-01\ntasks:\n  - image-classification\ndatasets:\n  - imagenet\n');
      await writeFile(join(own, 'data/results/image-classification/imagenet/a-test-paper.yaml'), `results:\n  - model: TestNet\n    metrics:\n      ${board.primary.name}: ${value}\n`);
      await sh('add', 'data');
      await sh('-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'a new state of the art');
      const head = await sh('rev-parse', 'HEAD');

      const out = join(reports, 'own-report.json');
      const reviewed = await pwc(['review', '--root', own, '--base', base, '--head', head, '--out', out]);
      expect(reviewed.code).toBe(0);
      const report = JSON.parse(await readFile(out, 'utf8')) as ReviewReport;
      const change = report.leaderboards.find((b) => b.id === 'image-classification/imagenet')?.changes.find((c) => c.model === 'TestNet');
      expect(change).toMatchObject({ change: 'added', newSota: true, new: { rank: 1 } });

      await fake.start();
      const files: Array<{ filename: string; status: 'added'; patch: string }> = [];
      for (const filename of ['data/papers/2024/a-test-paper.yaml', 'data/results/image-classification/imagenet/a-test-paper.yaml']) {
        const diff = await sh('diff', '-U3', base, head, '--', filename);
        files.push({ filename, status: 'added', patch: diff.slice(diff.indexOf('@@')) });
      }
      fake.addPullRequest(BASE_REPO, { number: 5, headSha: head, headRepo: BASE_REPO, files });
      const posted = await pwc(['post-review', '--report', out], { ...env, GITHUB_API_URL: fake.url, HEAD_SHA: head, HEAD_REPO: BASE_REPO });
      expect(posted.code).toBe(0);
      const [comment] = fake.repo(BASE_REPO).issueComments;
      expect(comment.body).toContain(`\`TestNet\` reaches ${value}${board.primary.unit ?? ''} ${board.primary.name}, **rank 1**`);
      expect(fake.repo(BASE_REPO).issueLabels.get(5)).toContain('new-sota');
    } finally {
      await fake.close();
      await rm(own, { recursive: true, force: true });
    }
  });
});
