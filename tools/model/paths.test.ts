import { describe, expect, it } from 'vitest';
import { classifyPath, isPathProblem, toSlug, isDataPath } from './paths.ts';

describe('classifyPath', () => {
  it('reads the id and its context from each kind of path', () => {
    expect(classifyPath('data/areas.yaml')).toEqual({ kind: 'areas', path: 'data/areas.yaml' });
    expect(classifyPath('data/tasks/image-classification.yaml')).toMatchObject({ kind: 'task', id: 'image-classification' });
    expect(classifyPath('data/papers/2019/billion-scale.yaml')).toMatchObject({ kind: 'paper', id: 'billion-scale', year: '2019' });
    expect(classifyPath('data/results/image-classification/imagenet/billion-scale.yaml')).toMatchObject({
      kind: 'result',
      id: 'image-classification/imagenet/billion-scale',
      task: 'image-classification',
      dataset: 'imagenet',
      paper: 'billion-scale',
    });
  });

  it.each([
    ['data/tasks/Image_Classification.yaml', 'not a valid id'],
    ['data/tasks/a.yml', '.yaml'],
    ['data/tasks/sub/a.yaml', 'must be at data/tasks/<task>.yaml'],
    ['data/papers/19/x.yaml', 'not a year'],
    ['data/results/t/d.yaml', 'must be at'],
    ['data/results/t/../p.yaml', 'not a valid id'],
    ['data/widgets/x.yaml', 'not a data folder'],
    [`data/tasks/${'a'.repeat(121)}.yaml`, 'at most 120'],
  ])('rejects %s', (path, message) => {
    const result = classifyPath(path);
    expect(isPathProblem(result)).toBe(true);
    expect(isPathProblem(result) && result.message).toContain(message);
  });
});

describe('toSlug', () => {
  it('makes lowercase hyphenated ids from free text', () => {
    expect(toSlug('Billion-scale semi-supervised learning for image classification')).toBe(
      'billion-scale-semi-supervised-learning-for-image-classification',
    );
    expect(toSlug('  Hervé Jégou ')).toBe('herve-jegou');
    expect(toSlug('C++ / ../etc')).toBe('c-plus-plus-etc');
    expect(toSlug('x'.repeat(200))).toHaveLength(120);
  });
});

describe('isDataPath', () => {
  it('skips the files under data/ that are not data: project.json, LICENSE and hidden files', () => {
    expect(isDataPath('data/tasks/image-classification.yaml')).toBe(true);
    expect(isDataPath('data/areas.yaml')).toBe(true);
    expect(isDataPath('data/README.md')).toBe(true);
    expect(isDataPath('data/project.json')).toBe(false);
    expect(isDataPath('data/LICENSE')).toBe(false);
    expect(isDataPath('data/.gitkeep')).toBe(false);
    expect(isDataPath('tools/model/paths.ts')).toBe(false);
  });
});
