// What the validator's cache already knows of given blobs, for other stages that read the same data
// (views, review): a file the cache holds with the same blob id is parsed and judged already.
import { classifyPath, isPathProblem } from '../../model/paths.ts';
import type { ValidFile } from '../../model/repository.ts';
import type { DependencyIndex } from '../plan.ts';
import { loadCache, toolsKey } from './cache.ts';

export interface ValidatedBlobs {
  /** Path -> its valid content, or undefined for a file the validator found invalid. */
  known: Map<string, ValidFile | undefined>;
  /** Path -> blob id of the files the cache does not hold as they are: read them yourself. */
  unknown: Map<string, string>;
  /**
   * The planner's index of the cache's files as the cache holds them (true of those in `known`;
   * layer the others over it, and the cache's files that are gone as absent); undefined without a
   * usable cache or when its links are not usable. Read when asked for: most callers need only data.
   */
  dependencies(): DependencyIndex | undefined;
}

/** Splits `blobs` (path -> blob id) into what the cache in `root`, written by these tools, knows and the rest. */
export function validatedBlobs(root: string, blobs: ReadonlyMap<string, string>): ValidatedBlobs {
  const known = new Map<string, ValidFile | undefined>();
  const unknown = new Map<string, string>();
  const cache = loadCache(root, toolsKey());
  if (!cache) return { known, unknown: new Map(blobs), dependencies: () => undefined };
  try {
    const fromPack: { path: string; i: number }[] = [];
    for (const [path, blob] of blobs) {
      const i = cache.indexOf(path);
      if (i === undefined || cache.hash(i) !== blob) unknown.set(path, blob);
      else if (cache.isValid(i)) fromPack.push({ path, i });
      else known.set(path, undefined);
    }
    const records = cache.records(fromPack.map((f) => f.i));
    for (const { path, i } of fromPack) {
      const ref = classifyPath(path);
      const data = records.get(i);
      if (data === undefined || isPathProblem(ref)) unknown.set(path, blobs.get(path)!);
      else known.set(path, { ref, data });
    }
    // The cache's index file stays open until the cache is collected: read later, it is still this one.
    return { known, unknown, dependencies: () => cache.dependencyIndex() };
  } finally {
    cache.close();
  }
}
