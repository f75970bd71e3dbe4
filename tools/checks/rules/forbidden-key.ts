// Rule: keys that poison JavaScript objects are refused anywhere in a file.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'forbidden-key',
  scope: 'source',
  severity: 'error',
  title: 'No `__proto__`, `constructor` or `prototype` keys',
  description:
    'The keys `__proto__`, `constructor` and `prototype` can change the behaviour of the JavaScript tools that read the data (prototype pollution), so they are refused anywhere, even where free-form keys are allowed such as the metric names of a result. A metric that is really called so must be renamed, e.g. "Constructor accuracy".',
};
