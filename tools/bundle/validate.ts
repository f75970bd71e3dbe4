// Checks a bundle against its public schema with its own Ajv instance (never the one that holds
// the contributors' schemas), so what we publish is checked against what we document.
import { createAjv } from '../model/ajv.ts';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { BUNDLE_SCHEMA_ID, bundleSchema, ENTITY_KINDS, type BundleData, type EntityKind, type Manifest } from './schema.ts';

interface Validators {
  data: ValidateFunction;
  manifest: ValidateFunction;
  /** One entity of each kind: the `items` schema of its list. */
  entity: Record<EntityKind, ValidateFunction>;
}

let compiled: Validators | undefined;

function validators(): Validators {
  if (!compiled) {
    const ajv = createAjv();
    const data = ajv.compile(bundleSchema);
    const at = (pointer: string) => {
      const check = ajv.getSchema(`${BUNDLE_SCHEMA_ID}#${pointer}`);
      if (!check) throw new Error(`the bundle schema has no ${pointer}`);
      return check;
    };
    const entity = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, at(`/properties/${kind}/items`)])) as Validators['entity'];
    compiled = { data, manifest: at('/$defs/manifest'), entity };
  }
  return compiled;
}

function describe(errors: ErrorObject[] | null | undefined, limit = 20): string[] {
  const lines = (errors ?? []).slice(0, limit).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  if ((errors?.length ?? 0) > limit) lines.push(`... and ${errors!.length - limit} more`);
  return lines;
}

/** Problems of `value` as pwc-data.json (empty when it conforms). */
export function bundleDataProblems(value: unknown): string[] {
  const check = validators().data;
  return check(value) ? [] : describe(check.errors);
}

/**
 * Problems of one entity of a kind, as an item of its list in pwc-data.json. The data conforms
 * exactly when its envelope (meta, with every list empty) and each of its entities do: each list's
 * schema is nothing but `type: array` and `items` (validate.test.ts holds the schema to that).
 */
export function entityProblems(kind: EntityKind, value: unknown): string[] {
  const check = validators().entity[kind];
  return check(value) ? [] : describe(check.errors);
}

/** Problems of `value` as manifest.json (empty when it conforms). */
export function manifestProblems(value: unknown): string[] {
  const check = validators().manifest;
  return check(value) ? [] : describe(check.errors);
}

export function isBundleData(value: unknown): value is BundleData {
  return bundleDataProblems(value).length === 0;
}

export function isManifest(value: unknown): value is Manifest {
  return manifestProblems(value).length === 0;
}
