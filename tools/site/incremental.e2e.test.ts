// `pwc site` through the real CLI on a real git repository: after each committed data change, a
// second build into the same folder rebuilds only the units the change can touch and leaves the
// same bytes as a cold build of the changed data, search index included; the index's files are left
// alone when no search record changed (a new result value) and made again when one did (a new model).
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { gitIn } from '../git/testing.ts';
import { tempRoot, twoBoards, writeFixture } from '../views/test-support/fixture-repo.ts';
import { SEARCH_INDEX_DIR } from './search/index-writer.ts';
import { tree } from './testing.ts';

const run = promisify(execFile);
const PWC = join(fileURLToPath(new URL('../..', import.meta.url)), 'tools/cli/bin/pwc.mjs');
const SITE_URL = 'https://example.org/pwc/';

async function site(root: string, out: string): Promise<string> {
  const { stdout } = await run(process.execPath, [PWC, 'site', '--root', root, '--out', out, '--site-url', SITE_URL]);
  return stdout;
}

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** Each search index file's modification time, by path. */
function indexTimes(out: string): Map<string, number> {
  const dir = join(out, SEARCH_INDEX_DIR);
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).sort();
  return new Map(files.map((f) => [f, statSync(join(dir, f)).mtimeMs]));
}

function expectSameTree(a: string, b: string): void {
  const left = tree(a);
  const right = tree(b);
  expect([...left.keys()]).toEqual([...right.keys()]);
  for (const [path, bytes] of right) expect(left.get(path)?.toString('utf8'), path).toBe(bytes.toString('utf8'));
}

describe('pwc site after a data change', () => {
  it('rebuilds only what the change touches, to the bytes of a cold build', async () => {
    const root = writeFixture(tempRoot('pwc-site-incr-'), twoBoards());
    roots.push(root);
    writeFileSync(join(root, '.gitignore'), '.pwc-cache/\n');
    const git = gitIn(root);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    const out = join(root, '..', `${root.split('/').pop()}-site`);
    roots.push(out);
    expect(await site(root, out)).toMatch(/10 units built.*search index made/);

    // Each change, whether it changes the search index, and the edit.
    const steps: [string, 'index unchanged' | 'index changed', () => void][] = [
      // One result becomes the new state of the art: a value, no search record changes.
      ['a new state of the art', 'index unchanged', () => writeFileSync(join(root, 'data/results/classification/imagenet/p-a.yaml'), stringify({ results: [{ model: 'Model A', metrics: { 'Top-1': 90 } }] }))],
      // A new paper with a result, and one paper removed with its result.
      [
        'a paper added, another removed',
        'index changed',
        () => {
          mkdirSync(join(root, 'data/papers/2022'), { recursive: true });
          writeFileSync(join(root, 'data/papers/2022/p-d.yaml'), stringify({ title: 'Paper D', date: '2022-03-01', tasks: ['detection'] }));
          writeFileSync(join(root, 'data/results/detection/coco/p-d.yaml'), stringify({ results: [{ model: 'Model D', metrics: { AP: 50 }, extra_training_data: true }] }));
          unlinkSync(join(root, 'data/papers/2021/p-c.yaml'));
          unlinkSync(join(root, 'data/results/detection/coco/p-c.yaml'));
        },
      ],
      // A task renamed: its name shows on many pages.
      ['a task renamed', 'index changed', () => writeFileSync(join(root, 'data/tasks/detection.yaml'), stringify({ name: 'Object Detection', area: 'cv' }))],
      // Same value under a new model name: the paper's and the leaderboard's records name the model.
      ['a model renamed', 'index changed', () => writeFileSync(join(root, 'data/results/classification/imagenet/p-b.yaml'), stringify({ results: [{ model: 'Model B v2', metrics: { 'Top-1': 80 } }] }))],
    ];
    for (const [what, expected, edit] of steps) {
      const before = indexTimes(out);
      const beforeBytes = tree(join(out, SEARCH_INDEX_DIR));
      edit();
      git('add', '-A');
      git('commit', '-qm', what);
      const said = await site(root, out);
      const m = /(\d+) units? of (\d+) rebuilt/.exec(said);
      expect(m, `${what}: ${said}`).not.toBeNull();
      expect(Number(m![1]), what).toBeLessThan(Number(m![2]));
      const afterBytes = tree(join(out, SEARCH_INDEX_DIR));
      expect(said, what).toContain(expected === 'index unchanged' ? 'search index unchanged' : 'search index made');
      if (expected === 'index unchanged') {
        expect(indexTimes(out), what).toEqual(before);
      } else {
        const differ = [...afterBytes].some(([path, bytes]) => !beforeBytes.get(path)?.equals(bytes));
        expect(differ, what).toBe(true);
      }
      const cold = join(tempRoot('pwc-site-cold-'), 'site');
      roots.push(join(cold, '..'));
      await site(root, cold);
      expectSameTree(out, cold);
    }
  }, 120_000);
});
