// Tasks and datasets of the repository's own data found by the names zoo files use; a near miss is not a match.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../model/repository.ts';
import { NameMatcher } from './names.ts';
import { Places } from './place.ts';

let places: Places;
beforeAll(async () => {
  places = new Places(await loadRepository(fileURLToPath(new URL('../..', import.meta.url))));
});

describe('matching names against data/', () => {
  it('finds a dataset by id, name, full name or synonym, regardless of case and punctuation', () => {
    for (const name of ['imagenet', 'ImageNet', 'ImageNet-1k', 'imagenet-1k', 'IMAGENET 1K', 'ILSVRC-2012', 'ImageNet Large Scale Visual Recognition Challenge 2012 (ILSVRC-2012, ImageNet-1k)']) {
      expect(places.datasets.match([name]), name).toEqual({ id: 'imagenet' });
    }
  });

  it('does not take another dataset for it', () => {
    expect(places.datasets.match(['ImageNet-21k'])).toMatchObject({ problem: expect.stringMatching(/no dataset of the repository has the id, name, full name or synonym "ImageNet-21k"/) });
    expect(places.datasets.match(['CIFAR-10'])).toEqual({ problem: 'no dataset of the repository has the id, name, full name or synonym "CIFAR-10"', tip: undefined });
  });

  it('finds a task by id, name or synonym', () => {
    for (const name of ['image-classification', 'Image Classification', 'Image Recognition']) expect(places.tasks.match([name]), name).toEqual({ id: 'image-classification' });
  });

  it('finds a paper by arXiv id, URL or title', () => {
    const id = 'deep-residual-learning-for-image-recognition';
    expect(places.paper({ arxiv: '1512.03385v1' })).toEqual({ id });
    expect(places.paper({ url: 'https://arxiv.org/abs/1512.03385' })).toEqual({ id });
    expect(places.paper({ url: 'https://openaccess.thecvf.com/content_cvpr_2016/html/He_Deep_Residual_Learning_CVPR_2016_paper.html', title: 'Deep residual learning for image recognition.' })).toEqual({ id });
    expect(places.paper({ title: 'Deep Residual Learning for Image Recognitio' })).toMatchObject({ tip: 'Did you mean "Deep Residual Learning for Image Recognition"?' });
  });

  it('matches no entity by a name two of them share', () => {
    const matcher = new NameMatcher('dataset', [
      { id: 'a', names: ['Shared'] },
      { id: 'b', names: ['shared'] },
    ]);
    expect(matcher.match(['SHARED'])).toEqual({ problem: 'the dataset "SHARED" could be any of "a", "b"' });
  });
});
