// Where each page lives under generated/, and relative links between pages (GitHub follows them).
// The page models link through a LinkScheme, so the same models serve generated/ and the static site.
export const GENERATED_DIR = 'generated';

export const pagePaths = {
  readme: (): string => 'README.md',
  task: (task: string): string => `tasks/${task}.md`,
  dataset: (dataset: string): string => `datasets/${dataset}.md`,
  method: (method: string): string => `methods/${method}.md`,
  paper: (paper: string, date: string): string => `papers/${date.slice(0, 4)}/${paper}.md`,
  leaderboard: (task: string, dataset: string): string => `sota/${task}/${dataset}.md`,
  chart: (task: string, dataset: string): string => `sota/${task}/${dataset}.svg`,
  /** A leaderboard's chart of its primary metric against a cost metric (`slug`: the metric's name made safe). */
  pareto: (task: string, dataset: string, slug: string): string => `sota/${task}/${dataset}.pareto.${slug}.svg`,
};

/**
 * The link from one page to another, both given relative to generated/: up to generated/, then
 * down to the target, except between pages of one folder. (Cheaper than path.relative, which
 * shows at archive scale, and just as valid for GitHub.)
 */
let base = linkBase('');

export function relativeHref(from: string, to: string): string {
  // A page makes all its links in a row: its folder and way up are worked out once per page.
  if (from !== base.from) base = linkBase(from);
  const { dir, up } = base;
  if (dir !== '' && to.startsWith(dir) && !to.includes('/', dir.length)) return `./${to.slice(dir.length)}`;
  return up === '' ? `./${to}` : `${up}${to}`;
}

function linkBase(from: string): { from: string; dir: string; up: string } {
  let up = '';
  for (let i = 0; i < from.length; i++) if (from.charCodeAt(i) === 47) up += '../';
  return { from, dir: from.slice(0, from.lastIndexOf('/') + 1), up };
}

/**
 * Where the pages of one output live and how one links to another: the page models take one, so
 * generated/ (Markdown paths) and the static site (tools/site/links.ts) share them.
 */
export interface LinkScheme {
  readme(): string;
  task(task: string): string;
  dataset(dataset: string): string;
  method(method: string): string;
  paper(paper: string, date: string): string;
  leaderboard(task: string, dataset: string): string;
  chart(task: string, dataset: string): string;
  pareto(task: string, dataset: string, slug: string): string;
  /** A source's page; undefined where sources have none (a source then links to its own site). */
  source(source: string): string | undefined;
  /** The link from the page `from` to the page or file `to`, both paths of this scheme. */
  href(from: string, to: string): string;
}

/** generated/'s Markdown pages. */
export const markdownLinks: LinkScheme = { ...pagePaths, source: () => undefined, href: relativeHref };

/** A page being built: its path in its scheme, and the scheme its links follow. */
export interface PageAt {
  path: string;
  links: LinkScheme;
}
