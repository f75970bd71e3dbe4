// Tool changes: which paths count, the report field, and the bot's label and notice, published on
// the local fake GitHub from the report and from GitHub's own list of the pull request's files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHub, type GitHub } from '../github/octokit.ts';
import { FakeGitHub } from '../github/testing/fake-github.ts';
import { publishReview } from './publish.ts';
import { parseReport } from './report.ts';
import type { ReviewReport } from './report-schema.ts';
import { isToolPath, MAX_TOOL_PATHS, mergeToolChanges, toolChanges } from './tool-changes.ts';

const HEAD = 'c'.repeat(40);
const target = { owner: 'octo', repo: 'data' };
const ctx = { rulesDoc: 'docs/rules.md', knownRules: new Set<string>(), botLogin: 'github-actions[bot]' };
const dataFile = { filename: 'data/tasks/t.yaml', status: 'modified' as const, patch: '@@ -1 +1 @@\n-name: A\n+name: B' };

function report(extra: Partial<ReviewReport> = {}): ReviewReport {
  const r: ReviewReport = {
    schemaVersion: 1,
    base: { ref: 'main', sha: 'a'.repeat(40) },
    head: { ref: 'HEAD', sha: HEAD },
    status: 'pass',
    summary: { errors: 0, warnings: 0, filesChecked: 1, newSota: 0, suspicious: 0 },
    findings: [],
    fixes: [],
    leaderboards: [],
    entities: [{ kind: 'task', id: 't', path: 'data/tasks/t.yaml', change: 'changed' }],
    pages: [],
    suspicious: [],
    ...extra,
  };
  expect(parseReport(JSON.stringify(r)).error).toBeUndefined();
  return r;
}

describe('isToolPath and toolChanges', () => {
  it('counts everything that may run, not the data, the generated pages, the docs or the top Markdown files', () => {
    const tools = ['tools/checks/rules/metric-out-of-range.ts', 'schemas/paper.schema.json', '.github/workflows/validate.yml', 'package.json', 'package-lock.json', 'nx.json', 'tsconfig.json', '.ci/run', 'tools/package.json'];
    const data = ['data/papers/2020/x.yaml', 'generated/README.md', 'docs/rules.md', 'README.md', 'CONTRIBUTING.md', 'LICENSE'];
    expect(tools.filter(isToolPath)).toEqual(tools);
    expect(data.filter(isToolPath)).toEqual([]);
  });

  it('lists the first paths sorted with the full count, and nothing for a data-only change', () => {
    expect(toolChanges(['data/a.yaml', 'README.md'])).toBeUndefined();
    const many = Array.from({ length: 70 }, (_, i) => `tools/x/${String(i).padStart(2, '0')}.ts`).reverse();
    const listed = toolChanges(['data/a.yaml', ...many])!;
    expect(listed.count).toBe(70);
    expect(listed.paths).toHaveLength(MAX_TOOL_PATHS);
    expect(listed.paths[0]).toBe('tools/x/00.ts');
    expect(parseReport(JSON.stringify(report({ toolChanges: listed }))).error).toBeUndefined();
  });

  it('merges what the report says with what GitHub lists, so neither can hide the other', () => {
    expect(mergeToolChanges(undefined, ['data/a.yaml'])).toBeUndefined();
    expect(mergeToolChanges({ count: 1, paths: ['tools/a.ts'] }, ['.github/workflows/validate.yml'])).toEqual({ count: 2, paths: ['.github/workflows/validate.yml', 'tools/a.ts'] });
    expect(mergeToolChanges(undefined, ['package-lock.json'])).toEqual({ count: 1, paths: ['package-lock.json'] });
  });
});

describe('publishing a review of a pull request that changes the tools', () => {
  let gh: FakeGitHub;
  let github: GitHub;
  beforeEach(async () => {
    gh = new FakeGitHub();
    await gh.start();
    github = createGitHub({ token: 'test-token', baseUrl: gh.url, backoffUnitMs: 1, log: () => {} });
  });
  afterEach(() => gh.close());

  const sticky = () => gh.repo('octo/data').issueComments.map((c) => c.body).join('\n');
  const labels = () => gh.repo('octo/data').issueLabels.get(1);

  it('labels it changes-tools and says plainly that it needs a maintainer', async () => {
    gh.addPullRequest('octo/data', { number: 1, headSha: HEAD, files: [dataFile, { filename: 'tools/checks/rules/metric-out-of-range.ts', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }] });
    const r = report({ toolChanges: { count: 1, paths: ['tools/checks/rules/metric-out-of-range.ts'] } });
    const [done] = await publishReview(github, target, { sha: HEAD, repo: 'octo/data' }, r, ctx);
    expect(done.executed.labelsAdded).toEqual(['changes-tools']);
    expect(labels()).toEqual(['changes-tools']);
    expect(sticky()).toContain("**This pull request changes the tools, not only the data** (1 file: `tools/checks/rules/metric-out-of-range.ts`)");
    expect(sticky()).toContain("needs a maintainer's review");
  });

  it("labels it from GitHub's list of files even when the report says nothing of the tools", async () => {
    gh.addPullRequest('octo/data', { number: 1, headSha: HEAD, files: [dataFile, { filename: '.github/workflows/validate.yml', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }] });
    await publishReview(github, target, { sha: HEAD, repo: 'octo/data' }, report(), ctx);
    expect(labels()).toEqual(['changes-tools']);
    expect(sticky()).toContain('`.github/workflows/validate.yml`');
  });

  it('removes the label once the pull request changes only data again, and says nothing of tools', async () => {
    gh.addPullRequest('octo/data', { number: 1, headSha: HEAD, files: [dataFile], labels: ['changes-tools', 'help wanted'] });
    const [done] = await publishReview(github, target, { sha: HEAD, repo: 'octo/data' }, report(), ctx);
    expect(done.executed.labelsRemoved).toEqual(['changes-tools']);
    expect(labels()).toEqual(['help wanted']);
    expect(sticky()).not.toMatch(/changes the tools/);
  });
});
