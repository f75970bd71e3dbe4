// pwc-data.d.ts: TypeScript types for consumers, generated from the public schema so the two
// never disagree. Standalone: no imports, compiles on its own.
import { compile } from 'json-schema-to-typescript';
import { BUNDLE_SCHEMA_VERSION, bundleSchema } from './schema.ts';

let pending: Promise<string> | undefined;

/** The declarations text; computed once per process (it depends only on the schema). */
export function bundleDeclarations(): Promise<string> {
  pending ??= compile(structuredClone(bundleSchema) as unknown as Parameters<typeof compile>[0], 'PwcData', {
    bannerComment: [
      `// Types of pwc-data.json (bundle schema ${BUNDLE_SCHEMA_VERSION}) and manifest.json.`,
      '// Generated from pwc-data.schema.json by `pwc bundle`; do not edit.',
    ].join('\n'),
    additionalProperties: false,
    // Manifest lives under $defs: emit it too.
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    format: true,
  });
  return pending;
}
