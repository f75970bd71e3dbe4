// Test support for releases: a real data repository in a temp folder, committed with real git at
// fixed dates, that tests change commit by commit and bundle with the real bundle code.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundle, writeBundle } from '../bundle/index.ts';
import { commitAll, EDGE_REPOSITORY, tempDir, writeFiles } from '../bundle/testing.ts';

export { EDGE_REPOSITORY, PROJECT_ROOT, PWC_BIN } from '../bundle/testing.ts';

export const FIRST_DATE = '2024-03-05T06:07:08Z';

function git(root: string, args: string[], env: Record<string, string> = {}): string {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  return execFileSync('git', args, { cwd: root, env: { ...clean, ...env }, encoding: 'utf8' }).trim();
}

export class DataRepository {
  readonly work = tempDir('pwc-release-');
  readonly root = join(this.work, 'repo');
  head: string;

  constructor(files: Record<string, string> = EDGE_REPOSITORY, date = FIRST_DATE) {
    writeFiles(this.root, files);
    this.head = commitAll(this.root, date);
  }

  /** Writes (text) or deletes (null) files, commits everything at `date`, returns the commit. */
  commit(files: Record<string, string | null>, date: string, message = 'data'): string {
    for (const [path, text] of Object.entries(files)) {
      if (text === null) rmSync(join(this.root, path));
      else writeFiles(this.root, { [path]: text });
    }
    git(this.root, ['add', '-A']);
    git(this.root, ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '--allow-empty', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    this.head = git(this.root, ['rev-parse', 'HEAD']);
    return this.head;
  }

  private builds = 0;

  /** Bundles HEAD into a new folder with the bundle stage's own build and atomic write (in process); returns the folder. */
  async bundle(): Promise<string> {
    const out = join(this.work, `dist-${++this.builds}`);
    await writeBundle(out, (await buildBundle(this.root)).files);
    return out;
  }

  remove(): void {
    rmSync(this.work, { recursive: true, force: true });
  }
}

/** The second release's edits to EDGE_REPOSITORY: one of each kind of change (see the tests for the expected entries). */
export const SECOND_RELEASE_EDITS: Record<string, string | null> = {
  // A new paper with a new state of the art on scoring/bench.
  'data/papers/2022/paper-d.yaml': 'title: Paper D\ndate: 2022-02-02\ntasks: [scoring]\ndatasets: [bench]\n',
  'data/results/scoring/bench/paper-d.yaml': 'results:\n  - model: Champion\n    metrics:\n      Score: 100\n',
  // A changed title.
  'data/papers/2021/paper-b.yaml': EDGE_REPOSITORY['data/papers/2021/paper-b.yaml'].replace('Paper B:', 'Paper B, revised:'),
  // A removed row.
  'data/results/scoring/bench/paper-a.yaml': EDGE_REPOSITORY['data/results/scoring/bench/paper-a.yaml'].replace('  - model: Negative\n    metrics:\n      Score: -3.5\n', ''),
  // A paper renamed (its file moved), with its results.
  'data/papers/2019/paper-c.yaml': null,
  'data/papers/2019/paper-c-renamed.yaml': EDGE_REPOSITORY['data/papers/2019/paper-c.yaml'],
  'data/results/scoring/bench/paper-c.yaml': null,
  'data/results/scoring/bench/paper-c-renamed.yaml': EDGE_REPOSITORY['data/results/scoring/bench/paper-c.yaml'],
  // A model renamed.
  'data/results/erring/bench/paper-a.yaml': EDGE_REPOSITORY['data/results/erring/bench/paper-a.yaml'].replace('model: Same', 'model: Same (v2)'),
};
