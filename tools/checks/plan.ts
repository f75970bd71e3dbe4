// The incremental planner: which files a change can affect, and what a partial run must load to
// judge those files exactly as a full run would. Pure: the index answers questions, no I/O here.
//
// It follows what the repository rules declare they read across files (`reads`, rule.ts): each
// kind of read (CROSS_FILE_READS) has below its use keys, the files a change makes it re-check,
// what a partial run must load, and the fields of a stand-in. The planner in force follows the
// union of the catalogue's declarations, so a rule that reads something new must say so there.
import { createHash } from 'node:crypto';
import { AREAS_PATH, classifyPath, isPathProblem, type FileRef } from '../model/paths.ts';
import type { ValidFile } from '../model/repository.ts';
import { normaliseName } from './nearest.ts';
import type { CrossFileRead } from './rule.ts';

/**
 * The id-bearing kinds that files reference. A source (data/sources/) is of kind "paper" here:
 * papers and sources share one namespace of ids, and a result's path names either.
 */
export type EntityKind = 'task' | 'dataset' | 'method' | 'paper';

/** The entity kind a defining file is of: a source counts as a paper (see EntityKind). */
function entityKindOf(kind: 'task' | 'dataset' | 'method' | 'paper' | 'source'): EntityKind {
  return kind === 'source' ? 'paper' : kind;
}

/** The kinds that have a stand-in in partial runs (papers and results are loaded in full). */
type StandInKind = 'task' | 'dataset' | 'method';

/** The fields a stand-in needs to be an entity of its kind (what the schema requires). */
const STAND_IN_REQUIRED: Record<StandInKind, readonly string[]> = { task: ['name', 'area'], dataset: ['name'], method: ['name'] };

/** What the planner does for one kind of read (see CROSS_FILE_READS for what each one means). */
interface ReadPlan {
  /**
   * The keys a valid file uses for this read: "task:<id>", "dataset:<id>", "method:<id>",
   * "paper:<id>", "area:<id>", "parent:<task>", "variant:<dataset>", "board:<task>/<dataset>",
   * "arxiv:<id>", "title:<hash of the normalised title>".
   */
  uses?(ref: FileRef, data: Record<string, unknown>, use: (prefix: string, value: unknown) => void): void;
  /** Adds the files whose findings may differ because the file at `change.path` changed. */
  affected?(ref: FileRef, change: Change, scope: ChangeScope): void;
  /** Adds what a partial run must load to judge `ref`, a planned valid file that uses `uses`. */
  around?(ref: FileRef, uses: readonly string[], into: Around): void;
  /** Adds what a partial run must load whatever is planned. */
  always?(into: Around): void;
  /** The kinds this read needs stand-ins of, with the fields it reads of them besides the required ones. */
  standIn?: Partial<Record<StandInKind, readonly string[]>>;
}

/** What `affected` may ask and add to the plan. */
interface ChangeScope {
  index: DependencyIndex;
  /** The files using the key now or, among the changed files, before the change. */
  usersOf(key: string): readonly string[];
  add(paths: Iterable<string>): void;
  /** Adds every file whose chain of `linkPrefix` links ("parent:") reaches `id`. */
  addDescendants(linkPrefix: string, id: string): void;
  /** Adds the files with a reference to a missing id of the kind (once per kind). */
  addDangling(kind: EntityKind): void;
}

/** What `around` may ask and add to the neighbourhood (see Neighbourhood). */
interface Around {
  index: DependencyIndex;
  /** Adds the valid ones among `paths` (the others are not in the Repository). */
  full(paths: Iterable<string>): void;
  /** Adds the valid ones among `paths`. */
  entities(paths: Iterable<string>): void;
  present(paths: Iterable<string>): void;
  allOf(kind: EntityKind): void;
}

const isResult = (path: string) => path.startsWith('data/results/');

/** Keys naming an entity (link keys), with the kind each names. */
function* linkKeys(uses: readonly string[]): Generator<{ kind: EntityKind; entity: string }> {
  for (const key of uses) {
    const colon = key.indexOf(':');
    const kind = linkKind(key.slice(0, colon));
    if (kind) yield { kind, entity: `${kind}:${key.slice(colon + 1)}` };
  }
}

/** The files that define the papers the keys name (papers have no stand-in: they are loaded in full). */
function namedPapers(uses: readonly string[], index: DependencyIndex): string[] {
  return uses.filter((key) => key.startsWith('paper:')).flatMap((key) => index.definers(key));
}

/** Every id a file names, as link keys (references and their tips share them). */
function referenceUses(ref: FileRef, d: Record<string, unknown>, use: (prefix: string, value: unknown) => void): void {
  switch (ref.kind) {
    case 'task':
      use('parent', d.parent);
      break;
    case 'dataset':
      use('paper', d.introduced_by);
      use('variant', d.variant_of);
      for (const b of (d.benchmarks as { task: string }[] | undefined) ?? []) use('task', b.task);
      break;
    case 'method':
      use('paper', d.introduced_by);
      break;
    case 'paper':
      use('task', d.tasks);
      use('method', d.methods);
      use('dataset', d.datasets);
      break;
    case 'result':
      use('task', ref.task);
      use('dataset', ref.dataset);
      use('paper', ref.paper);
      break;
  }
}

/** The planner's part of each read kind. A Record, so a read kind without one does not compile. */
const READ_PLANS: Record<CrossFileRead, ReadPlan> = {
  references: {
    uses: referenceUses,
    // The files naming a changed entity, by any link to it.
    affected(ref, _change, scope) {
      if (ref.kind === 'areas' || ref.kind === 'result') return;
      for (const prefix of linkPrefixes(entityKindOf(ref.kind))) scope.add(scope.usersOf(`${prefix}${ref.id}`));
    },
    // The named files as present (valid or not: an invalid one is not reported again); papers in full.
    around(_ref, uses, into) {
      for (const { entity } of linkKeys(uses)) into.present(into.index.definers(entity));
      into.full(namedPapers(uses, into.index));
    },
  },
  'id-tips': {
    uses: referenceUses,
    // Tips list every valid id of a kind: they change when a file of the kind gains or loses validity.
    affected(ref, change, scope) {
      if (ref.kind === 'areas' || ref.kind === 'result') return;
      if ((change.before?.valid ?? false) !== (change.after?.valid ?? false)) scope.addDangling(entityKindOf(ref.kind));
    },
    around(_ref, uses, into) {
      for (const { kind, entity } of linkKeys(uses)) if (!into.index.definers(entity).some((p) => into.index.isValid(p))) into.allOf(kind);
    },
    standIn: { task: [], dataset: [], method: [] },
  },
  areas: {
    uses(ref, d, use) {
      if (ref.kind === 'task') use('area', d.area);
    },
    affected(ref, _change, scope) {
      if (ref.kind === 'areas') scope.add(scope.index.pathsUnder('data/tasks/'));
    },
    always(into) {
      if (!into.index.exists(AREAS_PATH)) return;
      into.present([AREAS_PATH]);
      into.full([AREAS_PATH]);
    },
  },
  'parent-chains': {
    uses(ref, d, use) {
      if (ref.kind === 'task') use('parent', d.parent);
      if (ref.kind === 'dataset') use('variant', d.variant_of);
    },
    affected(ref, _change, scope) {
      if (ref.kind === 'task') scope.addDescendants('parent:', ref.id);
      if (ref.kind === 'dataset') scope.addDescendants('variant:', ref.id);
    },
    // A planned task or dataset in a loop comes with every file whose chain reaches the loop
    // (`affected` plans all descendants of a change), so no file needs loading for it.
    standIn: { task: ['parent'], dataset: ['variant_of'] },
  },
  leaderboard: {
    uses(ref, _d, use) {
      if (ref.kind !== 'result') return;
      use('board', `${ref.task}/${ref.dataset}`);
      use('task', ref.task);
      use('dataset', ref.dataset);
      use('paper', ref.paper);
    },
    // A result re-checks its board; a dataset (its benchmark) or a task, the results on it.
    affected(ref, _change, scope) {
      if (ref.kind === 'result') scope.add(scope.usersOf(`board:${ref.task}/${ref.dataset}`));
      if (ref.kind === 'task' || ref.kind === 'dataset') scope.add(scope.usersOf(`${ref.kind}:${ref.id}`).filter(isResult));
    },
    // The whole board with the papers that date its rows (they order tied rows), the dataset and the task.
    around(ref, _uses, into) {
      if (ref.kind !== 'result') return;
      const board = into.index.users(`board:${ref.task}/${ref.dataset}`);
      into.full(board);
      for (const row of board) into.full(namedPapers(into.index.uses(row), into.index));
      into.full(into.index.definers(`dataset:${ref.dataset}`));
      into.entities(into.index.definers(`task:${ref.task}`));
    },
    standIn: { task: [] },
  },
  'paper-dates': {
    uses(ref, d, use) {
      if (ref.kind === 'dataset') use('paper', d.introduced_by);
      if (ref.kind === 'result') {
        use('paper', ref.paper);
        use('dataset', ref.dataset);
      }
    },
    // A paper dates its results and the datasets it introduced, so their results; a dataset's own date, its results.
    affected(ref, _change, scope) {
      if (ref.kind === 'dataset') scope.add(scope.usersOf(`dataset:${ref.id}`).filter(isResult));
      if (ref.kind !== 'paper') return;
      for (const user of scope.usersOf(`paper:${ref.id}`)) {
        if (isResult(user)) scope.add([user]);
        const userRef = classifyPath(user);
        if (!isPathProblem(userRef) && userRef.kind === 'dataset') scope.add(scope.usersOf(`dataset:${userRef.id}`).filter(isResult));
      }
    },
    // The result's paper, its dataset and the paper that introduced the dataset.
    around(ref, uses, into) {
      if (ref.kind !== 'result') return;
      into.full(namedPapers(uses, into.index));
      const datasets = into.index.definers(`dataset:${ref.dataset}`).filter((p) => into.index.isValid(p));
      into.full(datasets);
      for (const dataset of datasets) into.full(namedPapers(into.index.uses(dataset), into.index));
    },
  },
  'paper-identities': {
    uses(ref, d, use) {
      if (ref.kind !== 'paper') return;
      use('arxiv', d.arxiv);
      // A hash keeps the index small; two titles sharing one only make the plan larger.
      const title = typeof d.title === 'string' ? normaliseName(d.title) : '';
      if (title) use('title', createHash('sha1').update(title).digest('base64url').slice(0, 12));
    },
    // The papers sharing its arXiv id or title, before the change and after.
    affected(_ref, change, scope) {
      for (const state of [change.before, change.after]) for (const key of state?.uses ?? []) if (isIdentity(key)) scope.add(scope.usersOf(key));
    },
    around(ref, uses, into) {
      if (ref.kind === 'paper') for (const key of uses) if (isIdentity(key)) into.full(into.index.users(key));
    },
  },
  'publication-ids': {
    // Every file defining the same id, before the change (the file itself, gone) and after.
    affected(ref, _change, scope) {
      scope.add(publicationDefiners(ref, scope.index));
    },
    around(ref, _uses, into) {
      const definers = publicationDefiners(ref, into.index);
      into.present(definers);
      into.full(definers);
    },
  },
  'pwc-slugs': {
    uses(ref, d, use) {
      if (isSlugHolder(ref) && typeof d.pwc_slug === 'string') use('pwc', `${ref.kind}/${d.pwc_slug}`);
    },
    // The entities claiming its slug before the change and after, and those whose slug is its id.
    affected(ref, change, scope) {
      if (!isSlugHolder(ref)) return;
      for (const state of [change.before, change.after]) for (const key of state?.uses ?? []) if (key.startsWith('pwc:')) scope.add(scope.usersOf(key));
      scope.add(scope.usersOf(`pwc:${ref.kind}/${ref.id}`));
    },
    // The other claimants, and the files defining the slug as an id (the message names their path).
    around(_ref, uses, into) {
      for (const key of uses) {
        if (!key.startsWith('pwc:')) continue;
        into.full(into.index.users(key));
        const definers = into.index.definers(key.slice('pwc:'.length).replace('/', ':'));
        into.present(definers);
        into.full(definers);
      }
    },
    standIn: { task: ['pwc_slug'], dataset: ['pwc_slug'], method: ['pwc_slug'] },
  },
};

/** The kinds of file that may record a Papers With Code slug (a source has no page there). */
function isSlugHolder(ref: FileRef): ref is Extract<FileRef, { kind: EntityKind }> {
  return ref.kind === 'task' || ref.kind === 'dataset' || ref.kind === 'method' || ref.kind === 'paper';
}

/** The other files defining a paper's or source's id (several years of a paper, or a source). */
function publicationDefiners(ref: FileRef, index: DependencyIndex): readonly string[] {
  return ref.kind === 'paper' || ref.kind === 'source' ? index.definers(`paper:${ref.id}`) : [];
}

function isIdentity(key: string): boolean {
  return key.startsWith('arxiv:') || key.startsWith('title:');
}

/** The planner for a set of reads (the catalogue's: `readsOf(rules)` in rule.ts). */
export interface Planner {
  readonly reads: ReadonlySet<CrossFileRead>;
  /**
   * What one file uses of others, as keys (see ReadPlan.uses), sorted. Only schema-valid files use
   * anything (others are not in the Repository).
   */
  usesOf(file: ValidFile): string[];
  /**
   * The stand-in of a task, dataset or method: the fields the reads in force need of an entity they
   * are not judging. A partial run puts stand-ins in the Repository for the entities it does not
   * load in full, so ids, tips and chains come out as in a full run. Undefined for the others.
   */
  stubOf(file: ValidFile): Record<string, unknown> | undefined;
  /**
   * The files to check after `changes`, sorted: the changed files that exist now and every file
   * whose findings can differ because of them. `changes` must list every path whose content differs
   * between the two states; the index describes the state after.
   */
  planCheck(changes: readonly Change[], index: DependencyIndex): string[];
  /** The neighbourhood of a plan: what the repository rules read to judge the planned files. */
  neighbourhood(plan: readonly string[], index: DependencyIndex): Neighbourhood;
}

export function plannerFor(reads: Iterable<CrossFileRead>): Planner {
  const inForce = new Set(reads);
  const plans = [...inForce].sort().map((read) => READ_PLANS[read]);
  const standInFields = new Map<StandInKind, string[]>();
  for (const plan of plans) {
    for (const [kind, extra] of Object.entries(plan.standIn ?? {}) as [StandInKind, readonly string[]][]) {
      standInFields.set(kind, [...new Set([...(standInFields.get(kind) ?? STAND_IN_REQUIRED[kind]), ...extra])]);
    }
  }
  return {
    reads: inForce,
    usesOf(file) {
      const out: string[] = [];
      const use = (prefix: string, value: unknown) => {
        if (Array.isArray(value)) for (const v of value) out.push(`${prefix}:${v}`);
        else if (typeof value === 'string') out.push(`${prefix}:${value}`);
      };
      const data = file.data as Record<string, unknown>;
      for (const plan of plans) plan.uses?.(file.ref, data, use);
      return [...new Set(out)].sort();
    },
    stubOf(file) {
      const fields = file.ref.kind === 'task' || file.ref.kind === 'dataset' || file.ref.kind === 'method' ? standInFields.get(file.ref.kind) : undefined;
      if (!fields) return undefined;
      const d = file.data as Record<string, unknown>;
      const stub: Record<string, unknown> = {};
      for (const field of fields) if (d[field] !== undefined) stub[field] = d[field];
      return stub;
    },
    planCheck: (changes, index) => planCheck(plans, changes, index),
    neighbourhood: (plan, index) => neighbourhood(plans, plan, index),
  };
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

/** The entity a path defines ("task:<id>", ...; a source "paper:<id>"), or undefined for areas, results and misplaced files. */
export function entityKey(ref: FileRef): string | undefined {
  if (ref.kind === 'source') return `paper:${ref.id}`;
  return ref.kind === 'task' || ref.kind === 'dataset' || ref.kind === 'method' || ref.kind === 'paper' ? `${ref.kind}:${ref.id}` : undefined;
}

function planCheck(plans: readonly ReadPlan[], changes: readonly Change[], index: DependencyIndex): string[] {
  // Edges that existed only before the change still carry dependencies (a loop that is now broken).
  const formerUsers = new Map<string, string[]>();
  for (const c of changes) for (const key of c.before?.uses ?? []) push(formerUsers, key, c.path);
  const out = new Set<string>();
  const dangling = new Set<EntityKind>();
  const scope: ChangeScope = {
    index,
    usersOf: (key) => {
      const former = formerUsers.get(key);
      return former ? [...index.users(key), ...former] : index.users(key);
    },
    add(paths) {
      for (const p of paths) out.add(p);
    },
    addDescendants(linkPrefix, id) {
      const seen = new Set<string>([id]);
      const stack = [id];
      while (stack.length > 0) {
        for (const child of scope.usersOf(`${linkPrefix}${stack.pop()}`)) {
          out.add(child);
          const ref = classifyPath(child);
          if (!isPathProblem(ref) && 'id' in ref && !seen.has(ref.id)) {
            seen.add(ref.id);
            stack.push(ref.id);
          }
        }
      }
    },
    addDangling(kind) {
      dangling.add(kind);
    },
  };
  for (const c of changes) {
    out.add(c.path);
    const ref = classifyPath(c.path);
    if (isPathProblem(ref)) continue;
    for (const plan of plans) plan.affected?.(ref, c, scope);
  }
  // After the changes, once per kind: the index's answer scans every file.
  for (const kind of dangling) scope.add(index.danglingUsers(kind));
  return [...out].filter((p) => index.exists(p)).sort();
}

/** The index, with the answers to `definers` and `users` kept: several reads ask about the same files. */
function remembering(index: DependencyIndex): DependencyIndex {
  const definers = new Map<string, readonly string[]>();
  const users = new Map<string, readonly string[]>();
  const kept = (answers: Map<string, readonly string[]>, key: string, ask: (key: string) => readonly string[]) => {
    let answer = answers.get(key);
    if (!answer) answers.set(key, (answer = ask(key)));
    return answer;
  };
  return {
    exists: (path) => index.exists(path),
    isValid: (path) => index.isValid(path),
    uses: (path) => index.uses(path),
    users: (key) => kept(users, key, (k) => index.users(k)),
    definers: (entity) => kept(definers, entity, (e) => index.definers(e)),
    danglingUsers: (kind) => index.danglingUsers(kind),
    pathsUnder: (prefix) => index.pathsUnder(prefix),
  };
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

function neighbourhood(plans: readonly ReadPlan[], plan: readonly string[], cached: DependencyIndex): Neighbourhood {
  const index = remembering(cached);
  const full = new Set<string>();
  const entities = new Set<string>();
  const present = new Set<string>();
  const allOf = new Set<EntityKind>();
  const addValid = (into: Set<string>) => (paths: Iterable<string>) => {
    for (const p of paths) if (index.isValid(p)) into.add(p);
  };
  const around: Around = {
    index,
    full: addValid(full),
    entities: addValid(entities),
    present(paths) {
      for (const p of paths) present.add(p);
    },
    allOf(kind) {
      allOf.add(kind);
    },
  };
  for (const p of plans) p.always?.(around);
  for (const path of plan) {
    if (!index.isValid(path)) continue;
    full.add(path);
    const ref = classifyPath(path);
    if (isPathProblem(ref)) continue;
    const uses = index.uses(path);
    for (const p of plans) p.around?.(ref, uses, around);
  }
  return { full: [...full].sort(), entities: [...entities].filter((p) => !full.has(p)).sort(), allOf: [...allOf].sort(), present: [...present].sort() };
}

function linkPrefixes(kind: EntityKind): string[] {
  return kind === 'task' ? ['task:', 'parent:'] : kind === 'dataset' ? ['dataset:', 'variant:'] : [`${kind}:`];
}

/** The kind of entity a key's prefix names ("parent" a task, "variant" a dataset), or undefined ("board", "arxiv", ...). */
export function linkKind(prefix: string): EntityKind | undefined {
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
