// Rule: every id a file names exists.
import { datasetPath, methodPath, taskPath } from '../../model/paths.ts';
import type { Repository } from '../../model/repository.ts';
import type { PathSegment } from '../../model/source.ts';
import type { RuleReport } from '../finding.ts';
import { NameIndex } from '../nearest.ts';
import { presentIds, type PresentIds } from '../present.ts';
import type { RepositoryRule } from '../rule.ts';

export interface Kind {
  label: string;
  has(id: string): boolean;
  names(): Iterable<string>;
  where(id: string): string;
}

export const rule: RepositoryRule = {
  id: 'unknown-reference',
  scope: 'repository',
  reads: ['references', 'id-tips', 'areas'],
  severity: 'error',
  title: 'Every id named in a file exists',
  description:
    'Files refer to each other by id: a task\'s `area` and `parent`, a dataset\'s `introduced_by`, `variant_of` and benchmark `task`s, a method\'s `introduced_by`, and a paper\'s `tasks`, `methods` and `datasets`. Each id must name an existing entity (a file at its path, or an entry in `data/areas.yaml` for areas). The tip suggests the closest existing id when the reference looks misspelt; otherwise add the missing entity in the same pull request.',
  check(repo, report, context) {
    const kinds = kindsOf(repo, presentIds(repo, context));
    const indexes = new Map<Kind, NameIndex>();
    const check = (file: string, at: PathSegment[], kind: Kind, id: string | undefined) => {
      if (id === undefined || kind.has(id)) return;
      let index = indexes.get(kind);
      if (!index) indexes.set(kind, (index = new NameIndex(kind.names())));
      const close = index.nearest(id);
      report({
        file,
        at,
        message: `there is no ${kind.label} "${id}"`,
        tip: close ? `Did you mean "${close}"? Otherwise add ${kind.where(id)}.` : `Add ${kind.where(id)}, or correct the id.`,
      } satisfies RuleReport);
    };
    for (const task of repo.tasks.values()) {
      check(task.path, ['area'], kinds.area, task.area);
      check(task.path, ['parent'], kinds.task, task.parent);
    }
    for (const dataset of repo.datasets.values()) {
      check(dataset.path, ['introduced_by'], kinds.paper, dataset.introduced_by);
      check(dataset.path, ['variant_of'], kinds.dataset, dataset.variant_of);
      (dataset.benchmarks ?? []).forEach((b, i) => check(dataset.path, ['benchmarks', i, 'task'], kinds.task, b.task));
    }
    for (const method of repo.methods.values()) {
      check(method.path, ['introduced_by'], kinds.paper, method.introduced_by);
    }
    for (const paper of repo.papers.values()) {
      (paper.tasks ?? []).forEach((id, i) => check(paper.path, ['tasks', i], kinds.task, id));
      (paper.methods ?? []).forEach((id, i) => check(paper.path, ['methods', i], kinds.method, id));
      (paper.datasets ?? []).forEach((id, i) => check(paper.path, ['datasets', i], kinds.dataset, id));
    }
  },
};

/** `has` counts files that exist but failed their own checks; suggestions come from valid entities only. (`pwc new` checks its ids with these too.) */
export function kindsOf(repo: Repository, present: PresentIds) {
  return {
    area: { label: 'area', has: (id: string) => !present.areasKnown || present.areas.has(id), names: () => present.areas, where: (id: string) => `an area "${id}" to data/areas.yaml` },
    task: { label: 'task', has: (id: string) => present.task.has(id), names: () => repo.tasks.keys(), where: (id: string) => taskPath(id) },
    dataset: { label: 'dataset', has: (id: string) => present.dataset.has(id), names: () => repo.datasets.keys(), where: (id: string) => datasetPath(id) },
    method: { label: 'method', has: (id: string) => present.method.has(id), names: () => repo.methods.keys(), where: (id: string) => methodPath(id) },
    paper: { label: 'paper', has: (id: string) => present.paper.has(id), names: () => repo.papers.keys(), where: (id: string) => `data/papers/<yyyy>/${id}.yaml` },
  } satisfies Record<string, Kind>;
}
