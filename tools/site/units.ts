// The site's units (the home page, one per leaderboard, task, dataset, method, paper and source),
// their stable keys, and which of them a data change can touch: generate's dependency rules
// (views/page-deps.ts) read back from generated/'s page paths into units.
import type { DataChange } from '../views/data-base.ts';
import { candidatePages, changeNeighbourhood, movedPapers } from '../views/page-deps.ts';
import { buildSiteIndex, type SiteIndex } from '../views/site-index.ts';
import type { SiteUnit } from './part.ts';

/** Every unit of the site, in one fixed order. */
export function* siteUnits(index: SiteIndex): Generator<SiteUnit> {
  const { repo } = index;
  yield { kind: 'home' };
  for (const board of index.leaderboards.values()) yield { kind: 'leaderboard', board };
  for (const task of repo.tasks.values()) yield { kind: 'task', task };
  for (const dataset of repo.datasets.values()) yield { kind: 'dataset', dataset };
  for (const method of repo.methods.values()) yield { kind: 'method', method };
  for (const paper of repo.papers.values()) yield { kind: 'paper', paper };
  for (const source of repo.sources.values()) yield { kind: 'source', source };
}

/** "home", "leaderboard:<task>/<dataset>", "paper:<id>"...: what the build's manifest files each unit's files under. */
export function unitKey(unit: SiteUnit): string {
  switch (unit.kind) {
    case 'home':
      return 'home';
    case 'leaderboard':
      return `leaderboard:${unit.board.id}`;
    case 'task':
      return `task:${unit.task.id}`;
    case 'dataset':
      return `dataset:${unit.dataset.id}`;
    case 'method':
      return `method:${unit.method.id}`;
    case 'paper':
      return `paper:${unit.paper.id}`;
    case 'source':
      return `source:${unit.source.id}`;
  }
}

/**
 * The keys of the units a change can touch (`index`: the site after it): the units of the
 * generated pages it can touch, the home page, and the sources it moved or that rank on a touched
 * board (a source's page shows its ranks). A unit not listed renders as it did before the change.
 */
export function touchedUnits(index: SiteIndex, change: DataChange): Set<string> {
  const before = buildSiteIndex(changeNeighbourhood(index, change.before));
  const units = new Set<string>(['home']);
  for (const page of candidatePages(change.paths, before, index, 'before')) {
    const key = unitOfPage(page);
    if (key) units.add(key);
  }
  for (const id of movedPapers(change.paths)) units.add(`source:${id}`);
  for (const key of [...units]) {
    if (!key.startsWith('leaderboard:')) continue;
    const board = index.leaderboards.get(key.slice('leaderboard:'.length));
    for (const entry of board?.entries ?? []) if (index.repo.sources.has(entry.paper)) units.add(`source:${entry.paper}`);
  }
  return units;
}

/** The unit of a page of generated/ (views/links.ts pagePaths); undefined for its charts (their board's page is listed too). */
export function unitOfPage(page: string): string | undefined {
  if (page === 'README.md') return 'home';
  const m = /^(tasks|datasets|methods)\/([^/]+)\.md$/.exec(page);
  if (m) return `${m[1].slice(0, -1)}:${m[2]}`;
  const paper = /^papers\/[^/]+\/([^/]+)\.md$/.exec(page);
  if (paper) return `paper:${paper[1]}`;
  const board = /^sota\/([^/]+)\/([^/.]+)\.md$/.exec(page);
  return board ? `leaderboard:${board[1]}/${board[2]}` : undefined;
}
