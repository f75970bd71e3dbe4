// The incremental planner: which files a change can affect, and what a partial run must load to
// judge those files exactly as a full run would. Pure: the index answers questions, no I/O here.
//
// Why each dependency exists (the repository rules that read across files):
// - a task, dataset, method or paper is referenced by id (unknown-reference, result-path): a change
//   to it re-checks every file that names it; results name their task, dataset and paper by path;
// - parent and variant_of chains (reference-cycle): a change re-checks every descendant;
// - a leaderboard's rows are compared with each other (duplicate-model, percent-as-fraction) and with
//   the dataset's benchmark (unknown-metric, metric-out-of-range, missing-primary-metric,
//   undeclared-benchmark): a result re-checks its board, a dataset re-checks its results;
// - dates (result-before-dataset): a paper re-checks its results and, when it introduced a dataset,
//   that dataset's results;
// - duplicate-paper: a paper re-checks the papers sharing its arXiv id or title, before and after;
// - "did you mean" tips are computed over every valid id of a kind: when a file of that kind appears,
//   disappears or changes validity, every file with a reference to no valid id of that kind is re-checked.
import { createHash } from 'node:crypto';
import { AREAS_PATH, classifyPath, isPathProblem, type FileRef } from '../model/paths.ts';
import type { ValidFile } from '../model/repository.ts';
import { normaliseName } from './nearest.ts';

/** The id-bearing kinds that files reference. */
export type EntityKind = 'task' | 'dataset' | 'method' | 'paper';

/**
 * What one file uses of others, as keys: "task:<id>", "dataset:<id>", "method:<id>", "paper:<id>",
 * "area:<id>", "parent:<task>", "variant:<dataset>", "board:<task>/<dataset>", "arxiv:<id>",
 * "title:<hash of the normalised title>" (a hash keeps the index small; two titles sharing one only
 * make the plan larger). Only schema-valid files use anything (others are not in the Repository).
 */
export function usesOf(file: ValidFile): string[] {
  const { ref } = file;
  const d = file.data as Record<string, unknown>;
  const out: string[] = [];
  const ids = (prefix: string, value: unknown) => {
    if (Array.isArray(value)) for (const v of value) out.push(`${prefix}:${v}`);
    else if (typeof value === 'string') out.push(`${prefix}:${value}`);
  };
  switch (ref.kind) {
    case 'task':
      ids('area', d.area);
      ids('parent', d.parent);
      break;
    case 'dataset':
      ids('paper', d.introduced_by);
      ids('variant', d.variant_of);
      for (const b of (d.benchmarks as { task: string }[] | undefined) ?? []) ids('task', b.task);
      break;
    case 'method':
      ids('paper', d.introduced_by);
      break;
    case 'paper': {
      ids('task', d.tasks);
      ids('method', d.methods);
      ids('dataset', d.datasets);
      ids('arxiv', d.arxiv);
      const title = typeof d.title === 'string' ? normaliseName(d.title) : '';
      if (title) out.push(`title:${createHash('sha1').update(title).digest('base64url').slice(0, 12)}`);
      break;
    }
    case 'result':
      out.push(`task:${ref.task}`, `dataset:${ref.dataset}`, `paper:${ref.paper}`, `board:${ref.task}/${ref.dataset}`);
      break;
    case 'areas':
      break;
  }
  return [...new Set(out)].sort();
}

/**
 * The fields of a task, dataset or method that repository rules read about entities they are not
 * judging (required fields, and the links that cycles follow). A partial run puts these stand-ins
 * in the Repository for every entity it does not load in full, so ids, tips and cycles come out
 * as in a full run. Papers and results have no stand-in: the planner loads those it needs in full.
 */
export function stubOf(file: ValidFile): Record<string, unknown> | undefined {
  const d = file.data as Record<string, unknown>;
  switch (file.ref.kind) {
    case 'task':
      return d.parent === undefined ? { name: d.name, area: d.area } : { name: d.name, area: d.area, parent: d.parent };
    case 'dataset':
      return d.variant_of === undefined ? { name: d.name } : { name: d.name, variant_of: d.variant_of };
    case 'method':
      return { name: d.name };
    default:
      return undefined;
  }
}

/** The entity a path defines ("task:<id>", ...), or undefined for areas, results and misplaced files. */
export function entityKey(ref: FileRef): string | undefined {
  return ref.kind === 'task' || ref.kind === 'dataset' || ref.kind === 'method' || ref.kind === 'paper' ? `${ref.kind}:${ref.id}` : undefined;
}

/** The repository as the planner sees it: which file uses what, and which files define which ids. */
export interface DependencyIndex {
  /** Does a data file exist at this path now (valid or not)? */
  exists(path: string): boolean;
  /** Is the file at this path schema-valid now (so in the Repository)? */
  isValid(path: string): boolean;
  /** The keys the file uses now ([] when absent or invalid). */
  uses(path: string): readonly string[];
  /** The files whose valid data uses the key now. */
  users(key: string): readonly string[];
  /** The files (valid or not) whose path defines the entity ("paper:<id>"); papers may have several years. */
  definers(entity: string): readonly string[];
  /**
   * The files (a superset is fine) with a reference of this kind ("task:", "parent:", ...) to an id
   * no valid file defines: their "did you mean" tips list every valid id of the kind.
   */
  danglingUsers(kind: EntityKind): readonly string[];
  /** The files whose path starts with the prefix ("data/tasks/"). */
  pathsUnder(prefix: string): readonly string[];
}

/** One changed path, with what it used before and after (undefined: absent; valid false: invalid). */
export interface Change {
  path: string;
  before?: FileState;
  after?: FileState;
}

export interface FileState {
  valid: boolean;
  uses: readonly string[];
}

/**
 * The files to check after `changes`, sorted: the changed files that exist now and every file whose
 * findings can differ because of them (see the header). `changes` must list every path whose content
 * differs between the two states; the index describes the state after.
 */
export function planCheck(changes: readonly Change[], index: DependencyIndex): string[] {
  // Edges that existed only before the change still carry dependencies (a loop that is now broken).
  const formerUsers = new Map<string, string[]>();
  for (const c of changes) {
    for (const key of c.before?.uses ?? []) {
      const list = formerUsers.get(key);
      if (list) list.push(c.path);
      else formerUsers.set(key, [c.path]);
    }
  }
  const usersOf = (key: string): string[] => [...index.users(key), ...(formerUsers.get(key) ?? [])];
  const out = new Set<string>();
  const add = (paths: Iterable<string>) => {
    for (const p of paths) out.add(p);
  };
  const descendants = (linkPrefix: string, id: string) => {
    const seen = new Set<string>([id]);
    const stack = [id];
    while (stack.length > 0) {
      for (const child of usersOf(`${linkPrefix}${stack.pop()}`)) {
        out.add(child);
        const ref = classifyPath(child);
        if (!isPathProblem(ref) && 'id' in ref && !seen.has(ref.id)) {
          seen.add(ref.id);
          stack.push(ref.id);
        }
      }
    }
  };
  const tipsChanged = new Set<EntityKind>();

  for (const c of changes) {
    out.add(c.path);
    const ref = classifyPath(c.path);
    if (isPathProblem(ref)) continue;
    const states = [c.before, c.after].filter((s): s is FileState => s !== undefined);
    switch (ref.kind) {
      case 'areas':
        add(index.pathsUnder('data/tasks/'));
        break;
      case 'task':
        add(usersOf(`task:${ref.id}`));
        descendants('parent:', ref.id);
        break;
      case 'dataset':
        add(usersOf(`dataset:${ref.id}`));
        descendants('variant:', ref.id);
        break;
      case 'method':
        add(usersOf(`method:${ref.id}`));
        break;
      case 'paper':
        for (const user of usersOf(`paper:${ref.id}`)) {
          out.add(user);
          // Its date dates the datasets it introduced, so their results.
          const userRef = classifyPath(user);
          if (!isPathProblem(userRef) && userRef.kind === 'dataset') add(usersOf(`dataset:${userRef.id}`).filter((p) => p.startsWith('data/results/')));
        }
        for (const state of states) for (const key of state.uses) if (key.startsWith('arxiv:') || key.startsWith('title:')) add(usersOf(key));
        break;
      case 'result':
        add(usersOf(`board:${ref.task}/${ref.dataset}`));
        break;
    }
    if (ref.kind !== 'areas' && ref.kind !== 'result' && (c.before?.valid ?? false) !== (c.after?.valid ?? false)) tipsChanged.add(ref.kind);
  }
  for (const kind of tipsChanged) add(index.danglingUsers(kind));
  return [...out].filter((p) => index.exists(p)).sort();
}

/** Keys naming an entity of this kind that a file uses and no valid file defines. */
export function danglingKeys(uses: readonly string[], kind: EntityKind, index: Pick<DependencyIndex, 'definers' | 'isValid'>): string[] {
  const out: string[] = [];
  for (const key of uses) {
    const colon = key.indexOf(':');
    if (linkKind(key.slice(0, colon)) !== kind) continue;
    if (!index.definers(`${kind}:${key.slice(colon + 1)}`).some((p) => index.isValid(p))) out.push(key);
  }
  return out;
}

/** What a partial run loads to judge the planned files exactly. */
export interface Neighbourhood {
  /** Valid files to load in full (the plan's valid files and the files their rules compare them with). */
  full: string[];
  /** Valid files that must be in the Repository, in full or as their stand-in (stubOf). */
  entities: string[];
  /**
   * Kinds whose every valid entity must be in the Repository: a planned file names an id of the
   * kind that does not exist (its tip scans them all). Papers have no stand-in: they are loaded in full.
   */
  allOf: EntityKind[];
  /** Paths for the checks' `files` context: the files (valid or not) that planned files name, and areas. */
  present: string[];
}

/** The neighbourhood of a plan: what the repository rules read to judge the planned files. */
export function neighbourhood(plan: readonly string[], index: DependencyIndex): Neighbourhood {
  const full = new Set<string>();
  const entities = new Set<string>();
  const present = new Set<string>();
  const allOf = new Set<EntityKind>();
  const addValid = (into: Set<string>, paths: Iterable<string>) => {
    for (const p of paths) if (index.isValid(p)) into.add(p);
  };
  const papersNamed = (uses: readonly string[]) => {
    for (const key of uses) if (key.startsWith('paper:')) addValid(full, index.definers(key));
  };
  if (index.exists(AREAS_PATH)) {
    present.add(AREAS_PATH);
    addValid(full, [AREAS_PATH]);
  }
  for (const path of plan) {
    if (!index.isValid(path)) continue;
    full.add(path);
    const ref = classifyPath(path);
    if (isPathProblem(ref)) continue;
    const uses = index.uses(path);
    for (const key of uses) {
      const colon = key.indexOf(':');
      const kind = linkKind(key.slice(0, colon));
      if (!kind) continue;
      const definers = index.definers(`${kind}:${key.slice(colon + 1)}`);
      for (const p of definers) present.add(p);
      if (!definers.some((p) => index.isValid(p))) allOf.add(kind);
    }
    switch (ref.kind) {
      case 'result': {
        // The whole leaderboard, with the papers that date its rows; the dataset with the paper that dates it; the task.
        const board = index.users(`board:${ref.task}/${ref.dataset}`);
        addValid(full, board);
        for (const row of board) papersNamed(index.uses(row));
        for (const dataset of index.definers(`dataset:${ref.dataset}`)) {
          if (!index.isValid(dataset)) continue;
          full.add(dataset);
          papersNamed(index.uses(dataset));
        }
        addValid(entities, index.definers(`task:${ref.task}`));
        break;
      }
      case 'paper':
        for (const key of uses) if (key.startsWith('arxiv:') || key.startsWith('title:')) addValid(full, index.users(key));
        break;
      // A planned task or dataset in a parent or variant_of loop comes with every file whose chain
      // reaches the loop (planCheck plans all descendants of a change), so no other stand-in is needed.
      case 'dataset':
        papersNamed(uses);
        break;
      case 'method':
        papersNamed(uses);
        break;
      default:
        break;
    }
  }
  return { full: [...full].sort(), entities: [...entities].filter((p) => !full.has(p)).sort(), allOf: [...allOf].sort(), present: [...present].sort() };
}

function linkPrefixes(kind: EntityKind): string[] {
  return kind === 'task' ? ['task:', 'parent:'] : kind === 'dataset' ? ['dataset:', 'variant:'] : [`${kind}:`];
}

function linkKind(prefix: string): EntityKind | undefined {
  switch (prefix) {
    case 'task':
    case 'parent':
      return 'task';
    case 'dataset':
    case 'variant':
      return 'dataset';
    case 'method':
      return 'method';
    case 'paper':
      return 'paper';
    default:
      return undefined;
  }
}

/** A DependencyIndex over files held in memory (tests, and runs without a usable cache). */
export class MemoryIndex implements DependencyIndex {
  private readonly files = new Map<string, FileState>();
  private readonly byKey = new Map<string, string[]>();
  private readonly byEntity = new Map<string, string[]>();
  private readonly sortedPaths: string[];

  /** `files`: every data file now, with its state (valid and used keys). */
  constructor(files: Iterable<[string, FileState]>) {
    for (const [path, state] of files) this.files.set(path, state);
    this.sortedPaths = [...this.files.keys()].sort();
    for (const path of this.sortedPaths) {
      const state = this.files.get(path)!;
      for (const key of state.uses) push(this.byKey, key, path);
      const ref = classifyPath(path);
      const entity = isPathProblem(ref) ? undefined : entityKey(ref);
      if (entity) push(this.byEntity, entity, path);
    }
  }

  exists(path: string): boolean {
    return this.files.has(path);
  }
  isValid(path: string): boolean {
    return this.files.get(path)?.valid ?? false;
  }
  uses(path: string): readonly string[] {
    return this.files.get(path)?.uses ?? [];
  }
  users(key: string): readonly string[] {
    return this.byKey.get(key) ?? [];
  }
  definers(entity: string): readonly string[] {
    return this.byEntity.get(entity) ?? [];
  }
  danglingUsers(kind: EntityKind): readonly string[] {
    const out = new Set<string>();
    for (const [key, users] of this.byKey) if (danglingKeys([key], kind, this).length > 0) for (const u of users) out.add(u);
    return [...out].sort();
  }
  pathsUnder(prefix: string): readonly string[] {
    return this.sortedPaths.filter((p) => p.startsWith(prefix));
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** An empty repository, as the base of a LayeredIndex when there is no cache. */
export const EMPTY_INDEX: DependencyIndex = {
  exists: () => false,
  isValid: () => false,
  uses: () => [],
  users: () => [],
  definers: () => [],
  danglingUsers: () => [],
  pathsUnder: () => [],
};

/**
 * A base index (the cache's state) with some paths replaced by their current state (undefined:
 * the file is gone). Answers as an index of the current state would.
 */
export class LayeredIndex implements DependencyIndex {
  private readonly top: MemoryIndex;

  constructor(
    private readonly base: DependencyIndex,
    private readonly overlay: ReadonlyMap<string, FileState | undefined>,
  ) {
    this.top = new MemoryIndex([...overlay].filter((e): e is [string, FileState] => e[1] !== undefined));
  }

  exists(path: string): boolean {
    return this.overlay.has(path) ? this.overlay.get(path) !== undefined : this.base.exists(path);
  }
  isValid(path: string): boolean {
    return this.overlay.has(path) ? (this.overlay.get(path)?.valid ?? false) : this.base.isValid(path);
  }
  uses(path: string): readonly string[] {
    return this.overlay.has(path) ? (this.overlay.get(path)?.uses ?? []) : this.base.uses(path);
  }
  users(key: string): readonly string[] {
    return this.merge(this.base.users(key), this.top.users(key));
  }
  definers(entity: string): readonly string[] {
    return this.merge(this.base.definers(entity), this.top.definers(entity));
  }
  danglingUsers(kind: EntityKind): readonly string[] {
    const out = new Set(this.base.danglingUsers(kind).filter((p) => !this.overlay.has(p)));
    for (const [path, state] of this.overlay) {
      if (state && danglingKeys(state.uses, kind, this).length > 0) out.add(path);
      // Files of the base that named a replaced entity may now dangle.
      const ref = classifyPath(path);
      const entity = isPathProblem(ref) ? undefined : entityKey(ref);
      if (entity?.startsWith(`${kind}:`)) {
        const id = entity.slice(kind.length + 1);
        for (const prefix of linkPrefixes(kind)) for (const user of this.users(`${prefix}${id}`)) out.add(user);
      }
    }
    return [...out].sort();
  }
  pathsUnder(prefix: string): readonly string[] {
    return this.merge(this.base.pathsUnder(prefix), this.top.pathsUnder(prefix));
  }

  private merge(below: readonly string[], above: readonly string[]): string[] {
    const kept = below.filter((p) => !this.overlay.has(p));
    if (above.length === 0) return kept;
    return [...kept, ...above].sort();
  }
}
