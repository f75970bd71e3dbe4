import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, gitIn } from '../git/testing.ts';
import { changedPaths, mergeBase, readTree, resolveCommit } from './git.ts';

const root = mkdtempSync(join(tmpdir(), 'pwc-review-git-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const NEWLINE_PATH = 'data/odd\nname.yaml';
let base = '';
let head = '';
const sh = gitIn(root);


beforeAll(() => {
  base = commitFiles(root, { 'data/tasks/a.yaml': 'name: A\n', 'data/tasks/gone.yaml': 'name: Gone\n', 'README.md': 'outside data\n' }, 'base');
  writeFileSync(join(root, 'data/tasks/a.yaml'), 'name: A2\n');
  unlinkSync(join(root, 'data/tasks/gone.yaml'));
  writeFileSync(join(root, NEWLINE_PATH), 'name: newline\n');
  sh('add', '-A');
  sh('commit', '-qm', 'head');
  head = sh('rev-parse', 'HEAD');
});

describe('review git', () => {
  it('resolveCommit tells a reviewer to fetch a ref it cannot find, and refuses option-like refs', async () => {
    expect(await resolveCommit(root, 'HEAD~1')).toBe(base);
    await expect(resolveCommit(root, 'origin/main')).rejects.toThrow(
      `"origin/main" does not name a commit in the git repository at ${root} (fetch it first, e.g. git fetch origin origin/main)`,
    );
    await expect(resolveCommit(root, '--upload-pack=x')).rejects.toThrow('"--upload-pack=x" is not a git ref');
  });

  it('changedPaths: added, changed and removed, newline paths whole, sorted', async () => {
    expect(await changedPaths(root, base, head)).toEqual([
      { path: NEWLINE_PATH, change: 'added' },
      { path: 'data/tasks/a.yaml', change: 'changed' },
      { path: 'data/tasks/gone.yaml', change: 'removed' },
    ]);
    expect(await mergeBase(root, base, head)).toBe(base);
  });

  it('readTree reads every file under the prefix at a commit, a path with a newline included', async () => {
    const files = await readTree(root, head, 'data');
    const text = Object.fromEntries([...files].map(([path, bytes]) => [path, Buffer.from(bytes).toString('utf8')]));
    expect(text).toEqual({ [NEWLINE_PATH]: 'name: newline\n', 'data/tasks/a.yaml': 'name: A2\n' });
    expect([...(await readTree(root, base, 'data')).keys()]).toEqual(['data/tasks/a.yaml', 'data/tasks/gone.yaml']);
    expect((await readTree(root, base, 'nothing-here')).size).toBe(0);
  });
});
