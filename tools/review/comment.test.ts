// The review's Markdown: counts read as people write them.
import { describe, expect, it } from 'vitest';
import { renderReview } from './comment.ts';
import { smallReport } from './testing.ts';

describe('renderReview', () => {
  it('counts one thing in the singular: "1 file checked", "1 more entity", "1 error, 1 warning"', () => {
    const finding = { rule: 'schema', file: 'data/tasks/t.yaml', line: 1, column: 1, message: 'm', tip: 't' };
    const report = smallReport({
      status: 'fail',
      summary: { errors: 1, warnings: 1, filesChecked: 1, newSota: 0, suspicious: 0 },
      findings: [{ ...finding, severity: 'error' }, { ...finding, severity: 'warning' }],
      truncated: { entities: 2 },
    });
    const text = renderReview(report, { rulesDoc: 'docs/rules.md', knownRules: new Set() }).join('\n');
    expect(text).toContain('**1 error, 1 warning**');
    expect(text).toContain('1 file checked.');
    expect(text).toContain('…and 1 more entity (2 in all).');
  });
});
