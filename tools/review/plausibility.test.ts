// The pure plausibility judgements: step sizes against a bound or relative, a leaderboard's SOTA steps, the thresholds.
import { describe, expect, it } from 'vitest';
import { rankEntries, type Leaderboard } from '../model/leaderboard.ts';
import type { MetricSpec } from '../model/types.ts';
import { judgeNewBest, percent, sotaSteps, stepSize } from './plausibility.ts';

const accuracy: MetricSpec = { name: 'Acc', direction: 'higher', unit: '%', min: 0, max: 100 };
const error: MetricSpec = { name: 'Err', direction: 'lower', unit: '%', min: 0, max: 100 };
const perplexity: MetricSpec = { name: 'PPL', direction: 'lower' };

function board(metric: MetricSpec, rows: Array<[string, string, number]>): Leaderboard {
  const entries = rows.map(([date, model, value], row) => ({ resultSet: 't/d/p', row, paper: 'p', date, result: { model, metrics: { [metric.name]: value } } }));
  return { id: 't/d', task: 't', dataset: 'd', benchmark: { task: 't', metrics: [metric], primary: metric.name }, primary: metric, entries: rankEntries(entries, metric) };
}

describe('stepSize', () => {
  it('measures a bounded metric by the share of the gap to its limit it closes, in its direction', () => {
    expect(stepSize(84.8, 88.3, accuracy)?.size).toBeCloseTo(3.5 / 15.2);
    expect(stepSize(2.0, 1.5, error)).toEqual({ size: 0.25, measure: 'headroom' });
    expect(stepSize(100, 100, accuracy)).toBeUndefined(); // no gap left
  });

  it('measures an unbounded metric relative to the previous value', () => {
    expect(stepSize(20, 18, perplexity)).toEqual({ size: 0.1, measure: 'relative' });
    expect(stepSize(0, 1, { direction: 'higher' })).toBeUndefined();
  });
});

describe('sotaSteps', () => {
  it('takes each day whose best beats every earlier day as one step, ignoring undated rows and non-improvements', () => {
    const steps = sotaSteps(
      board(accuracy, [
        ['2020-01-01', 'A', 70],
        ['2021-01-01', 'B-S', 75],
        ['2021-01-01', 'B-L', 80], // the same paper's larger model: one step, to 80
        ['2022-01-01', 'C', 78], // below the best: no step
        ['', 'Undated', 99],
        ['2023-01-01', 'D', 90],
      ]),
    );
    expect(steps.map((s) => [s.model, s.from, s.to, Number(s.size.toFixed(3))])).toEqual([
      ['B-L', 70, 80, 0.333],
      ['D', 80, 90, 0.5],
    ]);
  });
});

describe('judgeNewBest', () => {
  const calm = sotaSteps(board(accuracy, [['2020-01-01', 'A', 80], ['2020-06-01', 'B', 80.2], ['2021-01-01', 'C', 80.5], ['2021-06-01', 'D', 80.8]]));

  it('passes small steps, flags those over the cutoff or far over the history', () => {
    expect(judgeNewBest(84.8, 85.1, accuracy, [])).toBeUndefined();
    expect(judgeNewBest(84.8, 88.3, accuracy, [])).toMatchObject({ overCutoff: true });
    expect(judgeNewBest(80.8, 81.8, accuracy, calm)).toMatchObject({ overCutoff: false, overHistory: true, largest: { model: 'D' }, steps: 3 });
    // Too few past steps to judge by history.
    expect(judgeNewBest(80.8, 81.8, accuracy, calm.slice(0, 2))).toBeUndefined();
    // Over twice the largest past step, but tiny (under a quarter of the cutoff): left alone.
    expect(judgeNewBest(80.8, 81.4, accuracy, calm)).toBeUndefined();
  });

  it('keeps the relative rule for unbounded metrics', () => {
    expect(judgeNewBest(20, 17.9, perplexity, [])).toMatchObject({ step: { measure: 'relative' }, overCutoff: true });
    expect(judgeNewBest(20, 18.5, perplexity, [])).toBeUndefined();
  });

  it('writes shares as people read them', () => {
    expect([percent(0.2303), percent(0.052), percent(0.004)]).toEqual(['23 %', '5.2 %', '0.4 %']);
  });
});
