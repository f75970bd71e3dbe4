// Deterministic ids: each entity asks for a slug; collisions go to the entity that sorts first, the others get -2, -3, ...
import { createHash } from 'node:crypto';
import { isSlug, SLUG_MAX, toSlug } from '../model/paths.ts';
import { PWC_SLUG_MAX, PWC_SLUG_PATTERN } from '../model/schemas.ts';

const PWC_SLUG = new RegExp(PWC_SLUG_PATTERN);

/** Is `value` a slug Papers With Code could have made (see pwcSlugify), within the schema's length? */
export function isPwcSlug(value: string): boolean {
  return value.length <= PWC_SLUG_MAX && PWC_SLUG.test(value);
}

/**
 * The slug Papers With Code made from a name: Django's `slugify` (ASCII only, characters other than
 * letters, digits, underscores, hyphens and spaces dropped, spaces and hyphens to one hyphen). Its
 * leaderboard addresses show it: "SQuAD1.1" is /sota/question-answering-on-squad11,
 * "Named Entity Recognition (NER)" /task/named-entity-recognition-ner. Undefined when nothing is left.
 */
export function pwcSlugify(name: string): string | undefined {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0080-\uffff]/g, '') // what encode('ascii', 'ignore') leaves out
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  return slug !== '' && isPwcSlug(slug) ? slug : undefined;
}

/**
 * The Papers With Code slug to record for each entity: its own where it differs from the id given,
 * and none where an old address would be ambiguous (the slug is another entity's id, or several
 * entities claim it; `dropped` says which and why). Only ids of one kind are compared.
 */
export function recordedPwcSlugs<T>(ids: ReadonlyMap<T, string>, slugOf: (item: T) => string | undefined, dropped: (item: T, slug: string, why: string) => void): Map<T, string> {
  const taken = new Set(ids.values());
  const claimants = new Map<string, T[]>();
  for (const [item, id] of ids) {
    const slug = slugOf(item);
    if (slug === undefined || slug === id || !isPwcSlug(slug)) continue;
    if (taken.has(slug)) dropped(item, slug, 'it is the id of another entity of its kind, whose page is at that address');
    else claimants.set(slug, [...(claimants.get(slug) ?? []), item]);
  }
  const out = new Map<T, string>();
  for (const [slug, items] of claimants) {
    if (items.length === 1) out.set(items[0], slug);
    else for (const item of items) dropped(item, slug, `${items.length} entities would claim it`);
  }
  return out;
}

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
