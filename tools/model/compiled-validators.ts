// The file schemas' validators as Ajv standalone code, kept in node_modules/.cache: compiling the
// schemas costs ~0.15 s of every process and worker thread, loading the compiled module ~5 ms.
// The module is named by a hash of the schemas, Ajv's version and its options, so a stale one is
// never used; when it cannot be written or read, the validators are compiled in memory as before.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { AJV_OPTIONS, createAjv } from './ajv.ts';
import { fileSchemas, type FileKind } from './schemas.ts';

const require = createRequire(import.meta.url);

/** Where compiled modules live: the node_modules that holds ajv, so the module's own requires resolve. */
export function validatorsCacheDir(): string {
  const ajvPackage = require.resolve('ajv/package.json');
  return join(dirname(dirname(ajvPackage)), '.cache', 'pwc-validators');
}

function ajvVersion(): string {
  return (require('ajv/package.json') as { version: string }).version;
}

/** Names the compiled module: everything that decides its code. */
export function validatorsKey(): string {
  return createHash('sha1')
    .update(`ajv@${ajvVersion()}\n${JSON.stringify(AJV_OPTIONS)}\n${JSON.stringify(fileSchemas)}`)
    .digest('hex')
    .slice(0, 16);
}

/** The standalone CommonJS module exporting one validator per file kind. */
export function compiledValidatorsSource(): string {
  const { _ } = require('ajv') as typeof import('ajv');
  const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: unknown, refs: Record<string, string>) => string }).default;
  const ajv = createAjv({ code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  const refs: Record<string, string> = {};
  for (const [kind, schema] of Object.entries(fileSchemas)) {
    ajv.addSchema(schema);
    refs[kind] = schema.$id;
  }
  return standaloneCode(ajv, refs);
}

/** The validators of every file kind: from the compiled module when there is a current one (written now if not). */
export function loadValidators(dir?: string): Map<FileKind, ValidateFunction> {
  let file: string | undefined;
  try {
    file = join(dir ?? validatorsCacheDir(), `validators-${validatorsKey()}.cjs`);
    return fromModule(require(file));
  } catch {
    // none yet, or unreadable: compile below
  }
  if (file) {
    try {
      const source = compiledValidatorsSource();
      mkdirSync(dirname(file), { recursive: true });
      // Whole or not at all, so a concurrent process never loads half a module.
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, source);
      renameSync(tmp, file);
      return fromModule(require(file));
    } catch {
      // read-only node_modules or a damaged module: compile in memory
    }
  }
  const ajv = createAjv();
  return new Map(Object.entries(fileSchemas).map(([kind, schema]) => [kind as FileKind, ajv.compile(schema)]));
}

function fromModule(module: Record<string, unknown>): Map<FileKind, ValidateFunction> {
  const out = new Map<FileKind, ValidateFunction>();
  for (const kind of Object.keys(fileSchemas) as FileKind[]) {
    const validate = module[kind];
    if (typeof validate !== 'function') throw new Error(`the compiled validators lack ${kind}`);
    out.set(kind, validate as ValidateFunction);
  }
  return out;
}
