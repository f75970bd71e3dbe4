// docs/bundle.md documents the releases: every asset, every field of changes.json, the version
// rule, and points to the example program that the sync test runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RELEASE_ASSETS } from './assets.ts';
import { changesSchema } from './changes-schema.ts';

const doc = readFileSync('docs/bundle.md', 'utf8');
const releases = doc.slice(doc.indexOf('## Releases'));

describe('docs/bundle.md on releases', () => {
  it('names every release asset in the assets table', () => {
    for (const name of RELEASE_ASSETS) expect(releases, name).toMatch(new RegExp(`^\\| \`${name.replace('.', '\\.')}\` \\|`, 'm'));
  });

  it('describes every field of changes.json and of its entries', () => {
    const fields = new Set<string>(Object.keys(changesSchema.properties));
    for (const entry of changesSchema.properties.changes.items.oneOf) for (const key of Object.keys(entry.properties)) fields.add(key);
    for (const key of Object.keys(changesSchema.properties.new_sota.items.properties)) fields.add(key);
    for (const key of ['added', 'removed', 'changed', 'renamed', 'improved', 'source_commit', 'content_sha256']) fields.add(key);
    for (const field of fields) expect(releases, field).toContain(`\`${field}\``);
  });

  it('states the version rule, the rename rule and where to fetch, and links the example that exists', () => {
    expect(releases).toContain('`vYYYY.MM.DD`');
    expect(releases).toContain('https://github.com/OWNER/REPO/releases/latest/download');
    expect(releases).toContain('**Renames.**');
    expect(releases).toContain('(examples/sync-release.mjs)');
    expect(readFileSync('docs/examples/sync-release.mjs', 'utf8')).toContain('export async function syncRelease');
  });
});
