// The public schema of changes.json (source of truth; written to tools/release/changes.schema.json
// and published with every release) and the TypeScript types derived from it. Consumers sync from
// this file, so it is versioned on its own, like the bundle's schema.
import type { FromSchema } from 'json-schema-to-ts';
import { ENTITY_KINDS } from '../bundle/index.ts';

/**
 * The version (semver) of the changes.json format. Removing or renaming a field, or changing its
 * meaning, is a major version; adding one is minor. docs/bundle.md states the policy.
 */
export const CHANGES_VERSION = '1.1.0';
export const CHANGES_SCHEMA_ID = 'https://pwc-data.dev/schemas/changes.schema.json';
export const CHANGES_NAME = 'changes.json';
export const CHANGES_SCHEMA_NAME = 'changes.schema.json';

const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const commit = { type: 'string', pattern: '^[0-9a-f]{40,64}$' } as const;
const tag = { type: 'string', minLength: 1, maxLength: 200 } as const;
const entityId = { type: 'string', minLength: 1, maxLength: 2000, description: 'An entity id, as in pwc-data.json.' } as const;
const kind = { enum: ENTITY_KINDS, description: 'The collection of pwc-data.json the entity belongs to.' } as const;
const fields = {
  type: 'array',
  items: { type: 'string' },
  uniqueItems: true,
  description: 'The top-level fields whose values differ between the two releases (a field set on one side only counts), sorted.',
} as const;
const entity = {
  type: 'object',
  required: ['id'],
  properties: { id: entityId },
  description: 'The entity exactly as pwc-data.json of this release holds it (its schema: the item schema of its collection in pwc-data.schema.json).',
} as const;

const source = {
  title: 'ReleaseSource',
  type: 'object',
  additionalProperties: false,
  required: ['source_commit', 'data_version', 'schema_version', 'content_sha256'],
  properties: {
    source_commit: { ...commit, description: 'The commit of the data repository the bundle was built from (meta.source_commit).' },
    data_version: { type: ['string', 'null'], description: 'meta.data_version of the bundle: the commit date, UTC.' },
    schema_version: { type: 'string', description: 'meta.schema_version of the bundle.' },
    content_sha256: {
      anyOf: [sha256, { type: 'null' }],
      description: 'manifest.json\'s content_sha256: a digest of the entities; equal digests mean equal data. Null when that release had no manifest.',
    },
  },
} as const;

const kindCounts = {
  type: 'object',
  additionalProperties: false,
  required: ['added', 'removed', 'changed', 'renamed'],
  properties: {
    added: { type: 'integer', minimum: 0 },
    removed: { type: 'integer', minimum: 0 },
    changed: { type: 'integer', minimum: 0 },
    renamed: { type: 'integer', minimum: 0 },
  },
} as const;

const added = {
  title: 'Added',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'change', 'value'],
  properties: { kind, id: entityId, change: { const: 'added' }, value: entity },
  description: 'An entity that the previous release did not have (and that is not a rename of one it had).',
} as const;

const removed = {
  title: 'Removed',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'change'],
  properties: { kind, id: { ...entityId, description: 'The id it had in the previous release.' }, change: { const: 'removed' } },
  description: 'An entity of the previous release that this release no longer has (and that was not renamed).',
} as const;

const changed = {
  title: 'Changed',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'change', 'fields', 'value'],
  properties: { kind, id: entityId, change: { const: 'changed' }, fields: { ...fields, minItems: 1 }, value: entity },
  description: 'An entity with the same id in both releases whose fields differ; value is the new entity, whole.',
} as const;

const renamed = {
  title: 'Renamed',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'change', 'from', 'fields', 'value'],
  properties: {
    kind,
    id: { ...entityId, description: 'The new id.' },
    change: { const: 'renamed' },
    from: { ...entityId, description: 'The id it had in the previous release.' },
    fields: { ...fields, description: 'Fields other than id that differ (for a result: model, paper, ... when those moved with the rename; rank when it moved), sorted.' },
    value: entity,
  },
  description:
    'An entity that moved to a new id: its content, with references to renamed entities followed, is the same as exactly one removed entity\'s (see docs/bundle.md for the rule).',
} as const;

const best = {
  type: 'object',
  additionalProperties: false,
  required: ['metric', 'value', 'results'],
  properties: {
    metric: { type: 'string', description: 'The primary metric of the benchmark.' },
    value: { type: ['number', 'null'], description: 'The best value of the primary metric; null when no row is ranked.' },
    results: { type: 'array', items: entityId, description: 'The ids of the rows with rank 1 (ties: several), sorted.' },
  },
} as const;

const sota = {
  title: 'StateOfTheArt',
  type: 'object',
  additionalProperties: false,
  required: ['benchmark', 'direction', 'improved', 'current', 'previous'],
  properties: {
    benchmark: { ...entityId, description: 'The benchmark (leaderboard) id in this release.' },
    direction: { enum: ['higher', 'lower'], description: 'The direction of the primary metric: which values are better.' },
    improved: {
      type: 'boolean',
      description: 'True when the best value is strictly better than before (or the leaderboard had no ranked row before); false when the top changed otherwise (a tie, a correction, a removal, another primary metric).',
    },
    current: { ...best, description: 'The top of the leaderboard in this release.' },
    previous: { anyOf: [best, { type: 'null' }], description: 'The top in the previous release (its ids as they were then); null for a new benchmark.' },
  },
  description: 'A leaderboard whose best result changed: other rows with rank 1, or another best value.',
} as const;

export const changesSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: CHANGES_SCHEMA_ID,
  title: 'Changes',
  description:
    'changes.json: what a release changed since the previous release, per entity id, with the new entities whole, so a consumer holding the previous release can update to this one without downloading the bundle.',
  type: 'object',
  additionalProperties: false,
  required: ['changes_version', 'release', 'previous_release', 'current', 'previous', 'summary', 'changes', 'new_sota'],
  properties: {
    changes_version: { const: CHANGES_VERSION, description: 'The version (semver) of this format.' },
    release: { ...tag, description: 'The tag of this release, e.g. v2026.01.31 or v2026.01.31.1.' },
    previous_release: { anyOf: [tag, { type: 'null' }], description: 'The tag of the release these changes apply to; null for the first release.' },
    current: { ...source, description: 'The bundle of this release.' },
    previous: { anyOf: [source, { type: 'null' }], description: 'The bundle of the previous release; null for the first release.' },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ENTITY_KINDS,
      properties: Object.fromEntries(ENTITY_KINDS.map((k) => [k, kindCounts])) as Record<(typeof ENTITY_KINDS)[number], typeof kindCounts>,
      description: 'How many entities of each kind were added, removed, changed and renamed.',
    },
    changes: {
      type: 'array',
      items: { oneOf: [added, removed, changed, renamed] },
      description: 'One entry per entity that differs, ordered by kind (as in pwc-data.json), then id.',
    },
    new_sota: { type: 'array', items: sota, description: 'Leaderboards whose best result changed, sorted by benchmark id.' },
  },
} as const;

export type Changes = FromSchema<typeof changesSchema>;
export type ChangeEntry = Changes['changes'][number];
export type SotaChange = Changes['new_sota'][number];
export type ReleaseSource = Changes['current'];
export type KindCounts = Changes['summary']['areas'];
