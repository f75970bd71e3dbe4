// The old Papers With Code addresses (/paper/<slug>, /task/<slug>, /dataset/<slug>, /method/<slug>,
// /sota/<task>-on-<dataset>) as redirect pages to our pages, so links and bookmarks into the old
// site keep working: which old path leads where (a pure listing), and the part that writes them.
import type { Leaderboard } from '../model/leaderboard.ts';
import type { Repository } from '../model/repository.ts';
import { xmlText } from '../markdown/escape.ts';
import type { SiteIndex } from '../views/site-index.ts';
import type { SiteFile, SitePart, SiteUnit } from './part.ts';
import { pageUrl, sitePaths, siteHref } from './paths.ts';

/** One old address: the file that answers it (a site path) and the page it leads to. */
export interface Redirect {
  /** The old path as a site file: "paper/<pwc-slug>/index.html", "sota/<task>-on-<dataset>/index.html". */
  from: string;
  /** Our page's path (sitePaths). */
  to: string;
  /** What the page is called, for the redirect's link text. */
  name: string;
}

type EntityKind = 'task' | 'dataset' | 'method' | 'paper';

interface SlugHolder {
  id: string;
  pwc_slug?: string;
}

function entities(repo: Repository, kind: EntityKind): ReadonlyMap<string, SlugHolder> {
  return kind === 'task' ? repo.tasks : kind === 'dataset' ? repo.datasets : kind === 'method' ? repo.methods : repo.papers;
}

/** The old address of a leaderboard: Papers With Code's slugs of its task and dataset where recorded, else our ids. */
export function oldLeaderboardPath(repo: Repository, task: string, dataset: string): string {
  const t = repo.tasks.get(task)?.pwc_slug ?? task;
  const d = repo.datasets.get(dataset)?.pwc_slug ?? dataset;
  return `sota/${t}-on-${d}/index.html`;
}

/**
 * Who answers each contested old address, computed once per index: an old address answers one page.
 * An entity's slug that is the id of another of its kind is that one's real page (pwc-slug-conflict
 * refuses it; the site skips it); a slug two entities claim, or an old leaderboard address two
 * boards make, goes to the smallest id, so every unit decides alone and the same way.
 */
interface Owners {
  /** "<kind>/<slug>" -> the id that answers it. */
  slugs: Map<string, string>;
  /** Old leaderboard path -> the board id that answers it. */
  boards: Map<string, string>;
}

const ownersMemo = new WeakMap<SiteIndex, Owners>();

function ownersOf(index: SiteIndex): Owners {
  let owners = ownersMemo.get(index);
  if (owners) return owners;
  owners = { slugs: new Map(), boards: new Map() };
  for (const kind of ['task', 'dataset', 'method', 'paper'] as const) {
    const byId = entities(index.repo, kind);
    for (const entity of byId.values()) {
      const slug = entity.pwc_slug;
      if (slug === undefined || byId.has(slug)) continue;
      const key = `${kind}/${slug}`;
      const owner = owners.slugs.get(key);
      if (owner === undefined || entity.id < owner) owners.slugs.set(key, entity.id);
    }
  }
  for (const board of index.leaderboards.values()) {
    const from = oldLeaderboardPath(index.repo, board.task, board.dataset);
    const owner = owners.boards.get(from);
    if (owner === undefined || board.id < owner) owners.boards.set(from, board.id);
  }
  ownersMemo.set(index, owners);
  return owners;
}

function boardName(repo: Repository, board: Leaderboard): string {
  return `${repo.tasks.get(board.task)?.name ?? board.task} on ${repo.datasets.get(board.dataset)?.name ?? board.dataset}`;
}

/** The old addresses that lead to one unit's page (none for the home page and sources, which Papers With Code did not have). */
export function redirectsOf(index: SiteIndex, unit: SiteUnit): Redirect[] {
  const owners = ownersOf(index);
  const entity = (kind: EntityKind, e: SlugHolder, to: string, name: string): Redirect[] => {
    const slug = e.pwc_slug;
    if (slug === undefined || owners.slugs.get(`${kind}/${slug}`) !== e.id) return [];
    return [{ from: `${kind}/${slug}/index.html`, to, name }];
  };
  switch (unit.kind) {
    case 'task':
      return entity('task', unit.task, sitePaths.task(unit.task.id), unit.task.name);
    case 'dataset':
      return entity('dataset', unit.dataset, sitePaths.dataset(unit.dataset.id), unit.dataset.name);
    case 'method':
      return entity('method', unit.method, sitePaths.method(unit.method.id), unit.method.name);
    case 'paper':
      return entity('paper', unit.paper, sitePaths.paper(unit.paper.id), unit.paper.title);
    case 'leaderboard': {
      const { board } = unit;
      const from = oldLeaderboardPath(index.repo, board.task, board.dataset);
      if (owners.boards.get(from) !== board.id) return [];
      return [{ from, to: sitePaths.leaderboard(board.task, board.dataset), name: boardName(index.repo, board) }];
    }
    default:
      return [];
  }
}

/** Every old address of the site and where it leads, sorted by old path (for tests and docs). */
export function allRedirects(index: SiteIndex): Redirect[] {
  const units: SiteUnit[] = [
    ...[...index.repo.tasks.values()].map((task) => ({ kind: 'task' as const, task })),
    ...[...index.repo.datasets.values()].map((dataset) => ({ kind: 'dataset' as const, dataset })),
    ...[...index.repo.methods.values()].map((method) => ({ kind: 'method' as const, method })),
    ...[...index.repo.papers.values()].map((paper) => ({ kind: 'paper' as const, paper })),
    ...[...index.leaderboards.values()].map((board) => ({ kind: 'leaderboard' as const, board })),
  ];
  return units.flatMap((unit) => redirectsOf(index, unit)).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/**
 * The redirect page: an immediate refresh, a script that keeps the #fragment, a link, and the
 * canonical address; and an empty inline icon, or the browser asks the host for /favicon.ico (a 404
 * on Pages), and a real one would be fetched only to be dropped when the page moves on.
 */
export function redirectPage(redirect: Redirect, siteUrl: string): string {
  const href = siteHref(redirect.from, redirect.to);
  const canonical = siteUrl + pageUrl(redirect.to);
  // JSON is a valid script literal; "<" escaped so no "</script>" can end the script early.
  const target = JSON.stringify(href).replace(/</g, '\\u003c');
  const name = xmlText(redirect.name);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: ${name}</title>
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<link rel="canonical" href="${xmlText(canonical)}">
<script>location.replace(${target} + location.hash);</script>
<meta http-equiv="refresh" content="0; url=${xmlText(href)}">
</head>
<body>
<p>This Papers With Code address now leads to <a href="${xmlText(href)}">${name}</a>.</p>
</body>
</html>
`;
}

/** The site part: a redirect page at each old address of the unit's page. */
export const redirectPart: SitePart = (context, unit) =>
  redirectsOf(context.index, unit).map((redirect): SiteFile => ({ path: redirect.from, body: redirectPage(redirect, context.siteUrl) }));
