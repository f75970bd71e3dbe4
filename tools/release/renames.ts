// Finding renamed entities between two bundles: an entity that disappeared under one id and
// appeared under another with the same content. Pure; the rule is documented in docs/bundle.md.
import { ENTITY_KINDS, type EntityKind } from '../bundle/index.ts';
import { canonicalJson } from './json-value.ts';

export type Entity = { id: string } & Record<string, unknown>;

/** Old id -> new id, per kind. */
export type Renames = Record<EntityKind, Map<string, string>>;

/** The fields of each kind that hold ids of other entities (a string or a list of them). */
export const REFERENCES: Record<EntityKind, Record<string, EntityKind>> = {
  areas: {},
  tasks: { area: 'areas', parent: 'tasks' },
  datasets: { introduced_by: 'papers', variant_of: 'datasets' },
  benchmarks: { task: 'tasks', dataset: 'datasets' },
  methods: { introduced_by: 'papers' },
  papers: { tasks: 'tasks', methods: 'methods', datasets: 'datasets' },
  sources: {},
  results: { benchmark: 'benchmarks', task: 'tasks', dataset: 'datasets', paper: 'papers', source: 'sources' },
};

/**
 * The fields left out of the comparison, from strictest to loosest: a result row first pairs with
 * its model name kept (a paper or leaderboard renamed), then without it (the model renamed). rank
 * is derived from the other rows, so it never decides.
 */
const TIERS: Record<EntityKind, readonly (readonly string[])[]> = {
  areas: [['id']],
  tasks: [['id']],
  datasets: [['id']],
  benchmarks: [['id']],
  methods: [['id']],
  papers: [['id']],
  sources: [['id']],
  results: [
    ['id', 'rank'],
    ['id', 'rank', 'model'],
  ],
};

export function emptyRenames(): Renames {
  return Object.fromEntries(ENTITY_KINDS.map((k) => [k, new Map<string, string>()])) as Renames;
}

/** The entity's content without `ignored`, with ids of renamed entities replaced by their new ids (old side only). */
function fingerprint(kind: EntityKind, entity: Entity, ignored: readonly string[], renames: Renames | undefined): string {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (ignored.includes(key)) continue;
    const target = REFERENCES[kind][key];
    if (target && renames) {
      const map = renames[target];
      copy[key] = Array.isArray(value) ? value.map((id) => map.get(id as string) ?? id).sort() : (map.get(value as string) ?? value);
    } else {
      copy[key] = value;
    }
  }
  return canonicalJson(copy);
}

/**
 * Pairs removed with added entities of the same kind whose fingerprints are equal and unique on
 * both sides (an ambiguous match is no rename: the entities stay removed and added). Repeats until
 * nothing new pairs, so renames that follow from others (a paper renamed, so its result rows'
 * ids change) are found too.
 */
export function findRenames(removed: Record<EntityKind, Entity[]>, added: Record<EntityKind, Entity[]>): Renames {
  const renames = emptyRenames();
  const pairedNew = Object.fromEntries(ENTITY_KINDS.map((k) => [k, new Set<string>()])) as Record<EntityKind, Set<string>>;
  for (let progress = true; progress; ) {
    progress = false;
    for (const kind of ENTITY_KINDS) {
      for (const ignored of TIERS[kind]) {
        const before = removed[kind].filter((e) => !renames[kind].has(e.id));
        const after = added[kind].filter((e) => !pairedNew[kind].has(e.id));
        if (before.length === 0 || after.length === 0) break;
        const olds = group(before, (e) => fingerprint(kind, e, ignored, renames));
        const news = group(after, (e) => fingerprint(kind, e, ignored, undefined));
        for (const [print, [old, ...moreOld]] of olds) {
          const found = news.get(print);
          if (moreOld.length > 0 || !found || found.length !== 1) continue;
          renames[kind].set(old.id, found[0].id);
          pairedNew[kind].add(found[0].id);
          progress = true;
        }
      }
    }
  }
  return renames;
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
