// A paper dated YYYY-MM or YYYY goes through the date rules: its year folder, the future, its dataset's date.
import { describe, expect, it } from 'vitest';
import { checkTree, exampleDir, readTree, type SourceFile } from './examples.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const PAPER = 'data/papers/2019/billion-scale-semi-supervised-learning-for-image-classification.yaml';

/** The unknown-metric pass example (ImageNet, introduced 2009-06-20) with the paper's date and folder replaced. */
function withPaperDate(date: string, path = PAPER): SourceFile[] {
  const files = readTree(exampleDir('unknown-metric', 'pass')).filter((f) => f.path !== PAPER);
  return [...files, { path, bytes: encode(`title: Billion-scale semi-supervised learning for image classification\ndate: "${date}"\n`) }];
}

const rulesOf = (files: SourceFile[], today = '2025-06-01') => checkTree(files, { today }).map((f) => `${f.rule} ${f.line}:${f.column}`);

describe('partial paper dates', () => {
  it('are valid in the folder of their year', () => {
    expect(rulesOf(withPaperDate('2019-05'))).toEqual([]);
    expect(rulesOf(withPaperDate('2019'))).toEqual([]);
  });

  it('still sit in the folder of their year', () => {
    expect(rulesOf(withPaperDate('2018-05'))).toEqual(['paper-year-folder 2:7']);
  });

  it('are in the future only when their whole period is', () => {
    expect(rulesOf(withPaperDate('2025-06', PAPER.replace('2019', '2025')), '2025-06-01')).toEqual([]);
    expect(rulesOf(withPaperDate('2025-07', PAPER.replace('2019', '2025')), '2025-06-30')).toEqual(['future-paper 2:7']);
    expect(rulesOf(withPaperDate('2026', PAPER.replace('2019', '2026')), '2025-12-31')).toEqual(['future-paper 2:7']);
  });

  it('are before their dataset only when their whole period is', () => {
    expect(rulesOf(withPaperDate('2009', PAPER.replace('2019', '2009')))).toEqual([]);
    expect(rulesOf(withPaperDate('2009-06', PAPER.replace('2019', '2009')))).toEqual([]);
    expect(rulesOf(withPaperDate('2009-05', PAPER.replace('2019', '2009')))).toEqual(['result-before-dataset 1:1']);
  });
});
