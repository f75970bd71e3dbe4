import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentsAt, readBlobs } from './cat-file.ts';
import { headCommit, resolveCommit } from './revision.ts';
import { git, gitEnv, GitError, nulList } from './run.ts';
import { commitFiles, gitIn } from './testing.ts';
import { blobId, headCommitDate, indexBlobIds, worktreeStatus } from './worktree.ts';

const parent = mkdtempSync(join(tmpdir(), 'pwc-git-'));
const root = join(parent, 'repo');
const notGit = join(parent, 'plain');
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const NEWLINE_PATH = 'data/odd\nname.yaml';
const BINARY = Buffer.from([0, 10, 13, 10, 255, 0x0a, 0x0a]);
let first = '';
let second = '';
const sh = gitIn(root);


beforeAll(() => {
  mkdirSync(notGit);
  first = commitFiles(root, { 'data/a.yaml': 'name: A\n', [NEWLINE_PATH]: 'name: newline\n', 'data/sub/binary.bin': BINARY, 'data/empty.yaml': '' }, 'first');
  writeFileSync(join(root, 'data/a.yaml'), 'name: A2\n');
  sh('commit', '-qam', 'second');
  second = sh('rev-parse', 'HEAD');
});

describe('git', () => {
  it('returns stdout; a failure is a GitError naming the command and git\'s reason', async () => {
    expect((await git(root, ['rev-parse', 'HEAD'])).trim()).toBe(second);
    const error = await git(root, ['diff', 'no-such-rev']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toMatch(/^git diff: fatal: .*no-such-rev/);
    expect((error as GitError).stderr).toContain('no-such-rev');
    expect((error as GitError).notInstalled).toBe(false);
    const outside = (await git(notGit, ['status']).catch((e: unknown) => e)) as GitError;
    expect(outside.message).toMatch(/^git status: fatal: not a git repository/);
  });

  it('can leave out the caller\'s GIT_* variables, which would otherwise redirect it', async () => {
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = join(notGit, 'nowhere');
    try {
      await expect(git(root, ['rev-parse', 'HEAD'])).rejects.toThrow(GitError);
      expect((await git(root, ['rev-parse', 'HEAD'], { ignoreGitEnv: true })).trim()).toBe(second);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });

  it('runs git with glibc asked for huge pages, unless the caller tuned glibc', async () => {
    const saved = process.env.GLIBC_TUNABLES;
    try {
      delete process.env.GLIBC_TUNABLES;
      expect(gitEnv().GLIBC_TUNABLES).toBe('glibc.malloc.hugetlb=1');
      // git itself is given it (a shell alias prints what git's children see).
      expect((await git(root, ['-c', 'alias.tun=!printf %s "$GLIBC_TUNABLES"', 'tun'])).trim()).toBe('glibc.malloc.hugetlb=1');
      process.env.GLIBC_TUNABLES = 'glibc.malloc.check=0';
      expect(gitEnv().GLIBC_TUNABLES).toBe('glibc.malloc.check=0');
      expect(gitEnv({ ignoreGitEnv: true }).GLIBC_TUNABLES).toBe('glibc.malloc.check=0');
    } finally {
      if (saved === undefined) delete process.env.GLIBC_TUNABLES;
      else process.env.GLIBC_TUNABLES = saved;
    }
  });

  it('can run git at a lower priority than the caller (the caller works beside it)', async () => {
    // The alias's shell prints git's own niceness (field 19 of /proc/<git>/stat) a moment after
    // git started: git is reniced once spawned, so a child it starts at once (this shell) may
    // still have the old niceness, but git itself, and the threads it starts later, do not.
    const niceness = async (options = {}) => Number((await git(root, ['-c', "alias.niceness=!sleep 0.2; cut -d' ' -f19 /proc/$PPID/stat", 'niceness'], options)).trim());
    const mine = await niceness();
    expect(await niceness({ yieldToCaller: true })).toBe(Math.min(19, mine + 10));
  });

  it('splits a -z listing, paths with newlines kept whole', async () => {
    expect(nulList(await git(root, ['ls-files', '-z']))).toEqual(['data/a.yaml', 'data/empty.yaml', NEWLINE_PATH, 'data/sub/binary.bin']);
    expect(nulList('')).toEqual([]);
  });
});

describe('resolveCommit', () => {
  it('names the commit of a revision', async () => {
    expect(await resolveCommit(root, 'HEAD')).toBe(second);
    expect(await resolveCommit(root, 'HEAD~1')).toBe(first);
    expect(await resolveCommit(root, first.slice(0, 10))).toBe(first);
  });

  it('refuses a revision that git could read as an option', async () => {
    await expect(resolveCommit(root, '--output=/tmp/x')).rejects.toThrow(new GitError('"--output=/tmp/x" is not a revision'));
    await expect(resolveCommit(root, '-h')).rejects.toThrow(GitError);
  });

  it('says when a revision names no commit, with the caller\'s hint', async () => {
    await expect(resolveCommit(root, 'nope')).rejects.toThrow(`"nope" does not name a commit in the git repository at ${root}`);
    await expect(resolveCommit(root, 'nope', 'fetch it first')).rejects.toThrow(/at .* \(fetch it first\)$/);
    // A tree is not a commit; outside a repository nothing is.
    await expect(resolveCommit(root, `${second}^{tree}`)).rejects.toThrow(/does not name a commit/);
    await expect(resolveCommit(notGit, 'HEAD')).rejects.toThrow(GitError);
  });

  it('headCommit: HEAD, or undefined outside git and before the first commit', async () => {
    expect(await headCommit(root)).toBe(second);
    expect(await headCommit(notGit)).toBeUndefined();
    const fresh = join(parent, 'fresh');
    mkdirSync(fresh);
    gitIn(fresh)('init', '-q');
    expect(await headCommit(fresh)).toBeUndefined();
  });
});

describe('readBlobs (one git cat-file --batch)', () => {
  it('reads blobs by id exactly, in order; missing ids and non-blobs are undefined', async () => {
    const ids = nulList(await git(root, ['ls-tree', '-r', '-z', first])).map((line) => {
      const tab = line.indexOf('\t');
      return { id: line.slice(0, tab).split(' ')[2], path: line.slice(tab + 1) };
    });
    const byPath = new Map(ids.map((e) => [e.path, e.id]));
    const tree = sh('rev-parse', `${first}^{tree}`);
    const names = [byPath.get(NEWLINE_PATH)!, '0'.repeat(40), byPath.get('data/sub/binary.bin')!, tree, byPath.get('data/empty.yaml')!, byPath.get('data/a.yaml')!];
    const blobs = await readBlobs(root, names);
    expect(blobs.map((b) => b?.toString('utf8'))).toEqual(['name: newline\n', undefined, BINARY.toString('utf8'), undefined, '', 'name: A\n']);
    expect(blobs[2]).toEqual(BINARY);
  });

  it('asks nothing of git for no names, and fails with a GitError outside a repository', async () => {
    expect(await readBlobs(notGit, [])).toEqual([]);
    await expect(readBlobs(notGit, ['HEAD:x'])).rejects.toThrow(/^git cat-file: fatal: not a git repository/);
  });
});

describe('contentsAt', () => {
  it('reads paths at a commit; a missing path, a folder and a path with a newline are undefined', async () => {
    const paths = ['data/a.yaml', 'data/missing.yaml', 'data/sub', NEWLINE_PATH, 'data/sub/binary.bin', 'data/empty.yaml'];
    const before = await contentsAt(root, first, paths);
    expect([...before.keys()]).toEqual(paths);
    expect(before.get('data/a.yaml')?.toString()).toBe('name: A\n');
    expect(before.get('data/missing.yaml')).toBeUndefined();
    expect(before.get('data/sub')).toBeUndefined();
    // Batch mode takes one name a line: such a path cannot be asked for (and is no valid data path).
    expect(before.get(NEWLINE_PATH)).toBeUndefined();
    expect(before.get('data/sub/binary.bin')).toEqual(BINARY);
    expect(before.get('data/empty.yaml')).toEqual(Buffer.alloc(0));
    expect((await contentsAt(root, second, ['data/a.yaml'])).get('data/a.yaml')?.toString()).toBe('name: A2\n');
  });

  it('reads paths relative to root when root is a folder inside the repository', async () => {
    const inside = await contentsAt(join(root, 'data'), first, ['a.yaml', 'data/a.yaml']);
    expect(inside.get('a.yaml')?.toString()).toBe('name: A\n');
    expect(inside.get('data/a.yaml')).toBeUndefined();
  });
});

describe('the working tree (worktree.ts)', () => {
  it('headCommitDate: HEAD and its committer date; undefined outside git and before the first commit', async () => {
    const dated = join(parent, 'dated');
    mkdirSync(dated);
    const g = gitIn(dated);
    g('init', '-q');
    expect(await headCommitDate(dated)).toBeUndefined();
    writeFileSync(join(dated, 'x'), 'x');
    g('add', 'x');
    execFileSync('git', ['-C', dated, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'x'], {
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))), GIT_COMMITTER_DATE: '2024-03-05T06:07:08Z' },
    });
    expect(await headCommitDate(dated)).toEqual({ commit: g('rev-parse', 'HEAD'), seconds: Date.UTC(2024, 2, 5, 6, 7, 8) / 1000 });
    expect(await headCommitDate(notGit)).toBeUndefined();
  });

  it('indexBlobIds, worktreeStatus and blobId agree with git on staged, unstaged, untracked and deleted files', async () => {
    const tree = join(parent, 'tree');
    commitFiles(tree, { 'data/a.yaml': 'a\n', 'data/b.yaml': 'b\n', 'data/c.yaml': 'c\n', 'other/x.yaml': 'x\n' }, 'one');
    const g = gitIn(tree);
    expect(await worktreeStatus(tree, 'data')).toEqual([]);
    const clean = await indexBlobIds(tree, 'data');
    expect([...clean.keys()]).toEqual(['data/a.yaml', 'data/b.yaml', 'data/c.yaml']);
    for (const [path, id] of clean) expect(blobId(readFileSync(join(tree, path)))).toBe(id);
    expect(clean.get('data/a.yaml')).toBe(g('hash-object', 'data/a.yaml'));

    writeFileSync(join(tree, 'data/a.yaml'), 'a2\n');
    g('add', 'data/a.yaml'); // staged: the index holds the new blob
    writeFileSync(join(tree, 'data/b.yaml'), 'b2\n'); // unstaged
    rmSync(join(tree, 'data/c.yaml')); // deleted
    writeFileSync(join(tree, 'data/new.yaml'), 'n\n'); // untracked
    writeFileSync(join(tree, 'other/x.yaml'), 'x2\n'); // outside the pathspec
    expect(await worktreeStatus(tree, 'data')).toEqual([
      { path: 'data/a.yaml', staged: true, worktree: false },
      { path: 'data/b.yaml', staged: false, worktree: true },
      { path: 'data/c.yaml', staged: false, worktree: true },
      { path: 'data/new.yaml', staged: false, worktree: true },
    ]);
    // From a folder inside the work tree, paths are relative to that folder, as root-relative listings are.
    expect((await worktreeStatus(join(tree, 'data'), '.')).map((e) => e.path)).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'new.yaml']);
    const staged = await indexBlobIds(tree, 'data');
    expect(staged.get('data/a.yaml')).toBe(blobId(Buffer.from('a2\n')));
    expect(staged.get('data/b.yaml')).toBe(clean.get('data/b.yaml'));
    expect(staged.has('data/new.yaml')).toBe(false);
    expect(blobId(Buffer.alloc(0))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    await expect(indexBlobIds(notGit, 'data')).rejects.toThrow(GitError);
    // A rename is a deletion and an addition.
    g('mv', 'data/b.yaml', 'data/moved.yaml');
    expect((await worktreeStatus(tree, 'data')).filter((e) => /b\.yaml|moved/.test(e.path)).map((e) => e.path)).toEqual(['data/b.yaml', 'data/moved.yaml']);
  });
});
