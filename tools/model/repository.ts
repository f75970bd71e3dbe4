// The repository as data: every entity with its id and path, built from the files that parsed
// and conform to their schema. Checks, views, the bundle and the review all read this.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkSchema } from './check-schema.ts';
import { classifyPath, DATA_DIR, isDataPath, isPathProblem, type FileRef } from './paths.ts';
import { addPrintedValues, type PrintedValues } from './printed.ts';
import { decodeSource, parseSource } from './source.ts';
import type { Area, DatasetFile, MethodFile, PaperFile, ResultFile, ResultRow, SourceFile, TaskFile } from './types.ts';

export type Task = TaskFile & { id: string; path: string };
export type Dataset = DatasetFile & { id: string; path: string };
export type Method = MethodFile & { id: string; path: string };
export type Paper = PaperFile & { id: string; path: string };
/** A source of results that is not a paper (an official leaderboard...); its id shares the papers' namespace. */
export type Source = SourceFile & { id: string; path: string };
/** One row of a result file, with the texts of the values its file prints otherwise than their shortest form (77.0). */
export type Result = ResultRow & { printed?: PrintedValues };
/** The results one paper (or source) reports on one benchmark; id is "<task>/<dataset>/<paper>". */
export type ResultSet = Omit<ResultFile, 'results'> & { results: Result[]; id: string; path: string; task: string; dataset: string; paper: string };

export interface Repository {
  areas: Area[];
  tasks: Map<string, Task>;
  datasets: Map<string, Dataset>;
  methods: Map<string, Method>;
  papers: Map<string, Paper>;
  sources: Map<string, Source>;
  results: Map<string, ResultSet>;
}

/** One data file, parsed and schema-valid. */
export interface ValidFile {
  ref: FileRef;
  data: unknown;
}

export function emptyRepository(): Repository {
  return { areas: [], tasks: new Map(), datasets: new Map(), methods: new Map(), papers: new Map(), sources: new Map(), results: new Map() };
}

/** Builds the repository from schema-valid files; maps are filled in path order, so iteration is deterministic. */
export function buildRepository(files: Iterable<ValidFile>): Repository {
  const repo = emptyRepository();
  const sorted = [...files].sort((a, b) => (a.ref.path < b.ref.path ? -1 : a.ref.path > b.ref.path ? 1 : 0));
  for (const { ref, data } of sorted) {
    const d = data as Record<string, unknown>;
    switch (ref.kind) {
      case 'areas':
        repo.areas = (d.areas as Area[]) ?? [];
        break;
      case 'task':
        repo.tasks.set(ref.id, { ...(d as TaskFile), id: ref.id, path: ref.path });
        break;
      case 'dataset':
        repo.datasets.set(ref.id, { ...(d as DatasetFile), id: ref.id, path: ref.path });
        break;
      case 'method':
        repo.methods.set(ref.id, { ...(d as MethodFile), id: ref.id, path: ref.path });
        break;
      case 'paper':
        repo.papers.set(ref.id, { ...(d as PaperFile), id: ref.id, path: ref.path });
        break;
      case 'source':
        repo.sources.set(ref.id, { ...(d as SourceFile), id: ref.id, path: ref.path });
        break;
      case 'result':
        repo.results.set(ref.id, { ...(d as ResultFile), id: ref.id, path: ref.path, task: ref.task, dataset: ref.dataset, paper: ref.paper });
        break;
    }
  }
  return repo;
}

/**
 * The repository with some files replaced: each path maps to its valid content now, or undefined
 * when it is absent or invalid. The maps are copied (the given repository is not changed) and the
 * entities of other files are shared, so one side of a change costs the changed files only.
 */
export function withFiles(repo: Repository, files: ReadonlyMap<string, ValidFile | undefined>): Repository {
  const out: Repository = {
    areas: repo.areas,
    tasks: new Map(repo.tasks),
    datasets: new Map(repo.datasets),
    methods: new Map(repo.methods),
    papers: new Map(repo.papers),
    sources: new Map(repo.sources),
    results: new Map(repo.results),
  };
  const put = buildRepository([...files.values()].filter((f): f is ValidFile => f !== undefined));
  const pairs = [
    [out.tasks, put.tasks],
    [out.datasets, put.datasets],
    [out.methods, put.methods],
    [out.papers, put.papers],
    [out.results, put.results],
    [out.sources, put.sources],
  ] as [Map<string, { path: string }>, Map<string, { path: string }>][];
  const byKind = { task: pairs[0][0], dataset: pairs[1][0], method: pairs[2][0], paper: pairs[3][0], result: pairs[4][0], source: pairs[5][0] };
  for (const path of files.keys()) {
    const ref = classifyPath(path);
    if (isPathProblem(ref)) continue;
    if (ref.kind === 'areas') out.areas = put.areas;
    else if (byKind[ref.kind].get(ref.id)?.path === path) byKind[ref.kind].delete(ref.id);
  }
  for (const [target, source] of pairs) for (const [id, entity] of source) target.set(id, entity);
  return out;
}

/** Every file under data/ (POSIX paths relative to root, sorted), skipping hidden entries. */
export async function listDataFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  // A synchronous walk: at 190,000 files it is several times faster than awaiting each readdir.
  function walk(dir: string, rel: string): void {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${rel}/${entry.name}`);
      else if (entry.isFile()) {
        const path = `${rel}/${entry.name}`;
        if (isDataPath(path)) out.push(path);
      }
    }
  }
  walk(join(root, DATA_DIR), DATA_DIR);
  return out.sort();
}

/** Reads one file to schema-valid data, or undefined when it has any problem (the validator reports those). */
export function readValidFile(path: string, bytes: Uint8Array): ValidFile | undefined {
  const ref = classifyPath(path);
  if (isPathProblem(ref)) return undefined;
  const decoded = decodeSource(bytes);
  if (decoded.text === undefined) return undefined;
  const parsed = parseSource(decoded.text, { numberTexts: ref.kind === 'result' });
  if (parsed.data === undefined) return undefined;
  if (checkSchema(ref.kind, parsed.data).length > 0) return undefined;
  if (ref.kind === 'result') addPrintedValues(parsed.data, parsed.numberTexts ?? []);
  return { ref, data: parsed.data };
}

/** The repository of the schema-valid files among `files` (path -> bytes); the others are skipped. */
export function repositoryOfFiles(files: Iterable<readonly [string, Uint8Array]>): Repository {
  const valid: ValidFile[] = [];
  for (const [path, bytes] of files) {
    const file = readValidFile(path, bytes);
    if (file) valid.push(file);
  }
  return buildRepository(valid);
}

/**
 * Loads the repository's schema-valid entities. Files with problems are skipped silently:
 * run `pwc validate` for those. Commands that must not build on bad data validate first.
 */
export async function loadRepository(root: string): Promise<Repository> {
  const paths = await listDataFiles(root);
  const files: ValidFile[] = [];
  for (const path of paths) {
    const file = readValidFile(path, await readFile(join(root, path)));
    if (file) files.push(file);
  }
  return buildRepository(files);
}
