// What every part of the site (pages, API, feeds, badges, redirects, search records) is given and
// gives back. The build walks the site's units (the home page and one unit per entity and
// leaderboard) and asks each part for that unit's files; after a data change it asks only for the
// units the change can touch (the same dependency rules as generate's pages).
import type { Leaderboard } from '../model/leaderboard.ts';
import type { Dataset, Method, Paper, Source, Task } from '../model/repository.ts';
import type { SiteIndex } from '../views/site-index.ts';

export interface SiteContext {
  index: SiteIndex;
  /** The site's absolute URL, ending in "/" (feeds, canonical links and badges' Markdown need it). */
  siteUrl: string;
}

export type SiteUnit =
  | { kind: 'home' }
  | { kind: 'leaderboard'; board: Leaderboard }
  | { kind: 'task'; task: Task }
  | { kind: 'dataset'; dataset: Dataset }
  | { kind: 'method'; method: Method }
  | { kind: 'paper'; paper: Paper }
  | { kind: 'source'; source: Source };

export interface SiteFile {
  /** Relative to the site's root, POSIX (see paths.ts). */
  path: string;
  body: string | Uint8Array;
}

/** One part of the site: the files it writes for a unit (none is fine). Pure: same input, same bytes. */
export type SitePart = (context: SiteContext, unit: SiteUnit) => SiteFile[];
