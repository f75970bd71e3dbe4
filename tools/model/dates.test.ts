import { describe, expect, it } from 'vitest';
import { isPartialDate, periodEnd, periodStart } from './dates.ts';

describe('partial dates', () => {
  it('places a partial date at the start of its period', () => {
    expect(periodStart('2019')).toBe('2019-01-01');
    expect(periodStart('2019-05')).toBe('2019-05-01');
    expect(periodStart('2019-05-02')).toBe('2019-05-02');
  });

  it('knows the last day of a period, leap years included', () => {
    expect(periodEnd('2019')).toBe('2019-12-31');
    expect(periodEnd('2019-02')).toBe('2019-02-28');
    expect(periodEnd('2020-02')).toBe('2020-02-29');
    expect(periodEnd('2019-04')).toBe('2019-04-30');
    expect(periodEnd('2019-05-02')).toBe('2019-05-02');
  });

  it('tells partial dates from full ones', () => {
    expect([isPartialDate('2019'), isPartialDate('2019-05'), isPartialDate('2019-05-02')]).toEqual([true, true, false]);
  });
});
