// Rule: a data file is small; huge files are not parsed at all.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'file-too-large',
  scope: 'source',
  severity: 'error',
  title: 'Files are at most 1 MiB',
  description:
    'A data file describes one entity and is a few kilobytes. A file above 1 MiB is almost certainly a mistake (a pasted PDF, a dump) or an attempt to slow the checks down, so it is refused without being parsed. Shorten long text such as abstracts, or split results over several files.',
};
