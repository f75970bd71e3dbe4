// The static site's link scheme for the shared page models: site paths (paths.ts) and relative
// links between them. Charts are drawn inline on the leaderboard page, so they link to it.
import type { LinkScheme } from '../views/links.ts';
import { sitePaths, siteHref } from './paths.ts';

export const siteLinks: LinkScheme = {
  readme: sitePaths.home,
  task: sitePaths.task,
  dataset: sitePaths.dataset,
  method: sitePaths.method,
  paper: (paper) => sitePaths.paper(paper),
  leaderboard: sitePaths.leaderboard,
  chart: sitePaths.leaderboard,
  pareto: (task, dataset) => sitePaths.leaderboard(task, dataset),
  source: sitePaths.source,
  href: siteHref,
};
