// The one Ajv factory, so every schema in the project is checked with the same options.
import { createRequire } from 'node:module';
import type { Ajv2020 as AjvClass } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';

// Both packages are CommonJS whose default export NodeNext types do not see; require keeps it plain.
const require = createRequire(import.meta.url);
const Ajv2020: typeof AjvClass = require('ajv/dist/2020').default;
const addFormats: FormatsPlugin = require('ajv-formats').default;

export type Ajv = AjvClass;

// allErrors: contributors fix every problem in one round; strictNumbers: NaN and Infinity are not numbers.
export const AJV_OPTIONS = { allErrors: true, strict: true, strictNumbers: true, allowUnionTypes: true } as const;

/** `extra` adds options for special uses (e.g. `code` for standalone code); checking uses the defaults. */
export function createAjv(extra: Omit<ConstructorParameters<typeof AjvClass>[0] & object, keyof typeof AJV_OPTIONS> = {}): Ajv {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...extra });
  addFormats(ajv);
  return ajv;
}
