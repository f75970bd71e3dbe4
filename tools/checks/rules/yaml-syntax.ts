// Rule: a data file is well-formed YAML, without anchors and aliases.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'yaml-syntax',
  scope: 'source',
  severity: 'error',
  title: 'Files are well-formed YAML, without aliases to lists or mappings',
  description:
    'Each file must parse as one YAML document. Common causes of a syntax error are an unquoted value holding ": " or " #", a missing closing quote or bracket, and wrong indentation; quote such text ("Attention: all you need"). Aliases (`*name`) to a list or mapping are refused because they make data hard to review and, nested, expand into enormous documents (the "billion laughs" attack); write the value out where it is used.',
};
