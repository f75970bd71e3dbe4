// Rule: a result file's path names an existing task, dataset and paper (or non-paper source).
import { datasetPath, sourcePath, taskPath } from '../../model/paths.ts';
import { NameIndex } from '../nearest.ts';
import { presentIds } from '../present.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'result-path',
  scope: 'repository',
  reads: ['references', 'id-tips'],
  severity: 'error',
  title: 'A result path names an existing task, dataset and paper (or source)',
  description:
    'A result file at `data/results/<task>/<dataset>/<paper>.yaml` holds what one paper reports on one benchmark; its path is the only place that says which task, dataset and paper, so all three must exist. Results that are not from a paper name a source (`data/sources/<id>.yaml`) in place of the paper. The tip suggests the closest existing id when a folder or file name looks misspelt; otherwise add the task, dataset or paper in the same pull request, or move the file.',
  check(repo, report, context) {
    const present = presentIds(repo, context);
    const parts = [
      { label: 'task', field: 'task', known: repo.tasks, present: present.task, fix: (id: string) => `Move the file under an existing task folder, or add ${taskPath(id)}.` },
      { label: 'dataset', field: 'dataset', known: repo.datasets, present: present.dataset, fix: (id: string) => `Move the file under an existing dataset folder, or add ${datasetPath(id)}.` },
      {
        label: 'paper or source',
        field: 'paper',
        known: new Set([...repo.papers.keys(), ...repo.sources.keys()]),
        present: { has: (id: string) => present.paper.has(id) || present.source.has(id) },
        fix: (id: string) => `Rename the file after an existing paper or source, or add data/papers/<yyyy>/${id}.yaml (or ${sourcePath(id)} for results that are not from a paper).`,
      },
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
