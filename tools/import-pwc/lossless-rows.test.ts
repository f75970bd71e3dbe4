// The importer keeps rows it used to lose: papers dated only by their arXiv id, rows of leaderboard submissions.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../checks/validate.ts';
import { importPwc } from './import.ts';
import type { ImportReport } from './report.ts';

const row = (model: string, paper: { url?: string; title?: string; date?: string }, em: string) => ({
  model_name: model,
  paper_title: paper.title ?? '',
  paper_url: paper.url ?? '',
  paper_date: paper.date ?? null,
  code_links: [],
  model_links: [],
  metrics: { EM: em },
  uses_additional_data: false,
});

// Real shapes: SQuAD's table names its leaderboard in the task's source_link, its submissions name no paper.
const TABLES = [
  {
    task: 'Question Answering',
    description: '',
    categories: ['Natural Language Processing'],
    subtasks: [],
    synonyms: [],
    source_link: { title: 'SQuAD Leaderboard', url: 'https://rajpurkar.github.io/SQuAD-explorer/' },
    datasets: [
      {
        dataset: 'SQuAD1.1',
        description: '',
        dataset_links: [],
        dataset_citations: [],
        subdatasets: [],
        sota: {
          metrics: ['EM'],
          rows: [
            // the leaderboard's own entry for a model a paper's row below also gives
            row('bidaf', {}, '67.974'),
            row('BiDAF', { url: 'https://arxiv.org/abs/1611.01603', title: 'Bidirectional Attention Flow for Machine Comprehension' }, '67.974'),
            row('FPNet (ensemble)', {}, '91.0'),
            row('Human Performance', {}, '82.304'),
            row('SAGN', { url: 'https://arxiv.org/abs/2104.09376' }, '80.10'),
            row('Old Reader', { url: 'https://example.org/old-reader.pdf', title: 'An Old Reader' }, '50.5'),
            // NLP-progress names models with the paper's year
            row('BiSET (2019)', { url: 'https://www.aclweb.org/anthology/P19-1207', title: 'BiSET: Bi-directional Selective Encoding with Template' }, '40.0'),
          ],
        },
      },
    ],
  },
];

let work: string;
let report: ImportReport;
const read = (path: string) => parse(readFileSync(join(work, 'out', path), 'utf8'));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pwc-import-lossless-'));
  const tables = join(work, 'evaluation-tables.json');
  writeFileSync(tables, JSON.stringify(TABLES));
  report = (await importPwc({ out: join(work, 'out'), evaluationTables: [tables], today: '2026-01-01' })).report;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a paper the dumps give no date: the month of its arXiv id', () => {
  it('is written as a partial date YYYY-MM, not a made-up first of the month', () => {
    const paper = read('data/papers/2016/bidirectional-attention-flow-for-machine-comprehension.yaml');
    expect(paper.date).toBe('2016-11');
    expect(paper.arxiv).toBe('1611.01603');
  });

  it('is marked as derived in the report', () => {
    expect(report.notes).toContainEqual({
      kind: 'date',
      path: 'data/papers/2016/bidirectional-attention-flow-for-machine-comprehension.yaml',
      note: 'no date in the dumps: 2016-11 (year and month only), derived from its arXiv id 1611.01603',
    });
  });
});

describe('a paper the dumps give no date and no arXiv id, whose rows name a year in the model name', () => {
  it('is dated with that year, a partial date YYYY, noted as derived', () => {
    const path = 'data/papers/2019/biset-bi-directional-selective-encoding-with-template.yaml';
    expect(read(path)).toMatchObject({ title: 'BiSET: Bi-directional Selective Encoding with Template', date: '2019' });
    expect(report.notes).toContainEqual({ kind: 'date', path, note: 'no date in the dumps: 2019 (year only), derived from the year its rows name in the model name: "BiSET (2019)"' });
  });
});

describe('rows that name no paper: submissions to the leaderboard the table links', () => {
  it('credits them to a source entry made from the link', () => {
    expect(read('data/sources/squad-leaderboard.yaml')).toEqual({
      name: 'SQuAD Leaderboard',
      kind: 'leaderboard',
      url: 'https://rajpurkar.github.io/SQuAD-explorer/',
      description: 'Results the Papers With Code archive lists from this leaderboard that it credits to no paper with a title and a date.',
    });
  });

  it('writes their results, values unchanged, at data/results/<task>/<dataset>/<source-id>.yaml', () => {
    expect(read('data/results/question-answering/squad1-1/squad-leaderboard.yaml')).toEqual({
      results: [
        { model: 'FPNet (ensemble)', metrics: { EM: 91.0 }, extra_training_data: false },
        { model: 'Human Performance', metrics: { EM: 82.304 }, extra_training_data: false },
        { model: 'SAGN', metrics: { EM: 80.1 }, extra_training_data: false, source: { kind: 'paper', url: 'https://arxiv.org/abs/2104.09376' } },
        {
          model: 'Old Reader',
          metrics: { EM: 50.5 },
          extra_training_data: false,
          notes: 'from the paper "An Old Reader", whose date is not known',
          source: { kind: 'paper', url: 'https://example.org/old-reader.pdf' },
        },
      ],
    });
    // as the dump prints it
    expect(readFileSync(join(work, 'out', 'data/results/question-answering/squad1-1/squad-leaderboard.yaml'), 'utf8')).toContain('EM: 80.10\n');
  });

  it('keeps on the leaderboard a row whose paper has no title or no date, with the paper\'s link as its source', () => {
    expect(report.skipped.filter((s) => s.kind === 'row').map((s) => s.model)).toEqual(['bidaf']);
    expect(report.skipped.filter((s) => s.kind === 'paper')).toEqual([]);
  });

  it('counts them as imported, and the source among what was imported', () => {
    expect(report.rows).toEqual({ total: 7, imported: 6, reported: 1 });
    expect(report.imported).toMatchObject({ papers: 2, sources: 1, rows: 6 });
  });
});

describe('a model that both a paper and its table\'s leaderboard give', () => {
  it('keeps the paper\'s row, though the leaderboard\'s comes first, and reports the other', () => {
    expect(read('data/results/question-answering/squad1-1/bidirectional-attention-flow-for-machine-comprehension.yaml').results).toEqual([
      { model: 'BiDAF', metrics: { EM: 67.974 }, extra_training_data: false },
    ]);
    const dropped = report.skipped.find((s) => s.kind === 'row' && s.model === 'bidaf');
    expect(dropped?.reason).toBe('the model "bidaf" is already on this leaderboard (row 2), and a model appears once per leaderboard');
  });
});

describe('the import of these tables', () => {
  it('validates without errors', async () => {
    const { findings } = await validate({ root: join(work, 'out'), cache: false, today: '2026-01-01' });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
