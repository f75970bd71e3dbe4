// Rule: a data file holds data.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'empty-file',
  scope: 'source',
  severity: 'error',
  title: 'Files are not empty',
  description:
    'A file with no bytes, or only comments and blank lines, names an entity by its path but says nothing about it. Write the fields of the entity (`pwc new` writes a skeleton), or delete the file.',
};
