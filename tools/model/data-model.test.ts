// The schemas of issue #13's data model: settings, structured sources, source files, partial dates.
import { describe, expect, it } from 'vitest';
import { checkSchema } from './check-schema.ts';
import { classifyPath } from './paths.ts';

const row = (extra: Record<string, unknown>) => ({ results: [{ model: 'M', metrics: { Accuracy: 1 }, ...extra }] });
const messages = (kind: Parameters<typeof checkSchema>[0], data: unknown) => checkSchema(kind, data).map((p) => p.message);

describe('settings', () => {
  it('lets a benchmark declare settings of four types, choices with their values', () => {
    const dataset = {
      name: 'D',
      benchmarks: [
        {
          task: 't',
          metrics: [{ name: 'Accuracy', direction: 'higher' }],
          settings: [
            { name: 'resolution', type: 'number', unit: 'px', description: 'Test image side.' },
            { name: 'test_time_augmentation', type: 'boolean' },
            { name: 'pretraining_data', type: 'text' },
            { name: 'crop', type: 'choice', values: ['center', 'full'] },
          ],
        },
      ],
    };
    expect(checkSchema('dataset', dataset)).toEqual([]);
  });

  it('rejects a setting type that is not one of the four, naming them', () => {
    const dataset = { name: 'D', benchmarks: [{ task: 't', metrics: [{ name: 'A', direction: 'higher' }], settings: [{ name: 's', type: 'integer' }] }] };
    expect(messages('dataset', dataset)).toEqual(['"type" of setting 1 of benchmark 1 must be one of: boolean, number, text, choice']);
  });

  it('lets a row state booleans, numbers and text, but not lists or empty text', () => {
    expect(checkSchema('result', row({ settings: { resolution: 224, test_time_augmentation: false, pretraining_data: 'IG-1B' } }))).toEqual([]);
    expect(messages('result', row({ settings: { resolution: [224] } }))).toEqual(['"settings.resolution" of row 1 must be true or false or a finite number or a string']);
    expect(messages('result', row({ settings: { pretraining_data: '' } }))[0]).toContain('"settings.pretraining_data" of row 1');
  });
});

describe('sources', () => {
  it('keeps plain-text sources valid', () => {
    expect(checkSchema('result', row({ source: 'Table 2' }))).toEqual([]);
  });

  it('takes a mapping of kind, url and ref', () => {
    expect(checkSchema('result', row({ source: { kind: 'paper', url: 'https://arxiv.org/abs/1905.00546', ref: 'Table 2' } }))).toEqual([]);
    expect(checkSchema('result', row({ source: { kind: 'leaderboard' } }))).toEqual([]);
  });

  it('rejects a mapping without a kind, of an unknown kind, or with other fields, with plain messages', () => {
    expect(messages('result', row({ source: { ref: 'Table 2' } }))).toEqual(['"source" of row 1 lacks the required field "kind"']);
    expect(messages('result', row({ source: { kind: 'blog' } }))).toEqual(['"source.kind" of row 1 must be one of: paper, code, leaderboard, reproduction, other']);
    expect(checkSchema('result', row({ source: { kind: 'paper', table: 2 } }))[0]).toMatchObject({ message: '"table" is not a field of "source" of row 1', tip: expect.stringContaining('kind, url, ref') });
    expect(messages('result', row({ source: 2 }))).toEqual(['"source" of row 1 must be a string or a mapping of fields']);
  });
});

describe('source files', () => {
  it('live at data/sources/<id>.yaml', () => {
    expect(classifyPath('data/sources/squad-leaderboard.yaml')).toEqual({ kind: 'source', path: 'data/sources/squad-leaderboard.yaml', id: 'squad-leaderboard' });
  });

  it('need a name, a kind that is not paper, and a url', () => {
    expect(checkSchema('source', { name: 'SQuAD leaderboard', kind: 'leaderboard', url: 'https://rajpurkar.github.io/SQuAD-explorer/' })).toEqual([]);
    expect(messages('source', { name: 'X', kind: 'paper', url: 'https://example.org' })).toEqual(['"kind" must be one of: code, leaderboard, reproduction, other']);
    expect(messages('source', { name: 'X', kind: 'other' })).toEqual(['the file lacks the required field "url"']);
  });
});

describe('partial paper dates', () => {
  const paper = (date: unknown) => ({ title: 'T', date });

  it('take YYYY-MM and YYYY as well as YYYY-MM-DD', () => {
    for (const date of ['2019-05-02', '2019-05', '2019']) expect(checkSchema('paper', paper(date))).toEqual([]);
  });

  it('still reject days not on the calendar, once, with the days of the month', () => {
    const problems = checkSchema('paper', paper('2019-02-30'));
    expect(problems).toHaveLength(1);
    expect(problems[0].tip).toContain('February 2019 has 28 days');
  });

  it('reject other forms, describing the partial forms', () => {
    for (const date of ['2019-13', '2019-5', '19', '2019-05-']) {
      const problems = checkSchema('paper', paper(date));
      expect(problems).toHaveLength(1);
      expect(problems[0].message).toContain('YYYY-MM or YYYY');
    }
  });

  it('stay full for a dataset\'s introduced_date', () => {
    expect(messages('dataset', { name: 'D', introduced_date: '2019-05' })[0]).toContain('YYYY-MM-DD');
  });
});
