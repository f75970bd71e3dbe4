// Rule: indentation uses spaces only.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'tabs',
  scope: 'source',
  severity: 'error',
  title: 'Indentation uses spaces, not tabs',
  description:
    'YAML forbids tab characters in indentation, and editors show them at different widths, so the structure a reader sees may not be the one the parser sees. Replace tabs with spaces (two per level is the convention here).',
};
