// .github/workflows/pages.yml: the shape the site's deployment depends on (actionlint, SHA pins and
// per-job permissions are checked for every workflow in tools/review/workflows.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (name: string) => parse(readFileSync(`.github/workflows/${name}`, 'utf8')) as { name: string; on: Record<string, any>; concurrency: any; permissions: unknown; jobs: Record<string, any> };
const workflow = read('pages.yml');
const steps = (job: string): any[] => workflow.jobs[job].steps;
const uses = (job: string, action: string) => steps(job).filter((s) => String(s.uses ?? '').startsWith(`${action}@`));

describe('pages.yml', () => {
  it('runs after a publish run on main completes, after a push to main changing the site tools, and by hand', () => {
    expect(workflow.on).toEqual({
      push: { branches: ['main'], paths: ['tools/site/**', 'tools/views/**'] },
      workflow_run: { workflows: [read('publish.yml').name], types: ['completed'], branches: ['main'] },
      workflow_dispatch: null,
    });
  });

  it('builds only when that publish run succeeded (or when started by a push or by hand)', () => {
    expect(workflow.jobs.build.if).toBe("${{ github.event_name != 'workflow_run' || github.event.workflow_run.conclusion == 'success' }}");
  });

  it('deploys one at a time and never cancels a deployment', () => {
    expect(workflow.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
  });

  it('holds the rights to publish only in the deploy job, which runs no project code', () => {
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.build.permissions).toEqual({ contents: 'read', pages: 'read' });
    expect(workflow.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(steps('deploy').filter((s) => s.run !== undefined || !String(s.uses).startsWith('actions/deploy-pages@'))).toEqual([]);
    expect(uses('build', 'actions/checkout')[0].with['persist-credentials']).toBe(false);
  });

  it("builds the site at the Pages URL (with its trailing slash) and uploads that folder as the Pages artifact", () => {
    const runs = steps('build').filter((s) => s.run !== undefined);
    expect(runs.map((s) => s.run)).toEqual(['npm ci --no-audit --no-fund', 'npx pwc site --out _site --site-url "$BASE_URL/"']);
    const configure = uses('build', 'actions/configure-pages')[0];
    expect(runs[1].env).toEqual({ BASE_URL: `\${{ steps.${configure.id}.outputs.base_url }}` });
    const at = (step: unknown) => steps('build').indexOf(step);
    const order = [...['actions/checkout', 'actions/setup-node', 'actions/configure-pages'].map((a) => at(uses('build', a)[0])), at(runs[1]), at(uses('build', 'actions/upload-pages-artifact')[0])];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(uses('build', 'actions/upload-pages-artifact')[0].with).toEqual({ path: '_site' });
  });

  it('restores the last build before building (an incremental rebuild: history fetched) and saves it after', () => {
    const restore = uses('build', 'actions/cache/restore')[0];
    const save = uses('build', 'actions/cache/save')[0];
    const build = steps('build').find((s) => /pwc site/.test(String(s.run)));
    expect([restore.with.path, save.with.path]).toEqual(['_site', '_site']);
    expect(save.with.key).toBe(restore.with.key);
    expect(restore.with['restore-keys']).toBe(restore.with.key.replace('${{ github.sha }}', ''));
    const at = (step: unknown) => steps('build').indexOf(step);
    expect(at(restore) < at(build) && at(build) < at(save)).toBe(true);
    expect(uses('build', 'actions/checkout')[0].with['fetch-depth']).toBe(0);
  });

  it('deploys into the github-pages environment, linked to the deployed URL', () => {
    const deploy = workflow.jobs.deploy;
    expect(deploy.needs).toBe('build');
    const step = uses('deploy', 'actions/deploy-pages')[0];
    expect(deploy.environment).toEqual({ name: 'github-pages', url: `\${{ steps.${step.id}.outputs.page_url }}` });
  });
});
