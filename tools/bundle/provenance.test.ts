// Settings, structured sources, non-paper sources and partial dates reach consumers: `pwc bundle`
// (the real command) on a temp repository holding each, checked against the published schema with a
// plain Ajv as docs/bundle.md tells consumers to, and every fact looked up in pwc-data.json.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ajv2020 as AjvClass } from 'ajv/dist/2020.js';
import { commitAll, PWC_BIN, tempDir, writeFiles } from './testing.ts';

const require = createRequire(import.meta.url);
const Ajv2020: typeof AjvClass = require('ajv/dist/2020').default;

const REPOSITORY: Record<string, string> = {
  'data/areas.yaml': `areas:
  - id: computer-vision
    name: Computer Vision
`,
  'data/tasks/image-classification.yaml': `name: Image Classification
area: computer-vision
`,
  'data/datasets/imagenet.yaml': `name: ImageNet
benchmarks:
  - task: image-classification
    metrics:
      - name: Top 1 Accuracy
        direction: higher
        unit: '%'
    settings:
      - name: resolution
        type: number
        unit: px
        description: Side of the square test crop.
      - name: pretraining_data
        type: text
      - name: test_time_augmentation
        type: boolean
      - name: protocol
        type: choice
        values: [single-crop, multi-crop]
`,
  'data/papers/2019/month-paper.yaml': `title: A paper known by its month
date: 2019-05
`,
  'data/papers/2018/year-paper.yaml': `title: A paper known by its year
date: '2018'
`,
  'data/sources/vision-leaderboard.yaml': `name: The vision leaderboard
kind: leaderboard
url: https://example.org/leaderboard
description: An official leaderboard.
`,
  'data/results/image-classification/imagenet/month-paper.yaml': `results:
  - model: Net-L
    metrics:
      Top 1 Accuracy: 85.5
    settings:
      test_time_augmentation: false
      resolution: 600
      pretraining_data: JFT-300M
      protocol: single-crop
    source:
      kind: code
      url: https://github.com/example/net
      ref: README, Table 2
`,
  'data/results/image-classification/imagenet/year-paper.yaml': `results:
  - model: Old-Net
    metrics:
      Top 1 Accuracy: 76.1
    source: Table 3
`,
  'data/results/image-classification/imagenet/vision-leaderboard.yaml': `results:
  - model: Submission 7
    metrics:
      Top 1 Accuracy: 86.2
    source:
      kind: leaderboard
`,
};

let parent: string;
let data: any;
let schema: any;

beforeAll(() => {
  parent = tempDir('pwc-bundle-provenance-');
  const root = join(parent, 'repo');
  writeFiles(root, REPOSITORY);
  commitAll(root);
  const out = join(parent, 'bundle');
  execFileSync(process.execPath, [PWC_BIN, 'bundle', '--root', root, '--out', out], { encoding: 'utf8' });
  data = JSON.parse(readFileSync(join(out, 'pwc-data.json'), 'utf8'));
  schema = JSON.parse(readFileSync(join(out, 'pwc-data.schema.json'), 'utf8'));
}, 60_000);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const row = (model: string) => data.results.find((r: { model: string }) => r.model === model);

describe('the bundle of settings, structured sources, non-paper sources and partial dates', () => {
  it('validates against the published schema with a plain Ajv, as a consumer would', () => {
    const validate = new Ajv2020({ allowUnionTypes: true }).compile(schema);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.meta.schema_version).toBe('2.1.0');
  });

  it('carries the benchmark\'s settings declarations and each row\'s settings, keys sorted', () => {
    const [benchmark] = data.benchmarks;
    expect(benchmark.settings).toEqual([
      { name: 'resolution', type: 'number', unit: 'px', description: 'Side of the square test crop.' },
      { name: 'pretraining_data', type: 'text' },
      { name: 'test_time_augmentation', type: 'boolean' },
      { name: 'protocol', type: 'choice', values: ['single-crop', 'multi-crop'] },
    ]);
    expect(JSON.stringify(row('Net-L').settings)).toBe('{"pretraining_data":"JFT-300M","protocol":"single-crop","resolution":600,"test_time_augmentation":false}');
    expect(row('Old-Net').settings).toEqual({});
  });

  it('carries a structured source as an object and a plain-text one as {text}', () => {
    expect(row('Net-L').provenance).toEqual({ kind: 'code', url: 'https://github.com/example/net', ref: 'README, Table 2' });
    expect(row('Old-Net').provenance).toEqual({ text: 'Table 3' });
    expect(row('Submission 7').provenance).toEqual({ kind: 'leaderboard' });
  });

  it('carries a source that is not a paper, and its results name it in `source` instead of `paper`', () => {
    expect(data.sources).toEqual([
      { id: 'vision-leaderboard', name: 'The vision leaderboard', kind: 'leaderboard', url: 'https://example.org/leaderboard', description: 'An official leaderboard.' },
    ]);
    const submission = row('Submission 7');
    expect(submission).toMatchObject({ id: 'image-classification/imagenet/vision-leaderboard#Submission 7', source: 'vision-leaderboard', rank: 1 });
    expect(submission).not.toHaveProperty('paper');
    expect(row('Net-L')).toMatchObject({ paper: 'month-paper', rank: 2 });
    expect(row('Net-L')).not.toHaveProperty('source');
  });

  it('carries partial dates as written, and they sort as strings by the start of their period', () => {
    const dates = Object.fromEntries(data.papers.map((p: { id: string; date: string }) => [p.id, p.date]));
    expect(dates).toEqual({ 'month-paper': '2019-05', 'year-paper': '2018' });
    expect(['2019-05-01', '2019-05', '2019', '2018-12-31', '2019-04-30'].sort()).toEqual(['2018-12-31', '2019', '2019-04-30', '2019-05', '2019-05-01']);
  });

  it('is refused by its schema when a row names both a paper and a source, or a source has both kind and text', () => {
    const validate = new Ajv2020({ allowUnionTypes: true }).compile(schema);
    const both = structuredClone(data);
    both.results.find((r: { model: string }) => r.model === 'Submission 7').paper = 'month-paper';
    expect(validate(both)).toBe(false);
    const mixed = structuredClone(data);
    mixed.results.find((r: { model: string }) => r.model === 'Old-Net').provenance.kind = 'paper';
    expect(validate(mixed)).toBe(false);
  });
});
