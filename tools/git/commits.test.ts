// Comparing and reading commits on a real repository: changed paths, merge base, listings, the work tree's match.
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedPaths } from './changes.ts';
import { mergeBase, readTree, workTreeMatches, withWorktree } from './commits.ts';
import { treeBlobs } from './listing.ts';
import { commitFiles, gitIn } from './testing.ts';

const root = mkdtempSync(join(tmpdir(), 'pwc-git-commits-'));
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

describe('commits', () => {
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

  it('treeBlobs lists the blobs under several folders with their ids', async () => {
    const listed = await treeBlobs(root, base, ['data/tasks', 'README.md', 'nothing-here']);
    expect([...listed.keys()].sort()).toEqual(['README.md', 'data/tasks/a.yaml', 'data/tasks/gone.yaml']);
    expect(listed.get('data/tasks/a.yaml')).toBe(sh('rev-parse', `${base}:data/tasks/a.yaml`));
    expect((await treeBlobs(root, base, [])).size).toBe(0);
  });

  it('workTreeMatches: the work tree holds a commit\'s files under a folder, whatever HEAD is', async () => {
    expect(await workTreeMatches(root, head, 'data')).toBe(true);
    expect(await workTreeMatches(root, base, 'data')).toBe(false);
    // Only the folder counts.
    expect(await workTreeMatches(root, base, 'README.md')).toBe(true);
    writeFileSync(join(root, 'data/tasks/new.yaml'), 'name: New\n');
    expect(await workTreeMatches(root, head, 'data')).toBe(false);
    unlinkSync(join(root, 'data/tasks/new.yaml'));
    writeFileSync(join(root, 'data/tasks/a.yaml'), 'name: A3\n');
    expect(await workTreeMatches(root, head, 'data')).toBe(false);
    sh('checkout', '-q', '--', 'data');
    expect(await workTreeMatches(root, head, 'data')).toBe(true);
    expect(await workTreeMatches(root, 'no-such-commit', 'data')).toBe(false);
  });

  it('withWorktree checks a commit out in a temporary folder, removed afterwards', async () => {
    const seen = await withWorktree(root, base, async (dir) => {
      expect(await workTreeMatches(dir, base, 'data')).toBe(true);
      return dir;
    });
    expect(sh('worktree', 'list')).not.toContain(seen);
  });
});
