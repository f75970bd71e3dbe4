// Rule: data files use LF line ends only.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'line-endings',
  scope: 'source',
  severity: 'error',
  title: 'Lines end with LF, not CRLF or CR',
  description:
    'Data files use Unix line ends (LF). Windows line ends (CRLF) or old Mac ones (CR) make every line differ in diffs and reviews, so they are reported at the first carriage return. Run `pwc fix`, or set your editor (or `git config core.autocrlf input`) to write LF.',
};
