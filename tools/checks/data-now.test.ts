// readDataNow on real git repositories holding the project's data: the same files and data as
// reading every file, with the validator's cache or without, in git or not; and the cache used.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { commitFiles, gitIn } from '../git/testing.ts';
import { listDataFiles, readValidFile } from '../model/repository.ts';
import { readDataNow } from './data-now.ts';
import { findingsIfWritten, type WouldBeFile } from './if-written.ts';
import { validate, validatorVersion } from './validate.ts';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const DATASET = 'data/datasets/imagenet.yaml';
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A copy of the project's data in a temp folder, committed to a new git repository unless `git` is false. */
function copy(git = true): string {
  const root = mkdtempSync(join(tmpdir(), 'pwc-data-now-'));
  roots.push(root);
  cpSync(DATA, join(root, 'data'), { recursive: true });
  if (git) commitFiles(root, {}, 'data');
  return root;
}

/** Today's way: every listed file read and checked. */
async function readEveryFile(root: string) {
  const files = await listDataFiles(root);
  const valid = new Map(files.flatMap((path) => {
    const file = readValidFile(path, readFileSync(join(root, path)));
    return file ? [[path, file] as const] : [];
  }));
  return { files, valid };
}

/** Edits of every sort relative to the index: an edited file (now invalid), a staged one, a deleted one, an untracked one. */
function editWorkTree(root: string, git = true): void {
  const paper = 'data/papers/2015/deep-residual-learning-for-image-recognition.yaml';
  writeFileSync(join(root, paper), 'title: [unclosed\n');
  const task = 'data/tasks/image-classification.yaml';
  writeFileSync(join(root, task), readFileSync(join(root, task), 'utf8').replace('name: Image Classification', 'name: Image Classification (edited)'));
  if (git) gitIn(root)('add', task);
  unlinkSync(join(root, 'data/methods/resnet.yaml'));
  writeFileSync(join(root, 'data/methods/untracked-net.yaml'), 'name: Untracked Net\n');
}

describe('readDataNow', () => {
  it('gives what reading every file gives: with a warm cache and edits, without a cache, outside git', async () => {
    const warm = copy();
    await validate({ root: warm, workers: 1 });
    editWorkTree(warm);
    const fromCache = await readDataNow(warm);
    expect(fromCache.fromCache).toBeGreaterThan(10);
    expect({ files: fromCache.files, valid: fromCache.valid }).toEqual(await readEveryFile(warm));
    expect(fromCache.valid.has('data/methods/untracked-net.yaml')).toBe(true);
    expect(fromCache.files).not.toContain('data/methods/resnet.yaml');

    for (const git of [true, false]) {
      const root = copy(git);
      editWorkTree(root, git);
      const read = await readDataNow(root);
      expect(read.fromCache).toBe(0);
      expect({ files: read.files, valid: read.valid }).toEqual(await readEveryFile(root));
    }
  });

  it('judges a would-be file with the cache\'s dependency index as with one built from every file', async () => {
    const root = copy();
    await validate({ root, workers: 1 });
    editWorkTree(root);
    const read = await readDataNow(root);
    expect(read.index).toBeDefined();
    const readText = (path: string) => readFileSync(join(root, path), 'utf8');
    const RESULTS = 'data/results/image-classification/imagenet';
    // References to the edited, deleted and untracked files, identities, leaderboards.
    const wouldBe: WouldBeFile[] = [
      { path: 'data/papers/2016/resnet-again.yaml', text: 'title: Deep residual learning for image recognition\ndate: 2016-01-01\ntasks:\n  - image-classification\nmethods:\n  - resnet\n  - untracked-net\n' },
      { path: 'data/methods/resnet.yaml', text: 'name: ResNet\nintroduced_by: deep-residual-learning-for-image-recognition\n' },
      { path: 'data/methods/untracked-net.yaml', text: 'name: Untracked Net\nintroduced_by: nowhere\n' },
      { path: 'data/tasks/object-detection.yaml', text: 'name: Image Classification (edited)\narea: computer-vision\nparent: image-classification\n' },
      { path: 'data/datasets/imagenet.yaml', text: 'name: ImageNet\nbenchmarks:\n  - task: image-classification\n    metrics:\n      - name: Top 5 Accuracy\n        direction: higher\n' },
      { path: `${RESULTS}/deep-residual-learning-for-image-recognition.yaml`, text: 'results:\n  - model: ResNet-152\n    metrics:\n      Top 1 Accuracy: 0.78\n' },
    ];
    for (const file of wouldBe) {
      const built = findingsIfWritten({ files: read.files, valid: read.valid }, file, '2026-12-07', readText);
      expect(findingsIfWritten(read, file, '2026-12-07', readText), file.path).toEqual(built);
    }
  });

  it('takes a file git vouches for from the cache: an unchanged-marked file edited behind git\'s back keeps its validated content', async () => {
    const root = copy();
    await validate({ root, workers: 1 });
    const validated = (await readEveryFile(root)).valid.get(DATASET);
    expect(validated).toBeDefined();
    // git does not look at an assume-unchanged file: it vouches for the index's blob, which the cache holds.
    gitIn(root)('update-index', '--assume-unchanged', DATASET);
    writeFileSync(join(root, DATASET), 'not: [valid\n');
    expect((await readDataNow(root)).valid.get(DATASET)).toEqual(validated);
  });

  it('never trusts a cache written by other tools: a foreign version is read past', async () => {
    const root = copy();
    await validate({ root, workers: 1 });
    gitIn(root)('update-index', '--assume-unchanged', DATASET);
    writeFileSync(join(root, DATASET), 'not: [valid\n');
    // The same cache, as another version of the rules would have written it.
    const index = join(root, '.pwc-cache/validate/index.bin');
    const bytes = readFileSync(index);
    const version = Buffer.from(validatorVersion());
    expect(bytes.indexOf(version)).toBeGreaterThan(-1);
    bytes.write('0'.repeat(version.length), bytes.indexOf(version), 'latin1');
    writeFileSync(index, bytes);
    const read = await readDataNow(root);
    expect(read.fromCache).toBe(0);
    expect(read.index).toBeUndefined();
    expect(read.valid.has(DATASET)).toBe(false);
  });
});
