// Leaderboard comparison, suspicious changes and fix hunks on small repositories written as YAML.
import { describe, expect, it } from 'vitest';
import { buildLeaderboards } from '../model/leaderboard.ts';
import { buildRepository, readValidFile, type Repository, type ValidFile } from '../model/repository.ts';
import { compareLeaderboards, entityChanges, suspiciousChanges } from './compare.ts';
import { renderReview } from './comment.ts';
import { replacementHunks } from './fixes.ts';
import { smallReport } from './testing.ts';

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
  const after = buildLeaderboards(head);
  const boards = compareLeaderboards(base, head, before, after);
  return { boards, suspicious: suspiciousChanges(boards, before, after) };
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

  it('uses the metric direction: lower is better, judged against the min', () => {
    const lower = dataset.replace('direction: higher', 'direction: lower');
    const base = repo({ ...baseFiles, 'data/datasets/toy.yaml': lower });
    const head = repo({ ...baseFiles, 'data/datasets/toy.yaml': lower, 'data/results/classification/toy/mid.yaml': results(['Mid', 50]) });
    const { boards, suspicious } = compare(base, head);
    expect(boards[0].previousBest?.value).toBe(70);
    expect(boards[0].changes[0]).toMatchObject({ change: 'changed', newSota: true, margin: { absolute: 20 } });
    expect(suspicious.map((s) => s.kind)).toEqual(['far-above-best', 'value-changed']);
    expect(suspicious[0].message).toContain('50% is +20 points (+28.6 %) over the previous best 70%: it closes 29 % of the gap the previous best left to the minimum 0% (70 points)');
    // 60 under 70 closes 14 % of the gap to 0: a large step, but not an unusual one.
    const smaller = repo({ ...baseFiles, 'data/datasets/toy.yaml': lower, 'data/results/classification/toy/mid.yaml': results(['Mid', 60]) });
    expect(compare(base, smaller).suspicious.map((s) => s.kind)).toEqual(['value-changed']);
  });

  it('writes a margin in the metric\'s own unit for units other than percent', () => {
    const params = dataset.replace("unit: '%'\n        min: 0\n        max: 100", 'unit: M');
    const base = repo({ ...baseFiles, 'data/datasets/toy.yaml': params });
    const head = repo({ ...baseFiles, 'data/datasets/toy.yaml': params, 'data/results/classification/toy/mid.yaml': results(['Mid', 75], ['Mid-2', 96.5]) });
    const { suspicious } = compare(base, head);
    // No bound: the relative rule, more than 10 % over the best.
    expect(suspicious[0].message).toContain('96.5M is +16.5 M (+20.6 %) over the previous best 80M: more than 10 % over the best in one step is unusual');
    const near = repo({ ...baseFiles, 'data/datasets/toy.yaml': params, 'data/results/classification/toy/mid.yaml': results(['Mid', 75], ['Mid-2', 87.5]) });
    expect(compare(base, near).suspicious).toEqual([]); // +9.4 %
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

describe('suspiciousChanges: implausible new bests', () => {
  // An ImageNet-like leaderboard (0..100 %) with its real history of steps, to a best of 84.8.
  const history: Array<[string, string, number]> = [
    ['2015-12-10', 'ResNet-152', 78.6],
    ['2016-11-16', 'ResNeXt-101', 79.6],
    ['2017-07-21', 'NASNet-A', 82.7],
    ['2018-02-05', 'AmoebaNet-A', 83.9],
    ['2018-11-16', 'GPipe', 84.3],
    ['2019-05-02', 'SWSL-32x16d', 84.8],
  ];
  const imagenet: Record<string, string> = { 'data/datasets/toy.yaml': dataset };
  for (const [date, model, value] of history) {
    imagenet[`data/papers/${date.slice(0, 4)}/${model.toLowerCase()}.yaml`] = paper(date);
    imagenet[`data/results/classification/toy/${model.toLowerCase()}.yaml`] = results([model, value]);
  }
  const adding = (model: string, value: number, date = '2019-05-28') =>
    repo({ ...imagenet, [`data/papers/${date.slice(0, 4)}/new.yaml`]: paper(date), 'data/results/classification/toy/new.yaml': results([model, value]) });

  it('flags 88.3 over 84.8 on a 0..100 % metric: it closes 23 % of the remaining gap, more than real leaderboards do', () => {
    const { boards, suspicious } = compare(repo(imagenet), adding('EfficientNet-B7', 88.3));
    // Still a new state of the art (the comment's headline stays), and worth a look with the reason.
    expect(boards[0].changes[0]).toMatchObject({ model: 'EfficientNet-B7', newSota: true, margin: { absolute: 3.5 } });
    expect(suspicious).toEqual([
      {
        kind: 'far-above-best',
        leaderboard: 'classification/toy',
        file: 'data/results/classification/toy/new.yaml',
        model: 'EfficientNet-B7',
        message:
          '88.3% is +3.5 points (+4.1 %) over the previous best 84.8%: it closes 23 % of the gap the previous best left to the maximum 100% (15.2 points); ' +
          "more than 20 % in one step is rare on real leaderboards; the largest step in this leaderboard's history (5 steps) closed 15 % (NASNet-A, 2017-07-21: 79.6% → 82.7%). " +
          'Check the value, its unit and the evaluation protocol against the paper.',
      },
    ]);
  });

  it('leaves a realistic small step alone: 85.1 over 84.8 closes 2 % of the gap', () => {
    expect(compare(repo(imagenet), adding('EfficientNet-B7', 85.1)).suspicious).toEqual([]);
  });

  it("flags a step far larger than any in the leaderboard's own history, though below the fixed cutoff", () => {
    // Steps of 1.0 to 1.5 % of the gap: 80.0 → 80.2 → 80.5 → 80.8; then 81.8 closes 5.2 %, 3.4 times the largest.
    const calm: Record<string, string> = { 'data/datasets/toy.yaml': dataset };
    for (const [date, model, value] of [['2020-01-01', 'A', 80.0], ['2020-06-01', 'B', 80.2], ['2021-01-01', 'C', 80.5], ['2021-06-01', 'D', 80.8]] as const) {
      calm[`data/papers/${date.slice(0, 4)}/${model.toLowerCase()}.yaml`] = paper(date);
      calm[`data/results/classification/toy/${model.toLowerCase()}.yaml`] = results([model, value]);
    }
    const head = (value: number) => repo({ ...calm, 'data/papers/2022/e.yaml': paper('2022-01-01'), 'data/results/classification/toy/e.yaml': results(['E', value]) });
    const { suspicious } = compare(repo(calm), head(81.8));
    expect(suspicious.map((s) => s.kind)).toEqual(['far-above-best']);
    expect(suspicious[0].message).toBe(
      '81.8% is +1 point (+1.2 %) over the previous best 80.8%: it closes 5.2 % of the gap the previous best left to the maximum 100% (19.2 points); ' +
        "the largest step in this leaderboard's history (3 steps) closed 1.5 % (D, 2021-06-01: 80.5% → 80.8%); this one is 3.4 times that. " +
        'Check the value, its unit and the evaluation protocol against the paper.',
    );
    // A step like the past ones is not flagged.
    expect(compare(repo(calm), head(81.0)).suspicious).toEqual([]);
  });
});

describe('suspiciousChanges: values off their unit', () => {
  const withParams = dataset.replace('    primary: Accuracy', '      - name: Params\n        direction: lower\n        unit: M\n    primary: Accuracy');
  const row = (model: string, accuracy: number, params: number) => `  - model: ${model}\n    metrics:\n      Accuracy: ${accuracy}\n      Params: ${params}\n`;
  const base = { ...baseFiles, 'data/datasets/toy.yaml': withParams, 'data/results/classification/toy/old.yaml': `results:\n${row('Old-S', 70, 14)}${row('Old-L', 80, 25)}${row('Old-XL', 79, 193)}` };

  it('flags "Number of params: 5300000" where the unit is M and the other rows are in millions', () => {
    const head = repo({ ...base, 'data/papers/2022/new.yaml': paper('2022-01-01'), 'data/results/classification/toy/new.yaml': `results:\n${row('New', 76, 5300000)}` });
    const { suspicious } = compare(repo(base), head);
    expect(suspicious).toEqual([
      {
        kind: 'unit-scale',
        leaderboard: 'classification/toy',
        file: 'data/results/classification/toy/new.yaml',
        model: 'New',
        message: '"Params" is 5300000 M, about 1,000,000 times the other values on this leaderboard (14, 25, 193): the unit is M, so the paper\'s number is probably 5.3',
      },
    ]);
    const right = repo({ ...base, 'data/papers/2022/new.yaml': paper('2022-01-01'), 'data/results/classification/toy/new.yaml': `results:\n${row('New', 76, 5.3)}` });
    expect(compare(repo(base), right).suspicious).toEqual([]);
  });

  it('flags a percentage written as a fraction (0.771 where the unit is %)', () => {
    const head = repo({ ...base, 'data/papers/2022/new.yaml': paper('2022-01-01'), 'data/results/classification/toy/new.yaml': `results:\n${row('New', 0.771, 5.3)}` });
    expect(compare(repo(base), head).suspicious).toEqual([
      {
        kind: 'unit-scale',
        leaderboard: 'classification/toy',
        file: 'data/results/classification/toy/new.yaml',
        model: 'New',
        message: '"Accuracy" is 0.771%, a fraction where the other values on this leaderboard are percentages (from 70 to 80, median 79): the paper\'s number is probably 77.1%',
      },
    ]);
  });
});

describe('a new best at other settings than the previous best', () => {
  const declaring = `${dataset}    settings:\n      - name: resolution\n        type: number\n        unit: px\n      - name: pretraining_data\n        type: text\n`;
  const rows = (...r: Array<[string, number, string]>) => `results:\n${r.map(([m, v, s]) => `  - model: ${m}\n    metrics:\n      Accuracy: ${v}\n${s ? `    settings:\n${s}` : ''}`).join('')}`;
  const base = { 'data/datasets/toy.yaml': declaring, 'data/papers/2020/old.yaml': paper('2020-01-01'), 'data/results/classification/toy/old.yaml': rows(['Old-L', 80, '      resolution: 224\n']) };
  const head = (settings: string, value = 82, files: Record<string, string> = base) =>
    repo({ ...files, 'data/papers/2022/new.yaml': paper('2022-01-01'), 'data/results/classification/toy/new.yaml': rows(['New', value, settings]) });
  const flagged = (h: Repository, b: Record<string, string> = base) => compare(repo(b), h).suspicious.filter((s) => s.kind === 'other-settings').map((s) => s.message);

  it('is flagged with every declared setting that differs, one stated on one row only included', () => {
    expect(flagged(head('      resolution: 600\n      pretraining_data: JFT-300M\n'))).toEqual([
      'new best at resolution 600 px, pretraining_data "JFT-300M"; the previous best was at resolution 224 px, unstated pretraining_data (Old-L): check that the paper states these settings, and whether the two results are comparable',
    ]);
    expect(flagged(head(''))).toEqual([expect.stringMatching(/^new best at unstated resolution; the previous best was at resolution 224 px /)]);
  });

  it('keeps the message within the report schema\'s 1,000 characters however long the settings are', () => {
    const long = (c: string) => c.repeat(600);
    const base2 = { ...base, 'data/datasets/toy.yaml': `${declaring}      - name: other_data\n        type: text\n`, 'data/results/classification/toy/old.yaml': rows(['Old-L', 80, `      pretraining_data: ${long('a')}\n      other_data: ${long('b')}\n`]) };
    const [message] = flagged(head(`      pretraining_data: ${long('c')}\n      other_data: ${long('d')}\n`, 82, base2), base2);
    expect(message.length).toBeLessThanOrEqual(1000);
    expect(message).toMatch(/^new best at pretraining_data "c+…", other_data "d+…"; the previous best was at pretraining_data "a+… \(Old-L\): check that the paper states these settings, and whether the two results are comparable$/);
  });

  it('is not flagged at the same settings, below the best, or on a benchmark that declares none', () => {
    expect(flagged(head('      resolution: 224\n'))).toEqual([]);
    expect(flagged(head('      resolution: 600\n', 79))).toEqual([]);
    const plain = { ...base, 'data/datasets/toy.yaml': dataset, 'data/results/classification/toy/old.yaml': rows(['Old-L', 80, '']) };
    expect(flagged(head('', 82, plain), plain)).toEqual([]);
  });
});

describe('an unranked leaderboard (primary metric without a direction)', () => {
  const unrankedFiles = { ...baseFiles, 'data/datasets/toy.yaml': dataset.replace('        direction: higher\n', '') };

  it('shows added rows without a rank and never claims a new state of the art', () => {
    const head = repo({ ...unrankedFiles, 'data/papers/2022/new.yaml': paper('2022-01-01'), 'data/results/classification/toy/new.yaml': results(['New', 99]) });
    const { boards, suspicious } = compare(repo(unrankedFiles), head);
    expect(boards).toHaveLength(1);
    expect(boards[0].metric).toEqual({ name: 'Accuracy', unit: '%' });
    expect(boards[0].previousBest).toBeNull();
    expect(boards[0].changes.map((c) => [c.model, c.new?.rank ?? null, c.newSota])).toEqual([['New', null, false]]);
    expect(suspicious).toEqual([]);
    // The report stays valid without a direction, and its comment says why there is no rank.
    const text = renderReview(smallReport({ leaderboards: boards }), { rulesDoc: 'docs/rules.md', knownRules: new Set() }).join('\n');
    expect(text).toContain('Not ranked: Accuracy has no known direction');
    expect(text).toContain('| added | `New` | `new` | 99% | unranked |');
    expect(text).not.toMatch(/state of the art\*\*|new SOTA/i);
  });
});
