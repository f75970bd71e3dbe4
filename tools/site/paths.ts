// Where each file of the static site lives, relative to the site's root (POSIX, no leading slash),
// and the links between them. Pages are folders with an index.html so their URLs end in "/"
// (`/task/<id>/`); every link is relative, so the site works under any base path (GitHub Pages
// serves a project's site under /<repository>/).
export const sitePaths = {
  home: (): string => 'index.html',
  task: (task: string): string => `task/${task}/index.html`,
  dataset: (dataset: string): string => `dataset/${dataset}/index.html`,
  method: (method: string): string => `method/${method}/index.html`,
  paper: (paper: string): string => `paper/${paper}/index.html`,
  source: (source: string): string => `source/${source}/index.html`,
  leaderboard: (task: string, dataset: string): string => `sota/${task}/${dataset}/index.html`,
  /** The static API: one JSON file per entity and an index (docs/api.md). */
  api: {
    index: (): string => 'api/v1/index.json',
    leaderboard: (task: string, dataset: string): string => `api/v1/sota/${task}/${dataset}.json`,
    task: (task: string): string => `api/v1/task/${task}.json`,
    dataset: (dataset: string): string => `api/v1/dataset/${dataset}.json`,
    method: (method: string): string => `api/v1/method/${method}.json`,
    paper: (paper: string): string => `api/v1/paper/${paper}.json`,
    source: (source: string): string => `api/v1/source/${source}.json`,
  },
  /** Atom feeds: new state of the art per leaderboard and per task, new results per area. */
  feed: {
    leaderboard: (task: string, dataset: string): string => `feeds/sota/${task}/${dataset}.atom`,
    task: (task: string): string => `feeds/task/${task}.atom`,
    area: (area: string): string => `feeds/area/${area}.atom`,
  },
  /** Badges: a leaderboard's best, and one paper's rank on a leaderboard. */
  badge: {
    leaderboard: (task: string, dataset: string): string => `badges/sota/${task}/${dataset}.svg`,
    paper: (paper: string, task: string, dataset: string): string => `badges/paper/${paper}/${task}/${dataset}.svg`,
  },
};

/** The URL of a page from its file path: the folder for an index.html ("task/x/"), else the path. */
export function pageUrl(path: string): string {
  return path === 'index.html' ? '' : path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** The way from one file's folder up to the site's root ("" at the root, "../../" two folders down). */
export function rootPrefix(from: string): string {
  let up = '';
  for (let i = 0; i < from.length; i++) if (from.charCodeAt(i) === 47) up += '../';
  return up;
}

/** A relative link from the file `from` to the page or file `to` (both site paths). */
export function siteHref(from: string, to: string): string {
  return rootPrefix(from) + pageUrl(to) || './';
}
