// Writes the contributor schemas (schemas.ts) out as schemas/*.schema.json for editors and other tools.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSchemas, type FileKind } from './schemas.ts';

export const SCHEMAS_DIR = 'schemas';

/** One schema file as it should be on disk: path relative to the repository root, exact bytes. */
export interface SchemaFile {
  kind: FileKind;
  path: string;
  text: string;
}

/** schemas/<kind>.schema.json: the file name is the last segment of the schema's $id. */
export function schemaFilePath(kind: FileKind): string {
  const id = fileSchemas[kind].$id;
  return `${SCHEMAS_DIR}/${id.slice(id.lastIndexOf('/') + 1)}`;
}

/** The files `pwc schemas` writes, in a fixed order; key order is that of schemas.ts, so the bytes are stable. */
export function renderSchemaFiles(): SchemaFile[] {
  return (Object.keys(fileSchemas) as FileKind[]).map((kind) => ({
    kind,
    path: schemaFilePath(kind),
    text: `${JSON.stringify(fileSchemas[kind], null, 2)}\n`,
  }));
}

/** What differs between the rendered schemas and schemas/ under root. */
export interface SchemaDrift {
  /** Files missing or with other contents. */
  stale: string[];
  /** *.schema.json files in schemas/ that no kind produces any more. */
  extra: string[];
}

export async function findSchemaDrift(root: string): Promise<SchemaDrift> {
  const files = renderSchemaFiles();
  const stale: string[] = [];
  for (const file of files) {
    const current = await readFile(join(root, file.path), 'utf8').catch(() => undefined);
    if (current !== file.text) stale.push(file.path);
  }
  const expected = new Set(files.map((f) => f.path));
  const extra = (await schemaFilesOnDisk(root)).filter((p) => !expected.has(p));
  return { stale, extra };
}

/** Writes every schema file (only those whose bytes change) and removes orphaned ones; returns the paths touched. */
export async function writeSchemaFiles(root: string): Promise<string[]> {
  const { stale, extra } = await findSchemaDrift(root);
  await mkdir(join(root, SCHEMAS_DIR), { recursive: true });
  for (const file of renderSchemaFiles()) {
    if (stale.includes(file.path)) await writeFile(join(root, file.path), file.text);
  }
  for (const path of extra) await rm(join(root, path));
  return [...stale, ...extra].sort();
}

async function schemaFilesOnDisk(root: string): Promise<string[]> {
  const names = await readdir(join(root, SCHEMAS_DIR)).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.schema.json')).map((n) => `${SCHEMAS_DIR}/${n}`).sort();
}
