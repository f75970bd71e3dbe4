// Rule: a YAML mapping never repeats a key.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'duplicate-key',
  scope: 'source',
  severity: 'error',
  title: 'No key appears twice in one mapping',
  description:
    'When a key is written twice in the same mapping, YAML parsers silently keep one of the values and drop the other, so data is lost without anyone noticing. The second occurrence is reported; keep the value you mean and delete the other.',
};
