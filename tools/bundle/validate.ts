// Checks a bundle against its public schema with its own Ajv instance (never the one that holds
// the contributors' schemas), so what we publish is checked against what we document.
import { createAjv } from '../model/ajv.ts';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { BUNDLE_SCHEMA_ID, bundleSchema, type BundleData, type Manifest } from './schema.ts';

let compiled: { data: ValidateFunction; manifest: ValidateFunction } | undefined;

function validators(): { data: ValidateFunction; manifest: ValidateFunction } {
  if (!compiled) {
    const ajv = createAjv();
    const data = ajv.compile(bundleSchema);
    const manifest = ajv.getSchema(`${BUNDLE_SCHEMA_ID}#/$defs/manifest`);
    if (!manifest) throw new Error('the bundle schema has no $defs/manifest');
    compiled = { data, manifest };
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
