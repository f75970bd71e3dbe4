// Rule: a file conforms to the JSON Schema of its kind.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'schema',
  scope: 'source',
  severity: 'error',
  title: 'Files conform to the schema of their kind',
  description:
    'Each kind of file has a JSON Schema in `schemas/` (the source of truth; editors with the YAML language server use it for completion). Every violation is reported, not only the first: a missing required field, an unknown field (often a typo), a value of the wrong type (a number written as "81.2%", `.nan` or `.inf`), an id that is not a slug (e.g. `parent: ../x` or `tasks: [a/b]`), a date not written YYYY-MM-DD or not on the calendar (`2019-02-30`: the tip says how many days that month has; `2020-02-29` is fine). Rules that compare files only look at files that conform, so fix these first.',
};
