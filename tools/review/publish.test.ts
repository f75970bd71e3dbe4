// Finding the pull request from the head commit (same repository and fork), and the executor's
// handling of a review GitHub refuses, and the changes-tools label and notice, against the local fake GitHub.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHub, type GitHub } from '../github/octokit.ts';
import { FakeGitHub } from '../github/testing/fake-github.ts';
import { executeActions, findPullRequests, publishReview } from './publish.ts';
import { smallReport as toolReport } from './testing.ts';

const target = { owner: 'octo', repo: 'data' };
const sha = (c: string) => c.repeat(40);
let gh: FakeGitHub;
let github: GitHub;

beforeEach(async () => {
  gh = new FakeGitHub();
  await gh.start();
  github = createGitHub({ token: 'test-token', baseUrl: gh.url, backoffUnitMs: 1, log: () => {} });
  gh.addPullRequest('octo/data', { number: 1, headSha: sha('a'), headRepo: 'octo/data' });
  gh.addPullRequest('octo/data', { number: 2, headSha: sha('b'), headRepo: 'fork-owner/data' });
  gh.addPullRequest('octo/data', { number: 3, headSha: sha('c'), headRepo: 'octo/data', state: 'closed' });
  gh.addPullRequest('octo/data', { number: 4, headSha: sha('b'), headRepo: 'someone-else/data' });
});
afterEach(() => gh.close());

describe('findPullRequests', () => {
  it('finds a same-repository PR through the commit index', async () => {
    expect(await findPullRequests(github, target, sha('a'), 'octo/data')).toEqual([1]);
    expect(gh.requests.map((r) => r.path.split('?')[0])).toEqual(['/repos/octo/data/commits/' + sha('a') + '/pulls']);
  });

  it('finds a fork PR through the open pulls list, matching head repository and sha', async () => {
    expect(await findPullRequests(github, target, sha('b'), 'fork-owner/data')).toEqual([2]);
    expect(await findPullRequests(github, target, sha('b'), 'Someone-Else/data')).toEqual([4]);
  });

  it('finds nothing for a closed PR, an unknown commit, or the right commit from the wrong repository', async () => {
    expect(await findPullRequests(github, target, sha('c'), 'octo/data')).toEqual([]);
    expect(await findPullRequests(github, target, sha('d'), 'octo/data')).toEqual([]);
    expect(await findPullRequests(github, target, sha('a'), 'fork-owner/data')).toEqual([]);
  });
});

describe('executeActions', () => {
  it('keeps the sticky comment and labels when GitHub refuses the inline review, and says why', async () => {
    gh.setFiles('octo/data', 1, [{ filename: 'data/x.yaml', patch: '@@ -1 +1 @@\n-a\n+b' }]);
    const done = await executeActions(github, target, 1, sha('a'), {
      sticky: { kind: 'create', body: 'hello' },
      review: { body: 'r', comments: [{ key: 'k', path: 'data/x.yaml', line: 7, body: 'off the diff' }] },
      addLabels: ['needs-fixes'],
      removeLabels: [],
    });
    expect(done).toMatchObject({ sticky: 'created', inlineComments: 0, labelsAdded: ['needs-fixes'] });
    expect(done.warnings.join()).toMatch(/inline comments not posted/);
    expect(gh.repo('octo/data').issueComments.map((c) => c.body)).toEqual(['hello']);
    expect(gh.repo('octo/data').reviewComments).toEqual([]);
  });
});

const TOOLS_HEAD = 'c'.repeat(40);
const ctx = { rulesDoc: 'docs/rules.md', knownRules: new Set<string>(), botLogin: 'github-actions[bot]' };
const dataFile = { filename: 'data/tasks/t.yaml', status: 'modified' as const, patch: '@@ -1 +1 @@\n-name: A\n+name: B' };

describe('publishing a review of a pull request that changes the tools', () => {
  const sticky = () => gh.repo('octo/data').issueComments.map((c) => c.body).join('\n');
  const labels = () => gh.repo('octo/data').issueLabels.get(5);

  it('labels it changes-tools and says plainly that it needs a maintainer', async () => {
    gh.addPullRequest('octo/data', { number: 5, headSha: TOOLS_HEAD, files: [dataFile, { filename: 'tools/checks/rules/metric-out-of-range.ts', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }] });
    const r = toolReport({ toolChanges: { count: 1, paths: ['tools/checks/rules/metric-out-of-range.ts'] } });
    const [done] = await publishReview(github, target, { sha: TOOLS_HEAD, repo: 'octo/data' }, r, ctx);
    expect(done.executed.labelsAdded).toEqual(['changes-tools']);
    expect(labels()).toEqual(['changes-tools']);
    expect(sticky()).toContain("**This pull request changes the tools, not only the data** (1 file: `tools/checks/rules/metric-out-of-range.ts`)");
    expect(sticky()).toContain("needs a maintainer's review");
  });

  it("labels it from GitHub's list of files even when the report says nothing of the tools", async () => {
    gh.addPullRequest('octo/data', { number: 5, headSha: TOOLS_HEAD, files: [dataFile, { filename: '.github/workflows/validate.yml', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }] });
    await publishReview(github, target, { sha: TOOLS_HEAD, repo: 'octo/data' }, toolReport(), ctx);
    expect(labels()).toEqual(['changes-tools']);
    expect(sticky()).toContain('`.github/workflows/validate.yml`');
  });

  it('removes the label once the pull request changes only data again, and says nothing of tools', async () => {
    gh.addPullRequest('octo/data', { number: 5, headSha: TOOLS_HEAD, files: [dataFile], labels: ['changes-tools', 'help wanted'] });
    const [done] = await publishReview(github, target, { sha: TOOLS_HEAD, repo: 'octo/data' }, toolReport(), ctx);
    expect(done.executed.labelsRemoved).toEqual(['changes-tools']);
    expect(labels()).toEqual(['help wanted']);
    expect(sticky()).not.toMatch(/changes the tools/);
  });
});
