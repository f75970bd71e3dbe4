// The text format: location, severity, rule, message, tip, docs link and a code frame whose caret sits on the offending node.
import { describe, expect, it } from 'vitest';
import { checkTree, exampleDir, readTree } from '../../checks/examples.ts';
import type { Finding } from '../../checks/finding.ts';
import { codeFrame, formatText } from './text.ts';

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'schema',
  severity: 'error',
  file: 'data/tasks/t.yaml',
  line: 1,
  column: 1,
  message: 'm',
  tip: 't',
  ...over,
});

describe('formatText', () => {
  it('prints a real finding with its frame, caret under the offending value, tip and docs link', () => {
    const files = readTree(exampleDir('unknown-reference', 'fail'));
    const findings = checkTree(files);
    const texts = new Map(files.map((f) => [f.path, new TextDecoder().decode(f.bytes)]));
    const out = formatText(findings, { readText: (p) => texts.get(p) });
    expect(out).toContain(
      [
        'data/tasks/image-classification.yaml:2:7: error unknown-reference: there is no area "computer-visoin"',
        '   2 | area: computer-visoin',
        '     |       ^',
        '  tip: Did you mean "computer-vision"? Otherwise add an area "computer-visoin" to data/areas.yaml.',
        '  see: docs/rules.md#unknown-reference',
      ].join('\n'),
    );
    expect(out.endsWith('2 errors, 0 warnings in 2 files.\n')).toBe(true);
  });

  it('says so when there is nothing to report', () => {
    expect(formatText([])).toBe('No findings.\n');
  });

  it('leaves the frame out when the text is not available, and counts warnings', () => {
    const out = formatText([finding({ severity: 'warning', rule: 'future-paper' })]);
    expect(out).toBe('data/tasks/t.yaml:1:1: warning future-paper: m\n  tip: t\n  see: docs/rules.md#future-paper\n\n0 errors, 1 warning in 1 file.\n');
  });

  it('neutralises control characters from the data (no terminal escape sequences)', () => {
    const evil = 'name: "\u001b[2J\u001b[31mowned"';
    const out = formatText([finding({ message: 'bad \u001b[31mvalue\u0007', column: 7 })], { readText: () => evil });
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('bad \ufffd[31mvalue\ufffd');
  });

  it('reads CRLF and BOM texts without showing the CR or the BOM', () => {
    const out = formatText([finding({ line: 2, column: 7 })], { readText: () => '\ufeffname: T\r\narea: x\r\n' });
    expect(out).toContain('   2 | area: x\n     |       ^\n');
  });
});

describe('codeFrame', () => {
  it('keeps tabs before the caret so it lines up in a terminal', () => {
    expect(codeFrame('\t- a/b', 5, 4)).toEqual(['   5 | \t- a/b', '     | \t  ^']);
  });

  it('shows a window of a long line with the caret on the same character', () => {
    const line = `abstract: ${'x'.repeat(300)}TARGET${'y'.repeat(300)}`;
    const column = line.indexOf('TARGET') + 1;
    const [text, caret] = codeFrame(line, 3, column);
    expect(text.length).toBeLessThan(140);
    expect(text[caret.indexOf('^')]).toBe('T');
    expect(text).toMatch(/\| …x+TARGETy+…$/);
  });

  it('puts the caret just after the line when the column is at its end', () => {
    expect(codeFrame('title: "open', 1, 13)).toEqual(['   1 | title: "open', '     |             ^']);
  });
});
