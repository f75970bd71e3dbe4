import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { treeBlobs, unmodifiedBlobs } from './listing.ts';
import { commitFiles, gitIn } from './testing.ts';
import { blobId } from './worktree.ts';

const root = mkdtempSync(join(tmpdir(), 'pwc-git-listing-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('listings of one folder', () => {
  it('treeBlobs: the blob of each file under the folder at a commit, in subfolders too, nothing outside', async () => {
    const first = commitFiles(root, { 'gen/a.md': 'a\n', 'gen/sub/b.md': 'b\n', 'other/c.md': 'c\n' }, 'first');
    commitFiles(root, { 'gen/a.md': 'a2\n' }, 'second');
    expect(await treeBlobs(root, first, 'gen')).toEqual(new Map([['gen/a.md', blobId(Buffer.from('a\n'))], ['gen/sub/b.md', blobId(Buffer.from('b\n'))]]));
    expect((await treeBlobs(root, 'HEAD', 'gen')).get('gen/a.md')).toBe(blobId(Buffer.from('a2\n')));
    await expect(treeBlobs(root, '--output=/tmp/pwc-should-not-exist', 'gen')).rejects.toThrow(/^git ls-tree: /);
  });

  it('unmodifiedBlobs: the index blobs of files the work tree holds unchanged (not the edited, staged-then-edited or untracked)', async () => {
    writeFileSync(join(root, 'gen/a.md'), 'edited\n');
    writeFileSync(join(root, 'gen/sub/b.md'), 'staged\n');
    gitIn(root)('add', 'gen/sub/b.md');
    writeFileSync(join(root, 'gen/new.md'), 'new\n');
    // b's staged content is what the work tree holds: vouched for with the staged blob.
    expect(await unmodifiedBlobs(root, 'gen')).toEqual(new Map([['gen/sub/b.md', blobId(Buffer.from('staged\n'))]]));
    writeFileSync(join(root, 'gen/sub/b.md'), 'edited after staging\n');
    expect(await unmodifiedBlobs(root, 'gen')).toEqual(new Map());
  });

  it('unmodifiedBlobs: from a folder inside the repository, an edited file is not vouched for either', async () => {
    commitFiles(root, { 'inner/gen/a.md': 'a\n', 'inner/gen/b.md': 'b\n' }, 'inner');
    writeFileSync(join(root, 'inner/gen/a.md'), 'edited\n');
    expect(await unmodifiedBlobs(join(root, 'inner'), 'gen')).toEqual(new Map([['gen/b.md', blobId(Buffer.from('b\n'))]]));
  });
});
