// `pwc fix` through the real CLI on real files in temporary repositories: canonical rewrites that
// keep comments, a second run that changes nothing, --check exit codes, and bad files left as they are.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSchema } from '../../model/check-schema.ts';
import { parseSource } from '../../model/source.ts';
import { commentsOf } from '../../format/lossless.ts';
import { runPwc } from '../../format/test-support/run-pwc.ts';
import { commitFiles, gitIn } from '../../git/testing.ts';

const pwc = runPwc;

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A temporary repository holding these files (text or bytes). */
function repo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'pwc-fix-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

const messyPaper = [
  '# Added by hand; numbers from Table 3.',
  '',
  'date: 2019-05-02 # the v1 date',
  "arxiv: '1905.00546'",
  'title: Billion-scale semi-supervised learning for image classification',
  'tasks: [video-classification, image-classification]   # sorted by fix',
  'code:',
  '    - framework: PyTorch',
  '      url: https://github.com/facebookresearch/semi-supervised-ImageNet1K-models',
  '      official: True',
  '',
].join('\r\n');

const canonicalTask = 'name: Image Classification\narea: computer-vision\n';

describe('pwc fix', () => {
  it('rewrites non-canonical files in canonical form, keeping comments and data, and leaves canonical ones alone', async () => {
    const root = repo({
      'data/papers/2019/billion-scale.yaml': messyPaper,
      'data/tasks/image-classification.yaml': canonicalTask,
      'data/tasks/video-classification.yaml': "\uFEFFarea: computer-vision\nname: 'Video Classification'\n",
    });
    const before = parseSource(messyPaper).data as Record<string, unknown>;
    const untouched = statSync(join(root, 'data/tasks/image-classification.yaml')).mtimeMs;

    const first = await pwc(['fix', '--root', root]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('fixed data/papers/2019/billion-scale.yaml');
    expect(first.stdout).toContain('fixed data/tasks/video-classification.yaml');
    expect(first.stdout).not.toContain('image-classification.yaml');
    expect(first.stdout).toContain('3 files: 2 fixed, 1 already canonical');

    const paper = read(root, 'data/papers/2019/billion-scale.yaml');
    expect(paper).toBe(
      [
        '# Added by hand; numbers from Table 3.',
        '',
        'title: Billion-scale semi-supervised learning for image classification',
        'date: 2019-05-02 # the v1 date',
        'arxiv: "1905.00546"',
        'tasks:',
        '  - image-classification',
        '  - video-classification',
        '  # sorted by fix',
        'code:',
        '  - url: https://github.com/facebookresearch/semi-supervised-ImageNet1K-models',
        '    official: true',
        '    framework: PyTorch',
        '',
      ].join('\n'),
    );
    expect(commentsOf(paper)).toEqual(commentsOf(messyPaper));
    expect(parseSource(paper).data).toEqual({ ...before, tasks: ['image-classification', 'video-classification'] });
    expect(read(root, 'data/tasks/video-classification.yaml')).toBe('name: Video Classification\narea: computer-vision\n');
    expect(statSync(join(root, 'data/tasks/image-classification.yaml')).mtimeMs).toBe(untouched);
    expect(checkSchema('paper', parseSource(paper).data)).toEqual([]);
    // No temporary files are left beside the rewritten ones.
    expect(readdirSync(join(root, 'data/papers/2019'))).toEqual(['billion-scale.yaml']);

    const second = await pwc(['fix', '--root', root]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('pwc fix: 3 files: 0 fixed, 3 already canonical\n');
    expect(read(root, 'data/papers/2019/billion-scale.yaml')).toBe(paper);
  });

  it('--check writes nothing, exits 1 and shows what differs; exits 0 once canonical', async () => {
    const root = repo({ 'data/papers/2019/billion-scale.yaml': messyPaper, 'data/tasks/image-classification.yaml': canonicalTask });
    const check = await pwc(['fix', '--check', '--root', root]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('data/papers/2019/billion-scale.yaml: not in canonical form');
    expect(check.stdout).toContain('uses CR or CRLF line ends');
    expect(check.stdout).toContain("-arxiv: '1905.00546'");
    expect(check.stdout).toContain('+arxiv: "1905.00546"');
    expect(check.stdout).toContain('1 not canonical, 1 already canonical');
    expect(read(root, 'data/papers/2019/billion-scale.yaml')).toBe(messyPaper);

    expect((await pwc(['fix', '--root', root])).code).toBe(0);
    const clean = await pwc(['fix', '--check', '--root', root]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('pwc fix: 2 files: 0 not canonical, 2 already canonical\n');
  });

  it('quotes an arXiv id that YAML reads as a number, from its source text (keeping the 0), so that it validates', async () => {
    const paper = 'title: EfficientNet\ndate: 2019-05-28\narxiv: 1905.11940\n';
    const root = repo({ 'data/papers/2019/efficientnet.yaml': paper });
    const check = await pwc(['fix', '--check', '--root', root]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('+arxiv: "1905.11940"');
    expect(read(root, 'data/papers/2019/efficientnet.yaml')).toBe(paper);

    expect((await pwc(['fix', '--root', root])).code).toBe(0);
    const fixed = read(root, 'data/papers/2019/efficientnet.yaml');
    expect(fixed).toBe('title: EfficientNet\ndate: 2019-05-28\narxiv: "1905.11940"\n');
    expect(checkSchema('paper', parseSource(fixed).data)).toEqual([]);
    expect((await pwc(['fix', '--check', '--root', root])).code).toBe(0);
  });

  it('leaves malformed files byte-identical, names them with line and column, and exits 1', async () => {
    const bad: Record<string, string | Buffer> = {
      'data/tasks/syntax.yaml': 'name: T\narea: [cv\n',
      'data/tasks/duplicate.yaml': 'name: T\narea: cv\nname: U\n',
      'data/tasks/alias.yaml': 'name: &n T\narea: cv\ndescription: *n\n',
      'data/tasks/bomb.yaml': 'a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n',
      'data/tasks/empty.yaml': '',
      'data/tasks/binary.yaml': Buffer.from([0x6e, 0x61, 0x00, 0xff, 0x01]),
      'data/tasks/latin1.yaml': Buffer.from('name: caf\xe9\narea: cv\n', 'latin1'),
      'data/tasks/tabs.yaml': 'name: T\nsynonyms:\n\t- a\n',
      'data/tasks/big.yaml': `name: T\narea: cv\ndescription: ${'x'.repeat(10 * 1024 * 1024)}\n`,
    };
    const root = repo({ ...bad, 'data/tasks/fine.yaml': 'area: cv\nname: Fine\n' });
    for (const check of [true, false]) {
      const result = await pwc(['fix', ...(check ? ['--check'] : []), '--root', root]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/data\/tasks\/syntax\.yaml:2:7: error yaml-syntax: the list opened by "\[" here is never closed; not formatted/);
      expect(result.stderr).toMatch(/data\/tasks\/duplicate\.yaml:3:1: error duplicate-key/);
      expect(result.stderr).toMatch(/data\/tasks\/alias\.yaml:3:14: error yaml-syntax: anchors and aliases/);
      expect(result.stderr).toMatch(/data\/tasks\/bomb\.yaml:\d+:\d+: error yaml-syntax/);
      expect(result.stderr).toMatch(/data\/tasks\/empty\.yaml:1:1: error empty-file/);
      expect(result.stderr).toMatch(/data\/tasks\/binary\.yaml:1:3: error encoding/);
      expect(result.stderr).toMatch(/data\/tasks\/latin1\.yaml:1:\d+: error encoding/);
      expect(result.stderr).toMatch(/data\/tasks\/tabs\.yaml:3:\d+: error (tabs|yaml-syntax)/);
      expect(result.stderr).toMatch(/data\/tasks\/big\.yaml:1:1: error file-too-large/);
      expect(result.stdout).toContain('9 could not be formatted');
      for (const [path, content] of Object.entries(bad)) expect(readFileSync(join(root, path)).equals(Buffer.from(content))).toBe(true);
    }
    // The good file is fixed all the same.
    expect(read(root, 'data/tasks/fine.yaml')).toBe('name: Fine\narea: cv\n');
  });

  it('formats only the given files and folders, relative to the current directory', async () => {
    const root = repo({
      'data/tasks/a.yaml': 'area: cv\nname: A\n',
      'data/tasks/b.yaml': 'area: cv\nname: B\n',
      'data/methods/m.yaml': 'full_name: M net\nname: M\n',
    });
    const one = await pwc(['fix', 'data/tasks/a.yaml'], root);
    expect(one.code).toBe(0);
    expect(read(root, 'data/tasks/a.yaml')).toBe('name: A\narea: cv\n');
    expect(read(root, 'data/tasks/b.yaml')).toBe('area: cv\nname: B\n');
    const folder = await pwc(['fix', '--root', root, join(root, 'data/methods')]);
    expect(folder.code).toBe(0);
    expect(read(root, 'data/methods/m.yaml')).toBe('name: M\nfull_name: M net\n');
    expect(read(root, 'data/tasks/b.yaml')).toBe('area: cv\nname: B\n');
  });

  it('exits 2 for usage errors: an unknown option, a path that does not exist or lies outside the root', async () => {
    const root = repo({ 'data/tasks/a.yaml': canonicalTask });
    expect((await pwc(['fix', '--root', root, '--frobnicate'])).code).toBe(2);
    const missing = await pwc(['fix', '--root', root, 'data/tasks/nope.yaml'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"data/tasks/nope.yaml" does not exist');
    const outside = await pwc(['fix', '--root', root, tmpdir()]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('is outside the repository root');
  });

  it('skips symbolic links and files that are not data files, and keeps the mode of a rewritten file', async () => {
    const root = repo({ 'data/tasks/a.yaml': 'area: cv\nname: A\n', 'data/README.md': '# notes\n', 'outside.yaml': 'area: cv\nname: X\n' });
    symlinkSync(join(root, 'outside.yaml'), join(root, 'data/tasks/link.yaml'));
    chmodSync(join(root, 'data/tasks/a.yaml'), 0o640);
    const result = await pwc(['fix', '--root', root, 'data/tasks/link.yaml', 'data/tasks/a.yaml', 'data/README.md'], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('data/tasks/link.yaml: skipped: a symbolic link');
    expect(result.stderr).toContain('data/README.md: skipped:');
    expect(read(root, 'outside.yaml')).toBe('area: cv\nname: X\n');
    expect(read(root, 'data/tasks/a.yaml')).toBe('name: A\narea: cv\n');
    expect(statSync(join(root, 'data/tasks/a.yaml')).mode & 0o777).toBe(0o640);
  });
});

describe('pwc fix --changed-since', () => {
  it('checks only the data files changed since the revision: committed, staged, unstaged and untracked; not deleted ones nor older ones', async () => {
    const root = repo({});
    const base = commitFiles(
      root,
      {
        'data/tasks/old-messy.yaml': "area: cv\nname: 'Old'\n",
        'data/tasks/edited.yaml': canonicalTask,
        'data/tasks/staged.yaml': canonicalTask,
        'data/tasks/deleted.yaml': canonicalTask,
        'data/tasks/same.yaml': canonicalTask,
      },
      'base',
    );
    commitFiles(root, { 'data/tasks/committed.yaml': "area: cv\nname: 'C'\n" }, 'a commit of the pull request');
    writeFileSync(join(root, 'data/tasks/edited.yaml'), "area: cv\nname: 'Edited'\n");
    writeFileSync(join(root, 'data/tasks/staged.yaml'), 'name: Staged\narea: cv\n');
    gitIn(root)('add', 'data/tasks/staged.yaml');
    writeFileSync(join(root, 'data/tasks/untracked.yaml'), "area: cv\nname: 'U'\n");
    rmSync(join(root, 'data/tasks/deleted.yaml'));

    const check = await pwc(['fix', '--root', root, '--check', '--changed-since', base]);
    expect(check.code).toBe(1);
    const named = [...check.stdout.matchAll(/^(\S+): not in canonical form$/gm)].map((m) => m[1]);
    expect(named).toEqual(['data/tasks/committed.yaml', 'data/tasks/edited.yaml', 'data/tasks/untracked.yaml']);
    expect(check.stdout).toContain(`pwc fix: 4 files changed since ${base}: 3 not canonical, 1 already canonical`);
    expect(check.stderr).toBe('');

    // --committed: only what the commits since base changed, not the working tree; data/LICENSE is no data file.
    writeFileSync(join(root, 'data/LICENSE'), 'CC-BY-SA-4.0\n');
    gitIn(root)('add', 'data/LICENSE');
    gitIn(root)('commit', '-qm', 'a licence file', '--', 'data/LICENSE');
    const committed = await pwc(['fix', '--root', root, '--check', '--changed-since', base, '--committed']);
    expect(committed.code).toBe(1);
    expect([...committed.stdout.matchAll(/^(\S+): not in canonical form$/gm)].map((m) => m[1])).toEqual(['data/tasks/committed.yaml']);
    expect(committed.stdout).toContain(`pwc fix: 1 file changed since ${base}: 1 not canonical, 0 already canonical`);
    expect(committed.stderr).toBe('');

    // Writing fixes the same files and leaves the older non-canonical one as it was.
    expect((await pwc(['fix', '--root', root, '--changed-since', base])).code).toBe(0);
    expect((await pwc(['fix', '--root', root, '--check', '--changed-since', base])).code).toBe(0);
    expect(read(root, 'data/tasks/old-messy.yaml')).toBe("area: cv\nname: 'Old'\n");
    expect((await pwc(['fix', '--root', root, '--check'])).code).toBe(1);
  });

  it('exits 2 for a revision git does not know, an empty one, or paths given as well', async () => {
    const root = repo({});
    commitFiles(root, { 'data/tasks/a.yaml': canonicalTask }, 'base');
    const unknown = await pwc(['fix', '--root', root, '--check', '--changed-since', 'no-such-branch']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"no-such-branch" does not name a commit/);
    expect((await pwc(['fix', '--root', root, '--check', '--changed-since', ''])).code).toBe(2);
    const both = await pwc(['fix', '--root', root, '--check', '--changed-since', 'HEAD', 'data/tasks']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --changed-since or paths/);
    const alone = await pwc(['fix', '--root', root, '--check', '--committed']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--committed goes with --changed-since REF/);
    expect((await pwc(['fix', '--root', root, '--check', '--changed-since', 'HEAD'])).stdout).toContain('pwc fix: 0 files changed since HEAD');
  });
});
