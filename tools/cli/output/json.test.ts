// The json format: exactly {"errors", "warnings", "findings": [{rule, severity, file, line, column, message, tip}]}.
import { describe, expect, it } from 'vitest';
import { checkTree, exampleDir, readTree } from '../../checks/examples.ts';
import { formatJson } from './json.ts';

describe('formatJson', () => {
  it('counts errors and warnings and lists the findings with exactly the documented keys', () => {
    const errors = checkTree(readTree(exampleDir('unknown-metric', 'fail')));
    const warnings = checkTree(readTree(exampleDir('duplicate-paper', 'fail')));
    const extra = { ...errors[0], at: ['x'], part: 'key' }; // fields beyond the format are dropped
    const parsed = JSON.parse(formatJson([extra, ...warnings]));
    expect(Object.keys(parsed)).toEqual(['errors', 'warnings', 'findings']);
    expect(parsed.errors).toBe(1);
    expect(parsed.warnings).toBe(warnings.length);
    expect(warnings.length).toBe(2);
    for (const f of parsed.findings) expect(Object.keys(f)).toEqual(['rule', 'severity', 'file', 'line', 'column', 'message', 'tip']);
    expect(parsed.findings[0]).toEqual({
      rule: 'unknown-metric',
      severity: 'error',
      file: 'data/results/image-classification/imagenet/billion-scale-semi-supervised-learning-for-image-classification.yaml',
      line: 9,
      column: 7,
      message: errors[0].message,
      tip: 'Did you mean "Top 5 Accuracy"? Write the name exactly as the benchmark declares it.',
    });
  });

  it('is stable text: the same findings give the same bytes, ending with a newline', () => {
    const findings = checkTree(readTree(exampleDir('reference-cycle', 'fail')));
    expect(formatJson(findings)).toBe(formatJson([...findings]));
    expect(formatJson([])).toBe('{\n  "errors": 0,\n  "warnings": 0,\n  "findings": []\n}\n');
  });
});

describe('writeFindings', () => {
  it('dispatches on the format name and refuses unknown names', async () => {
    const { writeFindings, isOutputFormat } = await import('./index.ts');
    const findings = checkTree(readTree(exampleDir('reference-cycle', 'fail')));
    let out = '';
    await writeFindings('json', findings, { write: (t) => (out += t) });
    expect(out).toBe(formatJson(findings));
    out = '';
    await writeFindings('text', findings, { write: (t) => (out += t) });
    expect(out).toMatch(/^data\/tasks\/image-classification.yaml:3:9: error reference-cycle: /);
    expect(isOutputFormat('github')).toBe(true);
    expect(isOutputFormat('xml')).toBe(false);
  });
});
