// The one Ajv factory, so every schema in the project is checked with the same options.
import { createRequire } from 'node:module';
import type { Ajv2020 as AjvClass } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';

// Both packages are CommonJS whose default export NodeNext types do not see; require keeps it plain.
const require = createRequire(import.meta.url);
const Ajv2020: typeof AjvClass = require('ajv/dist/2020').default;
const addFormats: FormatsPlugin = require('ajv-formats').default;

export type Ajv = AjvClass;

export function createAjv(): Ajv {
  // allErrors: contributors fix every problem in one round; strictNumbers: NaN and Infinity are not numbers.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictNumbers: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}
