// For the parts' tests: the repository's own data and small fixtures as site indexes, every unit
// of a site, and the files a part writes for all of them.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRepository } from '../model/repository.ts';
import { buildSiteIndex, type SiteIndex } from '../views/site-index.ts';
import { tempRoot, writeFixture, type FixtureFiles } from '../views/test-support/fixture-repo.ts';
import type { SiteFile, SitePart } from './part.ts';
import { siteUnits } from './units.ts';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SITE_URL = 'https://example.org/pwc/';

export async function repositoryIndex(): Promise<SiteIndex> {
  return buildSiteIndex(await loadRepository(REPOSITORY_ROOT));
}

/** The index of a fixture written as real YAML files in a temp folder. */
export async function fixtureIndex(files: FixtureFiles): Promise<SiteIndex> {
  const root = writeFixture(tempRoot('pwc-site-'), files);
  try {
    return buildSiteIndex(await loadRepository(root));
  } finally {
    // The index is in memory: the folder is not needed once loaded.
    rmSync(root, { recursive: true, force: true });
  }
}

/** Every unit of the site, in the build's own order (units.ts). */
export const allUnits = siteUnits;

/** Every file the part writes for the whole site, by path (a path written twice throws). */
export function partFiles(part: SitePart, index: SiteIndex, siteUrl = SITE_URL): Map<string, SiteFile['body']> {
  const out = new Map<string, SiteFile['body']>();
  for (const unit of allUnits(index)) {
    for (const file of part({ index, siteUrl }, unit)) {
      if (out.has(file.path)) throw new Error(`${file.path} is written twice`);
      out.set(file.path, file.body);
    }
  }
  return out;
}
