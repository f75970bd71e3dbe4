// A date that matches YYYY-MM-DD but is not on the calendar (2019-02-30) is a schema error, in every date field.
import { describe, expect, it } from 'vitest';
import { checkFile } from './check-file.ts';

const encode = (text: string) => new TextEncoder().encode(text);

function schemaFindings(path: string, text: string) {
  return checkFile(path, encode(text)).findings.filter((f) => f.rule === 'schema');
}

describe('impossible calendar dates', () => {
  it('reports a paper dated February 30th at the value, with the days of that month in the tip', () => {
    const findings = schemaFindings('data/papers/2019/my-paper.yaml', 'title: My Paper\ndate: 2019-02-30\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'data/papers/2019/my-paper.yaml', line: 2, column: 7, severity: 'error' });
    expect(findings[0].message).toContain('2019-02-30');
    expect(findings[0].tip).toContain('February 2019 has 28 days');
  });

  it('knows leap years: 2020-02-29 passes, 1900-02-29 and 2021-04-31 do not', () => {
    expect(schemaFindings('data/papers/2020/my-paper.yaml', 'title: My Paper\ndate: 2020-02-29\n')).toEqual([]);
    expect(schemaFindings('data/papers/2000/my-paper.yaml', 'title: My Paper\ndate: 2000-02-29\n')).toEqual([]);
    expect(schemaFindings('data/papers/1900/my-paper.yaml', 'title: My Paper\ndate: 1900-02-29\n')[0]?.tip).toContain('February 1900 has 28 days');
    expect(schemaFindings('data/papers/2021/my-paper.yaml', 'title: My Paper\ndate: 2021-04-31\n')[0]?.tip).toContain('April 2021 has 30 days');
  });

  it("checks a dataset's introduced_date too", () => {
    const findings = schemaFindings('data/datasets/my-data.yaml', 'name: My Data\nintroduced_date: 2019-06-31\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 2, column: 18 });
    expect(findings[0].tip).toContain('June 2019 has 30 days');
  });

  it('reports a date of the wrong form once, as a form error', () => {
    const findings = schemaFindings('data/papers/2019/my-paper.yaml', 'title: My Paper\ndate: 2019-2-3\n');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('YYYY-MM-DD');
  });
});
