// For the search's tests: the site's units and the search records of a repository on disk.
import { join } from 'node:path';
import { loadRepository } from '../../model/repository.ts';
import { buildSiteIndex } from '../../views/site-index.ts';
import type { SiteContext, SiteUnit } from '../part.ts';
import { searchRecords, type SearchRecord } from './records.ts';

/** The repository this file is in. */
export const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Every unit of the site, as the build walks them. */
export function siteUnits(context: SiteContext): SiteUnit[] {
  const { repo, leaderboards } = context.index;
  return [
    { kind: 'home' },
    ...[...repo.tasks.values()].map((task): SiteUnit => ({ kind: 'task', task })),
    ...[...repo.datasets.values()].map((dataset): SiteUnit => ({ kind: 'dataset', dataset })),
    ...[...repo.methods.values()].map((method): SiteUnit => ({ kind: 'method', method })),
    ...[...repo.papers.values()].map((paper): SiteUnit => ({ kind: 'paper', paper })),
    ...[...repo.sources.values()].map((source): SiteUnit => ({ kind: 'source', source })),
    ...[...leaderboards.values()].map((board): SiteUnit => ({ kind: 'leaderboard', board })),
  ];
}

export async function repositoryRecords(root = ROOT): Promise<{ context: SiteContext; records: SearchRecord[] }> {
  const context: SiteContext = { index: buildSiteIndex(await loadRepository(root)), siteUrl: 'https://example.org/pwc-data/' };
  return { context, records: siteUnits(context).flatMap((unit) => searchRecords(context, unit)) };
}

