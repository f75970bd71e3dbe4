// `pwc bundle` after a change: the data is cut into units (a data file; or the result files of one
// leaderboard folder with its dataset file, as ranks depend on every row of a leaderboard), each
// with a key from the content of the files it reads (git's blob ids). A unit whose key the cache
// holds keeps its encoded lines, already checked against the public schema; only the others are
// built (from the few files they read) and checked. The built lines are merged into the kept ones
// (already in order), the guarantees checked on what changed, and gzip compresses only the pieces
// whose bytes are new. The result is byte for byte what bundleFromRepository makes
// (incremental.test.ts proves it).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blobId, indexBlobIds, worktreeStatus, type StatusEntry } from '../git/worktree.ts';
import { classifyPath, datasetPath, isPathProblem, sourcePath } from '../model/paths.ts';
import type { Repository } from '../model/repository.ts';
import { bundleFiles, DATA_GZ_NAME, type BuiltBundle } from './build.ts';
import { bundleToolsKey, loadBundleCache, writeBundleCache, type BundleCache } from './cache.ts';
import {
  areaEntities,
  benchmarkEntities,
  BundleError,
  bundleMeta,
  compareIds,
  dataProblems,
  datasetEntity,
  methodEntity,
  paperEntity,
  referenceProblems,
  resultEntities,
  resultRanks,
  sourceEntity,
  taskEntity,
  type BundleSource,
  type KnownIds,
  type ResultRanks,
} from './contents.ts';
import { assembleData, fragmentOf, type Fragment } from './encode.ts';
import { FLAT_CSV_GZ_NAME, flatTable } from './flat.ts';
import { GIT_OPTIONS } from './git-source.ts';
import { readRepositoryStrict } from './load.ts';
import type { PieceStore } from './gzip.ts';
import { ENTITY_KINDS, type BundleData, type EntityCounts, type EntityKind } from './schema.ts';
import { bundleDataProblems, entityProblems } from './validate.ts';

export interface IncrementalOptions {
  root: string;
  /** Every data file (relative POSIX paths), all valid: what the validator checked. */
  paths: readonly string[];
  source: BundleSource;
  /** git's status of data/ and the blob ids of its index (readGitState gives them with the source); asked of git when left out. */
  status?: readonly StatusEntry[];
  blobs?: ReadonlyMap<string, string>;
  /** Every valid entity: used instead of reading files when many units must be built (a cold build). */
  repository: () => Repository;
  /** Use and update .pwc-cache/bundle (default true). */
  cache?: boolean;
  /** Above this many files to read, the units are built from `repository` instead (default READ_LIMIT). */
  readLimit?: number;
}

/** What the build reused and did (for the bench and for tests). */
export interface IncrementalStats {
  units: number;
  /** Units built now (their key was not in the cache). */
  built: number;
  /** Files read to build them (0 when the repository was used). */
  filesRead: number;
  pieces: number;
  /** gzip pieces compressed now. */
  compressed: number;
  /** The same for pwc-results.csv.gz. */
  flatPieces: number;
  flatCompressed: number;
}

/** A unit: the files it reads (a leaderboard folder's dataset file first) and the key of their contents. */
interface Unit {
  id: string;
  reads: string[];
  key: string;
}

/** PWC_TRACE=1 prints the time of each phase to stderr (for the benchmark and for profiling). */
const tracing = process.env.PWC_TRACE === '1';
const traceStart = performance.now();
function trace(phase: string): void {
  if (tracing) process.stderr.write(`[bundle] ${((performance.now() - traceStart) / 1000).toFixed(3)} s ${phase}\n`);
}

/** Above this many files to read, the validator's repository is cheaper than reading them. */
const READ_LIMIT = 3000;

/** The unit of each data file: the file itself, or "results <task>/<dataset>" for a result file. */
function unitIdOf(path: string): string | undefined {
  const ref = classifyPath(path);
  if (isPathProblem(ref)) return undefined;
  return ref.kind === 'result' ? `results ${ref.task}/${ref.dataset}` : path;
}

/** git's blob id of each path: from the index where the working-tree file matches it, else from the file's bytes. */
async function contentIds(root: string, paths: readonly string[], inGit: boolean, known: Pick<IncrementalOptions, 'status' | 'blobs'>): Promise<Map<string, string>> {
  const [index, entries] = inGit
    ? await Promise.all([known.blobs ?? indexBlobIds(root, 'data', GIT_OPTIONS), known.status ?? worktreeStatus(root, 'data', GIT_OPTIONS)])
    : [new Map<string, string>(), [] as readonly StatusEntry[]];
  const differs = new Set(entries.filter((e) => e.worktree).map((e) => e.path));
  const ids = new Map<string, string>();
  for (const path of paths) {
    const indexed = differs.has(path) ? undefined : index.get(path);
    ids.set(path, indexed ?? blobId(readFileSync(join(root, path))));
  }
  return ids;
}

function unitsOf(paths: readonly string[], ids: ReadonlyMap<string, string>): Unit[] {
  const reads = new Map<string, string[]>();
  for (const path of paths) {
    const id = unitIdOf(path);
    if (id === undefined) continue;
    const list = reads.get(id);
    if (list) list.push(path);
    else reads.set(id, [path]);
  }
  const units: Unit[] = [];
  for (const [id, files] of reads) {
    if (!id.startsWith('results ')) {
      // A file alone: its blob id is its key (a hash per file would cost more than the rest of keying).
      units.push({ id, reads: files, key: ids.get(id)! });
      continue;
    }
    // The dataset file declares the benchmark whose primary metric ranks the rows.
    const dataset = datasetPath(id.slice('results '.length).split('/')[1]);
    // A source file says its results name a source, not a paper (resultEntities).
    for (const source of sourcesOf(files)) if (ids.has(source)) files.push(source);
    if (ids.has(dataset)) files.unshift(dataset);
    const hash = createHash('sha1');
    for (const path of files) hash.update(`${path}\0${ids.get(path)}\n`);
    units.push({ id, reads: files, key: hash.digest('hex') });
  }
  return units;
}

/** The source files (data/sources/) that the result files' ids could name. */
function sourcesOf(results: readonly string[]): string[] {
  return results.flatMap((path) => {
    const ref = classifyPath(path);
    return isPathProblem(ref) || ref.kind !== 'result' ? [] : [sourcePath(ref.paper)];
  });
}

/** The entities of a unit, from a repository that holds every file it reads. */
function entitiesOf(unit: Unit, repo: Repository, ranks: () => ResultRanks): [EntityKind, { id: string }][] {
  const out: [EntityKind, { id: string }][] = [];
  const missing = (path: string) => new BundleError([`${path} is not a valid data file (run \`pwc validate\` to see why)`]);
  if (unit.id.startsWith('results ')) {
    for (const path of unit.reads) {
      const ref = classifyPath(path);
      if (isPathProblem(ref) || ref.kind !== 'result') continue;
      const set = repo.results.get(ref.id);
      if (!set) throw missing(path);
      for (const row of resultEntities(set, ranks(), repo)) out.push(['results', row]);
    }
    return out;
  }
  const ref = classifyPath(unit.id);
  if (isPathProblem(ref)) return out;
  const find = <T>(map: Map<string, T>, id: string): T => {
    const found = map.get(id);
    if (!found) throw missing(unit.id);
    return found;
  };
  switch (ref.kind) {
    case 'areas':
      for (const area of areaEntities(repo)) out.push(['areas', area]);
      break;
    case 'task':
      out.push(['tasks', taskEntity(find(repo.tasks, ref.id))]);
      break;
    case 'dataset': {
      const dataset = find(repo.datasets, ref.id);
      out.push(['datasets', datasetEntity(dataset)]);
      for (const benchmark of benchmarkEntities(dataset)) out.push(['benchmarks', benchmark]);
      break;
    }
    case 'method':
      out.push(['methods', methodEntity(find(repo.methods, ref.id))]);
      break;
    case 'paper':
      out.push(['papers', paperEntity(find(repo.papers, ref.id))]);
      break;
    case 'source':
      out.push(['sources', sourceEntity(find(repo.sources, ref.id))]);
      break;
  }
  return out;
}

/** One entity on its way into the file: its unit, its line and, when built now, the entity itself. */
interface Line {
  unit: string;
  fragment: Fragment;
  entity?: { id: string };
}

/** The bundle of the data, rebuilding only the units whose files changed since the cached build. */
export async function buildBundleIncrementally(options: IncrementalOptions): Promise<BuiltBundle & { stats: IncrementalStats }> {
  const { root, source } = options;
  const useCache = options.cache !== false;
  const tools = bundleToolsKey();
  trace('started');
  const cache = useCache ? loadBundleCache(root, tools) : undefined;
  trace(cache ? `loaded the cache (${cache.units.length} units)` : 'no usable cache');
  const ids = await contentIds(root, options.paths, source.commit !== null, options);
  const units = unitsOf(options.paths, ids);
  trace(`keyed ${units.length} units`);

  // Units whose key the cache holds keep their lines; the others are built.
  const cachedAt = new Map(cache?.units.map((id, i) => [id, i]));
  const kept = new Uint8Array(cache?.units.length ?? 0);
  const toBuild: Unit[] = [];
  for (const unit of units) {
    const i = cachedAt.get(unit.id);
    if (i !== undefined && cache!.keys[i] === unit.key) kept[i] = 1;
    else toBuild.push(unit);
  }
  trace(`${toBuild.length} units to build`);

  const reads = [...new Set(toBuild.flatMap((u) => u.reads))];
  const fromFiles = reads.length <= (options.readLimit ?? READ_LIMIT);
  const repo = toBuild.length === 0 ? undefined : fromFiles ? await readRepositoryStrict(root, reads) : options.repository();
  let ranks: ResultRanks | undefined;
  const built = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, [] as Line[]])) as Record<EntityKind, Line[]>;
  const problems: string[] = [];
  for (const unit of toBuild) {
    for (const [kind, entity] of entitiesOf(unit, repo!, () => (ranks ??= resultRanks(repo!)))) {
      for (const p of entityProblems(kind, entity)) problems.push(`/${kind} ${entity.id}: ${p}`);
      built[kind].push({ unit: unit.id, fragment: fragmentOf(entity), entity });
    }
  }
  if (problems.length > 0) throw new Error(`the bundle does not conform to its public schema (a bug in tools/bundle):\n  ${problems.slice(0, 20).join('\n  ')}`);
  trace(`built them${fromFiles ? ` from ${reads.length} files` : ' from the repository'}`);

  // The kept lines are in order already (the cache lists them as the last file did): the built ones are merged in.
  const lists = {} as Record<EntityKind, Line[]>;
  const dropped = {} as Record<EntityKind, string[]>;
  let at = 0;
  ENTITY_KINDS.forEach((kind, k) => {
    const keptLines: Line[] = [];
    dropped[kind] = [];
    for (const end = at + (cache?.counts[k] ?? 0); at < end; at++) {
      const i = cache!.unit[at];
      if (kept[i]) keptLines.push({ unit: cache!.units[i], fragment: { id: cache!.ids[at], bytes: cache!.fragments.subarray(cache!.offsets[at], cache!.offsets[at] + cache!.lengths[at]) } });
      else dropped[kind].push(cache!.ids[at]);
    }
    lists[kind] = merge(keptLines, built[kind].sort((a, b) => compareIds(a.fragment, b.fragment)));
  });
  trace('merged');

  const meta = bundleMeta(source);
  const broken = guaranteeProblems(lists, built, dropped);
  if (broken.length > 0) throw new BundleError(broken);
  const envelope = bundleDataProblems({ meta, ...Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, []])) });
  if (envelope.length > 0) throw new Error(`the bundle does not conform to its public schema (a bug in tools/bundle):\n  ${envelope.join('\n  ')}`);
  trace('checked the guarantees');

  const encoded = assembleData(meta, Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, lists[kind].map((l) => l.fragment)])) as Record<EntityKind, Fragment[]>);
  trace('assembled');
  // gzip's pieces of pwc-data.json.gz and of pwc-results.csv.gz, each found in the same file of the last build.
  const pieces = pieceStore(cache && { keys: cache.pieceKeys, offsets: cache.pieceOffsets, lengths: cache.pieceLengths, bytes: cache.pieces });
  const flatPieces = pieceStore(cache && { keys: cache.flatPieceKeys, offsets: cache.flatPieceOffsets, lengths: cache.flatPieceLengths, bytes: cache.flatPieces });
  const counts = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, lists[kind].length])) as EntityCounts;
  const table = flatTable({ results: entitiesIn(lists.results), benchmarks: entitiesIn(lists.benchmarks), papers: paperDatesIn(lists.papers) });
  trace(`flat table (${table.length} values)`);
  const bundle = await bundleFiles(meta, encoded, counts, table, { data: pieces.store, flat: flatPieces.store });
  trace(`gzip, the flat tables and manifest (${pieces.compressed} of ${pieces.used} pieces compressed; CSV: ${flatPieces.compressed} of ${flatPieces.used})`);

  if (useCache && (toBuild.length > 0 || pieces.compressed > 0 || flatPieces.compressed > 0 || !cache || cache.units.length !== units.length)) {
    const gz = (name: string) => bundle.files.find((f) => f.name === name)!.bytes;
    const data = pieces.stored();
    const flat = flatPieces.stored();
    writeBundleCache(root, tools, {
      ...cacheOf(units, lists, encoded.offsets, encoded.json),
      ...{ pieceKeys: data.keys, pieceOffsets: data.offsets, pieceLengths: data.lengths, pieces: gz(DATA_GZ_NAME) },
      ...{ flatPieceKeys: flat.keys, flatPieceOffsets: flat.offsets, flatPieceLengths: flat.lengths, flatPieces: gz(FLAT_CSV_GZ_NAME) },
    });
    trace('wrote the cache');
  }
  const stats = { units: units.length, built: toBuild.length, filesRead: fromFiles ? reads.length : 0, pieces: pieces.used, compressed: pieces.compressed, flatPieces: flatPieces.used, flatCompressed: flatPieces.compressed };
  return { ...bundle, stats };
}

const utf8 = new TextDecoder();

/** The entities of lines, in order: built now, or parsed from their kept line one at a time. */
function* entitiesIn<T>(lines: readonly Line[]): Generator<T> {
  for (const line of lines) yield (line.entity ?? JSON.parse(utf8.decode(line.fragment.bytes))) as T;
}

const DATE_KEY = Buffer.from(',"date":"');

/**
 * The id and date of each paper, read from its kept line without parsing it (the flat table needs
 * nothing else of 100,000 papers). Inside a JSON string every quote is escaped, so `,"date":"` with
 * bare quotes is the key itself; a date holds no escapes.
 */
function* paperDatesIn(lines: readonly Line[]): Generator<{ id: string; date: string }> {
  for (const line of lines) {
    if (line.entity) {
      yield line.entity as { id: string; date: string };
      continue;
    }
    const bytes = line.fragment.bytes as Buffer;
    const start = bytes.indexOf(DATE_KEY) + DATE_KEY.length;
    yield { id: line.fragment.id, date: bytes.toString('latin1', start, bytes.indexOf(0x22, start)) };
  }
}

/** Two lists sorted by id, merged. */
function merge(a: Line[], b: Line[]): Line[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compareIds(a[i].fragment, b[j].fragment) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/**
 * The bundle's guarantees (unique ids, no dangling reference), checked on what changed: the kept
 * lines passed them in the build that cached them, so they still hold when no id they could name
 * is gone, and only the built entities' references need looking up. Otherwise, or when anything is
 * wrong, every line is parsed and checked as the whole-repository path does (same messages).
 */
function guaranteeProblems(lists: Record<EntityKind, Line[]>, built: Record<EntityKind, Line[]>, dropped: Record<EntityKind, string[]>): string[] {
  const known = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, new Set(lists[kind].map((l) => l.fragment.id))])) as Record<EntityKind, Set<string>>;
  const unique = ENTITY_KINDS.every((kind) => known[kind].size === lists[kind].length);
  const nothingGone = ENTITY_KINDS.every((kind) => dropped[kind].every((id) => known[kind].has(id)));
  if (unique && nothingGone) {
    const entities = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, built[kind].map((l) => l.entity!)])) as unknown as BundleData;
    if (referenceProblems(entities, known as KnownIds).length === 0) return [];
  }
  const whole = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, lists[kind].map((l) => l.entity ?? JSON.parse(Buffer.from(l.fragment.bytes).toString('utf8')))])) as unknown as BundleData;
  return dataProblems(whole);
}

/** The next cache's units and entities: where each line sits in the new pwc-data.json. */
function cacheOf(units: readonly Unit[], lists: Record<EntityKind, Line[]>, offsets: Record<EntityKind, number[]>, json: Buffer): Omit<BundleCache, 'pieceKeys' | 'pieceOffsets' | 'pieceLengths' | 'pieces' | 'flatPieceKeys' | 'flatPieceOffsets' | 'flatPieceLengths' | 'flatPieces'> {
  const indexOf = new Map(units.map((u, i) => [u.id, i]));
  const out = { units: units.map((u) => u.id), keys: units.map((u) => u.key), counts: [] as number[], unit: [] as number[], ids: [] as string[], offsets: [] as number[], lengths: [] as number[], fragments: json };
  for (const kind of ENTITY_KINDS) {
    out.counts.push(lists[kind].length);
    lists[kind].forEach((line, i) => {
      out.unit.push(indexOf.get(line.unit)!);
      out.ids.push(line.fragment.id);
      out.offsets.push(offsets[kind][i]);
      out.lengths.push(line.fragment.bytes.length);
    });
  }
  return out;
}

/** A .gz of the last build and where its pieces sit in it. */
interface LastPieces {
  keys: string[];
  offsets: number[];
  lengths: number[];
  bytes: Buffer;
}

/** gzip's pieces: found in the last .gz by their key, and where each lands in the new one. */
function pieceStore(last: LastPieces | undefined) {
  const found = new Map(last?.keys.map((key, i) => [key, i]));
  const stored = { keys: [] as string[], offsets: [] as number[], lengths: [] as number[] };
  const seen = new Set<string>();
  // The gzip header comes first: 10 bytes.
  let at = 10;
  let used = 0;
  let compressed = 0;
  const store: PieceStore = {
    get(key) {
      const i = found.get(key);
      return i === undefined ? undefined : last!.bytes.subarray(last!.offsets[i], last!.offsets[i] + last!.lengths[i]);
    },
    use(key, bytes) {
      used++;
      if (!found.has(key)) compressed++;
      if (!seen.has(key)) {
        seen.add(key);
        stored.keys.push(key);
        stored.offsets.push(at);
        stored.lengths.push(bytes.length);
      }
      at += bytes.length;
    },
  };
  return {
    store,
    stored: () => stored,
    get used() {
      return used;
    },
    get compressed() {
      return compressed;
    },
  };
}
