// The review report's published JSON Schema (source of truth; written to tools/review/report.schema.json)
// and the TypeScript type derived from it. The bot reads reports as untrusted input: every string
// and list is capped here, so a schema-valid report is also a bounded one.
import type { FromSchema } from 'json-schema-to-ts';
import { PRINTED_PATTERN } from '../model/printed.ts';
import { SOURCE_KINDS } from '../model/schemas.ts';
import { FAR_ABOVE_RELATIVE, HEADROOM_SHARE, HISTORY_FACTOR } from './plausibility.ts';

/**
 * Raised whenever a report valid under the new schema may fail the old one (e.g. a new field).
 * 2: `truncated`, `totalChanges`, `toolChanges`, a suspicion's file may be "".
 * 3: suspicion kind `unit-scale`.
 * 4: a finding's `origin`, `summary.alreadyOnBase`, a standing's `source` and `notes`, a board's `units`.
 * 5: `printed` of standings and best results (values as their files write them).
 * 6: entity kind `source` (data/sources/, results that are not from a paper).
 * 7: `settings` of standings, best results and boards; a standing's `source` may be a mapping; suspicion kind `other-settings`; a board's `metric.direction` may be absent (an unranked board).
 */
export const REPORT_SCHEMA_VERSION = 7;


const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const slug = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120 } as const;
const sha = { type: 'string', pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$' } as const;
/** Repository paths: printable, no "..", no leading slash. */
const path = { type: 'string', pattern: '^(?!/)(?!.*(^|/)\\.\\.(/|$))[^\\u0000-\\u001f\\u007f]+$', maxLength: 400 } as const;
const count = { type: 'integer', minimum: 0, maximum: 1_000_000_000 } as const;

/** The most items each list holds; a longer list is cut to this and its total kept (see `truncated`). */
export const LIST_CAPS = { findings: 5000, fixes: 2000, leaderboards: 500, entities: 5000, pages: 5000, suspicious: 2000, changes: 2000 } as const;
/** The report's lists that may be cut, each with its total. */
export type TruncatedList = 'findings' | 'fixes' | 'leaderboards' | 'entities' | 'pages' | 'suspicious';
const position = { type: 'integer', minimum: 1, maximum: 10_000_000 } as const;
const metricName = text(200);
const metrics = { type: 'object', maxProperties: 50, propertyNames: { type: 'string', maxLength: 200 }, additionalProperties: { type: 'number' } } as const;
/** A value as its file prints it (77.0, 81.20, 1.5e-3), where that differs from the number's shortest form. */
const printedValue = { type: 'string', pattern: PRINTED_PATTERN, maxLength: 40 } as const;
/** Metric name -> printed value, for the values printed otherwise than their shortest form. */
const printed = { type: 'object', maxProperties: 50, propertyNames: { type: 'string', maxLength: 200 }, additionalProperties: printedValue } as const;
/** Setting name -> the value a row states (resolution: 224), as written. */
const settings = { type: 'object', maxProperties: 50, propertyNames: { type: 'string', maxLength: 200 }, additionalProperties: { type: ['boolean', 'number', 'string'], maxLength: 300 } } as const;
/** A row's source: text as written, or the mapping {kind, url, ref} (the url is only linked when it is http(s)). */
const source = {
  anyOf: [
    text(2000),
    { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { enum: SOURCE_KINDS }, url: text(2000), ref: text(2000) } },
  ],
} as const;

const finding = {
  type: 'object',
  additionalProperties: false,
  required: ['rule', 'severity', 'file', 'line', 'column', 'message', 'tip', 'origin'],
  properties: {
    rule: slug,
    severity: { enum: ['error', 'warning'] },
    file: path,
    line: position,
    column: position,
    message: text(2000),
    tip: text(2000),
    /**
     * "pull-request": in a file the change adds or edits, or new since the base (the other side of a
     * duplicate it creates); "base": already there, the same rule and message on the same untouched
     * file. Only the pull request's findings set the status and the labels.
     */
    origin: { enum: ['pull-request', 'base'] },
  },
} as const;

const fix = {
  type: 'object',
  additionalProperties: false,
  required: ['file', 'startLine', 'endLine', 'text'],
  description: 'What `pwc fix` would write instead of the head lines startLine..endLine (inclusive) of file.',
  properties: { file: path, startLine: position, endLine: position, text: text(20_000) },
} as const;

const standing = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['metrics', 'rank'],
  properties: {
    metrics,
    printed,
    /** The rank on the leaderboard in that commit; null when unranked (no primary metric). */
    rank: { type: ['integer', 'null'], minimum: 1 },
    /** The row's `source` (where in the paper the numbers are) and `notes`, as written; absent when the row has none. */
    source,
    notes: text(2000),
    /** The evaluation settings the row states; absent when it states none. */
    settings,
  },
} as const;

const holder = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['value', 'model', 'paper'],
  properties: { value: { type: 'number' }, printed: printedValue, model: text(300), paper: slug, settings },
} as const;

const resultChange = {
  type: 'object',
  additionalProperties: false,
  required: ['change', 'resultSet', 'file', 'paper', 'model', 'old', 'new', 'newSota', 'margin'],
  properties: {
    change: { enum: ['added', 'removed', 'changed'] },
    /** "<task>/<dataset>/<paper>" */
    resultSet: text(400),
    file: path,
    paper: slug,
    model: text(300),
    old: standing,
    new: standing,
    /** Ranked first in head and strictly better than the base's best. */
    newSota: { type: 'boolean' },
    /** By how much the new primary value beats the base's best (positive = better), when both exist. */
    margin: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['absolute', 'relative'],
      properties: { absolute: { type: 'number' }, relative: { type: ['number', 'null'] } },
    },
  },
} as const;

const leaderboard = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'task', 'dataset', 'metric', 'previousBest', 'best', 'changes'],
  properties: {
    id: text(250),
    task: slug,
    dataset: slug,
    metric: {
      type: 'object',
      additionalProperties: false,
      // No direction: the leaderboard is unranked (its primary metric's direction is unknown).
      required: ['name'],
      properties: { name: metricName, direction: { enum: ['higher', 'lower'] }, unit: text(40) },
    },
    /** The best ranked result in base and in head (null: none). */
    previousBest: holder,
    best: holder,
    /** The unit of each of the benchmark's metrics that declares one (the primary's is in `metric`). */
    units: { type: 'object', maxProperties: 50, propertyNames: { type: 'string', maxLength: 200 }, additionalProperties: text(40) },
    /** The evaluation settings the benchmark declares (in head, else base), in declared order; absent when it declares none. */
    settings: {
      type: 'array',
      maxItems: 50,
      items: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: text(200), unit: text(40) } },
    },
    /** "added"/"removed" when the benchmark itself appears or disappears; "changed" when its metrics changed. */
    benchmark: { enum: ['added', 'removed', 'changed'] },
    changes: { type: 'array', maxItems: LIST_CAPS.changes, items: resultChange },
    /** Present when `changes` was cut to its cap: how many changes the board has in all. */
    totalChanges: count,
  },
} as const;

const entity = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'path', 'change'],
  properties: {
    kind: { enum: ['areas', 'task', 'dataset', 'method', 'paper', 'source', 'result', 'other'] },
    id: text(400),
    path,
    change: { enum: ['added', 'changed', 'removed'] },
  },
} as const;

const suspicious = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'leaderboard', 'file', 'model', 'message'],
  properties: {
    kind: { enum: ['far-above-best', 'other-settings', 'unit-scale', 'value-changed', 'result-removed', 'metric-changed'] },
    leaderboard: text(250),
    /** "" (and model "") for a change of the whole board (metric-changed). */
    file: { anyOf: [path, { const: '' }] },
    model: text(300),
    message: text(1000),
  },
} as const;

const commit = {
  type: 'object',
  additionalProperties: false,
  required: ['ref', 'sha'],
  properties: { ref: text(250), sha },
} as const;

export const reportSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://pwc-data.dev/schemas/review-report.schema.json',
  title: 'pwc review report',
  description:
    'What a pull request changes: findings of the incremental validation, leaderboard changes with ranks and new states of the art, entities and generated pages affected, and suspicious changes. Written by `pwc review`, published on the PR by `pwc post-review`.',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'base', 'head', 'status', 'summary', 'findings', 'fixes', 'leaderboards', 'entities', 'pages', 'suspicious'],
  properties: {
    schemaVersion: { const: REPORT_SCHEMA_VERSION },
    base: commit,
    head: commit,
    /** "fail" when the validation found errors from the pull request (origin "pull-request"). */
    status: { enum: ['pass', 'fail'] },
    truncated: {
      type: 'object',
      additionalProperties: false,
      description: 'Present when the change is too large for the report: for each list that was cut (to its cap, or to keep the report under its size limit), how many items it has in all. The summary counts everything.',
      properties: { findings: count, fixes: count, leaderboards: count, entities: count, pages: count, suspicious: count },
    },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['errors', 'warnings', 'alreadyOnBase', 'filesChecked', 'newSota', 'suspicious'],
      description: '`errors` and `warnings` count the findings from the pull request; `alreadyOnBase` the findings that were already on the base (not counted in the status).',
      properties: { errors: count, warnings: count, alreadyOnBase: count, filesChecked: count, newSota: count, suspicious: count },
    },
    findings: { type: 'array', maxItems: LIST_CAPS.findings, items: finding },
    fixes: { type: 'array', maxItems: LIST_CAPS.fixes, items: fix },
    leaderboards: { type: 'array', maxItems: LIST_CAPS.leaderboards, items: leaderboard },
    entities: { type: 'array', maxItems: LIST_CAPS.entities, items: entity },
    /** Paths under generated/ whose content the change affects. */
    pages: { type: 'array', maxItems: LIST_CAPS.pages, items: path },
    /** Present when the change touches more than the data (tools, schemas, workflows, package files): it needs a maintainer's review. */
    toolChanges: {
      type: 'object',
      additionalProperties: false,
      required: ['count', 'paths'],
      properties: { count: { type: 'integer', minimum: 1, maximum: 1_000_000_000 }, paths: { type: 'array', maxItems: 50, items: path } },
    },
    suspicious: { type: 'array', maxItems: LIST_CAPS.suspicious, items: suspicious, description: `Kinds: far-above-best (a new best that closes more than ${HEADROOM_SHARE * 100}% of the gap the previous best left to a bounded metric's max or min, or, unbounded, beats it by more than ${FAR_ABOVE_RELATIVE * 100}% of its magnitude, or whose step is more than ${HISTORY_FACTOR} times the largest in the leaderboard's history), other-settings (a new best whose declared evaluation settings differ from the previous best's: stated on both with other values, or stated on one only), unit-scale (a value of an added or changed row off its metric's unit by a power of 1000 or a percentage written as a fraction, as the unit-scale and percent-as-fraction rules judge them), value-changed, result-removed, metric-changed.` },
  },
} as const;

export type ReviewReport = FromSchema<typeof reportSchema>;
export type ReportFinding = ReviewReport['findings'][number];
export type ReportFix = ReviewReport['fixes'][number];
export type LeaderboardChange = ReviewReport['leaderboards'][number];
export type ResultChange = LeaderboardChange['changes'][number];
export type EntityChange = ReviewReport['entities'][number];
export type SuspiciousChange = ReviewReport['suspicious'][number];
export type Standing = NonNullable<ResultChange['new']>;

/** Reports above this many bytes are refused before parsing. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;
