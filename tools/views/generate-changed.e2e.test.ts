// `pwc generate --check --changed-since REF` and the incremental write, through the real CLI on a
// real git repository: only the pages the change since REF can touch are checked, stale ones and
// hand-edited ones are named, and a write after a change leaves what a full render gives.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from './test-support/random-edits.ts';
import { tempRoot, twoBoards, writeFixture } from './test-support/fixture-repo.ts';

const run = promisify(execFile);
const PWC = join(fileURLToPath(new URL('../..', import.meta.url)), 'tools/cli/bin/pwc.mjs');

async function pwc(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [PWC, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** The fixture and its generated/ committed: main after a publish. */
async function published(): Promise<string> {
  const root = writeFixture(tempRoot('pwc-gen-changed-'), twoBoards());
  roots.push(root);
  writeFileSync(join(root, '.gitignore'), '.pwc-cache/\n');
  git(root, 'init', '-q');
  expect((await pwc(['generate', '--root', root])).code).toBe(0);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  return root;
}

describe('pwc generate --check --changed-since', () => {
  it('names the stale pages the change can touch, and passes once they are generated', async () => {
    const root = await published();
    // Model A becomes the best on ImageNet; generated/ is not updated.
    writeFixture(root, { 'data/results/classification/imagenet/p-a.yaml': { results: [{ model: 'Model A', metrics: { 'Top-1': 90 } }] } });
    const stale = await pwc(['generate', '--check', '--changed-since', 'HEAD', '--root', root]);
    expect(stale.code).toBe(1);
    expect(stale.stderr.split('\n').filter((l) => l.endsWith('differs from what data/ produces'))).toEqual([
      'generated/README.md: differs from what data/ produces',
      'generated/datasets/imagenet.md: differs from what data/ produces',
      'generated/papers/2019/p-a.md: differs from what data/ produces',
      'generated/papers/2020/p-b.md: differs from what data/ produces',
      'generated/sota/classification/imagenet.md: differs from what data/ produces',
      'generated/sota/classification/imagenet.svg: differs from what data/ produces',
      'generated/tasks/classification.md: differs from what data/ produces',
    ]);

    const write = await pwc(['generate', '--root', root]);
    expect(write.stdout).toContain('generated/: 7 written, 0 removed, 5 unchanged.');
    const current = await pwc(['generate', '--check', '--changed-since', 'HEAD', '--root', root]);
    expect(current.code).toBe(0);
    expect(current.stdout).toMatch(/^generated\/ is up to date \(\d+ files the change since HEAD can touch\)\.\n$/);
    // The whole check agrees with the incremental write.
    expect((await pwc(['generate', '--check', '--root', root])).code).toBe(0);
  });

  it('names a page edited by hand since REF, even one the data change cannot touch, and an extra file', async () => {
    const root = await published();
    writeFileSync(join(root, 'generated/tasks/detection.md'), 'hand-edited\n');
    writeFileSync(join(root, 'generated/methods-extra.md'), 'no page makes this\n');
    const check = await pwc(['generate', '--check', '--changed-since', 'HEAD', '--root', root]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('generated/tasks/detection.md: differs from what data/ produces');
    expect(check.stderr).toContain('generated/methods-extra.md: extra, no page produces it');
  });

  // Issue #12, item 13: contributors edit data/ only (publish.yml rebuilds generated/ on main), so
  // the advice depends on what made the pages stale.
  it('tells a contributor whose data change made the pages stale to commit only data/', async () => {
    const root = await published();
    git(root, 'switch', '-q', '-c', 'add-results');
    writeFixture(root, { 'data/results/classification/imagenet/p-a.yaml': { results: [{ model: 'Model A', metrics: { 'Top-1': 90 } }] } });
    git(root, 'commit', '-q', '-am', 'a better result');
    const check = await pwc(['generate', '--check', '--root', root]);
    expect(check.code).toBe(1);
    const last = check.stderr.trimEnd().split('\n').at(-1);
    expect(last).toBe(
      'generated/ is stale (7 files). data/ changed since generated/ was last committed, so this is expected: commit only data/; ' +
        'publish.yml rebuilds generated/ and commits it when a change to data/ reaches main.',
    );
    expect(check.stderr).not.toContain('commit the result');
  });

  it('tells whoever made the pages stale without a data change (tools, a hand edit) to regenerate and commit generated/', async () => {
    const root = await published();
    writeFileSync(join(root, 'generated/tasks/detection.md'), 'hand-edited\n');
    const check = await pwc(['generate', '--check', '--root', root]);
    expect(check.code).toBe(1);
    expect(check.stderr.trimEnd().split('\n').at(-1)).toBe(
      'generated/ is stale (1 file). data/ has not changed since generated/ was last committed, so a change to the tools (templates, views) or a hand edit did it: ' +
        'run "npx pwc generate" and commit generated/ with that change (publish.yml rebuilds generated/ and commits it when a change to data/ reaches main, not after a change to the tools).',
    );
  });

  it('refuses a bad revision, and --changed-since without --check', async () => {
    const root = await published();
    expect((await pwc(['generate', '--check', '--changed-since', 'no-such-ref', '--root', root])).code).toBe(2);
    const alone = await pwc(['generate', '--changed-since', 'HEAD', '--root', root]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--changed-since goes with --check');
  });
});
