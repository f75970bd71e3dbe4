// The review's Markdown: counts read as people write them, and each added or changed row in full.
import { describe, expect, it } from 'vitest';
import { renderReview } from './comment.ts';
import type { LeaderboardChange, ResultChange } from './report-schema.ts';
import { smallReport } from './testing.ts';

describe('renderReview', () => {
  it('counts one thing in the singular: "1 file checked", "1 more entity", "1 error, 1 warning"', () => {
    const finding = { rule: 'schema', file: 'data/tasks/t.yaml', line: 1, column: 1, message: 'm', tip: 't', origin: 'pull-request' as const };
    const report = smallReport({
      status: 'fail',
      summary: { errors: 1, warnings: 1, alreadyOnBase: 0, filesChecked: 1, newSota: 0, suspicious: 0 },
      findings: [{ ...finding, severity: 'error' }, { ...finding, severity: 'warning' }],
      truncated: { entities: 2 },
    });
    const text = renderReview(report, { rulesDoc: 'docs/rules.md', knownRules: new Set() }).join('\n');
    expect(text).toContain('**1 error, 1 warning**');
    expect(text).toContain('1 file checked.');
    expect(text).toContain('…and 1 more entity (2 in all).');
  });
});

/** ImageNet's top-1 board with `changes`, its best 84.8% unchanged unless `extra` says otherwise. */
const board = (changes: ResultChange[], extra: Partial<LeaderboardChange> = {}): LeaderboardChange => ({
  id: 'image-classification/imagenet',
  task: 'image-classification',
  dataset: 'imagenet',
  metric: { name: 'Top 1 Accuracy', direction: 'higher', unit: '%' },
  units: { 'Top 1 Accuracy': '%', 'Top 5 Accuracy': '%', 'Number of params': 'M' },
  previousBest: { value: 84.8, model: 'Best', paper: 'best-paper' },
  best: { value: 84.8, model: 'Best', paper: 'best-paper' },
  changes,
  ...extra,
});

describe('the rows of a leaderboard change, for checking against the paper', () => {
  const row = (change: ResultChange['change'], model: string, old: ResultChange['old'], now: ResultChange['new']): ResultChange => ({
    change,
    resultSet: 'image-classification/imagenet/my-paper',
    file: 'data/results/image-classification/imagenet/my-paper.yaml',
    paper: 'my-paper',
    model,
    old,
    new: now,
    newSota: false,
    margin: null,
  });
  const render = (changes: ResultChange[]) => renderReview(smallReport({ leaderboards: [board(changes)] }), { rulesDoc: 'docs/rules.md', knownRules: new Set() }).join('\n');

  it('shows every metric of an added row with its unit, its source and its notes', () => {
    const text = render([row('added', 'My-Net-L', null, { metrics: { 'Top 5 Accuracy': 97.1, 'Top 1 Accuracy': 84.4, 'Number of params': 66 }, rank: 2, source: 'Table 2', notes: 'test resolution 600 px' })]);
    // The table keeps the primary metric and the rank; the list below has the rest.
    expect(text).toContain('| added | `My-Net-L` | `my-paper` | 84\\.4% | 2 |');
    expect(text).toContain('- `My-Net-L` (added, `my-paper`): Top 1 Accuracy 84\\.4%, Top 5 Accuracy 97\\.1%, Number of params 66M');
    expect(text).toContain('  - Source: Table 2');
    expect(text).toContain('  - Notes: test resolution 600 px');
    expect(text).not.toContain('No source given');
  });

  it('says plainly when a new row has no source', () => {
    const text = render([row('added', 'My-Net-S', null, { metrics: { 'Top 1 Accuracy': 80.1 }, rank: 3 })]);
    expect(text).toContain('- `My-Net-S` (added, `my-paper`): Top 1 Accuracy 80\\.1%');
    expect(text).toContain('  - ⚠️ **No source given**: ask the contributor for the table.');
    expect(text).not.toContain('Notes:');
  });

  it('shows a changed row old → new for each metric that changed, and a replaced source or notes with what it was', () => {
    const old = { metrics: { 'Top 1 Accuracy': 84.3, 'Top 5 Accuracy': 97.0 }, rank: 2, source: 'Table 2', notes: 'v1 of the paper' };
    const now = { metrics: { 'Top 1 Accuracy': 84.4, 'Top 5 Accuracy': 97.0 }, rank: 2, source: 'Table 3 (v2)' };
    const text = render([row('changed', 'My-Net-L', old, now)]);
    expect(text).toContain('| changed | `My-Net-L` | `my-paper` | 84\\.3% → 84\\.4% | 2 |');
    expect(text).toContain('- `My-Net-L` (changed, `my-paper`): **Top 1 Accuracy 84\\.3% → 84\\.4%**, Top 5 Accuracy 97%');
    expect(text).toContain('  - Source: Table 3 \\(v2\\) (was: Table 2)');
    expect(text).toContain('  - Notes: none (was: v1 of the paper)');
  });

  it('keeps a removed row to the table', () => {
    const text = render([row('removed', 'Gone', { metrics: { 'Top 1 Accuracy': 70 }, rank: 9, source: 'Table 9' }, null)]);
    expect(text).toContain('| removed | `Gone` |');
    expect(text).not.toContain('Table 9');
    expect(text).not.toContain('to check against the paper');
  });

  it('keeps untrusted source and notes inert: no mention, no HTML, no broken table or list', () => {
    const evil = '@octocat <img src=x onerror=alert(1)> | [x](https://evil.example)\n- item #1';
    const text = render([row('added', 'M', null, { metrics: { 'Top 1 Accuracy': 80 }, rank: 3, source: evil, notes: evil })]);
    const lines = text.split('\n').filter((l) => l.startsWith('  - Source: ') || l.startsWith('  - Notes: '));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toContain('@\u200boctocat');
      expect(line).not.toMatch(/<img|\]\(|(?<!\\)[|#]/);
    }
  });

  it('spells out at most 60 rows in all and says where the others are', () => {
    const many = Array.from({ length: 25 }, (_, i) => row('added', `M${i}`, null, { metrics: { 'Top 1 Accuracy': 50 + i }, rank: i + 1, source: 'Table 1' }));
    const boards = Array.from({ length: 3 }, (_, b) => ({ ...board(many), id: `t${b}/imagenet`, task: `t${b}` }));
    const text = renderReview(smallReport({ leaderboards: boards }), { rulesDoc: 'docs/rules.md', knownRules: new Set() }).join('\n');
    expect(text.match(/^ {2}- Source: Table 1$/gm)).toHaveLength(60);
    expect(text).toContain('…15 more added or changed rows are not spelled out here;');
  });
});

describe('the settings and structured sources of a leaderboard change (issue #13)', () => {
  const declared = [{ name: 'resolution', unit: 'px' }, { name: 'pretraining_data' }, { name: 'test_time_augmentation' }];
  const row = (change: ResultChange['change'], old: ResultChange['old'], now: ResultChange['new'], newSota = false): ResultChange => ({
    change,
    resultSet: 'image-classification/imagenet/my-paper',
    file: 'data/results/image-classification/imagenet/my-paper.yaml',
    paper: 'my-paper',
    model: 'My-Net-L',
    old,
    new: now,
    newSota,
    margin: newSota ? { absolute: 1.2, relative: 0.0141509433962 } : null,
  });
  const render = (changes: ResultChange[], extra: Partial<LeaderboardChange> = {}) =>
    renderReview(smallReport({ leaderboards: [board(changes, { settings: declared, ...extra })] }), { rulesDoc: 'docs/rules.md', knownRules: new Set() }).join('\n');

  it("shows an added row's settings in declared order, each name = value with its unit", () => {
    const text = render([row('added', null, { metrics: { 'Top 1 Accuracy': 84.4 }, rank: 2, source: 'Table 2', settings: { test_time_augmentation: false, resolution: 600 } })]);
    expect(text).toContain('- `My-Net-L` (added, `my-paper`): Top 1 Accuracy 84\\.4%\n  - Settings: resolution = 600 px; test\\_time\\_augmentation = false\n  - Source: Table 2');
  });

  it('says what the settings were when a change replaced them', () => {
    const text = render([row('changed', { metrics: { 'Top 1 Accuracy': 84.3 }, rank: 2, source: 'Table 2', settings: { resolution: 224 } }, { metrics: { 'Top 1 Accuracy': 84.4 }, rank: 2, source: 'Table 2', settings: { resolution: 600 } })]);
    expect(text).toContain('  - Settings: resolution = 600 px (was: resolution = 224 px)');
  });

  it('shows a structured source as kind, where and a link; a url that is not http(s) is not linked', () => {
    const linked = render([row('added', null, { metrics: { 'Top 1 Accuracy': 84.4 }, rank: 2, source: { kind: 'paper', url: 'https://arxiv.org/abs/1905.11946', ref: 'Table 2' } })]);
    expect(linked).toContain('  - Source: paper: Table 2, [https\\://arxiv\\.org/abs/1905\\.11946](<https://arxiv.org/abs/1905.11946>)');
    const inert = render([row('added', null, { metrics: { 'Top 1 Accuracy': 84.4 }, rank: 2, source: { kind: 'other', url: 'javascript:alert(1)', ref: '@octocat [x](y)' } })]);
    const line = inert.split('\n').find((l) => l.startsWith('  - Source: '))!;
    expect(line).toBe('  - Source: other: @\u200boctocat \\[x\\]\\(y\\), javascript\\:alert\\(1\\)');
  });

  it('says on the New state of the art line when the new best was measured at other settings than the previous best', () => {
    const best = { value: 84.8, model: 'Best', paper: 'best-paper', settings: { resolution: 224 } };
    const text = render([row('added', null, { metrics: { 'Top 1 Accuracy': 86 }, rank: 1, source: 'Table 2', settings: { resolution: 600 } }, true)], { previousBest: best });
    const headline = text.split('\n').find((l) => l.startsWith('🏆'))!;
    expect(headline).toMatch(/\(`Best`\)\. ⚠️ At other settings: new best at resolution 600 px; the previous best was at resolution 224 px\.$/);
    // The same settings: nothing to say.
    const same = render([row('added', null, { metrics: { 'Top 1 Accuracy': 86 }, rank: 1, source: 'Table 2', settings: { resolution: 224 } }, true)], { previousBest: best });
    expect(same).toContain('🏆 **New state of the art**');
    expect(same).not.toContain('At other settings');
  });

  it('counts a setting stated on one side only as a difference, and names every differing setting', () => {
    const best = { value: 84.8, model: 'Best', paper: 'best-paper', settings: { resolution: 224, pretraining_data: 'JFT-300M, 300M images', test_time_augmentation: false } };
    const text = render([row('added', null, { metrics: { 'Top 1 Accuracy': 86 }, rank: 1, source: 'Table 2', settings: { resolution: 600, test_time_augmentation: false } }, true)], { previousBest: best });
    expect(text).toContain('⚠️ At other settings: new best at resolution 600 px, unstated pretraining\\_data; the previous best was at resolution 224 px, pretraining\\_data "JFT\\-300M, 300M images".');
  });
});
