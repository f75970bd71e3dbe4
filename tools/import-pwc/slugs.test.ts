// Ids: deterministic whatever the order, collisions resolved by rank then identity, always valid slugs.
import { describe, expect, it } from 'vitest';
import { isSlug, SLUG_MAX } from '../model/paths.ts';
import { allocateSlugs, slugFor } from './slugs.ts';

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
