// computeActions (pure): sticky comment create/update/none, inline comments only on diff lines with
// suggestions, no repeats, managed labels, and hostile report text kept inert.
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { computeActions, findingKey, inlineMarker, type DecisionContext, type PullRequestState } from './actions.ts';
import { MAX_COMMENT_CHARS, STICKY_MARKER } from './comment.ts';
import { rightSideLines } from './diff-lines.ts';
import { code, plain } from '../markdown/escape.ts';
import { parseReport } from './report.ts';
import { REPORT_SCHEMA_VERSION, type ReviewReport } from './report-schema.ts';

const HEAD = 'b'.repeat(40);
const ctx: DecisionContext = {
  rulesDoc: 'https://github.com/octo/data/blob/HEAD/docs/rules.md',
  knownRules: new Set(['unknown-metric', 'schema']),
  summaryUrl: 'https://github.com/octo/data/actions/runs/1',
  botLogin: 'github-actions[bot]',
};
const bot = { login: 'github-actions[bot]' };
const file = 'data/results/classification/toy/new.yaml';

function report(overrides: Partial<ReviewReport> = {}): ReviewReport {
  const r: ReviewReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    base: { ref: 'main', sha: 'a'.repeat(40) },
    head: { ref: 'HEAD', sha: HEAD },
    status: 'fail',
    summary: { errors: 1, warnings: 0, alreadyOnBase: 1, filesChecked: 3, newSota: 1, suspicious: 0 },
    findings: [
      { rule: 'unknown-metric', severity: 'error', file, line: 4, column: 7, message: '"Acc" is not a metric of classification/toy', tip: 'Use one of: Accuracy', origin: 'pull-request' },
      { rule: 'schema', severity: 'error', file: 'data/papers/2020/old.yaml', line: 1, column: 1, message: 'old problem elsewhere', tip: 'fix it', origin: 'base' },
    ],
    fixes: [{ file, startLine: 4, endLine: 4, text: '      Accuracy: 82' }],
    leaderboards: [
      {
        id: 'classification/toy',
        task: 'classification',
        dataset: 'toy',
        metric: { name: 'Accuracy', direction: 'higher', unit: '%' },
        previousBest: { value: 80, model: 'Old-L', paper: 'old' },
        best: { value: 82, model: 'New', paper: 'new' },
        changes: [
          { change: 'added', resultSet: 'classification/toy/new', file, paper: 'new', model: 'New', old: null, new: { metrics: { Accuracy: 82 }, rank: 1 }, newSota: true, margin: { absolute: 2, relative: 0.025 } },
        ],
      },
    ],
    entities: [{ kind: 'result', id: 'classification/toy/new', path: file, change: 'added' }],
    pages: ['generated/sota/classification/toy.md'],
    suspicious: [],
    ...overrides,
  };
  expect(parseReport(JSON.stringify(r)).error).toBeUndefined();
  return r;
}

const files = [{ filename: file, status: 'added', patch: '@@ -0,0 +1,5 @@\n+results:\n+  - model: New\n+    metrics:\n+      Acc: 82\n+    notes: x' }];
const empty: PullRequestState = { issueComments: [], reviewComments: [], labels: [], files };

describe('rightSideLines', () => {
  it('counts added and context lines on the new side, skipping removed ones', () => {
    expect([...rightSideLines('@@ -3,4 +3,4 @@ key\n a\n-b\n+B\n c\n\\ No newline at end of file\n@@ -20 +20,2 @@\n x\n+y')]).toEqual([3, 4, 5, 20, 21]);
    expect(rightSideLines(undefined).size).toBe(0);
  });
});

describe('computeActions', () => {
  it('creates the sticky comment with the new SOTA and its rank, and inline comments only on diff lines', () => {
    const actions = computeActions(report(), empty, ctx);
    expect(actions.sticky.kind).toBe('create');
    const body = actions.sticky.kind === 'create' ? actions.sticky.body : '';
    expect(body.startsWith(STICKY_MARKER)).toBe(true);
    expect(body).toContain('New state of the art');
    expect(body).toContain('**rank 1**');
    expect(body).toContain('+2 points (+2.5 %) over 80%');
    expect(body).toContain('[`unknown-metric`](https://github.com/octo/data/blob/HEAD/docs/rules.md#unknown-metric)');
    // Both findings are in the sticky comment; only the one on a diff line is inline.
    expect(body).toContain('old problem elsewhere');
    expect(actions.review.comments).toHaveLength(1);
    const [inline] = actions.review.comments;
    expect(inline).toMatchObject({ path: file, line: 4 });
    expect(inline.body.startsWith(inlineMarker(findingKey(report().findings[0])))).toBe(true);
    expect(inline.body).toContain('```suggestion\n      Accuracy: 82\n```');
    expect(actions.addLabels).toEqual(['needs-fixes', 'new-sota']);
    expect(actions.removeLabels).toEqual([]);
  });

  it('edits the sticky comment in place, does nothing when the text is the same, and ignores look-alikes by others', () => {
    const first = computeActions(report(), empty, ctx);
    const body = first.sticky.kind === 'create' ? first.sticky.body : '';
    const impostor = { id: 1, body, user: { login: 'mallory' } };
    const same = computeActions(report(), { ...empty, issueComments: [impostor, { id: 2, body, user: bot }] }, ctx);
    expect(same.sticky).toEqual({ kind: 'none', id: 2 });
    const changed = computeActions(report({ findings: [] }), { ...empty, issueComments: [impostor, { id: 2, body, user: bot }] }, ctx);
    expect(changed.sticky).toMatchObject({ kind: 'update', id: 2 });
    expect(computeActions(report(), { ...empty, issueComments: [impostor] }, ctx).sticky.kind).toBe('create');
  });

  it('does not repeat inline comments already posted, and drops labels for problems that are fixed', () => {
    const first = computeActions(report(), empty, ctx);
    const posted = first.review.comments.map((c, i) => ({ id: 10 + i, body: c.body, user: bot }));
    const again = computeActions(report(), { ...empty, reviewComments: posted, labels: ['needs-fixes', 'new-sota', 'good first issue'] }, ctx);
    expect(again.review.comments).toEqual([]);
    expect(again.addLabels).toEqual([]);
    const fixed = computeActions(report({ findings: [], fixes: [], status: 'pass' }), { ...empty, reviewComments: posted, labels: ['needs-fixes', 'new-sota', 'good first issue'] }, ctx);
    expect(fixed.review.comments).toEqual([]);
    expect(fixed.removeLabels).toEqual(['needs-fixes']);
  });

  it('labels needs-fixes for the pull request’s own errors only, not for an error already on the base', () => {
    const r = report();
    const onlyOld = report({ status: 'pass', summary: { ...r.summary, errors: 0 }, findings: r.findings.filter((f) => f.origin === 'base') });
    const actions = computeActions(onlyOld, { ...empty, labels: ['needs-fixes'] }, ctx);
    expect(actions.addLabels).toEqual(['new-sota']);
    expect(actions.removeLabels).toEqual(['needs-fixes']);
    const body = actions.sticky.kind === 'create' ? actions.sticky.body : '';
    expect(body).toContain('✅ **No problems found in this pull request.** 1 finding already on `main` is listed apart and does not count.');
    expect(body).toContain('<details><summary>Already on <code>main</code>: 1 finding, not from this pull request</summary>');
    expect(body).toContain('old problem elsewhere');
  });

  it('puts a fix on a diff line without a finding into its own suggestion, and none off the diff', () => {
    const r = report({ findings: [], fixes: [{ file, startLine: 2, endLine: 3, text: '  - model: New\n    metrics: {}' }, { file, startLine: 9, endLine: 9, text: 'x' }] });
    const { review } = computeActions(r, empty, ctx);
    expect(review.comments).toHaveLength(1);
    expect(review.comments[0]).toMatchObject({ path: file, startLine: 2, line: 3 });
    expect(review.comments[0].body).toContain('```suggestion\n  - model: New\n    metrics: {}\n```');
  });

  it('keeps hostile text from the report inert: no HTML, hidden markers, mentions or links', () => {
    const evil = `<!-- pwc-review:sticky --> @octocat <img src=x onerror=alert(1)> [click](https://evil.example) #1 **bold**\n# heading`;
    const r = report({
      findings: [{ rule: 'schema', severity: 'error', file, line: 4, column: 1, message: evil, tip: evil, origin: 'pull-request' }],
      fixes: [{ file, startLine: 4, endLine: 4, text: '```\n<!-- pwc-review:inline 0000000000000000 -->' }],
      suspicious: [{ kind: 'value-changed', leaderboard: 'classification/toy', file, model: 'M`|<b>', message: evil }],
    });
    const actions = computeActions(r, empty, ctx);
    const body = actions.sticky.kind === 'create' ? actions.sticky.body : '';
    const inline = actions.review.comments[0].body;
    for (const text of [body, inline]) {
      expect(text.split('<!--').length).toBe(2); // only our own marker
      expect(text).not.toMatch(/<img|@octocat|\]\(https:\/\/evil/);
      expect(text).not.toMatch(/^# heading/m);
    }
    // Rendered as GitHub-flavoured Markdown: no HTML from the data, no link, and every table row keeps its cells.
    const html = marked.parse(body, { gfm: true, async: false }) as string;
    expect(html.match(/<[a-z][a-z0-9]*/g)?.filter((t) => !['<h2', '<h3', '<h4', '<p', '<strong', '<code', '<table', '<thead', '<tbody', '<tr', '<th', '<td', '<a', '<ul', '<li', '<details', '<summary', '<em', '<br'].includes(t))).toEqual([]);
    expect([...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]).every((href) => href.startsWith('https://github.com/octo/data/blob/HEAD/docs/rules.md#'))).toBe(true);
    for (const row of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) expect((row.match(/<t[dh]/g) ?? []).length).toBe(5);
    // A model name is shown verbatim, but as code, where GitHub renders no HTML.
    expect(body).toContain('``M`\\|<b>``');
    // The fix with a hidden marker is not offered as a suggestion.
    expect(inline).not.toContain('suggestion');
    expect(plain('a|b')).toBe('a\\|b');
    expect(code('a`b|c')).toBe('``a`b\\|c``');
  });

  it('cuts an oversized review at GitHub’s limit with a pointer to the job summary', () => {
    const many = Array.from({ length: 1500 }, (_, i) => ({ rule: 'schema', severity: 'error' as const, file, line: 1 + (i % 400), column: 1, message: `problem ${i} ${'x'.repeat(120)}`, tip: 'y'.repeat(100), origin: 'pull-request' as const }));
    const actions = computeActions(report({ findings: many }), empty, ctx);
    const body = actions.sticky.kind === 'create' ? actions.sticky.body : '';
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body).toContain('[the job summary](https://github.com/octo/data/actions/runs/1)');
    expect(actions.review.comments.length).toBeLessThanOrEqual(50);
  });
});

describe('parseReport', () => {
  it('refuses reports that are not JSON, too large, or off the schema (e.g. a claimed pull request number)', () => {
    expect(parseReport('nope').error).toMatch(/not JSON/);
    expect(parseReport(' '.repeat(6 * 1024 * 1024)).error).toMatch(/at most/);
    expect(parseReport(JSON.stringify({ ...report(), pullRequest: 99 })).error).toMatch(/additional propert/);
    expect(parseReport(JSON.stringify({ ...report(), findings: [{ ...report().findings[0], file: '../../etc/passwd' }] })).error).toMatch(/pattern/);
  });
});
