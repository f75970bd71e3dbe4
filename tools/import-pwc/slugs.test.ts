// Ids: deterministic whatever the order, collisions resolved by rank then identity, always valid slugs.
import { describe, expect, it } from 'vitest';
import { isSlug, SLUG_MAX } from '../model/paths.ts';
import { allocateSlugs, pwcSlugify, recordedPwcSlugs, slugFor } from './slugs.ts';

describe('allocateSlugs', () => {
  const requests = [
    { identity: 'task "Named entity recognition"', wanted: 'named-entity-recognition' },
    { identity: 'task "Named Entity Recognition"', wanted: 'named-entity-recognition' },
    { identity: 'task "Named-Entity-Recognition 2"', wanted: 'named-entity-recognition-2' },
    { identity: 'task "Parsing"', wanted: 'parsing' },
  ];

  it('gives each request a distinct slug, the same whatever the order of the requests', () => {
    const a = allocateSlugs(requests);
    const b = allocateSlugs([...requests].reverse());
    expect(a.ids).toEqual(b.ids);
    expect(new Set(a.ids.values()).size).toBe(requests.length);
    // "named-entity-recognition-2" was asked for by its own entity, so the loser takes -3
    expect(Object.fromEntries(a.ids)).toEqual({
      'task "Named Entity Recognition"': 'named-entity-recognition',
      'task "Named entity recognition"': 'named-entity-recognition-3',
      'task "Named-Entity-Recognition 2"': 'named-entity-recognition-2',
      'task "Parsing"': 'parsing',
    });
    expect(a.collisions).toEqual([
      { identity: 'task "Named entity recognition"', wanted: 'named-entity-recognition', given: 'named-entity-recognition-3', keptBy: 'task "Named Entity Recognition"' },
    ]);
  });

  it('lets a slug assigned by Papers With Code (rank 0) win over a derived one', () => {
    const { ids } = allocateSlugs([
      { identity: 'paper arxiv:1', wanted: 'attention', rank: 1 },
      { identity: 'paper arxiv:2', wanted: 'attention', rank: 0 },
    ]);
    expect(ids.get('paper arxiv:2')).toBe('attention');
    expect(ids.get('paper arxiv:1')).toBe('attention-2');
  });

  it('keeps suffixed slugs within the length limit', () => {
    const long = 'a'.repeat(SLUG_MAX);
    const { ids } = allocateSlugs([
      { identity: 'x', wanted: long },
      { identity: 'y', wanted: long },
    ]);
    for (const id of ids.values()) expect(isSlug(id)).toBe(true);
    expect(ids.get('y')).toBe(`${'a'.repeat(SLUG_MAX - 2)}-2`);
  });
});

describe('slugFor', () => {
  it('slugs names, and makes a stable id for names without latin letters or digits', () => {
    expect(slugFor('BERT+ (large)', 'x', 'model')).toBe('bert-plus-large');
    const chinese = slugFor('中文阅读理解', 'title:中文阅读理解', 'paper');
    expect(chinese).toMatch(/^paper-[0-9a-f]{10}$/);
    expect(slugFor('中文阅读理解', 'title:中文阅读理解', 'paper')).toBe(chinese);
    expect(isSlug(chinese)).toBe(true);
  });
});

describe('pwcSlugify: the slugs Papers With Code made of names (Django slugify)', () => {
  it('gives the slugs of real Papers With Code addresses', () => {
    // /sota/question-answering-on-squad11, /task/named-entity-recognition-ner, /sota/language-modelling-on-penn-treebank-character
    expect(pwcSlugify('SQuAD1.1')).toBe('squad11');
    expect(pwcSlugify('Named Entity Recognition (NER)')).toBe('named-entity-recognition-ner');
    expect(pwcSlugify("Atari 2600 Montezuma's Revenge")).toBe('atari-2600-montezumas-revenge');
    expect(pwcSlugify('Question Answering')).toBe('question-answering');
  });

  it('keeps underscores, drops what is not ASCII, and gives nothing for a name with no letters or digits', () => {
    expect(pwcSlugify('swb_hub_500 WER fullSWBCH')).toBe('swb_hub_500-wer-fullswbch');
    expect(pwcSlugify('Café -- Crème  brûlée ')).toBe('cafe-creme-brulee');
    expect(pwcSlugify('_C++_')).toBe('c');
    expect(pwcSlugify('中文阅读理解')).toBeUndefined();
  });
});

describe('recordedPwcSlugs', () => {
  it('records a slug only where it differs from the id and leads to one page alone', () => {
    const ids = new Map([
      ['SQuAD1.1', 'squad1-1'],
      ['SQuAD', 'squad'],
      ['SQuAD v1', 'squad-v1'],
      ['ImageNet', 'imagenet'],
      ['NER', 'ner'],
      ['N.E.R.', 'n-e-r'],
    ]);
    const slugs: Record<string, string> = { 'SQuAD1.1': 'squad11', 'SQuAD v1': 'squad', ImageNet: 'imagenet', NER: 'nerr', 'N.E.R.': 'nerr' };
    const dropped: string[] = [];
    const out = recordedPwcSlugs(ids, (name) => slugs[name], (name, slug, why) => dropped.push(`${name} ${slug}: ${why}`));
    expect(Object.fromEntries(out)).toEqual({ 'SQuAD1.1': 'squad11' });
    expect(dropped).toEqual([
      'SQuAD v1 squad: it is the id of another entity of its kind, whose page is at that address',
      'NER nerr: 2 entities would claim it',
      'N.E.R. nerr: 2 entities would claim it',
    ]);
  });
});
