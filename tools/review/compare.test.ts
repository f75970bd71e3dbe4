// Leaderboard comparison, suspicious changes and fix hunks on small repositories written as YAML.
import { describe, expect, it } from 'vitest';
import { buildLeaderboards } from '../model/leaderboard.ts';
import { buildRepository, readValidFile, type Repository, type ValidFile } from '../model/repository.ts';
import { compareLeaderboards, entityChanges, suspiciousChanges } from './compare.ts';
import { replacementHunks } from './fixes.ts';

function repo(files: Record<string, string>): Repository {
  const valid: ValidFile[] = [];
  for (const [path, text] of Object.entries(files)) {
    const file = readValidFile(path, new TextEncoder().encode(text));
    if (!file) throw new Error(`fixture ${path} is not valid`);
    valid.push(file);
  }
  return buildRepository(valid);
}

const dataset = `name: Toy
benchmarks:
  - task: classification
    metrics:
      - name: Accuracy
        direction: higher
        unit: '%'
        min: 0
        max: 100
    primary: Accuracy
`;
const paper = (date: string) => `title: A paper\ndate: ${date}\n`;
const results = (...rows: Array<[string, number]>) => `results:\n${rows.map(([m, v]) => `  - model: ${m}\n    metrics:\n      Accuracy: ${v}\n`).join('')}`;

const baseFiles = {
  'data/datasets/toy.yaml': dataset,
  'data/papers/2020/old.yaml': paper('2020-01-01'),
  'data/papers/2021/mid.yaml': paper('2021-01-01'),
  'data/results/classification/toy/old.yaml': results(['Old-S', 70], ['Old-L', 80]),
  'data/results/classification/toy/mid.yaml': results(['Mid', 75]),
};

function compare(base: Repository, head: Repository) {
  const before = buildLeaderboards(base);
  const boards = compareLeaderboards(base, head, before, buildLeaderboards(head));
  return { boards, suspicious: suspiciousChanges(boards, before) };
}

describe('compareLeaderboards', () => {
  it('reports an added result that sets a new state of the art, with its rank and margin', () => {
    const head = repo({ ...baseFiles, 'data/papers/2022/new.yaml': paper('2022-01-01'), 'data/results/classification/toy/new.yaml': results(['New', 82]) });
    const { boards, suspicious } = compare(repo(baseFiles), head);
    expect(boards).toHaveLength(1);
    expect(boards[0]).toMatchObject({
      id: 'classification/toy',
      metric: { name: 'Accuracy', direction: 'higher', unit: '%' },
      previousBest: { value: 80, model: 'Old-L', paper: 'old' },
      best: { value: 82, model: 'New', paper: 'new' },
    });
    expect(boards[0].changes).toEqual([
      {
        change: 'added',
        resultSet: 'classification/toy/new',
        file: 'data/results/classification/toy/new.yaml',
        paper: 'new',
        model: 'New',
        old: null,
        new: { metrics: { Accuracy: 82 }, rank: 1 },
        newSota: true,
        margin: { absolute: 2, relative: 0.025 },
      },
    ]);
    expect(suspicious).toEqual([]); // 2.5% above the best is not "far"
  });

  it('gives a result below the best its rank and no SOTA; ties are not a new SOTA', () => {
    const head = repo({ ...baseFiles, 'data/results/classification/toy/mid.yaml': results(['Mid', 75], ['Mid-2', 80]) });
    const [board] = compare(repo(baseFiles), head).boards;
    expect(board.changes).toMatchObject([{ change: 'added', model: 'Mid-2', new: { rank: 1 }, newSota: false, margin: { absolute: 0 } }]);
  });

  it('flags a result far above the previous best, a changed value and a removed result', () => {
    const head = repo({
      ...baseFiles,
      'data/results/classification/toy/old.yaml': results(['Old-L', 99]),
    });
    const { boards, suspicious } = compare(repo(baseFiles), head);
    expect(boards[0].changes.map((c) => [c.change, c.model, c.old?.rank ?? null, c.new?.rank ?? null, c.newSota])).toEqual([
      ['changed', 'Old-L', 1, 1, true],
      ['removed', 'Old-S', 3, null, false],
    ]);
    expect(suspicious.map((s) => s.kind)).toEqual(['far-above-best', 'value-changed', 'result-removed']);
    // The margin in points (the metric is a percentage), the relative change in percent: no mixed units.
    expect(suspicious[0].message).toContain('99% is +19 points (+23.8 %) over the previous best 80%');
    expect(suspicious[1].message).toContain('Accuracy: 80 → 99');
  });

  it('uses the metric direction: lower is better', () => {
    const lower = dataset.replace('direction: higher', 'direction: lower');
    const base = repo({ ...baseFiles, 'data/datasets/toy.yaml': lower });
    const head = repo({ ...baseFiles, 'data/datasets/toy.yaml': lower, 'data/results/classification/toy/mid.yaml': results(['Mid', 60]) });
    const { boards, suspicious } = compare(base, head);
    expect(boards[0].previousBest?.value).toBe(70);
    expect(boards[0].changes[0]).toMatchObject({ change: 'changed', newSota: true, margin: { absolute: 10 } });
    expect(suspicious.map((s) => s.kind)).toEqual(['far-above-best', 'value-changed']);
    expect(suspicious[0].message).toContain('60% is +10 points (+14.3 %) over the previous best 70%');
  });

  it('writes a margin in the metric\'s own unit for units other than percent', () => {
    const params = dataset.replace("unit: '%'\n        min: 0\n        max: 100", 'unit: M');
    const base = repo({ ...baseFiles, 'data/datasets/toy.yaml': params });
    const head = repo({ ...baseFiles, 'data/datasets/toy.yaml': params, 'data/results/classification/toy/mid.yaml': results(['Mid', 75], ['Mid-2', 96.5]) });
    const { suspicious } = compare(base, head);
    expect(suspicious[0].message).toContain('96.5M is +16.5 M (+20.6 %) over the previous best 80M');
  });

  it('notices a changed ranking metric and leaves untouched leaderboards out', () => {
    const head = repo({ ...baseFiles, 'data/datasets/toy.yaml': dataset.replace('direction: higher', 'direction: lower') });
    const { boards, suspicious } = compare(repo(baseFiles), head);
    expect(boards).toMatchObject([{ benchmark: 'changed', changes: [] }]);
    expect(suspicious).toMatchObject([{ kind: 'metric-changed' }]);
    expect(compare(repo(baseFiles), repo(baseFiles)).boards).toEqual([]);
  });
});

describe('entityChanges', () => {
  it('names entities from their paths and keeps other files as "other"', () => {
    expect(
      entityChanges([
        { path: 'data/results/a/b/c.yaml', change: 'added' },
        { path: 'README.md', change: 'changed' },
        { path: 'data/areas.yaml', change: 'changed' },
        { path: 'data/Bad Name.yaml', change: 'added' },
      ]),
    ).toEqual([
      { kind: 'other', id: 'data/Bad Name.yaml', path: 'data/Bad Name.yaml', change: 'added' },
      { kind: 'areas', id: 'areas', path: 'data/areas.yaml', change: 'changed' },
      { kind: 'result', id: 'a/b/c', path: 'data/results/a/b/c.yaml', change: 'added' },
    ]);
  });
});

describe('replacementHunks', () => {
  it('turns a rewrite into line replacements of the old text', () => {
    const before = 'b: 2\na: 1\nc: 3\nd: 4\n';
    const after = 'a: 1\nb: 2\nc: 3\nd: 5\n';
    const hunks = replacementHunks('f.yaml', before, after);
    expect(hunks.map((h) => [h.startLine, h.endLine])).toEqual([[1, 1], [2, 2], [4, 4]]);
    // Applying the hunks bottom-up to the old lines gives the new text.
    const lines = before.replace(/\n$/, '').split('\n');
    for (const h of [...hunks].reverse()) lines.splice(h.startLine - 1, h.endLine - h.startLine + 1, ...(h.text === '' ? [] : h.text.split('\n')));
    expect(`${lines.join('\n')}\n`).toBe(after);
  });

  it('widens a pure insertion to the line above, and ignores a final-newline-only change', () => {
    expect(replacementHunks('f', 'a: 1\nc: 3\n', 'a: 1\nb: 2\nc: 3\n')).toEqual([{ file: 'f', startLine: 1, endLine: 1, text: 'a: 1\nb: 2' }]);
    expect(replacementHunks('f', 'a: 1', 'a: 1\n')).toEqual([]);
  });
});
