// Rule: a paper sits in the folder of the year of its date.
import { paperPath } from '../../model/paths.ts';
import type { PaperFile } from '../../model/types.ts';
import type { FileRule } from '../rule.ts';

export const rule: FileRule = {
  id: 'paper-year-folder',
  scope: 'file',
  severity: 'error',
  title: 'A paper sits in the folder of its year',
  description:
    'Papers live at `data/papers/<yyyy>/<paper>.yaml`, where `<yyyy>` is the year of the paper\'s `date` (its first public version, e.g. the arXiv v1). This keeps folders small and makes a paper easy to find. When the date and the folder disagree, either the date is wrong or the file must move.',
  check(file, report) {
    if (file.ref.kind !== 'paper') return;
    const { date } = file.data as PaperFile;
    const year = date.slice(0, 4);
    if (year === file.ref.year) return;
    report({
      at: ['date'],
      message: `the paper is dated ${date} but sits in the folder ${file.ref.year}`,
      tip: `Move the file to ${paperPath(file.ref.id, date)}, or correct the date.`,
    });
  },
};
