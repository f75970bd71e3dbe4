// Finds a task or dataset of the repository by a name a zoo file gives: its id, name, full name or synonym, regardless of case, spacing and punctuation.
import { NameIndex, normaliseName } from '../checks/nearest.ts';

/** An entity and every name it goes by. */
export interface Named {
  id: string;
  names: (string | undefined)[];
}

export type NameMatch = { id: string } | { problem: string; tip?: string };

/**
 * The entities of one kind, by every name they go by, normalised as the validator's did-you-mean
 * normalises names ("ImageNet-1k" = "imagenet 1k"). A name two entities share matches neither.
 */
export class NameMatcher {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly near: NameIndex;

  constructor(
    private readonly kind: string,
    entities: Iterable<Named>,
  ) {
    const all: string[] = [];
    for (const { id, names } of entities) {
      for (const name of [id, ...names]) {
        if (!name) continue;
        all.push(name);
        const key = normaliseName(name);
        if (key === '') continue;
        const ids = this.byKey.get(key) ?? new Set();
        ids.add(id);
        this.byKey.set(key, ids);
      }
    }
    this.near = new NameIndex(all);
  }

  /** The entity the first of `names` that matches names; or why none does, with the nearest name. */
  match(names: readonly string[]): NameMatch {
    for (const name of names) {
      const ids = this.byKey.get(normaliseName(name));
      if (!ids) continue;
      if (ids.size > 1) return { problem: `the ${this.kind} "${name}" could be any of ${[...ids].sort().map((i) => `"${i}"`).join(', ')}` };
      return { id: [...ids][0] };
    }
    const shown = names.map((n) => `"${n}"`).join(' or ');
    const close = names.map((n) => this.near.nearest(n)).find((n) => n !== undefined);
    return {
      problem: `no ${this.kind} of the repository has the id, name, full name or synonym ${shown}`,
      tip: close ? `Did you mean "${close}"? If it is the same ${this.kind}, add the name to its synonyms.` : undefined,
    };
  }
}
