// Values converted to a benchmark's declared unit, or refused with the reason: counts, percentages, scale suffixes, fractions, text.
import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../model/types.ts';
import { convertValue } from './values.ts';
import { givenValue, type GivenMetric } from './zoo-entry.ts';

const given = (text: string, count = false): GivenMetric => ({ names: ['x'], value: givenValue(text)!, count });
const params: MetricSpec = { name: 'Number of params', direction: 'lower', unit: 'M' };
const flops: MetricSpec = { name: 'FLOPs', direction: 'lower', unit: 'G' };
const top1: MetricSpec = { name: 'Top 1 Accuracy', direction: 'higher', unit: '%', min: 0, max: 100 };
const error: MetricSpec = { name: 'Top 1 Error', direction: 'lower', unit: '%', min: 0, max: 100 };

describe('convertValue', () => {
  it('divides a count by the scale of the declared unit', () => {
    expect(convertValue(given('25560000', true), params)).toEqual({ value: 25.56, note: '25560000' });
    expect(convertValue(given('4120000000', true), flops)).toEqual({ value: 4.12, note: '4120000000' });
    expect(convertValue(given('25.6M'), params)).toMatchObject({ value: 25.6 });
    expect(convertValue(given('4.1G'), params)).toMatchObject({ value: 4100 });
  });

  it('reads percentages and keeps the printed precision', () => {
    expect(convertValue(given('76.5%'), top1)).toEqual({ value: 76.5 });
    expect(convertValue(given('76.50'), top1)).toEqual({ value: 76.5, printed: '76.50' });
    expect(convertValue(given('76.5'), top1)).toEqual({ value: 76.5 });
  });

  it('refuses what it would have to guess, or what is not a number', () => {
    expect(convertValue(given('0.765'), top1)).toEqual({ problem: expect.stringMatching(/reads as a fraction of 1 where the unit of "Top 1 Accuracy" is %/) });
    expect(convertValue(given('N/A'), top1)).toEqual({ problem: '"N/A" is not a number' });
    expect(convertValue(given('76.5%'), params)).toEqual({ problem: expect.stringMatching(/is a percentage, but the unit of "Number of params" is M/) });
    expect(convertValue(given('25560000', true), top1)).toEqual({ problem: expect.stringMatching(/is a count, but the unit/) });
    expect(convertValue(given('176.5'), top1)).toEqual({ problem: expect.stringMatching(/outside the declared range/) });
  });

  it('leaves a small percentage alone where lower is better (an error rate below 1 % is real)', () => {
    expect(convertValue(given('0.5'), error)).toEqual({ value: 0.5 });
  });
});
