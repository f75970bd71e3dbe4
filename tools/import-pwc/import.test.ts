// The importer end to end on small dumps in the real shapes: mapping, accounting, idempotence, conflicts, bad input.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../checks/validate.ts';
import { DumpError } from './dump-reader.ts';
import { importPwc, REPORT_JSON, type ImportOptions, type ImportOutcome } from './import.ts';
import type { ImportReport, Skipped } from './report.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const TODAY = '2026-01-01';
const all = (out: string): ImportOptions => ({
  out,
  evaluationTables: [join(FIXTURES, 'evaluation-tables.json'), join(FIXTURES, 'more-evaluation-tables.json')],
  papers: join(FIXTURES, 'papers.json'),
  links: join(FIXTURES, 'links.json'),
  datasets: join(FIXTURES, 'datasets.json'),
  methods: join(FIXTURES, 'methods.json'),
  today: TODAY,
});

let work: string;
let out: string;
let outcome: ImportOutcome;
let report: ImportReport;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pwc-import-'));
  out = join(work, 'out');
  outcome = await importPwc(all(out));
  report = outcome.report;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function read(path: string): any {
  return parse(readFileSync(join(out, path), 'utf8'));
}

/** Every file under a folder with its bytes, for comparing trees. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

/** Rows and values in the evaluation-tables fixtures, counted straight from the JSON. */
function sourceCounts(files: string[]): { rows: number; values: number } {
  let rows = 0;
  let values = 0;
  const dataset = (d: any) => {
    for (const r of d.sota?.rows ?? []) {
      rows++;
      values += Object.keys(r.metrics ?? {}).length;
    }
    for (const s of d.subdatasets ?? []) dataset(s);
  };
  const task = (t: any) => {
    for (const d of t.datasets ?? []) dataset(d);
    for (const s of t.subtasks ?? []) task(s);
  };
  for (const file of files) for (const t of JSON.parse(readFileSync(file, 'utf8'))) task(t);
  return { rows, values };
}

function skipped(predicate: (s: Skipped) => boolean): Skipped[] {
  return report.skipped.filter(predicate);
}

describe('importPwc: accounting', () => {
  it('accounts for every row and every value of the tables: imported + reported = total', () => {
    const source = sourceCounts(all(out).evaluationTables);
    expect(report.rows.total).toBe(source.rows);
    expect(report.values.total).toBe(source.values);
    expect(report.rows.imported + report.rows.reported).toBe(report.rows.total);
    expect(report.values.imported + report.values.reported).toBe(report.values.total);
    expect(report.rows.reported).toBe(skipped((s) => s.kind === 'row').length);
    // what the files hold is what the report says was imported
    let rows = 0;
    let values = 0;
    for (const [path, text] of tree(join(out, 'data'))) {
      if (!path.startsWith('results/')) continue;
      for (const r of parse(text).results) {
        rows++;
        values += Object.keys(r.metrics).length;
      }
    }
    expect({ rows, values }).toEqual({ rows: report.rows.imported, values: report.values.imported });
    expect(report.imported.rows).toBe(rows);
  });

  it('names file, task, dataset, row and why for every row left out', () => {
    for (const s of skipped((x) => x.kind === 'row')) {
      expect(s.file).toMatch(/evaluation-tables\.json$/);
      expect(s.task).toBeTruthy();
      expect(s.dataset).toBeTruthy();
      expect(typeof s.row).toBe('number');
      expect(s.at).toMatch(/\.sota\.rows\[\d+\]$/);
      expect(s.reason).toBeTruthy();
    }
    const reasons = skipped((x) => x.kind === 'row').map((s) => `${s.dataset}#${s.row}: ${s.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ImageNet#3: the model "resnet 50" is already on this leaderboard \(row 1\)/),
        expect.stringMatching(/^ImageNet#4: the row names no paper/),
        expect.stringMatching(/^ImageNet#5: the row has no model name/),
        expect.stringMatching(/^ImageNet#9: its paper has no date/),
        expect.stringMatching(/^CIFAR-10#2: .*percent-as-fraction/),
        expect.stringMatching(/^CIFAR-10#3: no metric value of the row could be taken/),
      ]),
    );
  });

  it('writes a report whose file matches what it returns, and a readable summary', () => {
    expect(JSON.parse(readFileSync(join(out, REPORT_JSON), 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
    const summary = readFileSync(join(out, 'import-report.md'), 'utf8');
    expect(summary).toContain(`Result rows: ${report.rows.total} in the evaluation tables = ${report.rows.imported} imported + ${report.rows.reported} reported.`);
    expect(summary).toContain('| row | the row names no paper');
  });

  it('leaves a folder that validates without errors, and counts the warnings in the report', async () => {
    const { findings } = await validate({ root: out, cache: false, today: TODAY });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.validation).toEqual({ errors: 0, warnings: findings.length, byRule: expect.any(Object) });
  });
});

describe('importPwc: mapping', () => {
  it('makes tasks with parents and areas from categories', () => {
    expect(read('data/tasks/image-classification.yaml')).toEqual({
      name: 'Image Classification',
      area: 'computer-vision',
      description: 'Image classification assigns a label to an image.',
      synonyms: ['Image Recognition'],
    });
    expect(read('data/tasks/fine-grained-image-classification.yaml')).toMatchObject({ area: 'computer-vision', parent: 'image-classification' });
    // listed top-level and as a subtask of Dependency Parsing: one task, with that parent
    expect(read('data/tasks/language-modelling.yaml')).toMatchObject({ area: 'natural-language-processing', parent: 'dependency-parsing' });
    expect(read('data/areas.yaml').areas).toEqual([
      { id: 'computer-vision', name: 'Computer Vision' },
      { id: 'natural-language-processing', name: 'Natural Language Processing' },
    ]);
  });

  it('makes one benchmark per (task, dataset), metrics in order with directions, first ranking', () => {
    const imagenet = read('data/datasets/imagenet.yaml');
    expect(imagenet.benchmarks).toEqual([
      {
        task: 'image-classification',
        metrics: [
          { name: 'Top 1 Accuracy', direction: 'higher' },
          { name: 'Top 5 Accuracy', direction: 'higher' },
          { name: 'Number of params', direction: 'lower' },
        ],
        description: 'ImageNet is a large image database.',
      },
    ]);
    // the same dataset under two tasks: one dataset, two benchmarks
    expect(read('data/datasets/penn-treebank.yaml').benchmarks.map((b: any) => [b.task, b.metrics.map((m: any) => `${m.name}:${m.direction}`)])).toEqual([
      ['dependency-parsing', ['UAS:higher', 'LAS:higher']],
      ['language-modelling', ['Test perplexity:lower', 'Validation perplexity:lower', 'Params:lower']],
    ]);
    // a text column is not a metric: the next one ranks
    expect(read('data/datasets/chat-logs.yaml').benchmarks[0].metrics).toEqual([{ name: '1-1', direction: 'higher' }]);
    expect(read('data/datasets/empty-set.yaml')).toEqual({ name: 'Empty Set' });
  });

  it('reports a metric of unknown direction and its values', () => {
    expect(skipped((s) => s.kind === 'metric' && s.name === 'Mystery Index')[0].reason).toMatch(/no known direction/);
    expect(skipped((s) => s.kind === 'value' && s.name === 'Mystery Index')).toHaveLength(1);
  });

  it('imports a table whose ranking metric has no known direction as an unranked leaderboard, with a warning', () => {
    expect(skipped((s) => s.dataset === 'Mystery Set')).toEqual([]);
    expect(read('data/datasets/mystery-set.yaml').benchmarks).toEqual([{ task: expect.any(String), metrics: [{ name: 'Weirdness' }] }]);
    const task = read('data/datasets/mystery-set.yaml').benchmarks[0].task;
    const files = readdirSync(join(out, 'data/results', task, 'mystery-set'));
    expect(files).toHaveLength(1);
    expect(read(`data/results/${task}/mystery-set/${files[0]}`).results).toEqual([expect.objectContaining({ model: 'M1', metrics: { Weirdness: 1.0 } })]);
    expect(report.notes.filter((n) => /"Weirdness" .*unranked leaderboard/.test(n.note))).toHaveLength(1);
    expect(report.validation.errors).toBe(0);
    expect(report.validation.byRule['unranked-benchmark']).toBe(1);
  });

  it('makes subdatasets and listed variants into datasets with variant_of', () => {
    expect(read('data/datasets/imagenet-real.yaml')).toMatchObject({ name: 'ImageNet (ReaL)', variant_of: 'imagenet' });
    expect(read('data/datasets/imagenet.yaml')).toMatchObject({
      name: 'ImageNet',
      description: 'The ImageNet dataset contains 14,197,122 annotated images.',
      homepage: 'https://image-net.org/',
      introduced_date: '2009-06-20',
      modalities: ['Images'],
    });
    expect(read('data/datasets/cifar-10.yaml')).toMatchObject({
      full_name: 'Canadian Institute for Advanced Research, 10 classes',
      introduced_by: 'learning-multiple-layers-of-features-from',
    });
    expect(read('data/datasets/mnist.yaml')).toMatchObject({ name: 'MNIST', introduced_date: '1998-11-01' });
  });

  it('matches papers across rows by arXiv id with or without version, URL and normalised title', () => {
    // ResNet: abs v1, pdf, abs v2, plain abs, and a row with the title only: one paper
    const resnet = read('data/papers/2015/deep-residual-learning-for-image.yaml');
    expect(resnet.datasets).toEqual(['cifar-10', 'cub-200-2011', 'imagenet', 'stl-10']);
    expect(read('data/results/image-classification/imagenet/deep-residual-learning-for-image.yaml').results.map((r: any) => r.model)).toEqual(['ResNet-50', 'ResNet-152']);
    // same NIPS page with and without "www." and a trailing slash
    expect(read('data/results/image-classification/imagenet/imagenet-classification-with-deep-convolutional-neural-networks.yaml').results.map((r: any) => r.model)).toEqual(['AlexNet']);
    // a title-only row and a row whose title differs in case and punctuation but has the arXiv id
    const noisy = read('data/papers/2019/self-training-with-noisy-student-improves.yaml');
    expect(noisy.arxiv).toBe('1911.04252');
    expect(read('data/results/image-classification/imagenet/self-training-with-noisy-student-improves.yaml').results.map((r: any) => r.model)).toEqual(['Noisy Student', 'EfficientNet-B7']);
    const papers = [...tree(join(out, 'data/papers')).keys()];
    expect(papers.filter((p) => p.includes('residual-learning'))).toHaveLength(1);
  });

  it('enriches papers from the papers and links dumps', () => {
    expect(read('data/papers/2015/deep-residual-learning-for-image.yaml')).toMatchObject({
      title: 'Deep Residual Learning for Image Recognition',
      authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
      date: '2015-12-10',
      arxiv: '1512.03385',
      url: 'https://arxiv.org/abs/1512.03385v1',
      pdf: 'http://arxiv.org/pdf/1512.03385v1.pdf',
      venue: 'CVPR 2016 6',
      abstract: 'Deeper neural networks are more difficult to train.',
      tasks: ['fine-grained-image-classification', 'image-classification'],
      methods: ['residual-connection', 'resnet'],
      code: [
        { url: 'https://github.com/KaimingHe/deep-residual-networks', official: true },
        { url: 'https://github.com/pytorch/vision', official: false, framework: 'pytorch' },
      ],
    });
    // a date only the papers dump knows
    expect(read('data/papers/2019/language-models-are-unsupervised-multitask.yaml').date).toBe('2019-02-14');
    expect(skipped((s) => s.kind === 'reference' && s.value === 'Object Detection')[0]).toMatchObject({ file: expect.stringMatching(/papers\.json$/), at: '[0]', name: 'Deep Residual Learning for Image Recognition' });
    expect(report.unmatched.map((u) => [u.kind, u.entries])).toEqual([['papers', 1], ['links', 1]]);
  });

  it('takes methods from methods.json and from the papers\' method lists', () => {
    expect(read('data/methods/resnet.yaml')).toEqual({
      name: 'ResNet',
      full_name: 'Residual Network',
      description: 'Residual Networks, or ResNets, learn residual functions.',
      collections: ['Convolutional Neural Networks'],
      introduced_by: 'deep-residual-learning-for-image',
      introduced_year: 2015,
    });
    expect(read('data/methods/residual-connection.yaml')).toEqual({
      name: 'Residual Connection',
      description: 'Residual Connection is a method.',
      collections: ['Skip Connections'],
      introduced_year: 2015,
    });
    // Dropout's paper is not in the papers dump: the method stays, its introduced_by is reported
    expect(read('data/methods/dropout.yaml').introduced_by).toBeUndefined();
    expect(skipped((s) => s.kind === 'reference' && s.name === 'introduced_by' && s.value === 'Dropout: A Simple Way to Prevent Neural Networks from Overfitting')).toHaveLength(1);
  });

  it('writes parsed values, keeps spreads and marks as notes, and reports values it cannot read', () => {
    const [resnet50, resnet152] = read('data/results/image-classification/imagenet/deep-residual-learning-for-image.yaml').results;
    expect(resnet50).toEqual({
      model: 'ResNet-50',
      metrics: { 'Top 1 Accuracy': 76.15, 'Top 5 Accuracy': 92.87, 'Number of params': 25_600_000 },
      extra_training_data: false,
      code: 'https://github.com/KaimingHe/deep-residual-networks',
    });
    expect(resnet152).toEqual({
      model: 'ResNet-152',
      metrics: { 'Top 1 Accuracy': 78.57, 'Top 5 Accuracy': 94.29, 'Number of params': 60_000_000 },
      notes: 'Top 1 Accuracy: ± 0.1; Top 5 Accuracy: marked "*" in the source; Number of params: approximate',
    });
    expect(read('data/results/image-classification/imagenet/an-image-is-worth-16x16-words-transformers-for-image-recognition-at-scale.yaml').results[0]).toEqual({
      model: 'ViT-L/16',
      metrics: { 'Top 1 Accuracy': 87.76, 'Number of params': 307_000_000 },
      extra_training_data: true,
    });
    expect(skipped((s) => s.kind === 'value' && s.value === '-')[0]).toMatchObject({ task: 'Image Classification', dataset: 'ImageNet', row: 2, name: 'Top 5 Accuracy', reason: 'the value is not taken: a dash: no value' });
    expect(skipped((s) => s.kind === 'value' && s.value === '93.0/90.7')[0].reason).toMatch(/several numbers/);
    // keys that are the same name but for spacing, and a key with no name
    expect(read('data/results/language-modelling/penn-treebank/recurrent-neural-network-regularization.yaml').results[0].metrics).toEqual({ 'Test perplexity': 82.7 });
    expect(skipped((s) => s.kind === 'value' && s.model === 'LSTM (medium)').map((s) => [s.name, s.value, s.reason])).toEqual([
      ['Test perplexity', '82.2', expect.stringMatching(/gives this metric twice/)],
      ['', '5', 'the metric has no name'],
    ]);
  });

  it('writes values as the dumps print them ("97.0" stays 97.0 in the file, the number 97 in the data)', () => {
    const texts = [...tree(join(out, 'data', 'results')).values()];
    const awd = texts.find((t) => t.includes('model: AWD-LSTM'))!;
    expect(awd).toContain('      Validation perplexity: 60.0\n');
    expect(parse(awd).results[0].metrics['Validation perplexity']).toBe(60);
    const b7 = texts.find((t) => t.includes('model: EfficientNet-B7'))!;
    expect(b7).toMatch(/Top 5 Accuracy: 97\.0\n/);
    // A scaled value has no printed digits to keep: "66M" is written as the number.
    expect(b7).toContain('Number of params: 66000000\n');
  });

  it('resolves slug collisions deterministically and reports them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pwc-import-slugs-'));
    try {
      const tables = join(dir, 'tables.json');
      const task = (name: string) => ({ task: name, categories: ['NLP'], datasets: [], subtasks: [], synonyms: [], description: '', source_link: null });
      writeFileSync(tables, JSON.stringify([task('Named entity recognition'), task('Named Entity Recognition'), task('Named-Entity Recognition')]));
      const first = await importPwc({ out: join(dir, 'a'), evaluationTables: [tables], today: TODAY });
      writeFileSync(tables, JSON.stringify([task('Named-Entity Recognition'), task('Named Entity Recognition'), task('Named entity recognition')]));
      await importPwc({ out: join(dir, 'b'), evaluationTables: [tables], today: TODAY });
      const names = (root: string) => Object.fromEntries([...tree(join(root, 'data/tasks'))].map(([p, t]) => [p, parse(t).name]));
      expect(names(join(dir, 'a'))).toEqual({
        'named-entity-recognition.yaml': 'Named Entity Recognition',
        'named-entity-recognition-2.yaml': 'Named entity recognition',
        'named-entity-recognition-3.yaml': 'Named-Entity Recognition',
      });
      expect(names(join(dir, 'b'))).toEqual(names(join(dir, 'a')));
      // Each is "named-entity-recognition" on Papers With Code too: the first's page, so no old address for the others.
      expect(first.report.notes.filter((n) => n.kind === 'id').map((n) => n.path).sort()).toEqual([
        'data/tasks/named-entity-recognition-2.yaml',
        'data/tasks/named-entity-recognition-2.yaml',
        'data/tasks/named-entity-recognition-3.yaml',
        'data/tasks/named-entity-recognition-3.yaml',
      ]);
      for (const text of tree(join(dir, 'a', 'data/tasks')).values()) expect(parse(text).pwc_slug).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('importPwc: Papers With Code slugs', () => {
  it('records a paper\'s page slug that is not a valid id of ours (an underscore) and a dataset name\'s slug beside the ids given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pwc-import-pwc-slugs-'));
    try {
      const papers = JSON.parse(readFileSync(join(FIXTURES, 'papers.json'), 'utf8')).slice(0, 1);
      papers[0].paper_url = 'https://paperswithcode.com/paper/deep_residual-learning-for-image';
      const row = { model_name: 'ResNet-50', paper_title: papers[0].title, paper_url: 'https://arxiv.org/abs/1512.03385', paper_date: '2015-12-10', code_links: [], model_links: [], metrics: { F1: '76.1' } };
      const dataset = { dataset: 'SQuAD1.1', description: '', dataset_links: [], dataset_citations: [], subdatasets: [], sota: { metrics: ['F1'], rows: [row] } };
      const tables = [{ task: 'Question Answering', categories: ['NLP'], datasets: [dataset], subtasks: [], synonyms: [], description: '', source_link: null }];
      writeFileSync(join(dir, 'tables.json'), JSON.stringify(tables));
      writeFileSync(join(dir, 'papers.json'), JSON.stringify(papers));
      const outcome = await importPwc({ out: join(dir, 'out'), evaluationTables: [join(dir, 'tables.json')], papers: join(dir, 'papers.json'), today: TODAY });
      expect(outcome.report.validation.errors).toBe(0);
      const read = (path: string) => parse(readFileSync(join(dir, 'out', path), 'utf8'));
      expect(read('data/papers/2015/deep-residual-learning-for-image.yaml').pwc_slug).toBe('deep_residual-learning-for-image');
      expect(read('data/datasets/squad1-1.yaml').pwc_slug).toBe('squad11');
      expect(read('data/tasks/question-answering.yaml').pwc_slug).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('importPwc: writing', () => {
  it('is idempotent: importing again changes nothing', async () => {
    const before = tree(out);
    const again = await importPwc(all(out));
    expect(again.created).toBe(0);
    expect(again.unchanged).toBe(outcome.created);
    expect(again.report.conflicts).toEqual([]);
    expect(tree(out)).toEqual(before);
  });

  it('reads gzipped dumps exactly as plain ones', async () => {
    const gz = join(work, 'gz');
    cpSync(FIXTURES, gz, { recursive: true });
    for (const name of readdirSync(gz)) if (name.endsWith('.json')) writeFileSync(join(gz, `${name}.gz`), gzipSync(readFileSync(join(gz, name))));
    const options = all(join(work, 'from-gz'));
    const swap = (p: string | string[] | undefined) => p && join(gz, `${relative(FIXTURES, String(p))}.gz`);
    const result = await importPwc({
      ...options,
      evaluationTables: options.evaluationTables.map((p) => swap(p)!),
      papers: swap(options.papers),
      links: swap(options.links),
      datasets: swap(options.datasets),
      methods: swap(options.methods),
    });
    expect(tree(join(work, 'from-gz', 'data'))).toEqual(tree(join(out, 'data')));
    expect(result.report.rows).toEqual(report.rows);
  });

  it('never overwrites an existing file: differences are reported as conflicts', async () => {
    const copy = join(work, 'existing');
    cpSync(out, copy, { recursive: true });
    const edited = 'data/results/image-classification/cifar-10/wide-residual-networks.yaml';
    const mine = 'results:\n  - model: WRN-28-10\n    metrics:\n      Percentage correct: 96.2\n';
    writeFileSync(join(copy, edited), mine);
    rmSync(join(copy, 'data/tasks/dependency-parsing.yaml'));
    const before = tree(copy);
    const result = await importPwc(all(copy));
    expect(readFileSync(join(copy, edited), 'utf8')).toBe(mine);
    expect(result.report.conflicts).toEqual([{ path: edited, reason: expect.stringMatching(/kept/) }]);
    expect(result.created).toBe(1); // the deleted task file comes back
    const after = tree(copy);
    for (const [path, text] of before) if (!path.startsWith('import-report')) expect(after.get(path), path).toBe(text);
    // the conflicting file's row is accounted for as reported, not imported
    expect(result.report.rows.imported).toBe(report.rows.imported - 1);
    expect(result.report.skipped.find((s) => s.kind === 'row' && s.model === 'WRN-28-10')?.reason).toMatch(/already exists with other content/);
  });
});

describe('importPwc: into the repository\'s own data', () => {
  it('keeps every existing file, reports the differing ones, and leaves no validation error', async () => {
    const repo = join(work, 'repo');
    cpSync(fileURLToPath(new URL('../../data', import.meta.url)), join(repo, 'data'), { recursive: true });
    const before = tree(repo);
    const result = await importPwc(all(repo));
    const after = tree(repo);
    for (const [path, text] of before) expect(after.get(path), path).toBe(text);
    expect(result.report.conflicts.map((c) => c.path)).toEqual(expect.arrayContaining(['data/areas.yaml', 'data/datasets/imagenet.yaml', 'data/tasks/image-classification.yaml']));
    expect(result.report.validation.errors).toBe(0);
    expect(result.report.rows.imported + result.report.rows.reported).toBe(result.report.rows.total);
  });
});

describe('importPwc: bad input', () => {
  async function fails(tables: string): Promise<DumpError> {
    const target = join(work, `bad-${Math.random().toString(36).slice(2)}`);
    try {
      await importPwc({ ...all(target), evaluationTables: [join(FIXTURES, 'evaluation-tables.json'), tables] });
    } catch (error) {
      expect(error).toBeInstanceOf(DumpError);
      expect(existsSync(target)).toBe(false); // nothing written, not even a half folder
      expect(readdirSync(work).filter((n) => n.startsWith('.'))).toEqual([]); // no staging left behind
      return error as DumpError;
    }
    throw new Error('expected the import to fail');
  }

  it('stops at a file that is not JSON, naming file, line and column', async () => {
    const bad = join(work, 'not-json.json');
    writeFileSync(bad, '[\n  {"task": "A", "datasets": [],}\n]\n');
    const error = await fails(bad);
    expect(error.message).toMatch(/not-json\.json: not valid JSON: .* at line 2, column 32 \(byte 33 of the JSON\)/);
  });

  it('stops at a wrong shape, naming the field', async () => {
    const bad = join(work, 'shape.json');
    writeFileSync(bad, JSON.stringify([{ task: 'A', datasets: [{ dataset: 'D', sota: { metrics: 'accuracy', rows: [] } }] }], null, 2));
    const error = await fails(bad);
    expect(error.message).toMatch(/shape\.json: wrong shape for the evaluation-tables dump .*"datasets\[0\]\.sota\.metrics" of entry 0 must be a list or null, found the string "accuracy" at line 8, column 22 \(byte 112 of the JSON\)/);
  });

  it('stops at a truncated gzip file', async () => {
    const gz = gzipSync(readFileSync(join(FIXTURES, 'evaluation-tables.json')));
    const bad = join(work, 'cut.json.gz');
    writeFileSync(bad, gz.subarray(0, gz.length - 40));
    const error = await fails(bad);
    expect(error.reason).toMatch(/truncated/);
    expect(error.compressedOffset).toBeGreaterThan(0);
  });

  it('stops at a papers dump given where a list of tasks is expected', async () => {
    const error = await fails(join(FIXTURES, 'methods.json'));
    expect(error.message).toMatch(/lacks "task"/);
  });
});
