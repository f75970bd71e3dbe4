// What rules on new rows know of a change's base: the models each touched result file had there.
import { classifyPath, isPathProblem } from '../model/paths.ts';
import type { Repository } from '../model/repository.ts';

/** For each result file among `paths`: the models of its rows at the base (empty when the base lacks it or it was invalid there). */
export function baseModelsOf(base: Repository, paths: Iterable<string>): Map<string, Set<string>> {
  const byPath = new Map([...base.results.values()].map((set) => [set.path, set]));
  const out = new Map<string, Set<string>>();
  for (const path of paths) {
    const ref = classifyPath(path);
    if (isPathProblem(ref) || ref.kind !== 'result') continue;
    out.set(path, new Set(byPath.get(path)?.results.map((row) => row.model) ?? []));
  }
  return out;
}
