// Rule: a data file is well-formed YAML, without anchors and aliases.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'yaml-syntax',
  scope: 'source',
  severity: 'error',
  title: 'Files are well-formed YAML, without aliases to lists or mappings',
  description:
    'Each file must parse as one YAML document. The finding points at the character that breaks it, and its tip fits the mistake. The common ones: an unquoted value holding ": " (quote the whole value: `title: "EfficientNet: Rethinking Model Scaling"`), a quote or bracket that is never closed, a key or a list item "-" indented unlike its neighbours, no space after a key\'s colon, and a value that starts with a character YAML reserves (`@`, a backtick, `%`, `*`, `!`, `|`, `>`, `[`, `{`; quote it). Text after " #" is a comment, not part of the value. Aliases (`*name`) to a list or mapping are refused because they make data hard to review and, nested, expand into enormous documents (the "billion laughs" attack); write the value out where it is used.',
};
