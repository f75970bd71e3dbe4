// Rule: each research area is declared once.
import type { AreasFile } from '../../model/types.ts';
import type { FileRule } from '../rule.ts';

export const rule: FileRule = {
  id: 'duplicate-area',
  scope: 'file',
  severity: 'error',
  title: 'Each area id is declared once in `data/areas.yaml`',
  description:
    'Tasks name their research area by id, so an id declared twice in `data/areas.yaml` is ambiguous: which name and description apply? The second declaration is reported; merge the two entries.',
  check(file, report) {
    if (file.ref.kind !== 'areas') return;
    const first = new Map<string, number>();
    (file.data as AreasFile).areas.forEach((area, i) => {
      const earlier = first.get(area.id);
      if (earlier === undefined) {
        first.set(area.id, i);
        return;
      }
      report({
        at: ['areas', i, 'id'],
        message: `the area "${area.id}" is declared twice (entries ${earlier + 1} and ${i + 1})`,
        tip: 'Keep one entry per area and delete the other.',
      });
    });
  },
};
