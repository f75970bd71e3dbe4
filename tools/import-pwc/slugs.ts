// Deterministic ids: each entity asks for a slug; collisions go to the entity that sorts first, the others get -2, -3, ...
import { createHash } from 'node:crypto';
import { isSlug, SLUG_MAX, toSlug } from '../model/paths.ts';

export interface SlugRequest {
  /** What identifies the entity across runs (its name, arXiv id, URL): decides who keeps a contested slug. */
  identity: string;
  /** The slug it would like: a Papers With Code slug, or one made from its name. */
  wanted: string;
  /** Lower wins a contested slug before identity is compared (e.g. 0 for slugs Papers With Code assigned). */
  rank?: number;
}

export interface SlugCollision {
  identity: string;
  wanted: string;
  given: string;
  /** The identity that kept the wanted slug. */
  keptBy: string;
}

/** A slug for free text, or a stable one made from `identity` when the text has no letters or digits (e.g. a Chinese title). */
export function slugFor(text: string, identity: string, prefix: string): string {
  const slug = toSlug(text);
  if (slug !== '') return slug;
  return `${prefix}-${createHash('sha256').update(identity).digest('hex').slice(0, 10)}`;
}

/** `slug` with a numeric suffix, shortened so the whole stays within SLUG_MAX. */
function withSuffix(slug: string, n: number): string {
  const suffix = `-${n}`;
  return `${slug.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/**
 * Gives every request a distinct valid slug. The result depends only on the set of requests, not on
 * their order: contested slugs go by rank then identity, and the losers take the first free suffix
 * in that same order. Identities must be distinct.
 */
export function allocateSlugs(requests: readonly SlugRequest[]): { ids: Map<string, string>; collisions: SlugCollision[] } {
  const sorted = [...requests].sort(
    (a, b) => compare(a.wanted, b.wanted) || (a.rank ?? 1) - (b.rank ?? 1) || compare(a.identity, b.identity),
  );
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  const keptBy = new Map<string, string>();
  const losers: SlugRequest[] = [];
  for (const request of sorted) {
    const wanted = isSlug(request.wanted) ? request.wanted : toSlug(request.wanted) || 'unnamed';
    if (taken.has(wanted)) {
      losers.push({ ...request, wanted });
      continue;
    }
    taken.add(wanted);
    keptBy.set(wanted, request.identity);
    ids.set(request.identity, wanted);
  }
  const collisions: SlugCollision[] = [];
  for (const loser of losers) {
    let n = 2;
    while (taken.has(withSuffix(loser.wanted, n))) n++;
    const given = withSuffix(loser.wanted, n);
    taken.add(given);
    ids.set(loser.identity, given);
    collisions.push({ identity: loser.identity, wanted: loser.wanted, given, keptBy: keptBy.get(loser.wanted)! });
  }
  return { ids, collisions };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
