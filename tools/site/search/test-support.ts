// For the search's tests: the search records of the repository's own data.
import { allUnits, repositoryIndex, SITE_URL } from '../part-testing.ts';
import type { SiteContext } from '../part.ts';
import { searchRecords, type SearchRecord } from './records.ts';

export async function repositoryRecords(): Promise<{ context: SiteContext; records: SearchRecord[] }> {
  const context: SiteContext = { index: await repositoryIndex(), siteUrl: SITE_URL };
  return { context, records: [...allUnits(context.index)].flatMap((unit) => searchRecords(context, unit)) };
}
