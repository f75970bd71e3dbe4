// The validation run: every data file checked alone (in worker threads when many, skipped when the
// cache knows its content), the Repository built from the valid ones, the repository rules run,
// and their reports located. With `changedSince`, only the planned files are checked (plan.ts).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AREAS_PATH, classifyPath, isPathProblem } from '../model/paths.ts';
import { buildRepository, listDataFiles, type Repository, type ValidFile } from '../model/repository.ts';
import { CACHE_DIR, loadCache, toolsKey, writeCache, type CacheBase, type CacheFile, type LoadedCache } from './cache.ts';
import { checkFile } from './check-file.ts';
import { checkRepository, locateReports } from './check-repository.ts';
import { compareFindings, type Finding } from './finding.ts';
import { EMPTY_INDEX, LayeredIndex, neighbourhood, planCheck, type Change, type FileState } from './plan.ts';
import { checkFilesInWorkers, defaultWorkerCount } from './worker-pool.ts';
import { checkBytes, checkFileOnDisk, type CheckedFile } from './worker-job.ts';
import { changedBetween, changedSince, contentsAt, headCommit, indexState, resolveCommit } from './worktree-changes.ts';

export interface ValidateOptions {
  root: string;
  /** Check only what changed since this git revision (working tree included) and what depends on it. */
  changedSince?: string;
  /** Use and update the cache in <root>/.pwc-cache (default true). */
  cache?: boolean;
  /** Worker threads for reading many files (default: the machine's parallelism; 1: this thread only). */
  workers?: number;
  /** Today as YYYY-MM-DD for date rules (default: the current UTC date). */
  today?: string;
}

export interface Validation {
  /** Sorted by file, line, column, rule. */
  findings: Finding[];
  /** The schema-valid entities (built on first access when the run did not need them). */
  repository: Repository;
  /** The files whose findings were computed (every data file, or the plan with changedSince). */
  checked: string[];
}

/** PWC_TRACE=1 prints the time of each phase to stderr (for the benchmark and for profiling). */
const tracing = process.env.PWC_TRACE === '1';
const traceStart = performance.now();
function trace(phase: string): void {
  if (tracing) process.stderr.write(`[validate] ${((performance.now() - traceStart) / 1000).toFixed(3)} s ${phase}\n`);
}

/** Below this many files to read, worker threads cost more to start than they save. */
const WORKER_THRESHOLD = 1500;
/** A file modified this close to the cache's writing may have changed within one mtime tick: hash it again. */
const RACY_MS = 2000;
/** When this many files may differ from the cache's base commit, ask git for a fresh base. */
const DIRTY_LIMIT = 5000;

/** One data file as this run knows it: unchanged since the cache (index `cached`) or read now (`fresh`). */
interface Known {
  path: string;
  cached?: number;
  fresh?: CheckedFile;
  /** Parsed valid data, once needed. */
  data?: unknown;
}

export async function validate(options: ValidateOptions): Promise<Validation> {
  // git looks at the working tree while this process loads the cache.
  const since = options.changedSince === undefined ? undefined : sinceRevision(options.root, options.changedSince);
  since?.catch(() => undefined);
  if (since) warmUp();
  trace('started');
  const run = new Run(options);
  if (since) run.cache?.prepare();
  try {
    return since === undefined ? await run.full() : await run.incremental(await since);
  } finally {
    run.cache?.close();
  }
}

class Run {
  readonly root: string;
  readonly today: string;
  readonly workers: number;
  readonly useCache: boolean;
  readonly tools: string;
  readonly cache?: LoadedCache;

  constructor(options: ValidateOptions) {
    this.root = options.root;
    this.today = options.today ?? new Date().toISOString().slice(0, 10);
    this.workers = options.workers ?? defaultWorkerCount();
    this.useCache = options.cache !== false;
    this.tools = toolsKey();
    this.cache = this.useCache ? loadCache(this.root, this.tools) : undefined;
    trace(this.cache ? `loaded the cache (${this.cache.size} files)` : 'no usable cache');
  }

  /** Every file: the full run. */
  async full(): Promise<Validation> {
    const paths = await listDataFiles(this.root);
    trace(`listed ${paths.length} files`);
    const known = await this.readAll(paths, true);
    trace(`read ${known.filter((k) => k.fresh && !k.fresh.same).length} files that changed`);

    const memoKey = this.memoKey(known);
    const memo = this.cache?.memo();
    let repoFindings: Finding[];
    let repository: Repository | undefined;
    if (memo && memo.key === memoKey) {
      repoFindings = memo.findings;
    } else {
      repository = this.repositoryOf(known);
      trace('built the repository');
      const reports = checkRepository(repository, { today: this.today, files: known.map((k) => k.path) });
      repoFindings = locateReports(reports, (path) => this.readText(path));
      trace('checked the repository');
    }
    const findings = [...known.flatMap((k) => this.findingsOf(k)), ...repoFindings].sort(compareFindings);

    if (this.useCache) {
      const changed = this.changedFromCache(known);
      if (changed.size > 0 || !memo || memo.key !== memoKey || known.some((k) => k.fresh?.same)) {
        const dirty = new Set([...(this.cache?.base?.dirty ?? []), ...changed]);
        const base =
          this.cache?.base && dirty.size <= DIRTY_LIMIT
            ? { commit: this.cache.base.commit, dirty: [...dirty].sort() }
            : ((await gitBase(this.root, this.hashesOf(known))) ?? null);
        this.write(known, base, { key: memoKey, findings: repoFindings });
        trace('wrote the cache');
      }
    }
    return this.result(findings, paths, known, repository);
  }

  /** Only what changed since a commit and what depends on it. */
  async incremental({ commit, paths: sinceRev }: { commit: string; paths: string[] }): Promise<Validation> {
    trace(`git: ${sinceRev.length} files changed since ${commit.slice(0, 12)}`);

    // Which files may differ from the cache: those changed since rev, and those the cache itself
    // does not hold at rev (its dirty files and what changed between its base commit and rev).
    let stale: Set<string> | undefined;
    const cache = this.cache;
    if (cache?.base) {
      try {
        stale = new Set([...sinceRev, ...cache.base.dirty, ...(await changedBetween(this.root, cache.base.commit, commit))]);
      } catch {
        stale = undefined; // the base commit is gone: read everything
      }
    }
    const readEverything = stale === undefined;
    const toRead = readEverything ? [...new Set([...(await listDataFiles(this.root)), ...(cache?.paths ?? [])])].sort() : [...stale!].sort();
    const fresh = await this.readAll(toRead, false);
    trace(`read ${fresh.length} files that may differ from the cache${readEverything ? ' (no usable cache: all)' : ''}`);
    const freshByPath = new Map(fresh.map((k) => [k.path, k]));
    const overlay = new Map<string, FileState | undefined>();
    for (const path of toRead) {
      const k = freshByPath.get(path);
      overlay.set(path, k ? this.stateOf(k) : undefined);
    }
    const base = cache && !readEverything ? cache.dependencyIndex() : EMPTY_INDEX;
    const index = new LayeredIndex(base, overlay);

    // The state at rev of each changed file.
    const before = await contentsAt(this.root, commit, sinceRev);
    const changes: Change[] = sinceRev.map((path) => {
      const bytes = before.get(path);
      const then = bytes === undefined ? undefined : checkBytes(path, bytes, bytes.length, 0);
      const k = freshByPath.get(path);
      return {
        path,
        before: then ? { valid: then.json !== undefined, uses: then.uses } : undefined,
        after: k ? this.stateOf(k) : undefined,
      };
    });
    const plan = planCheck(changes, index);
    const around = neighbourhood(plan, index);
    trace(`planned ${plan.length} files; loading ${around.full.length} in full${around.allPapers ? ' and every paper' : ''}`);

    // Each path of the current state, known from the overlay or the cache.
    const knownOf = (path: string): Known | undefined => {
      if (overlay.has(path)) return freshByPath.get(path);
      const i = cache?.indexOf(path);
      return i === undefined ? undefined : { path, cached: i };
    };
    const full = new Set(around.full);
    if (around.allPapers) for (const p of index.pathsUnder('data/papers/')) if (index.isValid(p)) full.add(p);
    const loaded = [...full].map(knownOf).filter((k): k is Known => k !== undefined);
    const valid: ValidFile[] = this.validFiles(loaded);
    // Stand-ins for every other valid task, dataset and method.
    if (cache && !readEverything) {
      for (const [i, stub] of cache.stubs()) {
        const path = cache.paths[i];
        if (!overlay.has(path) && !full.has(path)) valid.push({ ref: classifyPath(path) as ValidFile['ref'], data: stub });
      }
    }
    for (const k of fresh) if (k.fresh?.stub && !full.has(k.path) && this.stateOf(k).valid) valid.push({ ref: classifyPath(k.path) as ValidFile['ref'], data: k.fresh.stub });

    trace(`built the partial repository (${valid.length} entities)`);
    const planned = new Set(plan);
    const reports = checkRepository(buildRepository(valid), { today: this.today, files: around.present }).filter((r) => planned.has(r.file));
    const repoFindings = locateReports(reports, (path) => this.readText(path));
    const plannedKnown = plan.map(knownOf).filter((k): k is Known => k !== undefined);
    const findings = [...plannedKnown.flatMap((k) => this.findingsOf(k)), ...repoFindings].sort(compareFindings);
    trace('checked the planned files');

    if (readEverything && this.useCache) {
      const all = toRead.map((p) => freshByPath.get(p)).filter((k): k is Known => k !== undefined);
      this.write(all, (await gitBase(this.root, this.hashesOf(all))) ?? null, undefined);
    }
    const current = () => {
      const paths = new Set<string>();
      if (!readEverything && cache) for (const p of cache.paths) paths.add(p);
      for (const [p, state] of overlay) {
        if (state) paths.add(p);
        else paths.delete(p);
      }
      return [...paths].sort().map(knownOf).filter((k): k is Known => k !== undefined);
    };
    return this.result(findings, plan, undefined, undefined, current);
  }

  /**
   * Reads files that may have changed since the cache (all of `paths` when `trustStat` is false;
   * with it, files whose size and mtime match the cache are taken as they are). In worker threads
   * when there are many.
   */
  private async readAll(paths: readonly string[], trustStat: boolean): Promise<Known[]> {
    const cache = this.cache;
    const known: (Known | undefined)[] = new Array(paths.length);
    const toRead: number[] = [];
    const racy = cache ? cache.writtenAt - RACY_MS : 0;
    paths.forEach((path, i) => {
      const c = cache?.indexOf(path);
      if (c !== undefined && trustStat) {
        try {
          const st = statSync(join(this.root, path));
          if (st.isFile() && st.size === cache!.fileSize(c) && st.mtimeMs === cache!.mtimeMs(c) && st.mtimeMs < racy) {
            known[i] = { path, cached: c };
            return;
          }
        } catch {
          // gone: reading it says so
        }
      }
      toRead.push(i);
    });
    const expect = toRead.map((i) => {
      const c = cache?.indexOf(paths[i]);
      return c === undefined ? null : cache!.hash(c);
    });
    const slot = new Map(toRead.map((i) => [paths[i], i]));
    const onFile = (path: string, file: CheckedFile | null) => {
      if (!file) return;
      const i = slot.get(path)!;
      if (file.same) known[i] = { path, cached: cache!.indexOf(path), fresh: file };
      else known[i] = { path, fresh: file };
    };
    if (toRead.length >= WORKER_THRESHOLD && this.workers > 1) {
      await checkFilesInWorkers(this.root, toRead.map((i) => paths[i]), this.workers, onFile, expect);
    } else {
      toRead.forEach((i, j) => onFile(paths[i], checkFileOnDisk(this.root, paths[i], expect[j] ?? undefined) ?? null));
    }
    return known.filter((k): k is Known => k !== undefined);
  }

  /** The planner's view of a file now. */
  private stateOf(k: Known): FileState {
    if (k.fresh && !k.fresh.same) return { valid: k.fresh.json !== undefined, uses: k.fresh.uses };
    return { valid: this.cache!.isValid(k.cached!), uses: this.cache!.usesOf(k.cached!) };
  }

  private findingsOf(k: Known): Finding[] {
    if (k.fresh && !k.fresh.same) return k.fresh.findings;
    return this.cache!.findings(k.cached!);
  }

  private isValid(k: Known): boolean {
    return this.stateOf(k).valid;
  }

  /** The valid files among `known`, with their data (from the pack, or read again if it fails). */
  private validFiles(known: readonly Known[]): ValidFile[] {
    const fromCache = known.filter((k) => k.data === undefined && !(k.fresh && !k.fresh.same) && this.isValid(k));
    const records = fromCache.length > 0 ? this.cache!.records(fromCache.map((k) => k.cached!)) : new Map<number, unknown>();
    const out: ValidFile[] = [];
    for (const k of known) {
      if (!this.isValid(k)) continue;
      if (k.data === undefined) {
        if (k.fresh && !k.fresh.same) k.data = JSON.parse(k.fresh.json!);
        else k.data = records.get(k.cached!) ?? this.reread(k);
      }
      if (k.data === undefined) continue;
      const ref = classifyPath(k.path);
      if (!isPathProblem(ref)) out.push({ ref, data: k.data });
    }
    return out;
  }

  /** The pack failed to give a record: the file itself is read and checked again. */
  private reread(k: Known): unknown {
    const file = checkFileOnDisk(this.root, k.path);
    return file?.json === undefined ? undefined : JSON.parse(file.json);
  }

  private repositoryOf(known: readonly Known[]): Repository {
    return buildRepository(this.validFiles(known));
  }

  private readText(path: string): string | undefined {
    try {
      return readFileSync(join(this.root, path), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The exact set of file contents (with the tools and the date) that decides the repository findings. */
  private memoKey(known: readonly Known[]): string {
    const hash = createHash('sha1').update(`${this.tools}\n${this.today}\n`);
    for (const k of known) hash.update(`${k.path}\0${k.fresh?.hash ?? this.cache!.hash(k.cached!)}\n`);
    return hash.digest('hex');
  }

  private hashesOf(known: readonly Known[]): Map<string, string> {
    return new Map(known.map((k) => [k.path, k.fresh?.hash ?? this.cache!.hash(k.cached!)]));
  }

  /** Paths whose content differs from the cache's (changed, added or removed). */
  private changedFromCache(known: readonly Known[]): Set<string> {
    const out = new Set<string>();
    const present = new Set<string>();
    for (const k of known) {
      present.add(k.path);
      if (k.fresh && !k.fresh.same) out.add(k.path);
    }
    for (const p of this.cache?.paths ?? []) if (!present.has(p)) out.add(p);
    return out;
  }

  private write(known: readonly Known[], base: CacheBase | null, memo: { key: string; findings: Finding[] } | undefined): void {
    const cache = this.cache;
    const files: CacheFile[] = known.map((k) => {
      if (k.fresh && !k.fresh.same) {
        const f = k.fresh;
        return { path: k.path, size: f.size, mtimeMs: f.mtimeMs, hash: f.hash, findings: f.findings, uses: f.uses, stub: f.stub, data: f.json === undefined ? undefined : { json: f.json } };
      }
      const i = k.cached!;
      return {
        path: k.path,
        size: k.fresh?.size ?? cache!.fileSize(i),
        mtimeMs: k.fresh?.mtimeMs ?? cache!.mtimeMs(i),
        hash: cache!.hash(i),
        findings: cache!.findings(i),
        uses: cache!.usesOf(i),
        stub: undefined,
        data: cache!.isValid(i) ? { record: i } : undefined,
      };
    });
    // Stand-ins of unchanged files come from the previous index.
    if (cache) {
      const stubs = cache.stubs();
      files.forEach((f, j) => {
        const k = known[j];
        if (f.stub === undefined && k.cached !== undefined && stubs.has(k.cached)) f.stub = stubs.get(k.cached);
      });
    }
    try {
      writeCache(this.root, this.tools, files, { base, memo, previous: cache });
    } catch {
      // A cache that cannot be written (read-only checkout, full disk) only costs time next run.
    }
  }

  private result(unordered: Finding[], checked: string[], known: readonly Known[] | undefined, repository: Repository | undefined, current?: () => Known[]): Validation {
    // One key order whatever the source (fresh, cache, memo), so output is byte-identical.
    const findings = unordered.map(({ rule, severity, file, line, column, message, tip }) => ({ rule, severity, file, line, column, message, tip }));
    let repo = repository;
    const load = () => {
      if (!repo) repo = this.repositoryOf(known ?? current!());
      return repo;
    };
    return {
      findings,
      checked,
      get repository() {
        return load();
      },
    };
  }
}

/** Compiles the schemas (a third of a small run) while git works; the result is thrown away. */
function warmUp(): void {
  checkFile(AREAS_PATH, Buffer.from('areas:\n  - id: warm\n    name: Warm\n'));
}

async function sinceRevision(root: string, rev: string): Promise<{ commit: string; paths: string[] }> {
  const commit = await resolveCommit(root, rev);
  return { commit, paths: await changedSince(root, commit) };
}

/**
 * The base for a cache holding `hashes` (path -> git blob id): HEAD, and the paths whose cached
 * content is not HEAD's (compared through git's index, so no file is read or stat'ed again).
 */
async function gitBase(root: string, hashes: ReadonlyMap<string, string>): Promise<CacheBase | undefined> {
  const commit = await headCommit(root);
  if (!commit) return undefined;
  try {
    const { blobs, staged } = await indexState(root, commit);
    const dirty = new Set(staged);
    for (const [path, hash] of hashes) if (blobs.get(path) !== hash) dirty.add(path);
    for (const path of blobs.keys()) if (!hashes.has(path)) dirty.add(path);
    return { commit, dirty: [...dirty].sort() };
  } catch {
    return undefined;
  }
}

export { CACHE_DIR };
