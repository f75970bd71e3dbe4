// What a release changed since the previous one: per entity id added, removed, changed (with the
// fields) or renamed, and the leaderboards whose top changed. Pure: two bundles in, changes.json out.
import { ENTITY_KINDS, type EntityKind } from '../bundle/index.ts';
import { CHANGES_VERSION, type ChangeEntry, type Changes, type KindCounts, type ReleaseSource, type SotaChange } from './changes-schema.ts';
import { byCodePoint, changedFields, jsonEqual } from './json-value.ts';
import { findRenames, type Entity, type Renames } from './renames.ts';

/** A bundle's entities and meta, as read from pwc-data.json (of any schema version: read leniently). */
export type Collections = Record<EntityKind, readonly Entity[]> & {
  meta: { schema_version: string; data_version: string | null; source_commit: string | null };
};

/** One side of the comparison: a release's tag, its bundle, and its manifest's content digest. */
export interface ReleasedBundle {
  release: string;
  data: Collections;
  contentSha256: string | null;
}

const byId = (a: { id: string }, b: { id: string }) => byCodePoint(a.id, b.id);

function sourceOf(side: ReleasedBundle): ReleaseSource {
  const { meta } = side.data;
  if (!meta.source_commit) throw new Error(`the bundle of ${side.release} names no source commit`);
  return { source_commit: meta.source_commit, data_version: meta.data_version, schema_version: meta.schema_version, content_sha256: side.contentSha256 };
}

const EMPTY: Collections = { meta: { schema_version: '', data_version: null, source_commit: null }, ...(Object.fromEntries(ENTITY_KINDS.map((k) => [k, []])) as unknown as Record<EntityKind, Entity[]>) };

/** The changes from `previous` (null: the first release, everything is added) to `current`. */
export function diffBundles(previous: ReleasedBundle | null, current: ReleasedBundle): Changes {
  const before = previous?.data ?? EMPTY;
  const after = current.data;
  const removed = {} as Record<EntityKind, Entity[]>;
  const added = {} as Record<EntityKind, Entity[]>;
  const entries: ChangeEntry[] = [];
  const olds = {} as Record<EntityKind, Map<string, Entity>>;
  for (const kind of ENTITY_KINDS) {
    const old = new Map(before[kind].map((e) => [e.id, e]));
    const now = new Map(after[kind].map((e) => [e.id, e]));
    olds[kind] = old;
    removed[kind] = before[kind].filter((e) => !now.has(e.id));
    added[kind] = after[kind].filter((e) => !old.has(e.id));
    for (const entity of after[kind]) {
      const was = old.get(entity.id);
      if (!was || jsonEqual(was, entity)) continue;
      entries.push({ kind, id: entity.id, change: 'changed', fields: changedFields(was, entity), value: entity });
    }
  }
  const renames = findRenames(removed, added);
  for (const kind of ENTITY_KINDS) {
    const renamedTo = new Set(renames[kind].values());
    for (const entity of added[kind]) if (!renamedTo.has(entity.id)) entries.push({ kind, id: entity.id, change: 'added', value: entity });
    for (const entity of removed[kind]) if (!renames[kind].has(entity.id)) entries.push({ kind, id: entity.id, change: 'removed' });
    const now = new Map(after[kind].map((e) => [e.id, e]));
    for (const [from, to] of renames[kind]) {
      const value = now.get(to)!;
      entries.push({ kind, id: to, change: 'renamed', from, fields: changedFields(olds[kind].get(from)!, value, ['id']), value });
    }
  }
  const order = new Map(ENTITY_KINDS.map((k, i) => [k, i]));
  entries.sort((a, b) => order.get(a.kind)! - order.get(b.kind)! || byCodePoint(a.id, b.id));

  return {
    changes_version: CHANGES_VERSION,
    release: current.release,
    previous_release: previous?.release ?? null,
    current: sourceOf(current),
    previous: previous ? sourceOf(previous) : null,
    summary: summarize(entries),
    changes: entries,
    new_sota: sotaChanges(before, after, renames),
  };
}

function summarize(entries: readonly ChangeEntry[]): Changes['summary'] {
  const summary = Object.fromEntries(ENTITY_KINDS.map((k) => [k, { added: 0, removed: 0, changed: 0, renamed: 0 } as KindCounts])) as Changes['summary'];
  for (const e of entries) summary[e.kind][e.change]++;
  return summary;
}

/** Did anything change that consumers would see: an entity, or the bundle's schema version? */
export function hasChanges(changes: Changes): boolean {
  return changes.changes.length > 0 || changes.previous === null || changes.previous.schema_version !== changes.current.schema_version;
}

interface BenchmarkLike extends Entity {
  primary?: unknown;
  metrics?: unknown;
}

function direction(benchmark: BenchmarkLike): 'higher' | 'lower' {
  const metrics = Array.isArray(benchmark.metrics) ? (benchmark.metrics as Array<{ name?: unknown; direction?: unknown }>) : [];
  return metrics.find((m) => m.name === benchmark.primary)?.direction === 'lower' ? 'lower' : 'higher';
}

/** The rows ranked 1 on each benchmark, and their primary value. */
function tops(data: Collections): Map<string, { ids: string[]; value: number | null }> {
  const primary = new Map(data.benchmarks.map((b) => [b.id, String((b as BenchmarkLike).primary)]));
  const out = new Map<string, { ids: string[]; value: number | null }>();
  for (const r of data.results) {
    if (r.rank !== 1) continue;
    const benchmark = String(r.benchmark);
    const value = (r.metrics as Record<string, number> | undefined)?.[primary.get(benchmark) ?? ''];
    const top = out.get(benchmark) ?? { ids: [], value: typeof value === 'number' ? value : null };
    top.ids.push(r.id);
    out.set(benchmark, top);
  }
  for (const top of out.values()) top.ids.sort(byCodePoint);
  return out;
}

/** Leaderboards whose rank-1 rows (following renames) or best value changed. */
function sotaChanges(before: Collections, after: Collections, renames: Renames): SotaChange[] {
  const oldTops = tops(before);
  const newTops = tops(after);
  const oldBenchmarks = new Map(before.benchmarks.map((b) => [b.id, b as BenchmarkLike]));
  const benchmarkBack = new Map([...renames.benchmarks].map(([from, to]) => [to, from]));
  const out: SotaChange[] = [];
  for (const b of [...after.benchmarks].sort(byId) as BenchmarkLike[]) {
    const now = newTops.get(b.id) ?? { ids: [], value: null };
    const dir = direction(b);
    const oldId = benchmarkBack.get(b.id) ?? b.id;
    const old = oldBenchmarks.get(oldId);
    const current = { metric: String(b.primary), value: now.value, results: now.ids };
    if (!old) {
      if (now.ids.length > 0) out.push({ benchmark: b.id, direction: dir, improved: true, current, previous: null });
      continue;
    }
    const then = oldTops.get(oldId) ?? { ids: [], value: null };
    const previous = { metric: String(old.primary), value: then.value, results: then.ids };
    const followed = then.ids.map((id) => renames.results.get(id) ?? id).sort(byCodePoint);
    const same = previous.metric === current.metric && previous.value === current.value && jsonEqual(followed, now.ids);
    if (same) continue;
    const improved =
      current.value !== null &&
      (previous.value === null || (previous.metric === current.metric && (dir === 'higher' ? current.value > previous.value : current.value < previous.value)));
    out.push({ benchmark: b.id, direction: dir, improved, current, previous });
  }
  return out;
}
