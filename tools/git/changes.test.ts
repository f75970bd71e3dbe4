import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedBetween, changedSince, indexState, trackedChangesSince, untrackedFiles } from './changes.ts';
import { GitError } from './run.ts';
import { commitFiles, gitIn } from './testing.ts';

const parent = mkdtempSync(join(tmpdir(), 'pwc-git-changes-'));
const root = join(parent, 'repo');
afterAll(() => rmSync(parent, { recursive: true, force: true }));
const sh = gitIn(root);
let first = '';
let second = '';

beforeAll(() => {
  first = commitFiles(
    root,
    {
      'data/a.yaml': 'a\n',
      'data/b.yaml': 'b\n',
      'data/sub/c.yaml': 'c\n',
      'data/old.yaml': 'old\n',
      'data/staged.yaml': 'staged\n',
      'tools/x.ts': 'x\n',
      '.gitignore': 'data/*.ignored\n',
    },
    'first',
  );
  writeFileSync(join(root, 'data/b.yaml'), 'b2\n');
  second = commitFiles(root, { 'data/d.yaml': 'd\n' }, 'second');
  // The working tree: an edit, a deletion, a rename, a staged edit, a new file, an ignored file, a change outside the folder.
  writeFileSync(join(root, 'data/a.yaml'), 'a2\n');
  unlinkSync(join(root, 'data/sub/c.yaml'));
  renameSync(join(root, 'data/old.yaml'), join(root, 'data/new.yaml'));
  sh('add', '-A', 'data/old.yaml', 'data/new.yaml');
  writeFileSync(join(root, 'data/staged.yaml'), 'staged2\n');
  sh('add', 'data/staged.yaml');
  mkdirSync(join(root, 'data/fresh'));
  writeFileSync(join(root, 'data/fresh/e.yaml'), 'e\n');
  writeFileSync(join(root, 'data/skip.ignored'), 'ignored\n');
  writeFileSync(join(root, 'tools/x.ts'), 'x2\n');
});

describe('trackedChangesSince', () => {
  it('lists tracked paths under the folder that differ from a commit: edits, deletions, renames as both sides, staged or not', async () => {
    expect(await trackedChangesSince(root, 'HEAD', 'data')).toEqual(['data/a.yaml', 'data/new.yaml', 'data/old.yaml', 'data/staged.yaml', 'data/sub/c.yaml']);
    // Against the first commit, the committed change and the committed addition count too.
    expect(await trackedChangesSince(root, first, 'data')).toEqual(['data/a.yaml', 'data/b.yaml', 'data/d.yaml', 'data/new.yaml', 'data/old.yaml', 'data/staged.yaml', 'data/sub/c.yaml']);
    expect(await trackedChangesSince(root, 'HEAD', 'tools')).toEqual(['tools/x.ts']);
  });

  it('takes any revision, and never reads one as an option', async () => {
    expect(await trackedChangesSince(root, 'HEAD~1^{commit}', 'data')).toContain('data/d.yaml');
    await expect(trackedChangesSince(root, '--output=/tmp/pwc-should-not-exist', 'data')).rejects.toThrow(GitError);
    await expect(trackedChangesSince(root, 'no-such-rev', 'data')).rejects.toThrow(/^git diff: /);
  });

  it('lists paths relative to root when root is a folder inside the repository', async () => {
    expect(await trackedChangesSince(join(root, 'data'), 'HEAD', '.')).toEqual(['a.yaml', 'new.yaml', 'old.yaml', 'staged.yaml', 'sub/c.yaml']);
  });
});

describe('untrackedFiles and changedSince', () => {
  it('lists untracked files under the folder, ignored ones left out; changedSince adds them to the tracked changes', async () => {
    expect(await untrackedFiles(root, 'data')).toEqual(['data/fresh/e.yaml']);
    expect(await changedSince(root, 'HEAD', 'data')).toEqual(['data/a.yaml', 'data/fresh/e.yaml', 'data/new.yaml', 'data/old.yaml', 'data/staged.yaml', 'data/sub/c.yaml']);
  });
});

describe('changedBetween', () => {
  it('lists paths under the folder that differ between two commits, and nothing for one commit', async () => {
    expect(await changedBetween(root, first, second, 'data')).toEqual(['data/b.yaml', 'data/d.yaml']);
    expect(await changedBetween(root, second, first, 'data')).toEqual(['data/b.yaml', 'data/d.yaml']);
    expect(await changedBetween(root, first, second, 'tools')).toEqual([]);
    expect(await changedBetween(root, second, second, 'data')).toEqual([]);
  });
});

describe('indexState', () => {
  it("gives each indexed path's blob id (git's own) and the paths staged since the commit", async () => {
    const { blobs, staged } = await indexState(root, 'HEAD', 'data');
    expect([...blobs.keys()].sort()).toEqual(['data/a.yaml', 'data/b.yaml', 'data/d.yaml', 'data/new.yaml', 'data/staged.yaml', 'data/sub/c.yaml']);
    const hashObject = (content: string) => execFileSync('git', ['hash-object', '--stdin'], { input: content, encoding: 'utf8' }).trim();
    // The index holds the staged content, not the working tree's unstaged edit.
    expect(blobs.get('data/staged.yaml')).toBe(hashObject('staged2\n'));
    expect(blobs.get('data/a.yaml')).toBe(hashObject('a\n'));
    expect(staged).toEqual(['data/new.yaml', 'data/old.yaml', 'data/staged.yaml']);
  });

  it('leaves out a path with unmerged stages (it has no single blob)', async () => {
    const conflicted = join(parent, 'conflicted');
    const git = gitIn(conflicted);
    commitFiles(conflicted, { 'data/x.yaml': 'base\n' }, 'base');
    git('checkout', '-qb', 'other');
    commitFiles(conflicted, { 'data/x.yaml': 'other\n' }, 'other');
    git('checkout', '-q', '-');
    commitFiles(conflicted, { 'data/x.yaml': 'mine\n' }, 'mine');
    expect(() => git('merge', '-q', 'other')).toThrow();
    const { blobs } = await indexState(conflicted, 'HEAD', 'data');
    expect(blobs).toEqual(new Map());
  });
});
