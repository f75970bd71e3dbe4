// Paper identity: arXiv ids with or without versions, URL and title keys, and the index that matches rows.
import { describe, expect, it } from 'vitest';
import { arxivId, arxivMonth, modelNameYear, paperRef, PaperIndex, titleKey, urlKey } from './paper-identity.ts';

describe('arxivId', () => {
  it('reads ids and arXiv URLs with or without version', () => {
    for (const v of ['1512.03385', '1512.03385v2', 'arXiv:1512.03385', 'https://arxiv.org/abs/1512.03385', 'http://arxiv.org/abs/1512.03385v1',
      'https://arxiv.org/pdf/1512.03385.pdf', 'https://arxiv.org/pdf/1512.03385v3', 'https://www.arxiv.org/abs/1512.03385/']) {
      expect(arxivId(v), v).toBe('1512.03385');
    }
    expect(arxivId('https://arxiv.org/abs/hep-th/9901001v2')).toBe('hep-th/9901001');
    expect(arxivId('https://example.org/1512.03385')).toBeUndefined();
    expect(arxivId('')).toBeUndefined();
  });

  it('gives the month an id was assigned', () => {
    expect(arxivMonth('1711.05568')).toBe('2017-11');
    expect(arxivMonth('hep-th/9901001')).toBe('1999-01');
    expect(arxivMonth('2413.00001')).toBeUndefined();
  });
});

describe('keys', () => {
  it('reduces URLs to the page they name', () => {
    expect(urlKey('http://www.aclweb.org/anthology/P19-1374/')).toBe(urlKey('https://aclweb.org/anthology/P19-1374'));
    expect(urlKey('https://aclweb.org/anthology/P19-1374#page=2')).toBe('aclweb.org/anthology/P19-1374');
    expect(urlKey('not a url')).toBeUndefined();
  });

  it('reduces titles to their words', () => {
    expect(titleKey('Self-Training With Noisy Student Improves ImageNet Classification.')).toBe(titleKey('Self-training with noisy student improves ImageNet classification'));
    expect(titleKey('Über Café')).toBe('uber cafe');
    expect(titleKey(' ... ')).toBeUndefined();
  });
});

describe('PaperIndex', () => {
  it('matches by arXiv id first, then URL, then title, never across different arXiv ids', () => {
    const index = new PaperIndex<{ name: string; arxiv?: string }>();
    const resnet = { name: 'resnet', arxiv: '1512.03385' };
    index.add(resnet, paperRef({ urls: ['https://arxiv.org/abs/1512.03385v1'], title: 'Deep Residual Learning for Image Recognition' }));
    const aclPaper = { name: 'acl' };
    index.add(aclPaper, paperRef({ urls: ['https://aclweb.org/anthology/P19-1374'], title: 'A Chat Paper' }));
    expect(index.find(paperRef({ urls: ['https://arxiv.org/pdf/1512.03385.pdf'] }))).toBe(resnet);
    expect(index.find(paperRef({ title: 'deep residual learning for image recognition' }))).toBe(resnet);
    expect(index.find(paperRef({ urls: ['http://www.aclweb.org/anthology/P19-1374/'] }))).toBe(aclPaper);
    // same title, another arXiv id: another paper
    expect(index.find(paperRef({ urls: ['https://arxiv.org/abs/2001.00001'], title: 'Deep Residual Learning for Image Recognition' }))).toBeUndefined();
    // the ACL paper with its arXiv version found by title: the same paper, since it had no arXiv id
    expect(index.find(paperRef({ urls: ['https://arxiv.org/abs/1905.00001'], title: 'A chat paper.' }))).toBe(aclPaper);
  });
});

describe('modelNameYear', () => {
  it('reads a year in parentheses at the end of a model name, and nothing else', () => {
    expect(modelNameYear('BiSET (2019)')).toBe('2019');
    expect(modelNameYear('USSM + Supervised DeepNet + KB (2017) ')).toBe('2017');
    expect(modelNameYear('BERT')).toBeUndefined();
    expect(modelNameYear('ResNet (1024)')).toBeUndefined();
    expect(modelNameYear('Model (2019) large')).toBeUndefined();
    expect(modelNameYear('GPT-2 (1558M)')).toBeUndefined();
    expect(modelNameYear(undefined)).toBeUndefined();
  });
});
