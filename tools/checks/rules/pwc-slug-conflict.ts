// Rule: a Papers With Code slug leads to one page: no two entities of a kind claim it, and it is no other entity's id.
import type { Dataset, Method, Paper, Repository, Task } from '../../model/repository.ts';
import { presentIds } from '../present.ts';
import type { RepositoryRule } from '../rule.ts';

type SlugKind = 'task' | 'dataset' | 'method' | 'paper';

/** The entities that may record a Papers With Code slug, by kind. */
function slugHolders(repo: Repository): Record<SlugKind, Iterable<Task | Dataset | Method | Paper>> {
  return { task: repo.tasks.values(), dataset: repo.datasets.values(), method: repo.methods.values(), paper: repo.papers.values() };
}

export const rule: RepositoryRule = {
  id: 'pwc-slug-conflict',
  scope: 'repository',
  reads: ['pwc-slugs'],
  severity: 'error',
  title: 'A Papers With Code slug leads to one page',
  description:
    '`pwc_slug` records the slug of an entity\'s page on Papers With Code when it differs from our id, so that the old address (`/paper/<slug>`, `/task/<slug>`, `/dataset/<slug>`, `/method/<slug>`, and leaderboards\' `/sota/<task>-on-<dataset>`) leads to our page. An old address can lead to one page only: two tasks (or datasets, methods, papers) cannot claim the same slug, and a slug cannot be the id of another entity of its kind, whose own page is at that address. Keep the slug on the entity Papers With Code gave it to and remove it from the other; where it is another entity\'s id, one of the two is probably a duplicate of the other.',
  check(repo, report, context) {
    const ids = presentIds(repo, context);
    for (const [kind, entities] of Object.entries(slugHolders(repo)) as [SlugKind, Iterable<Task | Dataset | Method | Paper>][]) {
      const claimants = new Map<string, { id: string; path: string }[]>();
      for (const entity of entities) {
        if (entity.pwc_slug === undefined) continue;
        const list = claimants.get(entity.pwc_slug) ?? [];
        list.push(entity);
        claimants.set(entity.pwc_slug, list);
      }
      for (const [slug, list] of claimants) {
        for (const entity of list) {
          if (slug !== entity.id && ids[kind].has(slug)) {
            report({
              file: entity.path,
              at: ['pwc_slug'],
              message: `the Papers With Code slug "${slug}" is the id of the ${kind} ${pathOf(repo, kind, slug)}, whose page is at /${kind}/${slug}/`,
              tip: `Remove pwc_slug here if "${slug}" is that ${kind}'s slug on Papers With Code; if the two are one ${kind}, merge them.`,
            });
          }
          if (list.length > 1) {
            const others = list.filter((o) => o !== entity).map((o) => o.path).join(', ');
            report({
              file: entity.path,
              at: ['pwc_slug'],
              message: `the Papers With Code slug "${slug}" is also claimed by ${others}`,
              tip: `Keep pwc_slug on the ${kind} whose Papers With Code page was /${kind}/${slug} and remove it from the other.`,
            });
          }
        }
      }
    }
  },
};

function pathOf(repo: Repository, kind: SlugKind, id: string): string {
  const entity = { task: repo.tasks, dataset: repo.datasets, method: repo.methods, paper: repo.papers }[kind].get(id);
  return entity?.path ?? (kind === 'paper' ? `data/papers/<yyyy>/${id}.yaml` : `data/${kind}s/${id}.yaml`);
}
