// Rule: a result file's path names an existing task, dataset and paper.
import { datasetPath, taskPath } from '../../model/paths.ts';
import { NameIndex } from '../nearest.ts';
import { presentIds } from '../present.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'result-path',
  scope: 'repository',
  reads: ['references', 'id-tips'],
  severity: 'error',
  title: 'A result path names an existing task, dataset and paper',
  description:
    'A result file at `data/results/<task>/<dataset>/<paper>.yaml` holds what one paper reports on one benchmark; its path is the only place that says which task, dataset and paper, so all three must exist. The tip suggests the closest existing id when a folder or file name looks misspelt; otherwise add the task, dataset or paper in the same pull request, or move the file.',
  check(repo, report, context) {
    const present = presentIds(repo, context);
    const parts = [
      { label: 'task', field: 'task', known: repo.tasks, present: present.task, fix: (id: string) => `Move the file under an existing task folder, or add ${taskPath(id)}.` },
      { label: 'dataset', field: 'dataset', known: repo.datasets, present: present.dataset, fix: (id: string) => `Move the file under an existing dataset folder, or add ${datasetPath(id)}.` },
      { label: 'paper', field: 'paper', known: repo.papers, present: present.paper, fix: (id: string) => `Rename the file after an existing paper, or add data/papers/<yyyy>/${id}.yaml.` },
    ] as const;
    const indexes = new Map<string, NameIndex>();
    for (const set of repo.results.values()) {
      for (const part of parts) {
        const id = set[part.field];
        if (part.present.has(id)) continue;
        let index = indexes.get(part.label);
        if (!index) indexes.set(part.label, (index = new NameIndex(part.known.keys())));
        const close = index.nearest(id);
        report({
          file: set.path,
          at: [],
          message: `the path names the ${part.label} "${id}", which does not exist`,
          tip: `${close ? `Did you mean "${close}"? ` : ''}${part.fix(id)}`,
        });
      }
    }
  },
};
