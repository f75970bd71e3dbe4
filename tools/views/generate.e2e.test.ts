// `pwc generate` and `pwc generate --check` through the real CLI on real files in temp folders:
// only changed files are written, stale ones are named, removed entities lose their pages,
// nothing outside generated/ is touched, and the repository's own generated/ is current.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { tempRoot, twoBoards, writeFixture } from './test-support/fixture-repo.ts';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PWC = join(REPO, 'tools/cli/bin/pwc.mjs');

async function pwc(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [PWC, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The same CLI entry point, in this process: for the cases that need many runs. */
async function pwcHere(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => ({ write: (chunk: string) => into.push(chunk) }) as unknown as NodeJS.WritableStream;
  const code = await main(args, { stdout: sink(out), stderr: sink(err) } as Parameters<typeof main>[1]);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Every file under dir: relative path -> bytes (as text) and mtime. */
function snapshot(dir: string): Map<string, { text: string; mtime: number }> {
  const out = new Map<string, { text: string; mtime: number }>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(relative(dir, full), { text: readFileSync(full, 'utf8'), mtime: statSync(full).mtimeMs });
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const roots: string[] = [];
function newRepo(): string {
  const root = writeFixture(tempRoot(), twoBoards());
  roots.push(root);
  return root;
}
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function setTop1(root: string, paper: string, value: number): void {
  writeFixture(root, { [`data/results/classification/imagenet/${paper}.yaml`]: { results: [{ model: `Model ${paper.slice(2).toUpperCase()}`, metrics: { 'Top-1': value } }] } });
}

function written(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('wrote ')).map((l) => l.slice('wrote '.length));
}

describe('pwc generate', () => {
  it('writes every page, then nothing when nothing changed; --check passes', async () => {
    const root = newRepo();
    const first = await pwc(['generate', '--root', root]);
    expect(first.code).toBe(0);
    expect(written(first.stdout)).toEqual([
      'generated/README.md',
      'generated/datasets/coco.md',
      'generated/datasets/imagenet.md',
      'generated/papers/2019/p-a.md',
      'generated/papers/2020/p-b.md',
      'generated/papers/2021/p-c.md',
      'generated/sota/classification/imagenet.md',
      'generated/sota/classification/imagenet.svg',
      'generated/sota/detection/coco.md',
      'generated/sota/detection/coco.svg',
      'generated/tasks/classification.md',
      'generated/tasks/detection.md',
    ]);
    const before = snapshot(join(root, 'generated'));
    const second = await pwc(['generate', '--root', root]);
    expect(second.stdout).toBe('generated/: 0 written, 0 removed, 12 unchanged.\n');
    expect(snapshot(join(root, 'generated'))).toEqual(before); // same bytes, same mtimes: nothing rewritten
    const check = await pwc(['generate', '--check', '--root', root]);
    expect(check).toMatchObject({ code: 0, stdout: 'generated/ is up to date (12 files).\n' });
  });

  it('rewrites only the pages that show a changed result', async () => {
    const root = newRepo();
    await pwcHere(['generate', '--root', root]);
    // Model A stays second: its leaderboard, chart and paper page show the value; nothing else does.
    setTop1(root, 'p-a', 71);
    expect(written((await pwcHere(['generate', '--root', root])).stdout)).toEqual([
      'generated/papers/2019/p-a.md',
      'generated/sota/classification/imagenet.md',
      'generated/sota/classification/imagenet.svg',
    ]);
    // Model A becomes the best: pages showing the current best, and Paper B's rank, change too.
    setTop1(root, 'p-a', 90);
    expect(written((await pwcHere(['generate', '--root', root])).stdout)).toEqual([
      'generated/README.md',
      'generated/datasets/imagenet.md',
      'generated/papers/2019/p-a.md',
      'generated/papers/2020/p-b.md',
      'generated/sota/classification/imagenet.md',
      'generated/sota/classification/imagenet.svg',
      'generated/tasks/classification.md',
    ]);
  });

  it('--check writes nothing, exits 1 and names the files that differ, are missing or are extra', async () => {
    const root = newRepo();
    await pwc(['generate', '--root', root]);
    setTop1(root, 'p-a', 71);
    rmSync(join(root, 'generated/tasks/detection.md'));
    writeFileSync(join(root, 'generated/sota/stray.md'), 'hand-written\n');
    const before = snapshot(join(root, 'generated'));
    const check = await pwc(['generate', '--check', '--root', root]);
    expect(check.code).toBe(1);
    expect(check.stderr.split('\n')).toEqual([
      'generated/papers/2019/p-a.md: differs from what data/ produces',
      'generated/sota/classification/imagenet.md: differs from what data/ produces',
      'generated/sota/classification/imagenet.svg: differs from what data/ produces',
      'generated/tasks/detection.md: missing',
      'generated/sota/stray.md: extra, no page produces it',
      // Not a git repository: git cannot say whether the data changed, so both cases are told.
      'generated/ is stale (5 files). After a change to data/ that is expected (publish.yml rebuilds generated/ and commits it when a change to data/ reaches main); ' +
        'after a change to the tools or a hand edit, run "npx pwc generate" and commit generated/.',
      '',
    ]);
    expect(snapshot(join(root, 'generated'))).toEqual(before);
  });

  it('removes the pages of entities that no longer exist, and touches nothing outside generated/', async () => {
    const root = newRepo();
    await pwcHere(['generate', '--root', root]);
    writeFileSync(join(root, 'notes.md'), 'mine\n');
    mkdirSync(join(root, 'generated-elsewhere'));
    writeFileSync(join(root, 'generated-elsewhere/keep.md'), 'keep\n');
    const outside = snapshot(root);
    rmSync(join(root, 'data/papers/2021/p-c.yaml'));
    rmSync(join(root, 'data/results/detection/coco/p-c.yaml'));
    rmSync(join(root, 'data/tasks/detection.yaml'));
    rmSync(join(root, 'data/datasets/coco.yaml'));
    const result = await pwcHere(['generate', '--root', root]);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('removed '))).toEqual([
      'removed generated/datasets/coco.md',
      'removed generated/papers/2021/p-c.md',
      'removed generated/sota/detection/coco.md',
      'removed generated/sota/detection/coco.svg',
      'removed generated/tasks/detection.md',
    ]);
    // Emptied folders go too.
    expect(existsSync(join(root, 'generated/papers/2021'))).toBe(false);
    expect(existsSync(join(root, 'generated/sota/detection'))).toBe(false);
    const after = snapshot(root);
    // Everything outside generated/ and data/ is as it was; .pwc-cache/ is the validator's own cache.
    for (const [path, file] of outside) {
      if (!/^(generated|data|\.pwc-cache)\//.test(path)) expect(after.get(path), path).toEqual(file);
    }
    expect(after.get('notes.md')).toEqual(outside.get('notes.md'));
    expect((await pwcHere(['generate', '--check', '--root', root])).code).toBe(0);
  });

  it('refuses to build from data with validation errors, writing nothing', async () => {
    const root = newRepo();
    await pwcHere(['generate', '--root', root]);
    const before = snapshot(join(root, 'generated'));
    rmSync(join(root, 'data/tasks/detection.yaml')); // coco's benchmark and p-c's result now name an unknown task
    setTop1(root, 'p-a', 75);
    for (const args of [['generate'], ['generate', '--check']]) {
      const refused = await pwcHere([...args, '--root', root]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/data\/datasets\/coco\.yaml:\d+:\d+ [a-z-]+: /);
      expect(refused.stderr).toMatch(/pwc generate: the data has \d+ errors?, so generated\/ was not (written|checked)\. Run "npx pwc validate"/);
    }
    expect(snapshot(join(root, 'generated'))).toEqual(before);
  });

  it('never writes through a symlink inside generated/, and refuses a generated/ that is a symlink', async () => {
    const root = newRepo();
    const outside = tempRoot('pwc-outside-');
    roots.push(outside);
    writeFileSync(join(outside, 'imagenet.md'), 'not yours\n');
    mkdirSync(join(root, 'generated'));
    symlinkSync(outside, join(root, 'generated/sota'));
    expect((await pwcHere(['generate', '--root', root])).code).toBe(0);
    expect(readdirSync(outside)).toEqual(['imagenet.md']);
    expect(readFileSync(join(outside, 'imagenet.md'), 'utf8')).toBe('not yours\n');
    expect(statSync(join(root, 'generated/sota')).isDirectory()).toBe(true);

    const linked = newRepo();
    symlinkSync(outside, join(linked, 'generated'));
    const refused = await pwcHere(['generate', '--root', linked]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not a folder');
    expect(readdirSync(outside)).toEqual(['imagenet.md']);
  });

  it('writes the same bytes under another locale and time zone', async () => {
    const a = newRepo();
    const b = newRepo();
    await pwc(['generate', '--root', a], { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    await pwc(['generate', '--root', b], { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' });
    expect(snapshot(join(b, 'generated'))).toEqual(
      new Map([...snapshot(join(a, 'generated'))].map(([p, f]) => [p, { ...f, mtime: snapshot(join(b, 'generated')).get(p)?.mtime }])),
    );
  });
});

describe('the repository itself', () => {
  it('has a current generated/: `pwc generate --check` passes', async () => {
    const check = await pwc(['generate', '--check', '--root', REPO]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });
});
