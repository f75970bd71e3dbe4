// The Octokit factory against the local fake GitHub: base URL, retries on 5xx and rate limits, pagination, diff-line checks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHub, parseRepository } from './octokit.ts';
import { FakeGitHub, webhookExample } from './testing/fake-github.ts';

let gh: FakeGitHub;
const logs: string[] = [];
const client = (retries = 3) => createGitHub({ token: 'test-token', baseUrl: gh.url, retries, backoffUnitMs: 5, log: (m) => logs.push(m) });

beforeEach(async () => {
  gh = new FakeGitHub();
  await gh.start();
  logs.length = 0;
  gh.addPullRequest('octo/data', {
    number: 7,
    headSha: 'a'.repeat(40),
    files: [{ filename: 'data/x.yaml', status: 'modified', patch: '@@ -1,2 +1,3 @@\n a: 1\n-b: 2\n+b: 3\n+c: 4' }],
  });
});
afterEach(() => gh.close());

describe('createGitHub', () => {
  it('talks to GITHUB_API_URL when no baseUrl is given', async () => {
    const saved = process.env.GITHUB_API_URL;
    process.env.GITHUB_API_URL = `${gh.url}/`;
    try {
      const octokit = createGitHub({ token: 'test-token', backoffUnitMs: 5 });
      const { data } = await octokit.rest.pulls.get({ owner: 'octo', repo: 'data', pull_number: 7 });
      expect(data.head.sha).toBe('a'.repeat(40));
    } finally {
      if (saved === undefined) delete process.env.GITHUB_API_URL;
      else process.env.GITHUB_API_URL = saved;
    }
  });

  it('retries a 5xx with backoff and then succeeds', async () => {
    gh.fail({ kind: 'server-error', status: 502, times: 2, path: /\/files$/ });
    const { data } = await client().rest.pulls.listFiles({ owner: 'octo', repo: 'data', pull_number: 7 });
    expect(data.map((f) => f.filename)).toEqual(['data/x.yaml']);
    expect(gh.requests.filter((r) => r.path.startsWith('/repos/octo/data/pulls/7/files')).map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it('gives up after the configured number of retries', async () => {
    gh.fail({ kind: 'server-error', status: 503, times: 10 });
    await expect(client(2).rest.pulls.get({ owner: 'octo', repo: 'data', pull_number: 7 })).rejects.toMatchObject({ status: 503 });
    expect(gh.requests).toHaveLength(3);
  });

  it('waits out a primary rate limit (403, X-RateLimit-Remaining: 0) and retries', async () => {
    gh.fail({ kind: 'rate-limit', times: 1 });
    const { data } = await client().rest.issues.listComments({ owner: 'octo', repo: 'data', issue_number: 7 });
    expect(data).toEqual([]);
    expect(gh.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(logs.join('\n')).toMatch(/rate limit on GET .*retrying/);
  });

  it('waits out a secondary rate limit (Retry-After) and a 429', async () => {
    gh.fail({ kind: 'secondary-rate-limit', times: 1, method: 'POST' });
    gh.fail({ kind: 'rate-limit', status: 429, times: 1, method: 'POST' });
    const octokit = client();
    const { data } = await octokit.rest.issues.createComment({ owner: 'octo', repo: 'data', issue_number: 7, body: 'hello' });
    expect(data.body).toBe('hello');
    expect(gh.repo('octo/data').issueComments).toHaveLength(1);
    expect(logs.join('\n')).toMatch(/secondary rate limit on POST/);
  });

  it('pages through long lists with the Link header', async () => {
    const octokit = client();
    const { data: first } = await octokit.rest.issues.createComment({ owner: 'octo', repo: 'data', issue_number: 7, body: 'c0' });
    for (let i = 1; i < 130; i++) gh.repo('octo/data').issueComments.push({ ...first, id: gh.id(), body: `c${i}` });
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: 'octo', repo: 'data', issue_number: 7, per_page: 100 });
    expect(all).toHaveLength(130);
    expect(all[129].body).toBe('c129');
  });
});

describe('FakeGitHub', () => {
  it('refuses a review comment on a line outside the diff, as GitHub does', async () => {
    const octokit = client();
    const args = { owner: 'octo', repo: 'data', pull_number: 7, commit_id: 'a'.repeat(40), path: 'data/x.yaml', side: 'RIGHT' as const, body: 'x' };
    await expect(octokit.rest.pulls.createReviewComment({ ...args, line: 9 })).rejects.toMatchObject({ status: 422 });
    const { data } = await octokit.rest.pulls.createReviewComment({ ...args, line: 3 });
    expect(data).toMatchObject({ path: 'data/x.yaml', line: 3, side: 'RIGHT', user: { login: 'github-actions[bot]', type: 'Bot' } });
  });

  it('rejects bad credentials and lets other routes be added', async () => {
    await expect(createGitHub({ token: 'nope', baseUrl: gh.url, backoffUnitMs: 1 }).rest.pulls.get({ owner: 'octo', repo: 'data', pull_number: 7 })).rejects.toMatchObject({ status: 401 });
    gh.route('GET', '/repos/{owner}/{repo}/releases/latest', (r) => ({ status: 200, body: { tag_name: `v1-${r.params.repo}` } }));
    const { data } = await client().rest.repos.getLatestRelease({ owner: 'octo', repo: 'data' });
    expect(data.tag_name).toBe('v1-data');
  });

  it('lists a fork pull request only through the pulls list, not the commit index', async () => {
    gh.addPullRequest('octo/data', { number: 8, headSha: 'b'.repeat(40), headRepo: 'someone/data-fork' });
    const octokit = client();
    const viaCommit = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: 'octo', repo: 'data', commit_sha: 'b'.repeat(40) });
    expect(viaCommit.data).toEqual([]);
    const open = await octokit.rest.pulls.list({ owner: 'octo', repo: 'data', state: 'open' });
    expect(open.data.find((p) => p.number === 8)?.head.repo?.full_name).toBe('someone/data-fork');
  });

  it('carries the recorded webhook payloads, including a workflow_run with no pull requests', () => {
    const runs = webhookExample('workflow_run');
    expect(runs.some((e) => e.workflow_run.pull_requests.length === 0)).toBe(true);
  });
});

describe('parseRepository', () => {
  it('splits owner/name and refuses anything else', () => {
    expect(parseRepository('octo/data.x')).toEqual({ owner: 'octo', repo: 'data.x' });
    expect(() => parseRepository('octo')).toThrow(/owner\/name/);
    expect(() => parseRepository('../x/y')).toThrow();
  });
});
