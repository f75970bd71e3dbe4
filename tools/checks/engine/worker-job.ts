// One file from disk to what the validator keeps of it: size, mtime, content hash, findings,
// schema-valid data (as JSON, the form the cache stores and workers send) and its links.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { blobId } from '../../git/worktree.ts';
import { checkFile } from '../check-file.ts';
import type { Finding } from '../finding.ts';
import { readsInForce } from '../catalog.ts';
import { plannerFor } from '../plan.ts';

/** The planner of the catalogue's reads: what each file uses and its stand-in. */
const planner = plannerFor(readsInForce);

export interface CheckedFile {
  path: string;
  size: number;
  mtimeMs: number;
  /** The git blob id of the bytes. */
  hash: string;
  /** The file's own findings (reading, schema, file rules), located. */
  findings: Finding[];
  /** The schema-valid data as JSON; absent when the file has findings that keep it out of the Repository. */
  json?: string;
  /** What the file uses of others (keys of the planner's reads, plan.ts); [] when not valid. */
  uses: string[];
  /** The stand-in of a task, dataset or method for partial runs. */
  stub?: Record<string, unknown>;
  /** The content hash is the expected one: the file was not checked again (findings, json, uses are empty). */
  same?: boolean;
}


/**
 * Reads and checks one file; undefined when it no longer exists (or is not a regular file).
 * When its content hash is `expect` (the cache has it), it is not checked again.
 */
export function checkFileOnDisk(root: string, path: string, expect?: string): CheckedFile | undefined {
  const full = join(root, path);
  let bytes: Buffer;
  let size: number;
  let mtimeMs: number;
  try {
    const stat = statSync(full);
    if (!stat.isFile()) return undefined;
    bytes = readFileSync(full);
    size = stat.size;
    mtimeMs = stat.mtimeMs;
  } catch {
    return undefined;
  }
  const hash = blobId(bytes);
  if (hash === expect) return { path, size, mtimeMs, hash, findings: [], uses: [], same: true };
  return checkBytes(path, bytes, size, mtimeMs, hash);
}

export function checkBytes(path: string, bytes: Uint8Array, size: number, mtimeMs: number, hash = blobId(bytes)): CheckedFile {
  const { findings, valid } = checkFile(path, bytes);
  if (!valid) return { path, size, mtimeMs, hash, findings, uses: [] };
  const stub = planner.stubOf(valid);
  return { path, size, mtimeMs, hash, findings, json: JSON.stringify(valid.data), uses: planner.usesOf(valid), ...(stub ? { stub } : {}) };
}
