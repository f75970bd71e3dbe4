// .github/workflows/publish.yml: the shape the release depends on (the linter and the pinning and
// permission policy are checked for every workflow in tools/review/workflows.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const workflow = parse(readFileSync('.github/workflows/publish.yml', 'utf8')) as { on: Record<string, any>; concurrency: any; permissions: unknown; jobs: Record<string, any> };
const steps = (job: string): any[] => workflow.jobs[job].steps;
const runs = (job: string) => steps(job).map((s) => String(s.run ?? ''));
const uses = (job: string, action: string) => steps(job).filter((s) => String(s.uses ?? '').startsWith(`${action}@`));

describe('publish.yml', () => {
  it('runs on pushes to main that touch data/, and by hand; a commit touching only generated/ does not start it', () => {
    expect(workflow.on.push).toEqual({ branches: ['main'], paths: ['data/**'] });
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch']);
  });

  it('queues runs in one group and never cancels one half-way', () => {
    expect(workflow.concurrency).toEqual({ group: 'publish-${{ github.repository }}', 'cancel-in-progress': false });
  });

  it('builds with contents: read: install, validate, generate, bundle, and hands the bundle on as an artifact', () => {
    const build = workflow.jobs.build;
    expect(build.permissions).toEqual({ contents: 'read' });
    const commands = runs('build');
    const at = (pattern: RegExp) => commands.findIndex((r) => pattern.test(r));
    const order = [/^npm ci\b/, /^npx pwc validate\b/, /^npx pwc generate$/, /git status --porcelain -- generated/, /^npx pwc bundle --out dist\/bundle$/].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(uses('build', 'actions/upload-artifact').map((s) => [s.with.name, s.with.path])).toEqual([
      ['pwc-bundle', 'dist/bundle'],
      ['pwc-generated', 'generated'],
    ]);
    expect(uses('build', 'actions/checkout')[0].with['persist-credentials']).toBe(false);
  });

  it('commits stale views in a job of its own, with the bot identity, touching generated/ only and running no project code', () => {
    const job = workflow.jobs['commit-views'];
    expect(job.needs).toBe('build');
    expect(job.if).toContain("needs.build.outputs.stale == 'true'");
    expect(job.permissions).toEqual({ contents: 'write' });
    const script = runs('commit-views').join('\n');
    expect(script).toContain('git config user.name "github-actions[bot]"');
    expect(script).toContain('41898282+github-actions[bot]@users.noreply.github.com');
    expect(script).toMatch(/git add -A -- generated\n/);
    expect(script).toMatch(/git commit .*\[skip ci\].* -- generated\n/);
    expect(script).not.toMatch(/npm|npx|pwc /);
    expect(uses('commit-views', 'actions/download-artifact')[0].with.name).toBe('pwc-generated');
  });

  it('releases in a job with contents: write from the downloaded bundle, without install scripts or persisted credentials', () => {
    const job = workflow.jobs.release;
    expect(job.needs).toBe('build');
    expect(job.permissions).toEqual({ contents: 'write' });
    expect(job.if).toContain("github.ref == 'refs/heads/main'");
    const download = uses('release', 'actions/download-artifact')[0];
    expect(download.with).toEqual({ name: 'pwc-bundle', path: '${{ runner.temp }}/bundle' });
    const release = steps('release').find((s) => /pwc release/.test(String(s.run)));
    expect(release.run).toBe('npx pwc release --dist "$RUNNER_TEMP/bundle"');
    expect(release.env).toEqual({ GITHUB_TOKEN: '${{ github.token }}' });
    expect(runs('release')).toContain('npm ci --no-audit --no-fund --ignore-scripts');
    expect(uses('release', 'actions/checkout')[0].with['persist-credentials']).toBe(false);
  });

  it("saves the validator's cache after validating main, under the key pull requests and the next publish restore", () => {
    const validateYml = parse(readFileSync('.github/workflows/validate.yml', 'utf8')) as { jobs: Record<string, { steps: any[] }> };
    const prSteps = validateYml.jobs.judge.steps;
    const restoreAt = prSteps.findIndex((s) => String(s.uses ?? '').startsWith('actions/cache/restore@'));
    const judgeAt = prSteps.findIndex((s) => /\bpwc judge\b/.test(String(s.run ?? '')));
    expect(restoreAt).toBeGreaterThanOrEqual(0);
    expect(restoreAt).toBeLessThan(judgeAt);
    const restore = prSteps[restoreAt].with;
    const saveAt = steps('build').findIndex((s) => String(s.uses ?? '').startsWith('actions/cache/save@') && s.with.path === '.pwc-cache/validate');
    const save = steps('build')[saveAt].with;
    const validateAt = runs('build').findIndex((r) => /^npx pwc validate\b/.test(r));
    expect(saveAt).toBeGreaterThan(validateAt);
    expect(save.path).toBe('.pwc-cache/validate');
    // The path is part of a cache's identity: the pull request restores where main saved, then moves it into head/.
    expect(restore.path).toBe(save.path);
    // The key names the validator's sources (the trusted checkout's on a pull request: same files, same hash);
    // a pull request falls back to main's newest cache for them.
    expect(save.key).toContain("hashFiles('tools/checks/**', 'tools/model/**', 'package-lock.json')");
    const asTrusted = (key: string) => key.replace("hashFiles('tools/checks/**', 'tools/model/**', 'package-lock.json')", "hashFiles('trusted/tools/checks/**', 'trusted/tools/model/**', 'trusted/package-lock.json')");
    expect(asTrusted(save.key).startsWith(restore['restore-keys'])).toBe(true);
    expect(restore.key.startsWith(restore['restore-keys'])).toBe(true);
    // publish itself starts from its last run's cache, so validating main after a merge reads only what changed.
    const ownRestoreAt = steps('build').findIndex((s) => String(s.uses ?? '').startsWith('actions/cache/restore@') && s.with.path === '.pwc-cache/validate');
    expect(ownRestoreAt).toBeGreaterThanOrEqual(0);
    expect(ownRestoreAt).toBeLessThan(validateAt);
    const ownRestore = steps('build')[ownRestoreAt].with;
    expect(ownRestore.key).toBe(save.key);
    expect(save.key.startsWith(ownRestore['restore-keys'])).toBe(true);
  });

  it('uses the same pinned actions as the other workflows', () => {
    // By repository and commit: actions/cache/save and actions/cache/restore are one pin.
    const pins = (file: string) => new Set([...readFileSync(`.github/workflows/${file}`, 'utf8').matchAll(/uses:\s+([\w.-]+\/[\w.-]+)[^@\s]*(@[0-9a-f]{40})/g)].map((m) => m[1] + m[2]));
    const others = new Set([...pins('validate.yml'), ...pins('review.yml')]);
    for (const pin of pins('publish.yml')) expect(others, pin).toContain(pin);
  });
});
