// Rule: parent and variant_of chains end; they never loop back.
import type { PathSegment } from '../../model/source.ts';
import type { RuleReport } from '../finding.ts';
import type { RepositoryRule } from '../rule.ts';

interface Link {
  id: string;
  path: string;
  next: string | undefined;
}

export const rule: RepositoryRule = {
  id: 'reference-cycle',
  scope: 'repository',
  reads: ['parent-chains'],
  severity: 'error',
  title: 'No cycles in `parent` or `variant_of`',
  description:
    'Tasks form a tree through `parent` and datasets through `variant_of`: following the chain must end at a task or dataset without one. A chain that comes back to where it started (a task that is its own parent, or two datasets each a variant of the other) has no root, so views cannot place it. Every member of the loop is reported; remove the link that is wrong.',
  check(repo, report) {
    const tasks = [...repo.tasks.values()].map((t) => ({ id: t.id, path: t.path, next: t.parent }));
    const datasets = [...repo.datasets.values()].map((d) => ({ id: d.id, path: d.path, next: d.variant_of }));
    findCycles(tasks, 'parent', 'task', report);
    findCycles(datasets, 'variant_of', 'dataset', report);
  },
};

/** Each node has at most one outgoing link, so a walk from each unvisited node finds every loop once. */
function findCycles(links: Link[], field: string, label: string, report: (r: RuleReport) => void): void {
  const byId = new Map(links.map((l) => [l.id, l]));
  const state = new Map<string, 'walking' | 'done'>();
  for (const start of links) {
    const walk: Link[] = [];
    let node: Link | undefined = start;
    while (node && !state.has(node.id)) {
      state.set(node.id, 'walking');
      walk.push(node);
      node = node.next === undefined ? undefined : byId.get(node.next);
    }
    if (node && state.get(node.id) === 'walking') {
      const loop = walk.slice(walk.indexOf(node));
      const chain = [...loop.map((l) => l.id), node.id].join(' → ');
      for (const member of loop) {
        report({
          file: member.path,
          at: [field] as PathSegment[],
          message: loop.length === 1 ? `the ${label} "${member.id}" names itself as its ${field}` : `the ${field} chain loops: ${chain}`,
          tip: `Remove or correct the ${field} that is wrong, so that the chain ends at a ${label} without ${field}.`,
        });
      }
    }
    for (const visited of walk) state.set(visited.id, 'done');
  }
}
