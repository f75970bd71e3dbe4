// The judgement calls inside rules, beyond their examples: near-miss names, the fraction heuristic, loops, duplicates.
import { describe, expect, it } from 'vitest';
import { checkTree, exampleDir, readTree, type SourceFile } from './examples.ts';
import { editDistance, nearest, normaliseModel, normaliseName } from './nearest.ts';
import { unitSlip, unitSlipsAmong } from './rules/unit-scale.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const RESULT = 'data/results/image-classification/imagenet/billion-scale-semi-supervised-learning-for-image-classification.yaml';

/** The pass repository of a rule with some files replaced or added. */
function tree(example: string, files: Record<string, string>): SourceFile[] {
  const base = readTree(exampleDir(example, 'pass')).filter((f) => !(f.path in files));
  return [...base, ...Object.entries(files).map(([path, text]) => ({ path, bytes: utf8(text) }))];
}

function rows(metric: string, values: number[]): string {
  return `results:\n${values.map((v, i) => `  - model: Model ${i}\n    metrics:\n      ${metric}: ${v}\n`).join('')}`;
}

const DATASET_NO_UNIT = `name: ImageNet
benchmarks:
  - task: image-classification
    metrics:
      - name: Top 1 Error
        direction: lower
`;

function rulesOf(files: SourceFile[], rule: string): string[] {
  return checkTree(files).filter((f) => f.rule === rule).map((f) => `${f.line}:${f.column}`);
}

describe('near-miss names', () => {
  it('normalises case, spaces and punctuation for metric names', () => {
    expect(normaliseName('Top-1 Accuracy')).toBe(normaliseName('top 1  accuracy'));
    expect(normaliseName('Top-1 Accuracy')).not.toBe(normaliseName('Top-5 Accuracy'));
  });

  it('keeps "+" apart for model names but not spaces, hyphens or case', () => {
    expect(normaliseModel('ResNet-50')).toBe(normaliseModel('resnet 50'));
    expect(normaliseModel('BERT+')).not.toBe(normaliseModel('BERT'));
  });

  it('suggests the closest name within about one typo per four characters, and nothing for far names', () => {
    expect(nearest('Top-1 Acuracy', ['Top 5 Accuracy', 'Top 1 Accuracy'])).toBe('Top 1 Accuracy');
    expect(nearest('mAP', ['Top 1 Accuracy', 'Top 5 Accuracy'])).toBeUndefined();
    expect(nearest('image-clasification', ['object-detection', 'image-classification'])).toBe('image-classification');
  });

  it('stops the edit distance early past the limit', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('a'.repeat(50), 'b'.repeat(50), 2)).toBe(3);
  });
});

describe('percent-as-fraction', () => {
  it('flags a fraction among percentages even without a declared unit', () => {
    const files = tree('percent-as-fraction', { 'data/datasets/imagenet.yaml': DATASET_NO_UNIT, [RESULT]: rows('Top 1 Error', [20.3, 21.5, 0.22, 19.9]) });
    expect(rulesOf(files, 'percent-as-fraction')).toEqual(['10:20']); // the third row's value
  });

  it('does not flag error rates that are genuinely below 1 %', () => {
    // MNIST-like: most values are below 1.
    const mnist = tree('percent-as-fraction', { 'data/datasets/imagenet.yaml': DATASET_NO_UNIT, [RESULT]: rows('Top 1 Error', [0.21, 0.35, 0.5, 1.2]) });
    expect(rulesOf(mnist, 'percent-as-fraction')).toEqual([]);
    // One excellent result among 3-5 %: 0.9 * 100 = 90 is far outside the others, so it is not a fraction.
    const outlier = tree('percent-as-fraction', { 'data/datasets/imagenet.yaml': DATASET_NO_UNIT, [RESULT]: rows('Top 1 Error', [3.5, 4.2, 5.1, 0.9]) });
    expect(rulesOf(outlier, 'percent-as-fraction')).toEqual([]);
  });

  it('needs at least two larger values to compare with', () => {
    const files = tree('percent-as-fraction', { 'data/datasets/imagenet.yaml': DATASET_NO_UNIT, [RESULT]: rows('Top 1 Error', [20.3, 0.21]) });
    expect(rulesOf(files, 'percent-as-fraction')).toEqual([]);
  });

  it('does not apply to a metric with another unit, or whose values go above 100', () => {
    const seconds = DATASET_NO_UNIT + '        unit: s\n';
    expect(rulesOf(tree('percent-as-fraction', { 'data/datasets/imagenet.yaml': seconds, [RESULT]: rows('Top 1 Error', [20, 30, 0.25]) }), 'percent-as-fraction')).toEqual([]);
    expect(rulesOf(tree('percent-as-fraction', { 'data/datasets/imagenet.yaml': DATASET_NO_UNIT, [RESULT]: rows('Top 1 Error', [20, 300, 0.25]) }), 'percent-as-fraction')).toEqual([]);
  });

  it('compares with the rows of the other papers on the same leaderboard', () => {
    const other = 'data/results/image-classification/imagenet/other-paper.yaml';
    const files = tree('percent-as-fraction', {
      'data/papers/2019/other-paper.yaml': 'title: Another paper\ndate: 2019-06-01\n',
      [other]: rows('Top 1 Accuracy', [0.75]).replace('Model 0', 'Other model'),
    });
    expect(checkTree(files).filter((f) => f.rule === 'percent-as-fraction').map((f) => f.file)).toEqual([other]);
  });
});

describe('duplicate-model', () => {
  it('reports the same model in two papers\' files on one leaderboard, on both', () => {
    const other = 'data/results/image-classification/imagenet/other-paper.yaml';
    const files = tree('duplicate-model', {
      'data/papers/2019/other-paper.yaml': 'title: Another paper\ndate: 2019-06-01\n',
      [other]: 'results:\n  - model: resnet 50 (semi-supervised)\n    metrics:\n      Top 1 Accuracy: 76.1\n',
    });
    const found = checkTree(files).filter((f) => f.rule === 'duplicate-model');
    expect(found.map((f) => `${f.file.split('/').pop()}:${f.line}:${f.column}`)).toEqual([
      'billion-scale-semi-supervised-learning-for-image-classification.yaml:6:12',
      'other-paper.yaml:2:12',
    ]);
    expect(found[1].message).toContain('also data/results/image-classification/imagenet/billion-scale-semi-supervised-learning-for-image-classification.yaml row 2');
  });
});

describe('reference-cycle', () => {
  it('reports a task that is its own parent, and each member of a longer dataset loop, but not their descendants', () => {
    const files = tree('reference-cycle', {
      'data/tasks/object-recognition.yaml': 'name: Object Recognition\narea: computer-vision\nparent: object-recognition\n',
      'data/datasets/a.yaml': 'name: A\nvariant_of: b\n',
      'data/datasets/b.yaml': 'name: B\nvariant_of: c\n',
      'data/datasets/c.yaml': 'name: C\nvariant_of: a\n',
      'data/datasets/d.yaml': 'name: D\nvariant_of: a\n',
    });
    const found = checkTree(files).filter((f) => f.rule === 'reference-cycle');
    expect(found.map((f) => f.file)).toEqual(['data/datasets/a.yaml', 'data/datasets/b.yaml', 'data/datasets/c.yaml', 'data/tasks/object-recognition.yaml']);
    expect(found[0].message).toBe('the variant_of chain loops: a → b → c → a');
    expect(found[3].message).toBe('the task "object-recognition" names itself as its parent');
  });
});

describe('unknown-metric', () => {
  it('lists the declared metrics when no declared name is close', () => {
    const files = tree('unknown-metric', { [RESULT]: rows('mAP', [40.1]) });
    const found = checkTree(files).filter((f) => f.rule === 'unknown-metric');
    expect(found).toHaveLength(1);
    expect(found[0].tip).toContain('The benchmark declares "Top 1 Accuracy", "Top 5 Accuracy"');
  });
});

describe('result-before-dataset', () => {
  it('falls back to the date of the introducing paper, and exempts that paper itself', () => {
    const original = readTree(exampleDir('result-before-dataset', 'pass')).find((f) => f.path === 'data/datasets/imagenet.yaml')!;
    const dataset = (by: string) => new TextDecoder().decode(original.bytes).replace(/introduced_date: .*\n/, `introduced_by: ${by}\n`);
    const later = 'data/papers/2020/later-paper.yaml';
    const flagged = tree('result-before-dataset', {
      'data/datasets/imagenet.yaml': dataset('later-paper'),
      [later]: 'title: Later paper\ndate: 2020-01-01\n',
    });
    expect(rulesOf(flagged, 'result-before-dataset')).toEqual(['1:1']);
    const own = tree('result-before-dataset', {
      'data/datasets/imagenet.yaml': dataset('billion-scale-semi-supervised-learning-for-image-classification'),
    });
    expect(rulesOf(own, 'result-before-dataset')).toEqual([]);
  });
});

describe('unit-scale', () => {
  const DATASET_PARAMS = `name: ImageNet
benchmarks:
  - task: image-classification
    metrics:
      - name: Number of params
        direction: lower
        unit: M
`;
  const findings = (values: number[]) => checkTree(tree('unit-scale', { 'data/datasets/imagenet.yaml': DATASET_PARAMS, [RESULT]: rows('Number of params', values) })).filter((f) => f.rule === 'unit-scale');

  it('reports a count of single units where the unit is M, with the value to write', () => {
    const [finding, ...rest] = findings([14, 25, 5300000, 193]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', line: 10, column: 25 }); // the third row's value
    expect(finding.message).toBe('5300000 is about 1,000,000 times the other values of "Number of params" on image-classification/imagenet (14, 25, 193, in M)');
    expect(finding.tip).toMatch(/^Write 5\.3 \(the unit is M\)/);
  });

  it('reports a value a thousand times too small, and leaves spread-out but plausible values alone', () => {
    expect(findings([14, 25, 0.0053, 193]).map((f) => f.message)).toEqual([expect.stringContaining('0.0053 is about 1/1,000 of the other values')]);
    expect(findings([0.5, 25, 1200, 193])).toEqual([]); // within a hundredfold of the others
    expect(findings([14, 5300000])).toEqual([]); // one other value says nothing about the scale
    expect(findings([25, 25, 300000])).toEqual([]); // far off, but no power of 1000 brings it among them
  });

  it('judges every row of a leaderboard at once as it judges each against the others', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 2 + Math.floor(random() * 6) }, () => (random() < 0.1 ? 0 : Number((10 ** (random() * 12 - 3)).toPrecision(3))));
      expect(unitSlipsAmong(values)).toEqual(values.map((v, i) => unitSlip(v, values.filter((_, j) => j !== i))));
    }
  });
});
