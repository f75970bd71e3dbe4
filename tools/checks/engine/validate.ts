// The validation run: every data file checked alone (in worker threads when many, skipped when the
// cache knows its content), the Repository built from the valid ones, the repository rules run,
// and their reports located. With `changedSince`, only the planned files are checked (the pure
// planner, ../plan.ts). The rules and the planner know nothing of this engine.
//
// Which files to read again: in a git work tree whose cache has a base commit, git (through
// tools/git) says which files may differ from the cache (see CacheBase), so nothing else is
// listed, stat'ed or read; elsewhere every file is listed and stat'ed, and read when its size or
// mtime changed.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AREAS_PATH, classifyPath, DATA_DIR, isDataPath, isPathProblem } from '../../model/paths.ts';
import { buildRepository, listDataFiles, type Repository, type ValidFile } from '../../model/repository.ts';
import { CACHE_DIR, loadCache, toolsKey, writeCache, type CacheBase, type CacheFile, type CheckMemo, type LoadedCache } from './cache.ts';
import { checkFile } from '../check-file.ts';
import { checkRepository, locateReports, REPOSITORY_FILE } from '../check-repository.ts';
import { compareFindings, type Finding } from '../finding.ts';
import { readsInForce } from '../catalog.ts';
import { EMPTY_INDEX, LayeredIndex, plannerFor, type Change, type DependencyIndex, type FileState } from '../plan.ts';
import { checkFilesInWorkers, defaultWorkerCount } from './worker-pool.ts';
import { checkBytes, checkFileOnDisk, type CheckedFile } from './worker-job.ts';
import { newFilesInFolders, type FolderScan } from './cache-folders.ts';
import { contentsAt } from '../../git/cat-file.ts';
import { changedBetween, indexState, trackedChangesSince, untrackedFiles } from '../../git/changes.ts';
import { headCommit, resolveCommit } from '../../git/revision.ts';

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
  /**
   * With changedSince, those of `findings` (the same objects) that were already there at the
   * revision, so not the change's: in a file the change leaves as it was, and found there at the
   * revision too (same file, rule and message; a rule across files is run again on the revision's
   * files to tell, e.g. the other side of a duplicate the change created is the change's). Without
   * changedSince, empty.
   */
  preexisting: Finding[];
}

/** A finding's identity across commits: file, rule and message, not the position (lines move as a file is edited). */
const findingKey = (f: Finding) => `${f.file}\u0000${f.rule}\u0000${f.message}`;

/** PWC_TRACE=1 prints the time of each phase to stderr (for the benchmark and for profiling). */
const tracing = process.env.PWC_TRACE === '1';
const traceStart = performance.now();
function trace(phase: string): void {
  if (tracing) process.stderr.write(`[validate] ${((performance.now() - traceStart) / 1000).toFixed(3)} s ${phase}\n`);
}

/** The planner of what the catalogue's rules read across files. */
const planner = plannerFor(readsInForce);

/** Below this many files to read, worker threads cost more to start than they save. */
const WORKER_THRESHOLD = 1500;
/** A file modified this close to the cache's writing may have changed within one mtime tick: hash it again. */
const RACY_MS = 2000;
/** When this many files may differ from the cache's base commit, take a fresh base from git. */
const DIRTY_LIMIT = 5000;

/** One data file as this run knows it: unchanged since the cache (index `cached`) or read now (`fresh`). */
interface Known {
  path: string;
  cached?: number;
  fresh?: CheckedFile;
  /** Parsed valid data, once needed. */
  data?: unknown;
}

/** A revision and the tracked files under data/ whose working-tree content differs from it. */
interface Since {
  commit: string;
  tracked: string[];
}

/** What git (and the cache's folder times) say: which files may differ from the cache, and what changed since a revision. */
interface GitView {
  /** Paths whose content may differ from the cache's (all others are as cached). */
  stale: string[];
  /** With --changed-since: every path whose content may differ from the revision's (untracked files included). */
  changed?: string[];
  /** Folders have other mtimes than the cache's (files were rewritten, e.g. by git checkout). */
  foldersMoved: boolean;
}

export async function validate(options: ValidateOptions): Promise<Validation> {
  // git looks at the working tree while this process loads the cache and compiles the schemas.
  const since = options.changedSince === undefined ? undefined : sinceRevision(options.root, options.changedSince);
  since?.catch(() => undefined);
  if (since) warmUp();
  trace('started');
  const run = new Run(options);
  try {
    if (since) {
      run.cache?.prepare();
      trace('prepared');
      return await run.incremental(since);
    }
    return await run.full();
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
  readonly startedAt = Date.now();

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
    const base = this.cache?.base;
    const tracked = base ? trackedChangesSince(this.root, base.commit, DATA_DIR).then(dataFiles) : undefined;
    tracked?.catch(() => undefined);
    const scan = tracked ? this.scanFolders() : undefined;
    const git = tracked && scan ? await this.gitView(tracked, scan) : undefined;
    let known: Known[];
    if (git) {
      const fresh = await this.readAll(git.stale, false);
      trace(`git: ${git.stale.length} files may differ from the cache; ${fresh.filter((k) => k.fresh && !k.fresh.same).length} did`);
      known = this.current(git.stale, fresh);
    } else {
      const paths = await listDataFiles(this.root);
      trace(`listed ${paths.length} files`);
      known = await this.readAll(paths, true);
      trace(`read ${known.filter((k) => k.fresh && !k.fresh.same).length} files that changed`);
    }
    const paths = known.map((k) => k.path);

    const memoKey = this.memoKey(known);
    const memo = this.cache?.memo();
    let repoFindings: Finding[];
    let repository: Repository | undefined;
    const updated = memo && memo.key !== memoKey ? this.updateMemo(memo, known) : undefined;
    if (memo && memo.key === memoKey) {
      repoFindings = memo.findings;
    } else if (updated) {
      repoFindings = updated;
      trace('checked the files the changes affect');
    } else {
      repository = this.repositoryOf(known);
      trace('built the repository');
      const reports = checkRepository(repository, { today: this.today, files: paths });
      repoFindings = locateReports(reports, (path) => this.readText(path));
      trace('checked the repository');
    }
    const findings = [...known.flatMap((k) => this.findingsOf(k)), ...repoFindings];

    if (this.useCache) {
      const changed = this.changedFromCache(known);
      // Without git, files read again only for their new mtime are worth remembering too; with
      // it, folders with new mtimes (listed again by every run until the cache has them).
      const restat = git ? git.foldersMoved : known.some((k) => k.fresh?.same);
      if (changed.size > 0 || !memo || memo.key !== memoKey || restat) {
        const old = this.cache?.base;
        const dirty = new Set([...(old?.dirty ?? []), ...changed]);
        const keepBase = old && dirty.size <= DIRTY_LIMIT && (await headCommit(this.root)) === old.commit;
        // Files new to the cache may be untracked: kept as such until git is asked again.
        const added = [...changed].filter((p) => this.cache?.indexOf(p) === undefined);
        const base = keepBase
          ? { commit: old!.commit, dirty: [...dirty].sort(), untracked: [...new Set([...old!.untracked, ...added])].sort() }
          : ((await gitBase(this.root, this.hashesOf(known))) ?? null);
        this.write(known, base, { key: memoKey, findings: repoFindings });
        trace('wrote the cache');
      }
    }
    return this.result(findings, paths, () => repository ?? this.repositoryOf(known));
  }

  /** Only what changed since a commit and what depends on it. */
  async incremental(sinceRevision: Promise<Since>): Promise<Validation> {
    const cached = this.cache?.dependencyIndex();
    const base = this.cache?.base;
    const scan = cached && base ? this.scanFolders() : undefined;
    const since = await sinceRevision;
    trace(`git: ${since.tracked.length} tracked files differ from ${since.commit.slice(0, 12)}`);
    const git = scan ? await this.gitView(changedBetween(this.root, base!.commit, since.commit, DATA_DIR).then((between) => [...dataFiles(between), ...since.tracked]), scan, since) : undefined;
    // Without a usable cache and git base, every file is read, and git lists the untracked ones.
    const changedPaths = git ? git.changed! : [...new Set([...since.tracked, ...dataFiles(await untrackedFiles(this.root, DATA_DIR))])].sort();
    trace(`${changedPaths.length} files changed since ${since.commit.slice(0, 12)}`);
    // The state at the revision of each changed file: the cache's where it holds the revision's
    // content (it is based on that commit and the file was not dirty), else git's, fetched meanwhile.
    const cachedBefore = git && base!.commit === since.commit ? new Set(base!.dirty) : undefined;
    const beforeFromCache = (path: string) => cachedBefore !== undefined && !cachedBefore.has(path);
    const beforeFromGit = contentsAt(this.root, since.commit, changedPaths.filter((p) => !beforeFromCache(p)));
    beforeFromGit.catch(() => undefined);
    const toRead = git ? git.stale : [...new Set([...(await listDataFiles(this.root)), ...(this.cache?.paths ?? [])])].sort();
    // A file the cache knows but whose links are unusable must be parsed again: the planner needs what it uses.
    const fresh = await this.readAll(toRead, false, cached !== undefined);
    trace(`read ${fresh.length} files that may differ from the cache${git ? '' : ' (no usable cache: all)'}`);
    const freshByPath = new Map(fresh.map((k) => [k.path, k]));
    const overlay = new Map<string, FileState | undefined>();
    for (const path of toRead) {
      const k = freshByPath.get(path);
      overlay.set(path, k ? this.stateOf(k) : undefined);
    }
    const index: DependencyIndex = new LayeredIndex(git ? cached! : EMPTY_INDEX, overlay);

    const before = await beforeFromGit;
    // The changed files as they were at the revision (absent: the file did not exist).
    const atRevision = new Map<string, Known>();
    const changes: Change[] = changedPaths.map((path) => {
      const k = freshByPath.get(path);
      const after = k && this.stateOf(k);
      if (beforeFromCache(path)) {
        // Not dirty and not cached: the file did not exist at the commit.
        const i = this.cache!.indexOf(path);
        if (i !== undefined) atRevision.set(path, { path, cached: i });
        return { path, before: i === undefined ? undefined : this.stateOf({ path, cached: i }), after };
      }
      const bytes = before.get(path);
      const then = bytes === undefined ? undefined : checkBytes(path, bytes, bytes.length, 0);
      if (then) atRevision.set(path, { path, fresh: then });
      return { path, before: then && { valid: then.json !== undefined, uses: then.uses }, after };
    });
    const plan = planner.planCheck(changes, index);
    const knownOf = (path: string) => this.knownWith(overlay, freshByPath, path);
    const repoFindings = this.checkPlanned(plan, index, knownOf, git !== undefined);
    const plannedKnown = plan.map(knownOf).filter((k): k is Known => k !== undefined);
    const fileFindings = plannedKnown.flatMap((k) => this.findingsOf(k));
    const findings = [...fileFindings, ...repoFindings];
    trace('checked the planned files');

    // Which findings were there at the revision. A file the change leaves as it was has the same
    // findings of its own; a rule across files may report on it because of a changed file, so the
    // revision's files are checked again by those rules (only when there are such findings).
    const changedSet = new Set(changedPaths);
    const untouched = (f: Finding) => !changedSet.has(f.file);
    const preexisting = fileFindings.filter(untouched);
    const suspects = repoFindings.filter((f) => untouched(f) && f.file !== REPOSITORY_FILE);
    if (suspects.length > 0) {
      const revisionOverlay = new Map(overlay);
      for (const path of changedPaths) revisionOverlay.set(path, atRevision.has(path) ? this.stateOf(atRevision.get(path)!) : undefined);
      const revisionIndex = new LayeredIndex(git ? cached! : EMPTY_INDEX, revisionOverlay);
      const knownThen = (path: string) => (changedSet.has(path) ? atRevision.get(path) : knownOf(path));
      const then = new Set(this.checkPlanned(plan, revisionIndex, knownThen, git !== undefined, new Set(suspects.map((f) => f.file))).map(findingKey));
      preexisting.push(...suspects.filter((f) => then.has(findingKey(f))));
      trace(`checked ${suspects.length} findings of untouched files at ${since.commit.slice(0, 12)}`);
    }

    if (!git && this.useCache) {
      const all = toRead.map((p) => freshByPath.get(p)).filter((k): k is Known => k !== undefined);
      this.write(all, (await gitBase(this.root, this.hashesOf(all))) ?? null, undefined);
    }
    return this.result(findings, plan, () => this.repositoryOf(git ? this.current(toRead, fresh) : fresh), new Set(preexisting));
  }

  /**
   * The repository findings of the planned files, from a partial repository: the files around them
   * in full, stand-ins for the other entities their rules name (from the cache only when
   * `cachedStandIns`: its links are those of the files as they are). A failure of a rule (reported
   * on no single file) is kept.
   */
  private checkPlanned(plan: readonly string[], index: DependencyIndex, knownOf: (path: string) => Known | undefined, cachedStandIns: boolean, reportOn: ReadonlySet<string> = new Set(plan)): Finding[] {
    const around = planner.neighbourhood(plan, index);
    trace(`planned ${plan.length} files; loading ${around.full.length} in full${around.allOf.length ? `, every ${around.allOf.join(', ')}` : ''}`);
    const full = new Set(around.full);
    if (around.allOf.includes('paper')) for (const p of index.pathsUnder('data/papers/')) if (index.isValid(p)) full.add(p);
    const valid: ValidFile[] = this.validFiles([...full].map(knownOf).filter((k): k is Known => k !== undefined));
    const standIns = new Set(around.entities.filter((p) => !full.has(p)));
    for (const kind of around.allOf) {
      if (kind === 'paper') continue;
      for (const p of index.pathsUnder(`data/${kind === 'dataset' ? 'datasets' : `${kind}s`}/`)) if (index.isValid(p) && !full.has(p)) standIns.add(p);
    }
    for (const path of standIns) {
      const k = knownOf(path);
      const stub = k?.fresh && !k.fresh.same ? k.fresh.stub : k?.cached !== undefined && cachedStandIns ? this.cache!.stub(k.cached) : undefined;
      const ref = classifyPath(path);
      if (stub && !isPathProblem(ref)) valid.push({ ref, data: stub });
    }
    trace(`built the partial repository (${valid.length} entities)`);
    const reports = checkRepository(buildRepository(valid), { today: this.today, files: around.present }).filter((r) => reportOn.has(r.file) || r.file === REPOSITORY_FILE);
    return locateReports(reports, (path) => this.readText(path));
  }

  /**
   * The repository findings now, from those remembered for the cache's own files: only the files
   * the changes since the cache can affect (the planner's answer, the same as --changed-since's)
   * are checked again, removed files have none; every other file's are as remembered. Undefined when the memo is not for the
   * cache's files on this day, the planner cannot be used, or the plan is a large part of the files.
   */
  private updateMemo(memo: CheckMemo, known: readonly Known[]): Finding[] | undefined {
    const cache = this.cache!;
    const cached = cache.dependencyIndex();
    if (!cached || memo.findings.some((f) => f.file === REPOSITORY_FILE)) return undefined;
    if (memo.key !== this.memoKey(cache.paths.map((path, i) => ({ path, cached: i })))) return undefined;
    const changed = this.changedFromCache(known);
    const now = new Map(known.filter((k) => changed.has(k.path)).map((k) => [k.path, k]));
    const overlay = new Map<string, FileState | undefined>();
    const changes: Change[] = [...changed].map((path) => {
      const k = now.get(path);
      const after = k && this.stateOf(k);
      overlay.set(path, after);
      const i = cache.indexOf(path);
      return { path, before: i === undefined ? undefined : this.stateOf({ path, cached: i }), after };
    });
    const index = new LayeredIndex(cached, overlay);
    const plan = planner.planCheck(changes, index);
    if (plan.length > known.length / 4) return undefined;
    // The plan holds only files that exist: a removed file's remembered findings go with it.
    const redone = new Set([...plan, ...changed]);
    return [...memo.findings.filter((f) => !redone.has(f.file)), ...this.checkPlanned(plan, index, (path) => this.knownWith(overlay, now, path), true)];
  }

  /** A file as a run sees it: read now where `overlay` has it (gone when not in `fresh`), else the cache's. */
  private knownWith(overlay: ReadonlyMap<string, unknown>, fresh: ReadonlyMap<string, Known>, path: string): Known | undefined {
    if (overlay.has(path)) return fresh.get(path);
    const i = this.cache?.indexOf(path);
    return i === undefined ? undefined : { path, cached: i };
  }

  /**
   * The data files new since the cache, found by the mtimes of the cache's folders (nothing but
   * folders is stat'ed); undefined when the cache has no folder times. Run while git works: git
   * runs at a lower priority (yieldToCaller), so its threads do not take the CPU this needs.
   */
  private scanFolders(): FolderScan | undefined {
    const cache = this.cache!;
    const times = cache.folderTimes();
    if (!times) return undefined;
    const scan = newFilesInFolders(this.root, times, cache.startedAt - RACY_MS, (folder) => cache.namesIn(folder));
    trace(`folders scanned: ${scan.added.length} new files, ${scan.moved} folders with another mtime`);
    return scan;
  }

  /**
   * With a cache based on a commit, git's list of the tracked files changed since that commit and
   * the folder scan: the files that may differ from the cache (those, the files dirty when it was
   * written, and the new files) and, for --changed-since, the files that may differ from the
   * revision. Undefined when git cannot tell (the base commit is gone).
   */
  private async gitView(trackedChanges: Promise<string[]>, { added, moved }: FolderScan, since?: Since): Promise<GitView | undefined> {
    const base = this.cache!.base!;
    let tracked: string[];
    try {
      tracked = await trackedChanges;
    } catch {
      return undefined;
    }
    const stale = [...new Set([...tracked, ...base.dirty, ...added])].sort();
    const changed = since ? [...new Set([...since.tracked, ...base.untracked, ...added])].sort() : undefined;
    return { stale, changed, foldersMoved: moved > 0 };
  }

  /** Every file now: the cache's, with the stale paths replaced by what was read (or dropped when gone). */
  private current(stale: readonly string[], fresh: readonly Known[]): Known[] {
    const replaced = new Set(stale);
    const out: Known[] = [...fresh];
    this.cache!.paths.forEach((path, i) => {
      if (!replaced.has(path)) out.push({ path, cached: i });
    });
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Reads files that may have changed since the cache (all of `paths` when `trustStat` is false;
   * with it, files whose size and mtime match the cache are taken as they are). In worker threads
   * when there are many. Files that do not exist are left out.
   */
  private async readAll(paths: readonly string[], trustStat: boolean, useCache = true): Promise<Known[]> {
    const cache = useCache ? this.cache : undefined;
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

  /** Was the file read now with new content (rather than known from the cache)? */
  private isNew(k: Known): k is Known & { fresh: CheckedFile } {
    return k.fresh !== undefined && !k.fresh.same;
  }

  /** The planner's view of a file now. */
  private stateOf(k: Known): FileState {
    if (this.isNew(k)) return { valid: k.fresh.json !== undefined, uses: k.fresh.uses };
    return { valid: this.cache!.isValid(k.cached!), uses: this.cache!.usesOf(k.cached!) };
  }

  private findingsOf(k: Known): Finding[] {
    return this.isNew(k) ? k.fresh.findings : this.cache!.findings(k.cached!);
  }

  private isValid(k: Known): boolean {
    return this.isNew(k) ? k.fresh.json !== undefined : this.cache!.isValid(k.cached!);
  }

  /** The valid files among `known`, with their data (from the pack, or read again if it fails). */
  private validFiles(known: readonly Known[]): ValidFile[] {
    const fromCache = known.filter((k) => k.data === undefined && !this.isNew(k) && this.isValid(k));
    const records = fromCache.length > 0 ? this.cache!.records(fromCache.map((k) => k.cached!)) : new Map<number, unknown>();
    const out: ValidFile[] = [];
    for (const k of known) {
      if (!this.isValid(k)) continue;
      if (k.data === undefined) k.data = this.isNew(k) ? JSON.parse(k.fresh.json!) : (records.get(k.cached!) ?? this.reread(k));
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
      if (this.isNew(k)) out.add(k.path);
    }
    for (const p of this.cache?.paths ?? []) if (!present.has(p)) out.add(p);
    return out;
  }

  private write(known: readonly Known[], base: CacheBase | null, memo: CheckMemo | undefined): void {
    const cache = this.cache;
    if (cache && known.some((k) => !this.isNew(k)) && !cache.hasLinks()) {
      // The links of the cached files are lost: a cache written now would say they use nothing.
      // Dropped instead, so the next run reads every file and writes a whole one.
      cache.discard();
      return;
    }
    const files: CacheFile[] = known.map((k) => {
      if (this.isNew(k)) {
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
        stub: cache!.stub(i),
        data: cache!.isValid(i) ? { record: i } : undefined,
      };
    });
    try {
      writeCache(this.root, this.tools, files, { base, memo, previous: cache, startedAt: this.startedAt });
    } catch {
      // A cache that cannot be written (read-only checkout, full disk) only costs time next run.
    }
  }

  private result(unordered: Finding[], checked: string[], repository: () => Repository, preexisting: ReadonlySet<Finding> = new Set()): Validation {
    // One order and one key order whatever the source (fresh, cache, memo), so output is byte-identical.
    const old: Finding[] = [];
    const findings = unordered
      .map((f) => {
        const { rule, severity, file, line, column, message, tip } = f;
        const out = { rule, severity, file, line, column, message, tip };
        if (preexisting.has(f)) old.push(out);
        return out;
      })
      .sort(compareFindings);
    let repo: Repository | undefined;
    // The factory holds every file's checked data; it is let go once the repository is built.
    let make: (() => Repository) | undefined = repository;
    return {
      findings,
      checked,
      preexisting: old.sort(compareFindings),
      get repository() {
        if (!repo) {
          repo = make!();
          make = undefined;
        }
        return repo;
      },
    };
  }
}

/** git lists every file under data/; only data files count (not data/LICENSE or data/project.json). */
function dataFiles(paths: string[]): string[] {
  return paths.filter(isDataPath);
}

/** Compiles the schemas (a third of a small run) while git works; the result is thrown away. */
function warmUp(): void {
  checkFile(AREAS_PATH, Buffer.from('areas:\n  - id: warm\n    name: Warm\n'));
}

async function sinceRevision(root: string, rev: string): Promise<Since> {
  // git compares the working tree with the revision while the revision is resolved (the diff
  // reads it after --end-of-options, so it cannot pass for an option either).
  const tracked = trackedChangesSince(root, `${rev}^{commit}`, DATA_DIR).then(dataFiles);
  tracked.catch(() => undefined);
  const commit = await resolveCommit(root, rev);
  return { commit, tracked: await tracked };
}

/**
 * The base for a cache holding `hashes` (path -> git blob id): HEAD, the paths whose cached
 * content is not HEAD's (compared through git's index, so no file is read or stat'ed again), and
 * those that are or may become untracked (not in the index, or staged).
 */
async function gitBase(root: string, hashes: ReadonlyMap<string, string>): Promise<CacheBase | undefined> {
  const commit = await headCommit(root);
  if (!commit) return undefined;
  try {
    const { blobs: all, staged } = await indexState(root, commit, DATA_DIR);
    const blobs = new Map([...all].filter(([path]) => isDataPath(path)));
    const stagedPaths = new Set(dataFiles(staged));
    const dirty = new Set(stagedPaths);
    const untracked: string[] = [];
    for (const [path, hash] of hashes) {
      if (blobs.get(path) !== hash) dirty.add(path);
      // A staged file may be new to the commit: unstaged later (git reset), it is untracked, and
      // only this list brings it to --changed-since.
      if (!blobs.has(path) || stagedPaths.has(path)) untracked.push(path);
    }
    for (const path of blobs.keys()) if (!hashes.has(path)) dirty.add(path);
    return { commit, dirty: [...dirty].sort(), untracked };
  } catch {
    return undefined;
  }
}

export { CACHE_DIR };
