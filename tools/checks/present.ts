// Which ids exist in the repository, counting files that failed their own checks as existing.
import { AREAS_PATH, classifyPath, isPathProblem } from '../model/paths.ts';
import type { Repository } from '../model/repository.ts';
import type { CheckContext } from './rule.ts';

export interface PresentIds {
  /** False when data/areas.yaml exists but is invalid: no area reference can then be judged. */
  areasKnown: boolean;
  areas: ReadonlySet<string>;
  task: ReadonlySet<string>;
  dataset: ReadonlySet<string>;
  method: ReadonlySet<string>;
  paper: ReadonlySet<string>;
  /** Sources of results that are not papers; their ids share the papers' namespace. */
  source: ReadonlySet<string>;
}

const memo = new WeakMap<Repository, WeakMap<CheckContext, PresentIds>>();

export function presentIds(repo: Repository, context: CheckContext): PresentIds {
  let byContext = memo.get(repo);
  if (!byContext) memo.set(repo, (byContext = new WeakMap()));
  let ids = byContext.get(context);
  if (!ids) byContext.set(context, (ids = collect(repo, context)));
  return ids;
}

function collect(repo: Repository, context: CheckContext): PresentIds {
  const ids = {
    areasKnown: true,
    areas: new Set(repo.areas.map((a) => a.id)),
    task: new Set(repo.tasks.keys()),
    dataset: new Set(repo.datasets.keys()),
    method: new Set(repo.methods.keys()),
    paper: new Set(repo.papers.keys()),
    source: new Set(repo.sources.keys()),
  };
  for (const path of context.files ?? []) {
    const ref = classifyPath(path);
    if (isPathProblem(ref)) continue;
    if (ref.kind === 'areas') ids.areasKnown = repo.areas.length > 0 || path !== AREAS_PATH;
    else if (ref.kind !== 'result') ids[ref.kind].add(ref.id);
  }
  return ids;
}
