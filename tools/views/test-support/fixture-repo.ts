// Test fixtures: small data repositories written as real YAML files in temp folders, including one
// whose every text field is hostile (Markdown, HTML and template syntax that must stay text).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { HOSTILE } from '../../markdown/testing.ts';

export type FixtureFiles = Record<string, unknown>;

/** Writes each file (path -> data) as YAML under root; returns root. */
export function writeFixture(root: string, files: FixtureFiles): string {
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), stringify(data, { lineWidth: 0 }));
  }
  return root;
}

export function tempRoot(prefix = 'pwc-views-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Two tasks, two datasets and three papers: one board of two rows and one of a single row. */
export function twoBoards(): FixtureFiles {
  return {
    'data/areas.yaml': { areas: [{ id: 'cv', name: 'Computer Vision' }] },
    'data/tasks/classification.yaml': { name: 'Classification', area: 'cv' },
    'data/tasks/detection.yaml': { name: 'Detection', area: 'cv' },
    'data/datasets/imagenet.yaml': { name: 'ImageNet', benchmarks: [{ task: 'classification', metrics: [{ name: 'Top-1', direction: 'higher', unit: '%' }] }] },
    'data/datasets/coco.yaml': { name: 'COCO', benchmarks: [{ task: 'detection', metrics: [{ name: 'AP', direction: 'higher' }] }] },
    'data/papers/2019/p-a.yaml': { title: 'Paper A', date: '2019-02-01', tasks: ['classification'] },
    'data/papers/2020/p-b.yaml': { title: 'Paper B', date: '2020-02-01', tasks: ['classification'] },
    'data/papers/2021/p-c.yaml': { title: 'Paper C', date: '2021-02-01', tasks: ['detection'] },
    'data/results/classification/imagenet/p-a.yaml': { results: [{ model: 'Model A', metrics: { 'Top-1': 70 } }] },
    'data/results/classification/imagenet/p-b.yaml': { results: [{ model: 'Model B', metrics: { 'Top-1': 80 } }] },
    'data/results/detection/coco/p-c.yaml': { results: [{ model: 'Model C', metrics: { AP: 40 } }] },
  };
}

/** A small repository with every hostile value in the fields the pages show. */
export function hostileFiles(): FixtureFiles {
  const h = HOSTILE;
  const models = [
    h.modelPipe, h.modelScript, h.modelTemplate, h.modelTicks, h.modelMarkup, h.modelNewline,
    h.modelList, h.modelEntity, h.modelBackslash, h.modelMath, h.modelRule,
  ];
  return {
    'data/areas.yaml': { areas: [{ id: 'hostile-area', name: '<b>Area</b> | x', description: h.description }] },
    'data/tasks/evil-task.yaml': { name: h.taskName, area: 'hostile-area', description: h.description, synonyms: ['<u>syn</u>', 'a|b'] },
    'data/tasks/evil-subtask.yaml': { name: '`sub` task', area: 'hostile-area', parent: 'evil-task' },
    'data/datasets/evil-data.yaml': {
      name: h.datasetName,
      full_name: h.title,
      description: h.description,
      homepage: 'https://example.org/a|b?<x>',
      license: '<b>MIT</b>',
      introduced_by: 'evil-paper',
      modalities: ['<i>Images</i>'],
      benchmarks: [{ task: 'evil-task', description: h.description, metrics: [{ name: h.metricName, direction: 'higher', unit: '<%>' }, { name: 'Loss', direction: 'lower' }] }],
    },
    'data/methods/evil-method.yaml': { name: h.methodName, full_name: h.title, description: h.description, collections: ['<b>c</b>'], introduced_by: 'evil-paper', introduced_year: 2020 },
    'data/papers/2020/evil-paper.yaml': {
      title: h.title,
      authors: h.authors,
      date: '2020-03-04',
      venue: h.venue,
      abstract: `${h.description}\n\nSecond <script>paragraph</script>.`,
      url: 'https://example.org/paper(1)|x',
      tasks: ['evil-task'],
      methods: ['evil-method'],
      code: [{ url: 'https://github.com/x/y<script>', official: true, framework: '<b>torch</b>' }],
    },
    'data/papers/2021/other-paper.yaml': { title: 'Other | paper', date: '2021-01-01', tasks: ['evil-task'], methods: ['evil-method'] },
    'data/results/evil-task/evil-data/evil-paper.yaml': {
      results: models.map((model, i) => ({
        model,
        metrics: { [h.metricName]: 50 + (i % 4), Loss: 1 + i / 10 },
        extra_training_data: i % 3 === 0,
      })),
    },
    'data/results/evil-task/evil-data/other-paper.yaml': {
      results: [{ model: 'No primary', metrics: { Loss: 0.5 } }, { model: '<script>x</script>', metrics: { [h.metricName]: 60 }, code: 'https://example.org/c|d' }],
    },
  };
}
