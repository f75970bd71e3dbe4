// Metric values: every form the dumps use is parsed or rejected with a reason, never guessed.
import { describe, expect, it } from 'vitest';
import { parseMetricValue } from './metric-value.ts';

function value(raw: unknown) {
  const parsed = parseMetricValue(raw);
  if (!parsed.ok) throw new Error(`rejected ${JSON.stringify(raw)}: ${parsed.reason}`);
  return parsed;
}

describe('parseMetricValue', () => {
  it('takes JSON numbers as they are', () => {
    expect(value(81.3)).toEqual({ ok: true, value: 81.3 });
    expect(value(0)).toEqual({ ok: true, value: 0 });
    expect(parseMetricValue(Number.NaN).ok).toBe(false);
  });

  it('parses plain numbers written as strings', () => {
    expect(value('0.930').value).toBe(0.93);
    expect(value('90').value).toBe(90);
    expect(value(' 2179678 ').value).toBe(2179678);
    expect(value('-3.5').value).toBe(-3.5);
    expect(value('.5').value).toBe(0.5);
    expect(value('1e-3').value).toBe(0.001);
  });

  it('keeps the digits as printed where the number\'s shortest form drops them, never for scaled values', () => {
    expect(value('95.50')).toEqual({ ok: true, value: 95.5, printed: '95.50' });
    expect(value('77.0%')).toEqual({ ok: true, value: 77, printed: '77.0' });
    expect(value('90.0 ± 0.5')).toEqual({ ok: true, value: 90, note: '± 0.5', printed: '90.0' });
    expect(value('1.5e-3')).toEqual({ ok: true, value: 0.0015, printed: '1.5e-3' });
    expect(value('25.60M')).toEqual({ ok: true, value: 25_600_000 });
    expect(value('1,234.50')).toEqual({ ok: true, value: 1234.5 });
    expect(value('81.2')).toEqual({ ok: true, value: 81.2 });
  });

  it('keeps a spread as a note', () => {
    expect(value('90.0 ± 0.5')).toEqual({ ok: true, value: 90, note: '± 0.5', printed: '90.0' });
    expect(value('0.8428 \u00b1 0.0014')).toEqual({ ok: true, value: 0.8428, note: '± 0.0014' });
    expect(value('0.25±0.005')).toEqual({ ok: true, value: 0.25, note: '± 0.005' });
    expect(value('71.2 +/- 0.3').value).toBe(71.2);
    expect(parseMetricValue('71.2 ± n/a').ok).toBe(false);
  });

  it('drops a percent sign', () => {
    expect(value('77.1%')).toEqual({ ok: true, value: 77.1 });
    expect(value('5 %').value).toBe(5);
  });

  it('scales K, M and B suffixes exactly', () => {
    expect(value('185M').value).toBe(185_000_000);
    expect(value('0.8B').value).toBe(800_000_000);
    expect(value('13.4M').value).toBe(13_400_000);
    expect(value('12K').value).toBe(12_000);
    expect(value('1.6T').value).toBe(1.6e12);
  });

  it('takes a leading ~ and a trailing * with a note', () => {
    expect(value('~257M')).toEqual({ ok: true, value: 257_000_000, note: 'approximate' });
    expect(value('63.7*')).toEqual({ ok: true, value: 63.7, note: 'marked "*" in the source' });
  });

  it('reads unicode minus signs, a BOM and thousands separators', () => {
    expect(value('\u22125.2').value).toBe(-5.2);
    expect(value('\uFEFF93.3').value).toBe(93.3);
    expect(value('1,234,567.5').value).toBe(1234567.5);
    expect(value('12,345').value).toBe(12345);
  });

  it('rejects everything else with a reason', () => {
    for (const raw of ['-', '--', '--*', '', '  ', '\u2212', '93.0/90.7', '91.6/91.1*', 'Please tell us', 'Yes', '60.7+', '43B?', '?',
      '(32.76 32.07 26.26 22.74)', '70.14 (measured by Ge et al., 2018)', '17.1(16.1 with basic dynamic evaluation)', '1,5', '12,34', 'NaN', 'Infinity', '185MB', '1.2.3']) {
      const parsed = parseMetricValue(raw);
      expect(parsed.ok, JSON.stringify(raw)).toBe(false);
      if (!parsed.ok) expect(parsed.reason).not.toBe('');
    }
    expect(parseMetricValue(null).ok).toBe(false);
    expect(parseMetricValue(true).ok).toBe(false);
    expect(parseMetricValue([1]).ok).toBe(false);
  });
});
