// The fields of `pwc new`: checks, missing fields, and the data and path of each kind of new file.
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../model/check-schema.ts';
import { buildNewFile, invalidFields, missingFields, NEW_KINDS, parseMetricSpec, parseMetricValue, type FieldValues, type NewKind } from './new-file.ts';

const complete: Record<NewKind, FieldValues> = {
  paper: {
    title: 'Billion-scale semi-supervised learning for image classification',
    date: '2019-05-02',
    arxiv: '1905.00546',
    author: ['I. Zeki Yalniz', 'Hervé Jégou'],
    task: ['video-classification', 'image-classification'],
    code: ['https://github.com/facebookresearch/semi-supervised-ImageNet1K-models'],
    official: true,
    framework: 'PyTorch',
  },
  task: { name: 'Image Classification', area: 'computer-vision', synonym: ['Image Recognition'] },
  dataset: { name: 'ImageNet', task: ['image-classification'], metric: ['Top 1 Accuracy:higher:%', 'Error Rate:lower'] },
  method: { name: 'ResNeXt', 'introduced-year': '2016', collection: ['Convolutional Neural Networks'] },
  result: { task: 'image-classification', dataset: 'imagenet', paper: 'billion-scale', model: 'ResNet-50', metric: ['Top 1 Accuracy=81.2', 'Top 5 Accuracy=96.0'], source: 'Table 3', 'extra-training-data': true },
};

describe('buildNewFile', () => {
  it.each(NEW_KINDS)('makes a %s that conforms to its schema, at the path its id gives', (kind) => {
    expect(invalidFields(kind, complete[kind])).toEqual([]);
    expect(missingFields(kind, complete[kind])).toEqual([]);
    const file = buildNewFile(kind, complete[kind]);
    expect(checkSchema(kind, file.data)).toEqual([]);
    expect(file.path).toBe(
      {
        paper: 'data/papers/2019/billion-scale-semi-supervised-learning-for-image-classification.yaml',
        task: 'data/tasks/image-classification.yaml',
        dataset: 'data/datasets/imagenet.yaml',
        method: 'data/methods/resnext.yaml',
        result: 'data/results/image-classification/imagenet/billion-scale.yaml',
      }[kind],
    );
  });

  it('fills the fields from the flags', () => {
    expect(buildNewFile('paper', complete.paper).data).toEqual({
      title: 'Billion-scale semi-supervised learning for image classification',
      authors: ['I. Zeki Yalniz', 'Hervé Jégou'],
      date: '2019-05-02',
      arxiv: '1905.00546',
      tasks: ['video-classification', 'image-classification'],
      code: [{ url: 'https://github.com/facebookresearch/semi-supervised-ImageNet1K-models', official: true, framework: 'PyTorch' }],
    });
    expect(buildNewFile('dataset', complete.dataset).data).toEqual({
      name: 'ImageNet',
      benchmarks: [{ task: 'image-classification', metrics: [{ name: 'Top 1 Accuracy', direction: 'higher', unit: '%' }, { name: 'Error Rate', direction: 'lower' }] }],
    });
    expect(buildNewFile('method', complete.method).data).toEqual({ name: 'ResNeXt', collections: ['Convolutional Neural Networks'], introduced_year: 2016 });
    expect(buildNewFile('result', complete.result).data).toEqual({
      results: [{ model: 'ResNet-50', metrics: { 'Top 1 Accuracy': 81.2, 'Top 5 Accuracy': 96 }, extra_training_data: true, source: 'Table 3' }],
    });
  });

  it('takes the id from --id when given', () => {
    expect(buildNewFile('task', { ...complete.task, id: 'image-recognition' }).path).toBe('data/tasks/image-recognition.yaml');
    expect(buildNewFile('paper', { ...complete.paper, id: 'swsl', date: '2020-01-01' }).path).toBe('data/papers/2020/swsl.yaml');
  });
});

describe('missingFields and invalidFields', () => {
  it('names the required fields that have no value', () => {
    expect(missingFields('paper', { title: 'T' }).map((s) => s.flag)).toEqual(['date']);
    expect(missingFields('result', { model: 'M', metric: [] }).map((s) => s.flag)).toEqual(['task', 'dataset', 'paper', 'metric']);
  });

  it('rejects flags of another kind, malformed values, repeated single flags and names without an id', () => {
    expect(invalidFields('task', { name: 'T', area: 'cv', metric: ['a=1'] })[0]).toMatch(/--metric is not a field of a task/);
    expect(invalidFields('paper', { title: 'T', date: '2019-5-2' })[0]).toMatch(/--date "2019-5-2" must be a date written YYYY-MM-DD/);
    // Partial dates, as the schema allows them when the day or month is not known.
    expect(invalidFields('paper', { title: 'T', date: '2019-05' })).toEqual([]);
    expect(invalidFields('paper', { title: 'T', date: '2019' })).toEqual([]);
    expect(invalidFields('paper', { title: 'T', date: '2019-13' })[0]).toMatch(/or YYYY-MM, or YYYY/);
    expect(buildNewFile('paper', { title: 'Dated by month', date: '2019-05' }).path).toBe('data/papers/2019/dated-by-month.yaml');
    expect(invalidFields('paper', { title: 'T', date: '2019-02-30' })).toEqual(['--date "2019-02-30" is a day that does not exist: February 2019 has 28 days: check the day and the month against the source.']);
    expect(invalidFields('paper', { title: 'T', date: '2020-02-29' })).toEqual([]);
    expect(invalidFields('paper', { title: 'T', date: '2019-05-02', arxiv: 'arXiv:1905.00546v2' })[0]).toMatch(/bare arXiv id/);
    expect(invalidFields('task', { name: 'T', area: 'Computer Vision' })[0]).toMatch(/--area "Computer Vision" must be an id.*"computer-vision"/);
    expect(invalidFields('result', { ...complete.result, metric: ['Top 1 Accuracy=81.2%'] })[0]).toMatch(/Name=number/);
    expect(invalidFields('result', { ...complete.result, metric: ['A=1', 'A=2'] })).toEqual(['--metric names "A" twice']);
    expect(invalidFields('result', { ...complete.result, task: ['a', 'b'] })).toEqual(['--task is given 2 times; a result has one']);
    expect(invalidFields('dataset', { name: 'D', metric: ['A:higher'] })).toEqual(['--metric needs --task: the metrics belong to the benchmark of that task']);
    expect(invalidFields('task', { name: '日本語', area: 'cv' })[0]).toMatch(/no id can be made from "日本語": give one with --id/);
    expect(invalidFields('task', { name: '日本語', area: 'cv', id: 'japanese-task' })).toEqual([]);
    expect(invalidFields('task', { name: 'T', area: 'cv', id: '../escape' })[0]).toMatch(/--id "..\/escape" must be an id/);
  });
});

describe('metric arguments', () => {
  it('reads "Name:direction[:unit]" specs', () => {
    expect(parseMetricSpec('Top 1 Accuracy:higher:%')).toEqual({ name: 'Top 1 Accuracy', direction: 'higher', unit: '%' });
    expect(parseMetricSpec('F1: macro:lower')).toEqual({ name: 'F1: macro', direction: 'lower' });
    expect(parseMetricSpec('Top 1 Accuracy')).toBeUndefined();
    expect(parseMetricSpec(':higher')).toBeUndefined();
  });

  it('reads "Name=value" values, only finite numbers', () => {
    expect(parseMetricValue('Top 1 Accuracy=81.20')).toEqual({ name: 'Top 1 Accuracy', value: 81.2, text: '81.20' });
    expect(parseMetricValue('a=b=1e-3')).toEqual({ name: 'a=b', value: 0.001, text: '1e-3' });
    for (const bad of ['A=', '=1', 'A=NaN', 'A=Infinity', 'A=81%', 'A']) expect(parseMetricValue(bad)).toBeUndefined();
  });
});
