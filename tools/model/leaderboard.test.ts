import { describe, expect, it } from 'vitest';
import { rankEntries, type LeaderboardEntry } from './leaderboard.ts';
import type { MetricSpec } from './types.ts';

function entry(model: string, date: string, metrics: Record<string, number>): LeaderboardEntry {
  return { resultSet: `t/d/${model.toLowerCase()}`, row: 0, paper: model.toLowerCase(), date, result: { model, metrics } };
}

const acc: MetricSpec = { name: 'Accuracy', direction: 'higher' };
const err: MetricSpec = { name: 'Error', direction: 'lower' };

describe('rankEntries', () => {
  it('ranks by the primary metric in its direction', () => {
    const rows = [entry('A', '2020-01-01', { Accuracy: 70, Error: 30 }), entry('B', '2020-01-01', { Accuracy: 90, Error: 10 })];
    expect(rankEntries(rows, acc).map((e) => [e.result.model, e.rank])).toEqual([['B', 1], ['A', 2]]);
    expect(rankEntries(rows, err).map((e) => [e.result.model, e.rank])).toEqual([['B', 1], ['A', 2]]);
    const lower = [entry('A', '2020-01-01', { Error: 5 }), entry('B', '2020-01-01', { Error: 9 })];
    expect(rankEntries(lower, err).map((e) => e.result.model)).toEqual(['A', 'B']);
  });

  it('gives equal values the same rank (1, 2, 2, 4), ordered by paper date then model name', () => {
    const rows = [
      entry('Zeta', '2021-01-01', { Accuracy: 80 }),
      entry('Beta', '2020-06-01', { Accuracy: 80 }),
      entry('Alpha', '2020-06-01', { Accuracy: 80 }),
      entry('Top', '2022-01-01', { Accuracy: 95 }),
      entry('Low', '2019-01-01', { Accuracy: 10 }),
    ];
    expect(rankEntries(rows, acc).map((e) => [e.result.model, e.rank])).toEqual([
      ['Top', 1],
      ['Alpha', 2],
      ['Beta', 2],
      ['Zeta', 2],
      ['Low', 5],
    ]);
  });

  it('puts rows without the primary metric after the ranked ones, unranked', () => {
    const rows = [entry('NoPrimary', '2018-01-01', { Other: 1 }), entry('Ranked', '2020-01-01', { Accuracy: 1 })];
    const ranked = rankEntries(rows, acc);
    expect(ranked.map((e) => [e.result.model, e.rank])).toEqual([['Ranked', 1], ['NoPrimary', undefined]]);
  });

  it('does not depend on the order of its input', () => {
    const rows = [entry('A', '2020-01-01', { Accuracy: 1 }), entry('B', '2020-01-01', { Accuracy: 1 }), entry('C', '2019-01-01', {})];
    expect(rankEntries([...rows].reverse(), acc)).toEqual(rankEntries(rows, acc));
  });
});
