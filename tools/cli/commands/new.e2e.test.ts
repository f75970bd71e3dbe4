// `pwc new` through the real CLI on temporary repositories: a valid file for each kind, no
// overwriting, result rows added safely, usage errors without a terminal, and questions in one.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSchema } from '../../model/check-schema.ts';
import { classifyPath, isPathProblem } from '../../model/paths.ts';
import { parseSource } from '../../model/source.ts';
import { formatSource } from '../../format/format-source.ts';
import { commentsOf } from '../../format/lossless.ts';
import { PWC, runPwc } from '../../format/test-support/run-pwc.ts';

/** stdin is a pipe here, never a terminal. */
const pwc = (args: string[], root: string) => runPwc([...args, '--root', root]);

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function emptyRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'pwc-new-'));
  roots.push(root);
  return root;
}

/** The file at `path` conforms to the schema of the kind its path says, and is canonical. */
function expectValidFile(root: string, path: string): Record<string, unknown> {
  const ref = classifyPath(path);
  if (isPathProblem(ref)) throw new Error(ref.message);
  const text = readFileSync(join(root, path), 'utf8');
  const data = parseSource(text).data as Record<string, unknown>;
  expect(checkSchema(ref.kind, data)).toEqual([]);
  expect(formatSource(ref.kind, text)).toEqual({ text, changed: false });
  return data;
}

const PAPER = 'billion-scale-semi-supervised-learning-for-image-classification';
const cases: { kind: string; args: string[]; path: string }[] = [
  {
    kind: 'paper',
    args: ['--title', 'Billion-scale semi-supervised learning for image classification', '--date', '2019-05-02', '--arxiv', '1905.00546', '--author', 'I. Zeki Yalniz', '--author', 'Hervé Jégou', '--task', 'image-classification', '--code', 'https://github.com/facebookresearch/semi-supervised-ImageNet1K-models', '--official', '--framework', 'PyTorch'],
    path: `data/papers/2019/${PAPER}.yaml`,
  },
  { kind: 'task', args: ['--name', 'Image Classification', '--area', 'computer-vision'], path: 'data/tasks/image-classification.yaml' },
  { kind: 'dataset', args: ['--name', 'ImageNet', '--task', 'image-classification', '--metric', 'Top 1 Accuracy:higher:%'], path: 'data/datasets/imagenet.yaml' },
  { kind: 'method', args: ['--name', 'ResNeXt', '--introduced-year', '2016'], path: 'data/methods/resnext.yaml' },
  {
    kind: 'result',
    args: ['--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER, '--model', 'ResNet-50', '--metric', 'Top 1 Accuracy=81.2', '--source', 'Table 3'],
    path: `data/results/image-classification/imagenet/${PAPER}.yaml`,
  },
];

describe('pwc new', () => {
  it('writes a valid, canonical file for every kind, at the path its id gives, and refuses to overwrite it', async () => {
    const root = emptyRepo();
    for (const { kind, args, path } of cases) {
      const result = await pwc(['new', kind, ...args], root);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`wrote ${path}\n`);
      expectValidFile(root, path);
    }
    expect(expectValidFile(root, cases[0].path)).toEqual({
      title: 'Billion-scale semi-supervised learning for image classification',
      authors: ['I. Zeki Yalniz', 'Hervé Jégou'],
      date: '2019-05-02',
      arxiv: '1905.00546',
      tasks: ['image-classification'],
      code: [{ url: 'https://github.com/facebookresearch/semi-supervised-ImageNet1K-models', official: true, framework: 'PyTorch' }],
    });

    // A second run with other values leaves the existing file exactly as it was.
    const task = readFileSync(join(root, 'data/tasks/image-classification.yaml'));
    const again = await pwc(['new', 'task', '--name', 'Image Classification', '--area', 'medical'], root);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('data/tasks/image-classification.yaml already exists');
    expect(readFileSync(join(root, 'data/tasks/image-classification.yaml')).equals(task)).toBe(true);
    expect(readdirSync(join(root, 'data/tasks'))).toEqual(['image-classification.yaml']);
  });

  it('adds a result row to an existing file of the same paper and benchmark, keeping its comments and rows', async () => {
    const root = emptyRepo();
    const path = `data/results/image-classification/imagenet/${PAPER}.yaml`;
    const existing = '# From the official repository README.\nresults:\n  - model: ResNet-50 # semi-supervised\n    metrics:\n      Top 1 Accuracy: 79.3\n';
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), existing);

    const added = await pwc(['new', 'result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER, '--model', 'ResNet-18', '--metric', 'Top 1 Accuracy=72.8', '--extra-training-data'], root);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`added a row to ${path}`);
    const data = expectValidFile(root, path) as { results: unknown[] };
    expect(data.results).toEqual([
      { model: 'ResNet-50', metrics: { 'Top 1 Accuracy': 79.3 } },
      { model: 'ResNet-18', metrics: { 'Top 1 Accuracy': 72.8 }, extra_training_data: true },
    ]);
    expect(commentsOf(readFileSync(join(root, path), 'utf8'))).toEqual(commentsOf(existing));

    const before = readFileSync(join(root, path));
    const twice = await pwc(['new', 'result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER, '--model', 'ResNet-18', '--metric', 'Top 1 Accuracy=73'], root);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already has a row for the model "ResNet-18"');
    expect(readFileSync(join(root, path)).equals(before)).toBe(true);
  });

  it('leaves a malformed result file untouched instead of adding to it', async () => {
    const root = emptyRepo();
    const path = `data/results/image-classification/imagenet/${PAPER}.yaml`;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), 'results:\n  - model: A\n    model: B\n');
    const result = await pwc(['new', 'result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER, '--model', 'C', '--metric', 'x=1'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot be read safely: 3:5: the key "model" appears twice in this mapping \(first on line 2\)/);
    expect(readFileSync(join(root, path), 'utf8')).toBe('results:\n  - model: A\n    model: B\n');
  });

  it('without a terminal, names the missing required fields and exits 2, writing nothing', async () => {
    const root = emptyRepo();
    const result = await pwc(['new', 'result', '--task', 'image-classification', '--model', 'M'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing required fields --dataset, --paper, --metric');
    expect(readdirSync(root)).toEqual([]);
  });

  it('exits 2 for an unknown kind, a flag of another kind, or a malformed value', async () => {
    const root = emptyRepo();
    expect((await pwc(['new', 'benchmark', '--name', 'X'], root)).stderr).toContain('"benchmark" is not a kind of file');
    const wrongFlag = await pwc(['new', 'task', '--name', 'T', '--area', 'cv', '--date', '2019-01-01'], root);
    expect(wrongFlag.code).toBe(2);
    expect(wrongFlag.stderr).toContain('--date is not a field of a task');
    const badDate = await pwc(['new', 'paper', '--title', 'T', '--date', '02/05/2019'], root);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--date "02/05/2019" must be a date written YYYY-MM-DD');
    const escape = await pwc(['new', 'task', '--name', 'T', '--area', 'cv', '--id', '../../etc/x'], root);
    expect(escape.code).toBe(2);
    expect(readdirSync(root)).toEqual([]);
  });

  // A pseudo-terminal through util-linux `script`: stdin of pwc is then a TTY.
  const hasScript = (() => {
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasScript)('in a terminal, asks for the missing fields (again when an answer is wrong) and writes the file', async () => {
    const root = emptyRepo();
    const command = [process.execPath, PWC, 'new', 'task', '--root', root].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stdin.write('Object Detection\nComputer Vision\ncomputer-vision\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.destroy();
    expect(output).toContain('Name: ');
    expect(output).toContain('must be an id');
    expect(code, output).toBe(0);
    expect(output).toContain('wrote data/tasks/object-detection.yaml');
    expect(expectValidFile(root, 'data/tasks/object-detection.yaml')).toEqual({ name: 'Object Detection', area: 'computer-vision' });
  });
});
