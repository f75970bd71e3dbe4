// The model-index readers on the real fixtures: OpenMMLab's metafiles, a Hub card's front matter, collections defined in another file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readModelCard } from './read-model-card.ts';
import { collectionsOf, readModelIndex } from './read-model-index.ts';

const fixture = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
const text = (path: string) => readFileSync(fixture(path), 'utf8');

describe('readModelIndex', () => {
  it('reads models with their collection\'s paper and code, results and metadata counts, values as printed', () => {
    const { entries, problems, imports } = readModelIndex('/m.yml', text('mmpretrain/configs/resnet/metafile.yml'));
    expect(problems).toEqual([]);
    expect(imports).toEqual([]);
    expect(entries.map((e) => e.model)).toEqual(['resnet18_8xb16_cifar10', 'resnet50_8xb16_cifar100', 'resnet50_8xb32_in1k', 'resnet101_8xb32_in1k']);
    const resnet50 = entries[2];
    expect(resnet50).toMatchObject({ task: ['Image Classification'], dataset: ['ImageNet-1k'], paper: { title: 'Deep Residual Learning for Image Recognition' } });
    expect(resnet50.metrics).toEqual([
      { names: ['Top 1 Accuracy'], value: { text: '76.55', number: 76.55 } },
      { names: ['Top 5 Accuracy'], value: { text: '93.06', number: 93.06 } },
      { names: ['Parameters', 'Number of params', 'Params'], value: { text: '25560000', number: 25560000 }, count: true },
      { names: ['FLOPs'], value: { text: '4120000000', number: 4120000000 }, count: true },
    ]);
    expect(readModelIndex('/i.yml', text('mmpretrain/model-index.yml')).imports).toEqual(['configs/resnet/metafile.yml', 'configs/resnext/metafile.yml']);
  });

  it('takes a collection from another file of the zoo, and says when none has it', () => {
    const models = 'Models:\n  - Name: r50\n    In Collection: ResNet\n    Results:\n      - Task: Image Classification\n        Dataset: ImageNet-1k\n        Metrics:\n          Top 1 Accuracy: 76.55\n';
    expect(readModelIndex('/a.yml', models).problems).toEqual(['Models[0] "r50": its collection "ResNet" is in none of the files read']);
    const shared = collectionsOf(text('mmpretrain/configs/resnet/metafile.yml'));
    expect(readModelIndex('/a.yml', models, shared).entries[0].paper?.title).toBe('Deep Residual Learning for Image Recognition');
  });

  it('reports a broken file instead of failing', () => {
    expect(readModelIndex('/b.yml', 'Models: [\n').problems[0]).toMatch(/^not valid YAML/);
  });
});

describe('readModelCard', () => {
  it('reads the Hub sample card: each result with the dataset\'s type and name, each metric\'s name and type', () => {
    const { entries, problems } = readModelCard('/README.md', text('hub/my-cool-model/README.md'));
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ model: 'my-cool-model', task: ['image-classification'], dataset: ['beans', 'Beans'], metrics: [{ names: ['accuracy'], value: { text: '0.9', number: 0.9 } }] });
  });
});
