// The search index in the build, on a fixture's real YAML: made from every unit's records, and made
// again after a change only when a touched unit's records (as a set of words) or the units changed.
import { describe, expect, it } from 'vitest';
import { twoBoards } from '../../views/test-support/fixture-repo.ts';
import { allUnits, fixtureIndex, SITE_URL } from '../part-testing.ts';
import type { SiteContext } from '../part.ts';
import { unitKey } from '../units.ts';
import { searchIndexFiles } from './index-writer.ts';
import { searchRecords } from './records.ts';
import { updateSearchIndex } from './site-search.ts';

async function contextOf(files = twoBoards()): Promise<SiteContext> {
  return { index: await fixtureIndex(files), siteUrl: SITE_URL };
}

describe('updateSearchIndex', () => {
  it('makes the index of every unit\'s records, with a hash per unit', async () => {
    const context = await contextOf();
    const { hashes, files } = updateSearchIndex(context, allUnits(context.index));
    expect(files).toEqual(searchIndexFiles([...allUnits(context.index)].flatMap((u) => searchRecords(context, u))));
    expect(Object.keys(hashes)).toEqual([...allUnits(context.index)].map(unitKey).sort());
  });

  it('leaves the index alone when the touched units\' records are the same, in another order too', async () => {
    const before = await contextOf();
    const { hashes } = updateSearchIndex(before, allUnits(before.index));
    // Paper A becomes the best on ImageNet: the leaderboard lists its models in another order.
    const files = twoBoards();
    files['data/results/classification/imagenet/p-a.yaml'] = { results: [{ model: 'Model A', metrics: { 'Top-1': 90 } }] };
    const after = await contextOf(files);
    const touched = new Set(['home', 'leaderboard:classification/imagenet', 'paper:p-a', 'paper:p-b', 'task:classification', 'dataset:imagenet']);
    const update = updateSearchIndex(after, allUnits(after.index), { hashes, touched });
    expect(update.files).toBeUndefined();
    expect(update.hashes).toEqual(hashes);
  });

  it('makes the index again when a touched unit\'s records changed, or a unit is gone', async () => {
    const before = await contextOf();
    const { hashes } = updateSearchIndex(before, allUnits(before.index));
    const renamed = twoBoards();
    renamed['data/results/classification/imagenet/p-b.yaml'] = { results: [{ model: 'Model B v2', metrics: { 'Top-1': 80 } }] };
    const after = await contextOf(renamed);
    const update = updateSearchIndex(after, allUnits(after.index), { hashes, touched: new Set(['paper:p-b', 'leaderboard:classification/imagenet']) });
    expect(update.files).toEqual(updateSearchIndex(after, allUnits(after.index)).files);
    expect(update.hashes['paper:p-b']).not.toBe(hashes['paper:p-b']);

    const removed = twoBoards();
    delete removed['data/papers/2021/p-c.yaml'];
    delete removed['data/results/detection/coco/p-c.yaml'];
    const gone = await contextOf(removed);
    const afterRemoval = updateSearchIndex(gone, allUnits(gone.index), { hashes, touched: new Set() });
    expect(afterRemoval.files).toEqual(updateSearchIndex(gone, allUnits(gone.index)).files);
    expect(afterRemoval.hashes['paper:p-c']).toBeUndefined();
  });
});
