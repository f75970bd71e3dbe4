// A contributor's session end to end (issue #12, "Done when"): the real CLI as processes in a real
// git repository, as CONTRIBUTING.md walks it: `pwc new` (with the usual mistakes), hand edits,
// `pwc validate`, `pwc fix`, the mistakes mended, `pwc validate` clean, a commit on a branch,
// `pwc generate --check` and `pwc review --base main`. The steps run in order and share one repository.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPwc } from '../format/test-support/run-pwc.ts';
import { commitFiles, gitIn } from '../git/testing.ts';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
/** main: one leaderboard (ResNet-50/101/152 on ImageNet, best 77.0) and what it needs, from the repository's data. */
const MAIN_FILES = [
  'areas.yaml',
  'tasks/image-classification.yaml',
  'datasets/imagenet.yaml',
  'methods/resnet.yaml',
  'papers/2015/deep-residual-learning-for-image-recognition.yaml',
  'results/image-classification/imagenet/deep-residual-learning-for-image-recognition.yaml',
];
const PAPER_ID = 'aggregated-residual-transformations-for-deep-neural-networks';
const PAPER = `data/papers/2016/${PAPER_ID}.yaml`;
const RESULT = `data/results/image-classification/imagenet/${PAPER_ID}.yaml`;
const SOURCE = 'Official repository README, "Single-crop (224x224) validation error rate" table';

let root: string;
let out: string;
const pwc = (...args: string[]) => runPwc([...args, '--root', root]);
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const edit = (path: string, from: string, to: string) => {
  const text = read(path);
  expect(text).toContain(from);
  writeFileSync(join(root, path), text.replace(from, to));
};
/** The 1-based line of the first line of `path` that starts with `start`. */
const lineOf = (path: string, start: string) => read(path).split('\n').findIndex((l) => l.startsWith(start)) + 1;

/** The finding headers of `pwc validate`'s text output: "file:line:col severity rule". */
function headers(stdout: string): string[] {
  return [...stdout.matchAll(/^(data\/\S+):(\d+):(\d+): (error|warning) ([a-z-]+): /gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]} ${m[5]}`);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pwc-session-'));
  out = mkdtempSync(join(tmpdir(), 'pwc-session-out-'));
  for (const file of MAIN_FILES) {
    mkdirSync(dirname(join(root, 'data', file)), { recursive: true });
    cpSync(join(DATA, file), join(root, 'data', file));
  }
  // main as the publish workflow leaves it: the data and its generated/ pages.
  expect((await pwc('generate')).code).toBe(0);
  commitFiles(root, { '.gitignore': '.pwc-cache/\n' }, 'main');
  const git = gitIn(root);
  git('branch', '-M', 'main');
  git('switch', '-q', '-c', 'add-resnext');
});
afterAll(() => {
  for (const dir of [root, out]) rmSync(dir, { recursive: true, force: true });
});

describe('a contributor adds a paper and its results', () => {
  const paperFlags = [
    '--title', 'Aggregated Residual Transformations for Deep Neural Networks',
    '--venue', 'CVPR 2017',
    '--author', 'Saining Xie', '--author', 'Ross Girshick', '--author', 'Piotr Dollár', '--author', 'Zhuowen Tu', '--author', 'Kaiming He',
    '--task', 'image-classification', '--method', 'resnet', '--dataset', 'imagenet',
    '--code', 'https://github.com/facebookresearch/ResNeXt', '--official', '--framework', 'torch',
  ]; // prettier-ignore

  it('pwc new paper refuses an impossible date, writing nothing, then writes the paper', async () => {
    const wrong = await pwc('new', 'paper', ...paperFlags, '--date', '2016-11-31');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--date "2016-11-31" is a day that does not exist: November 2016 has 30 days');
    expect(() => read(PAPER)).toThrow();

    const right = await pwc('new', 'paper', ...paperFlags, '--date', '2016-11-16');
    expect(right.code).toBe(0);
    expect(right.stdout).toContain(`wrote ${PAPER}`);
    // By hand, as people do: the arXiv id and the link, the id unquoted.
    edit(PAPER, 'date: 2016-11-16\n', 'date: 2016-11-16\narxiv: 1611.05431\nurl: https://arxiv.org/abs/1611.05431\n');
  });

  it('pwc new result writes the file, then adds the second model as a row', async () => {
    const first = await pwc('new', 'result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER_ID, '--model', 'ResNeXt-50 32x4d', '--metric', 'Top 1 Accuracy=77.8', '--source', SOURCE);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`wrote ${RESULT}`);
    const second = await pwc('new', 'result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER_ID, '--model', 'ResNeXt-101 32x4d', '--metric', 'Top 1 Accuracy=78.8', '--source', SOURCE);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`added a row to ${RESULT}`);
    // A third row typed by hand: a misspelt metric name, and a value as a fraction.
    writeFileSync(
      join(root, RESULT),
      `${read(RESULT)}  - model: ResNeXt-101 64x4d\n    metrics:\n      Top-1 Accuracy: 79.6\n      Top 5 Accuracy: 0.947\n    source: ${JSON.stringify(SOURCE)}\n`,
    );
  });

  it('pwc validate names each mistake at its file, line and column, with its rule and a tip', async () => {
    const r = await pwc('validate');
    expect(r.code).toBe(1);
    const row = lineOf(RESULT, '  - model: ResNeXt-101 64x4d');
    expect(headers(r.stdout)).toEqual([
      `${PAPER}:${lineOf(PAPER, 'arxiv:')}:8 error schema`,
      `${RESULT}:${row + 1}:5 warning missing-primary-metric`,
      `${RESULT}:${row + 2}:7 error unknown-metric`,
      `${RESULT}:${row + 3}:23 error percent-as-fraction`,
    ]);
    expect(r.stdout).toContain('"arxiv" must be a string');
    expect(r.stdout).toContain('tip: Did you mean "Top 1 Accuracy"?');
    expect(r.stdout).toContain('tip: Write 94.7, as a percentage like the other rows');
    expect(r.stdout).toContain('see: docs/rules.md#percent-as-fraction');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('3 errors, 1 warning in 2 files.');
    // What CONTRIBUTING.md offers for a branch: the same findings for the files it changed.
    const since = await pwc('validate', '--changed-since', 'main');
    expect(since.code).toBe(1);
    expect(headers(since.stdout)).toEqual(headers(r.stdout));
  });

  it('pwc fix quotes the arXiv id as written, and leaves the rest to the contributor', async () => {
    const r = await pwc('fix');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`fixed ${PAPER}`);
    expect(read(PAPER)).toContain('arxiv: "1611.05431"\n');
    expect(read(RESULT)).toContain('      Top-1 Accuracy: 79.6\n      Top 5 Accuracy: 0.947\n');
    expect(headers((await pwc('validate')).stdout).map((h) => h.split(' ').at(-1))).toEqual(['missing-primary-metric', 'unknown-metric', 'percent-as-fraction']);
  });

  it('after the mistakes are mended by hand, validate and fix --check pass', async () => {
    edit(RESULT, 'Top-1 Accuracy: 79.6', 'Top 1 Accuracy: 79.6');
    edit(RESULT, 'Top 5 Accuracy: 0.947', 'Top 5 Accuracy: 94.7');
    const validate = await pwc('validate');
    expect(validate.stdout).toBe('No findings.\n');
    expect(validate.code).toBe(0);
    expect((await pwc('fix', '--check')).code).toBe(0);
  });

  it('committed on a branch: generate --check says the stale pages are for the publish workflow', async () => {
    const git = gitIn(root);
    git('add', 'data');
    git('commit', '-qm', 'Add ResNeXt (arXiv 1611.05431) and its ImageNet results');
    const check = await pwc('generate', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`generated/papers/2016/${PAPER_ID}.md: missing`);
    expect(check.stderr).toContain('so this is expected: commit only data/; publish.yml rebuilds generated/');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('pwc review --base main reports the new leaderboard rows and the new state of the art', async () => {
    const r = await pwc('review', '--base', 'main', '--out', join(out, 'report.json'), '--summary', join(out, 'comment.md'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: 0 errors, 0 warnings, 1 leaderboard changed, 1 new SOTA, 1 suspicious; /);
    const comment = readFileSync(join(out, 'comment.md'), 'utf8').split('\n');
    expect(comment).toContain('✅ **No problems found in this pull request.**');
    expect(comment).toContain(
      '🏆 **New state of the art** on `image-classification/imagenet`: `ResNeXt-101 64x4d` reaches 79.6% Top 1 Accuracy, **rank 1**, +2.6 points (+3.4 %) over 77.0% (`ResNet-152`). ⚠️ At other settings: new best at unstated resolution, unstated test\\_time\\_augmentation; the previous best was at resolution 224 px, test\\_time\\_augmentation false.',
    );
    // The new row states no settings where ResNet-152 states 224 px and a single crop: a maintainer checks the paper (issue #13).
    expect(comment).toContain('### Worth a human look');
    const rows = comment.filter((line) => line.startsWith('| added |'));
    expect(rows).toEqual([
      `| added | \`ResNeXt-101 64x4d\` | \`${PAPER_ID}\` | 79\\.6% | 1: **new SOTA**, +2.6 points (+3.4 %) over 77.0% |`,
      `| added | \`ResNeXt-101 32x4d\` | \`${PAPER_ID}\` | 78\\.8% | 2 |`,
      `| added | \`ResNeXt-50 32x4d\` | \`${PAPER_ID}\` | 77\\.8% | 3 |`,
    ]);
    expect(comment).toContain(`- added paper \`${PAPER_ID}\``);
    expect(comment).toContain(`- \`generated/papers/2016/${PAPER_ID}.md\``);
  });
});
