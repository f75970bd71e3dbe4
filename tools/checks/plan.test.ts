// The planner on a small hand-made repository: what each kind of change re-checks, what a partial
// run must load, and that both follow what the rules declare they read.
import { describe, expect, it } from 'vitest';
import { classifyPath } from '../model/paths.ts';
import type { ValidFile } from '../model/repository.ts';
import { readsInForce, repositoryRules } from './catalog.ts';
import { LayeredIndex, MemoryIndex, plannerFor, type Change, type FileState } from './plan.ts';
import { readsOf, type RepositoryRule } from './rule.ts';

const { usesOf, planCheck, neighbourhood } = plannerFor(readsInForce);

const files: Record<string, unknown> = {
  'data/areas.yaml': { areas: [{ id: 'vision', name: 'Vision' }] },
  'data/tasks/classification.yaml': { name: 'Classification', area: 'vision' },
  'data/tasks/image-classification.yaml': { name: 'Image Classification', area: 'vision', parent: 'classification' },
  'data/tasks/fine-grained.yaml': { name: 'Fine-grained', area: 'vision', parent: 'image-classification' },
  'data/tasks/detection.yaml': { name: 'Detection', area: 'vision' },
  'data/datasets/imagenet.yaml': { name: 'ImageNet', introduced_by: 'imagenet-paper', benchmarks: [{ task: 'image-classification', metrics: [{ name: 'Top 1', direction: 'higher' }] }] },
  'data/datasets/imagenet-v2.yaml': { name: 'ImageNet v2', variant_of: 'imagenet' },
  'data/datasets/coco.yaml': { name: 'COCO', benchmarks: [{ task: 'detection', metrics: [{ name: 'mAP', direction: 'higher' }] }] },
  'data/methods/resnet.yaml': { name: 'ResNet', introduced_by: 'resnet' },
  'data/papers/2009/imagenet-paper.yaml': { title: 'ImageNet', date: '2009-06-20', datasets: ['imagenet'] },
  'data/papers/2015/resnet.yaml': { title: 'Deep Residual Learning', date: '2015-12-10', arxiv: '1512.03385', tasks: ['image-classification'], methods: ['resnet'] },
  'data/papers/2016/resnet-again.yaml': { title: 'Deep residual learning!', date: '2016-01-01' },
  'data/papers/2019/semi.yaml': { title: 'Billion-scale', date: '2019-05-02', arxiv: '1905.00546', tasks: ['fine-grained'] },
  'data/results/image-classification/imagenet/resnet.yaml': { results: [{ model: 'ResNet-50', metrics: { 'Top 1': 76 } }] },
  'data/results/image-classification/imagenet/semi.yaml': { results: [{ model: 'ResNeXt', metrics: { 'Top 1': 81 } }] },
  'data/results/detection/coco/resnet.yaml': { results: [{ model: 'ResNet-50', metrics: { mAP: 40 } }] },
};

function stateOf(path: string, data: unknown): FileState {
  return { valid: true, uses: usesOf({ ref: classifyPath(path), data } as ValidFile) };
}

const index = new MemoryIndex(Object.entries(files).map(([p, d]) => [p, stateOf(p, d)]));
const edit = (path: string, after: unknown = files[path]): Change => ({ path, before: stateOf(path, files[path]), after: after === undefined ? undefined : stateOf(path, after) });

describe('planCheck', () => {
  it('re-checks the results of a changed dataset, its variants and the papers naming it', () => {
    expect(planCheck([edit('data/datasets/imagenet.yaml')], index)).toEqual([
      'data/datasets/imagenet-v2.yaml',
      'data/datasets/imagenet.yaml',
      'data/papers/2009/imagenet-paper.yaml',
      'data/results/image-classification/imagenet/resnet.yaml',
      'data/results/image-classification/imagenet/semi.yaml',
    ]);
  });

  it('re-checks the subtasks (all the way down), results, benchmarking datasets and papers of a removed task', () => {
    const removed: Change = { path: 'data/tasks/image-classification.yaml', before: stateOf('data/tasks/image-classification.yaml', files['data/tasks/image-classification.yaml']) };
    const after = new LayeredIndex(index, new Map([[removed.path, undefined]]));
    expect(planCheck([removed], after)).toEqual([
      'data/datasets/imagenet.yaml',
      'data/papers/2015/resnet.yaml',
      'data/results/image-classification/imagenet/resnet.yaml',
      'data/results/image-classification/imagenet/semi.yaml',
      'data/tasks/fine-grained.yaml',
    ]);
  });

  it('re-checks a paper\'s results, what it introduced (and the results dated by it), and papers sharing its arXiv id or title', () => {
    expect(planCheck([edit('data/papers/2015/resnet.yaml')], index)).toEqual([
      'data/methods/resnet.yaml',
      'data/papers/2015/resnet.yaml',
      'data/papers/2016/resnet-again.yaml',
      'data/results/detection/coco/resnet.yaml',
      'data/results/image-classification/imagenet/resnet.yaml',
    ]);
    expect(planCheck([edit('data/papers/2009/imagenet-paper.yaml')], index)).toEqual([
      'data/datasets/imagenet.yaml',
      'data/papers/2009/imagenet-paper.yaml',
      'data/results/image-classification/imagenet/resnet.yaml',
      'data/results/image-classification/imagenet/semi.yaml',
    ]);
  });

  it('uses the arXiv id a paper had before the change: the paper it duplicated is re-checked', () => {
    const path = 'data/papers/2016/resnet-again.yaml';
    const change: Change = { path, before: stateOf(path, { title: 'Other', date: '2016-01-01', arxiv: '1512.03385' }), after: stateOf(path, { title: 'Other', date: '2016-01-01' }) };
    expect(planCheck([change], new LayeredIndex(index, new Map([[path, change.after]])))).toContain('data/papers/2015/resnet.yaml');
  });

  it('re-checks a result\'s whole leaderboard and nothing else', () => {
    expect(planCheck([edit('data/results/image-classification/imagenet/semi.yaml')], index)).toEqual([
      'data/results/image-classification/imagenet/resnet.yaml',
      'data/results/image-classification/imagenet/semi.yaml',
    ]);
  });

  it('re-checks every task when the areas change', () => {
    expect(planCheck([edit('data/areas.yaml')], index).filter((p) => p.startsWith('data/tasks/'))).toHaveLength(4);
  });

  it('re-checks files with a dangling reference when a kind gains or loses an id (their tips list the ids)', () => {
    const paper = 'data/papers/2019/semi.yaml';
    const dangling = { ...(files[paper] as object), tasks: ['segmentation'] };
    const base = new LayeredIndex(index, new Map([[paper, stateOf(paper, dangling)]]));
    const added = 'data/tasks/segment.yaml';
    const change: Change = { path: added, after: stateOf(added, { name: 'Segment', area: 'vision' }) };
    const after = new LayeredIndex(base, new Map([[added, change.after]]));
    expect(planCheck([change], after)).toEqual([paper, added]);
    // An edit that keeps the task valid does not change the tips.
    expect(planCheck([edit('data/tasks/detection.yaml')], base)).not.toContain(paper);
  });
});

describe('neighbourhood', () => {
  it('loads the leaderboard, the dataset and the papers that date a planned result', () => {
    const around = neighbourhood(['data/results/image-classification/imagenet/semi.yaml'], index);
    expect(around.full).toEqual([
      'data/areas.yaml',
      'data/datasets/imagenet.yaml',
      'data/papers/2009/imagenet-paper.yaml',
      'data/papers/2015/resnet.yaml',
      'data/papers/2019/semi.yaml',
      'data/results/image-classification/imagenet/resnet.yaml',
      'data/results/image-classification/imagenet/semi.yaml',
    ]);
    expect(around.allOf).toEqual([]);
    expect(around.entities).toEqual(['data/tasks/image-classification.yaml']);
    expect(around.present).toEqual(['data/areas.yaml', 'data/datasets/imagenet.yaml', 'data/papers/2019/semi.yaml', 'data/tasks/image-classification.yaml']);
  });

  it('loads every paper when a planned file names a paper that does not exist (its tip scans them all)', () => {
    const method = 'data/methods/resnet.yaml';
    const broken = new LayeredIndex(index, new Map([[method, stateOf(method, { name: 'ResNet', introduced_by: 'resnett' })]]));
    expect(neighbourhood([method], broken).allOf).toEqual(['paper']);
  });

  it('loads the papers sharing a planned paper\'s title', () => {
    expect(neighbourhood(['data/papers/2016/resnet-again.yaml'], index).full).toContain('data/papers/2015/resnet.yaml');
  });
});

describe('the reads in force', () => {
  const without = (id: string) => plannerFor(readsOf(repositoryRules.filter((r) => r.id !== id)));

  it('are the union of the catalogue\'s declarations', () => {
    expect(plannerFor(readsInForce).reads).toEqual(readsOf(repositoryRules));
  });

  it('drive the plan: without the rule that reads paper identities, a paper no longer re-checks the papers sharing its title', () => {
    const paper = 'data/papers/2015/resnet.yaml';
    const twin = 'data/papers/2016/resnet-again.yaml';
    expect(planCheck([edit(paper)], index)).toContain(twin);
    const smaller = without('duplicate-paper');
    expect(smaller.usesOf({ ref: classifyPath(paper), data: files[paper] } as ValidFile).filter((k) => k.startsWith('arxiv:') || k.startsWith('title:'))).toEqual([]);
    const plan = smaller.planCheck([edit(paper)], index);
    expect(plan).not.toContain(twin);
    expect(plan).toEqual(planCheck([edit(paper)], index).filter((p) => p !== twin));
    expect(smaller.neighbourhood([twin], index).full).not.toContain(paper);
  });

  it('drive the plan: one rule that reads the leaderboard makes a result re-check its board, and none makes it re-check only itself', () => {
    const result = 'data/results/image-classification/imagenet/semi.yaml';
    const board = ['data/results/image-classification/imagenet/resnet.yaml', result];
    const rule = { ...repositoryRules.find((r) => r.id === 'unknown-metric')!, reads: ['leaderboard'] } satisfies RepositoryRule;
    const leaderboardOnly = plannerFor(readsOf([rule]));
    expect(leaderboardOnly.planCheck([edit(result)], index)).toEqual(board);
    expect(leaderboardOnly.neighbourhood([result], index).full).toEqual(expect.arrayContaining([...board, 'data/datasets/imagenet.yaml']));
    const nothing = plannerFor(readsOf([{ ...rule, reads: [] }]));
    expect(nothing.planCheck([edit(result)], index)).toEqual([result]);
    expect(nothing.neighbourhood([result], index)).toEqual({ full: [result], entities: [], allOf: [], present: [] });
  });

  it('decide the stand-ins: the parent chain only when a rule follows it', () => {
    const task = { ref: classifyPath('data/tasks/fine-grained.yaml'), data: files['data/tasks/fine-grained.yaml'] } as ValidFile;
    expect(plannerFor(readsInForce).stubOf(task)).toEqual({ name: 'Fine-grained', area: 'vision', parent: 'image-classification' });
    expect(without('reference-cycle').stubOf(task)).toEqual({ name: 'Fine-grained', area: 'vision' });
    expect(plannerFor([]).stubOf(task)).toBeUndefined();
  });
});
