// `pwc new` through the real CLI on temporary copies of the project's data: a valid file for each
// kind, no overwriting, result rows added safely, ids and metrics checked against the repository,
// nothing written that `pwc validate` rejects, usage errors without a terminal, questions in one.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSchema } from '../../model/check-schema.ts';
import { classifyPath, isPathProblem } from '../../model/paths.ts';
import { parseSource } from '../../model/source.ts';
import { formatSource } from '../../format/format-source.ts';
import { commentsOf } from '../../format/lossless.ts';
import { NEW_FIELDS, NEW_KINDS } from '../../format/new-file.ts';
import { PWC, runPwc } from '../../format/test-support/run-pwc.ts';
import { commitFiles, gitIn } from '../../git/testing.ts';

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

const DATA = fileURLToPath(new URL('../../../data', import.meta.url));

/** A copy of the project's own data: the tasks, datasets, papers and benchmarks new files name. */
function dataRepo(): string {
  const root = emptyRepo();
  cpSync(DATA, join(root, 'data'), { recursive: true });
  return root;
}

/** Every file under the root, for "nothing was written". */
function listing(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).sort();
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

const PAPER = 'efficientnet-rethinking-model-scaling-for-convolutional-neural-networks';
const RESULT = `data/results/image-classification/imagenet/${PAPER}.yaml`;
/** In dependency order: the paper names an existing task, the dataset the new task, the method and the result the new paper. */
const cases: { kind: string; args: string[]; path: string }[] = [
  { kind: 'task', args: ['--name', 'Object Detection', '--area', 'computer-vision'], path: 'data/tasks/object-detection.yaml' },
  {
    kind: 'paper',
    args: ['--title', 'EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks', '--date', '2019-05-28', '--arxiv', '1905.11946', '--author', 'Mingxing Tan', '--author', 'Quoc V. Le', '--task', 'image-classification', '--dataset', 'imagenet', '--code', 'https://github.com/tensorflow/tpu', '--official', '--framework', 'TensorFlow'],
    path: `data/papers/2019/${PAPER}.yaml`,
  },
  { kind: 'dataset', args: ['--name', 'COCO', '--task', 'object-detection', '--metric', 'box AP:higher:%'], path: 'data/datasets/coco.yaml' },
  { kind: 'method', args: ['--name', 'EfficientNet', '--introduced-by', PAPER, '--introduced-year', '2019'], path: 'data/methods/efficientnet.yaml' },
  {
    kind: 'result',
    args: ['--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER, '--model', 'EfficientNet-B7', '--metric', 'Top 1 Accuracy=84.4', '--metric', 'Top 5 Accuracy=97.1', '--source', 'Table 2'],
    path: RESULT,
  },
];

/** The project's data with the EfficientNet paper added. */
async function repoWithPaper(): Promise<string> {
  const root = dataRepo();
  const paper = await pwc(['new', 'paper', ...cases[1].args], root);
  expect(paper.code, paper.stderr).toBe(0);
  return root;
}

describe('pwc new', () => {
  it('writes a valid, canonical file for every kind, at the path its id gives, that pwc validate accepts, and refuses to overwrite it', async () => {
    const root = dataRepo();
    for (const { kind, args, path } of cases) {
      const result = await pwc(['new', kind, ...args], root);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`wrote ${path}\n`);
      expectValidFile(root, path);
    }
    expect(expectValidFile(root, cases[1].path)).toEqual({
      title: 'EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks',
      authors: ['Mingxing Tan', 'Quoc V. Le'],
      date: '2019-05-28',
      arxiv: '1905.11946',
      tasks: ['image-classification'],
      datasets: ['imagenet'],
      code: [{ url: 'https://github.com/tensorflow/tpu', official: true, framework: 'TensorFlow' }],
    });
    const validate = await pwc(['validate'], root);
    expect(validate.code, validate.stdout).toBe(0);

    // A second run with other values leaves the existing file exactly as it was.
    const task = readFileSync(join(root, 'data/tasks/object-detection.yaml'));
    const tasks = readdirSync(join(root, 'data/tasks'));
    const again = await pwc(['new', 'task', '--name', 'Object Detection', '--area', 'medical'], root);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('data/tasks/object-detection.yaml already exists');
    expect(readFileSync(join(root, 'data/tasks/object-detection.yaml')).equals(task)).toBe(true);
    expect(readdirSync(join(root, 'data/tasks'))).toEqual(tasks);
  });

  it('adds a result row to an existing file of the same paper and benchmark, keeping its comments and rows', async () => {
    const root = await repoWithPaper();
    const path = RESULT;
    const existing = '# From the official repository README.\nresults:\n  - model: ResNet-50 # semi-supervised\n    metrics:\n      Top 1 Accuracy: 79.3\n';
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), existing);

    const added = await pwc(['new', 'result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER, '--model', 'ResNet-18', '--metric', 'Top 1 Accuracy=72.8', '--extra-training-data'], root);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`added a row to ${path}`);
    expect(added.stderr).toContain('note: no --source: Without a source the review says so');
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
    const root = await repoWithPaper();
    const path = RESULT;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), 'results:\n  - model: A\n    model: B\n');
    const result = await pwc(['new', 'result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER, '--model', 'C', '--metric', 'Top 1 Accuracy=80'], root);
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

  it('reads a repository of more files than it may open at once', () => {
    const root = dataRepo();
    for (let i = 0; i < 1000; i++) writeFileSync(join(root, `data/tasks/task-${i}.yaml`), `name: Task ${i}\narea: computer-vision\n`);
    // A low limit of open files (still above what loading the tool's own modules takes: at 64 that
    // load itself failed now and then) stands in for the 190,000 files of a full repository.
    const command = `ulimit -n 160 && exec '${process.execPath}' '${PWC}' new task --name 'Object Detection' --area computer-vision --root '${root}'`;
    const run = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('wrote data/tasks/object-detection.yaml');
  });

  it('reads the repository through the cache `pwc validate` leaves: a file git vouches for is not read again', async () => {
    const root = dataRepo();
    commitFiles(root, {}, 'data');
    expect((await pwc(['validate'], root)).code).toBe(0);
    // Edited behind git's back (marked unchanged): only the validated blob in the cache still says what imagenet is.
    const dataset = 'data/datasets/imagenet.yaml';
    gitIn(root)('update-index', '--assume-unchanged', dataset);
    writeFileSync(join(root, dataset), 'not: [yaml\n');
    const args = ['new', 'result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', 'deep-residual-learning-for-image-recognition', '--model', 'ResNet-200', '--metric', 'Top 1 Accuracy=78.3'];
    const uncached = dataRepo();
    cpSync(root, uncached, { recursive: true });
    rmSync(join(uncached, '.pwc-cache'), { recursive: true, force: true });
    const refused = await pwc(args, uncached);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--dataset "imagenet": the dataset "imagenet" declares no benchmark');
    const written = await pwc(args, root);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain('added a row to data/results/image-classification/imagenet/deep-residual-learning-for-image-recognition.yaml');
  });

  it('refuses an id that does not exist, with the closest one, and writes nothing', async () => {
    const root = dataRepo();
    const before = listing(root);
    const result = await pwc(['new', 'result', '--task', 'image-clasification', '--dataset', 'imagenet', '--paper', 'deep-residual-learning-for-image-recognition', '--model', 'ResNet-200', '--metric', 'Top 1 Accuracy=78.3'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--task "image-clasification": there is no task "image-clasification"');
    expect(result.stderr).toContain('Did you mean "image-classification"?');
    expect(result.stderr).toContain('nothing written');
    expect(existsSync(join(root, 'data/results/image-clasification'))).toBe(false);

    // Every kind's references: a paper's tasks, a task's area and parent, a dataset's variant, a method's paper.
    const refused: [string[], string][] = [
      [['paper', '--title', 'T', '--date', '2019-05-28', '--task', 'image-clasification'], '--task "image-clasification": there is no task'],
      [['paper', '--title', 'T', '--date', '2019-05-28', '--dataset', 'imagnet'], 'Did you mean "imagenet"?'],
      [['task', '--name', 'Object Detection', '--area', 'computer-visoin'], '--area "computer-visoin": there is no area "computer-visoin"'],
      [['task', '--name', 'Object Detection', '--area', 'computer-vision', '--parent', 'image-clasification'], '--parent "image-clasification"'],
      [['dataset', '--name', 'ImageNet V2', '--variant-of', 'imagnet'], '--variant-of "imagnet": there is no dataset "imagnet"'],
      [['method', '--name', 'EfficientNet', '--introduced-by', 'efficientnet'], '--introduced-by "efficientnet": there is no paper "efficientnet"'],
      [['result', '--task', 'image-classification', '--dataset', 'cue-conflict', '--paper', 'deep-residual-learning-for-image-recognition', '--model', 'M', '--metric', 'Top 1 Accuracy=1'], 'the dataset "cue-conflict" declares no benchmark for the task "image-classification"'],
    ];
    for (const [args, expected] of refused) {
      const refusal = await pwc(['new', ...args], root);
      expect(refusal.code, args.join(' ')).toBe(1);
      expect(refusal.stderr).toContain(expected);
    }
    expect(listing(root)).toEqual(before);
  });

  it('refuses a metric the benchmark does not declare, naming the declared ones', async () => {
    const root = dataRepo();
    const path = 'data/results/image-classification/imagenet/deep-residual-learning-for-image-recognition.yaml';
    const before = readFileSync(join(root, path));
    const result = await pwc(['new', 'result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', 'deep-residual-learning-for-image-recognition', '--model', 'ResNet-200', '--metric', 'Top-1 Acc=78.3'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--metric "Top-1 Acc=78.3": "Top-1 Acc" is not a metric of the benchmark image-classification/imagenet');
    expect(result.stderr).toContain('The benchmark declares "Top 1 Accuracy" (%, higher is better), "Top 5 Accuracy" (%, higher is better), "Number of params" (M, lower is better)');
    expect(readFileSync(join(root, path)).equals(before)).toBe(true);
  });

  it('writes nothing pwc validate would reject (a % written as a fraction), and writes with the warnings it would give', async () => {
    const root = await repoWithPaper();
    const args = ['new', 'result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER, '--model', 'EfficientNet-B0', '--source', 'Table 2'];
    const fraction = await pwc([...args, '--metric', 'Top 1 Accuracy=0.771'], root);
    expect(fraction.code).toBe(1);
    expect(fraction.stderr).toContain('nothing written: `pwc validate` would report 1 error');
    expect(fraction.stderr).toContain('error percent-as-fraction: 0.771 looks like a fraction');
    expect(fraction.stderr).toContain('tip: Write 77.1, as a percentage like the other rows');
    expect(existsSync(join(root, RESULT))).toBe(false);

    // The same row written by hand: pwc validate rejects it with the same finding.
    mkdirSync(dirname(join(root, RESULT)), { recursive: true });
    writeFileSync(join(root, RESULT), 'results:\n  - model: EfficientNet-B0\n    metrics:\n      Top 1 Accuracy: 0.771\n    source: Table 2\n');
    const validate = await pwc(['validate'], root);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain('error percent-as-fraction: 0.771 looks like a fraction');
    rmSync(join(root, RESULT));

    // A warning of validate (no value for the primary metric) is shown, and the row is written.
    const warned = await pwc([...args, '--metric', 'Top 5 Accuracy=93.3'], root);
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toContain('warning missing-primary-metric');
    expect(warned.stdout).toContain(`wrote ${RESULT}`);
    expect((await pwc(['validate'], root)).code).toBe(0);
  });

  it('refuses a day that does not exist at the flag, with the schema\'s tip', async () => {
    const root = dataRepo();
    const before = listing(root);
    const result = await pwc(['new', 'paper', '--title', 'EfficientNet', '--date', '2019-02-30'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--date "2019-02-30" is a day that does not exist: February 2019 has 28 days');
    expect(listing(root)).toEqual(before);
  });

  it('describes each kind\'s fields in its --help: what each means and how it is written', async () => {
    const paper = await pwc(['new', 'paper', '--help'], emptyRepo());
    expect(paper.code).toBe(0);
    expect(paper.stdout).toContain('pwc new paper: write data/papers/<year>/<id>.yaml');
    expect(paper.stdout).toMatch(/--date YYYY-MM-DD {2}\(required\)\n {6}The first public version: the arXiv v1 date/);
    expect(paper.stdout).toMatch(/--arxiv ID {2}\(asked in a terminal\)\n {6}The bare arXiv id, e\.g\. 1905\.00546: no "arXiv:" prefix/);
    expect(paper.stdout).toMatch(/--author NAME {2}\(repeatable: one value per flag; asked in a terminal\)/);
    expect(paper.stdout).toContain('--task, --method, --dataset must name what exists in data/');
    for (const kind of NEW_KINDS) {
      const help = await pwc(['new', kind, '--help'], emptyRepo());
      expect(help.code).toBe(0);
      for (const spec of NEW_FIELDS[kind]) expect(help.stdout, `${kind} --${spec.flag}`).toContain(`--${spec.flag}${spec.value ? ` ${spec.value}` : ''}`);
      for (const spec of NEW_FIELDS[kind]) expect(help.stdout).toContain(spec.help);
    }
    const result = await pwc(['new', 'result', '--help'], emptyRepo());
    expect(result.stdout).toContain('"Table 2"');
    expect(result.stdout).toContain('--metric names must be those the dataset\'s benchmark declares');
  });

  // A pseudo-terminal through util-linux `script`: stdin of pwc is then a TTY; the answers are typed ahead.
  const hasScript = (() => {
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  async function inTerminal(root: string, args: string[], answers: string[]): Promise<{ code: number | null; output: string }> {
    const command = [process.execPath, PWC, 'new', ...args, '--root', root].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stdin.write(answers.map((a) => `${a}\n`).join(''));
    // A session waiting for an answer it will never get fails with what it showed, not a test timeout.
    const timer = setTimeout(() => child.kill(), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    child.stdin.destroy();
    return { code, output };
  }

  it.skipIf(!hasScript)('in a terminal, asks for the missing fields (again when an answer is wrong or names nothing) and writes the file', async () => {
    const root = dataRepo();
    const { code, output } = await inTerminal(root, ['task'], ['Object Detection', 'Computer Vision', 'computer-visoin', 'computer-vision', '', '']);
    expect(output).toContain('Name: ');
    expect(output).toContain('must be an id');
    expect(output).toContain('there is no area "computer-visoin". Did you mean "computer-vision"?');
    expect(output).toContain('Parent task id (empty for none, empty to skip): ');
    expect(code, output).toBe(0);
    expect(output).toContain('wrote data/tasks/object-detection.yaml');
    expect(expectValidFile(root, 'data/tasks/object-detection.yaml')).toEqual({ name: 'Object Detection', area: 'computer-vision' });
  });

  it.skipIf(!hasScript)('in a terminal, asks a paper\'s authors, arXiv id, links and ids, and a result\'s metrics one by one and its source', async () => {
    const root = dataRepo();
    const paper = await inTerminal(root, ['paper'], [
      'EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks',
      '2019-02-30', '2019-05-28',
      'Mingxing Tan', 'Quoc V. Le', '',
      'arXiv:1905.11946v5', '1905.11946',
      'https://arxiv.org/abs/1905.11946',
      'ICML 2019',
      'image-clasification', 'image-classification', '',
      '',
      'imagenet', '',
    ]);
    for (const shown of [
      'Author (empty to skip): ',
      'Author (another one, or Enter to finish): ',
      'February 2019 has 28 days',
      'arXiv id (e.g. 1905.00546, empty to skip): ',
      'must be a bare arXiv id',
      'there is no task "image-clasification". Did you mean "image-classification"?',
    ]) expect(paper.output).toContain(shown);
    expect(paper.code, paper.output).toBe(0);
    expect(expectValidFile(root, `data/papers/2019/${PAPER}.yaml`)).toEqual({
      title: 'EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks',
      authors: ['Mingxing Tan', 'Quoc V. Le'],
      date: '2019-05-28',
      arxiv: '1905.11946',
      url: 'https://arxiv.org/abs/1905.11946',
      venue: 'ICML 2019',
      tasks: ['image-classification'],
      datasets: ['imagenet'],
    });

    const result = await inTerminal(root, ['result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER], [
      'EfficientNet-B7',
      '0.844x', '101', '0.844', '84.4',
      '97.1',
      '',
      'Table 2',
      '600x600 input',
      'n',
    ]);
    for (const shown of [
      'Top 1 Accuracy (%, higher is better, empty to skip): ',
      'Number of params (M, lower is better, empty to skip): ',
      'must be a number as the paper prints it, e.g. 84.4 for 84.4 % (not 0.844)',
      'must lie between 0 and 100 (%)',
      // The validator's own rule, judged on the answer: it would be refused, so it is asked again.
      'would be refused by pwc validate: 0.844 looks like a fraction: the other values of "Top 1 Accuracy" on image-classification/imagenet are percentages',
      'Source: where the paper reports these numbers (e.g. Table 2, empty to skip): ',
      'Trained with data beyond the dataset\'s training set? (y/N): ',
    ]) expect(result.output).toContain(shown);
    expect(result.code, result.output).toBe(0);
    expect(expectValidFile(root, RESULT)).toEqual({
      results: [{ model: 'EfficientNet-B7', metrics: { 'Top 1 Accuracy': 84.4, 'Top 5 Accuracy': 97.1 }, notes: '600x600 input', source: 'Table 2' }],
    });
    expect((await pwc(['validate'], root)).code).toBe(0);
  });

  it.skipIf(!hasScript)('in a terminal, says what a skipped source costs, and asks again when every metric is skipped', async () => {
    const root = await repoWithPaper();
    const { code, output } = await inTerminal(root, ['result', '--task', 'image-classification', '--dataset', 'imagenet', '--paper', PAPER, '--model', 'EfficientNet-B0'], ['', '', '', '77.1', '', '', '', '', '']);
    expect(output).toContain('At least one metric is required.');
    expect(output).toContain('Without a source the review says so');
    expect(code, output).toBe(0);
    expect(expectValidFile(root, RESULT)).toEqual({ results: [{ model: 'EfficientNet-B0', metrics: { 'Top 1 Accuracy': 77.1 } }] });
  });
});
