// The generate stage: the repository's data in, generated/ brought up to date (or checked) out.
// After a change, only the pages the change can touch are built and rendered (page-deps.ts); the
// others are known from the page memo, which says what each file holds and what data it came from.
import { unmodifiedBlobs } from '../git/listing.ts';
import { loadRepository, type Repository } from '../model/repository.ts';
import { changeSinceBase, currentBase, type DataChange } from './data-base.ts';
import { GENERATED_DIR } from './links.ts';
import { candidatePages, changeNeighbourhood } from './page-deps.ts';
import { PageMemo, pageKey } from './page-memo.ts';
import { relatedPapersOf } from './related.ts';
import { createRenderer, type Renderer } from './render.ts';
import { lazySitePages, renderPage, renderSite, type GeneratedFile, type LazyPage } from './site.ts';
import { buildSiteIndex, type SiteIndex } from './site-index.ts';
import { checkSome, syncGenerated, type SyncFile, type SyncReport } from './sync.ts';

export interface GenerateOptions {
  check: boolean;
  /** The repository, when the caller has loaded (and perhaps validated) it already. */
  repo?: Repository;
  /** Write mode: skip the pages whose models and files are as the last run left them (default true). */
  memo?: boolean;
  /**
   * Write mode: the page memo (loaded by the caller to learn its base) and the change of data/
   * since that base; only the pages the change can touch are built. Without it every page is.
   */
  pageMemo?: PageMemo;
  change?: DataChange;
  /** Write mode: the validator's tools key, kept with the base so a later run knows the data was valid under them. */
  validator?: string;
}

/** What a write starts from: the page memo, and the change since its base (when it has a usable one). */
export interface GenerateStart {
  memo: PageMemo;
  change?: DataChange;
  /** The data is known valid at this commit: validating what changed since it is enough. */
  validSince?: string;
}

/** Reads the page memo and, when its base was valid under the same validator (`validator`, its tools key), what changed since. */
export async function startGenerate(root: string, validator: string): Promise<GenerateStart> {
  const memo = PageMemo.load(root);
  const base = memo.base;
  const change = base && base.validator === validator ? await changeSinceBase(root, base) : undefined;
  if (!change || !base) return { memo };
  // Files that differed from the base's commit were valid then, but their commit's content may not be.
  return { memo, change, ...(base.dirty.length === 0 ? { validSince: base.commit } : {}) };
}

/** PWC_TRACE=1 prints the time of each phase to stderr (for the benchmark and for profiling). */
function trace(phase: string): void {
  // Seconds since the process started, as the CLI's own lines.
  if (process.env.PWC_TRACE === '1') process.stderr.write(`[generate] ${(performance.now() / 1000).toFixed(3)} s ${phase}\n`);
}

export async function generate(root: string, options: GenerateOptions): Promise<SyncReport> {
  const repo = options.repo ?? (await loadRepository(root));
  trace('have the repository');
  // --check renders and compares every page: it must see any file that differs, however it came to.
  if (options.check || options.memo === false) return syncGenerated(root, renderSite(repo), { check: options.check });
  const memo = options.pageMemo ?? PageMemo.load(root);
  const nextBase = options.validator === undefined ? Promise.resolve(null) : currentBase(root, options.validator);
  const gitBlobs = committedPages(root);
  const render = createRenderer();
  const index = buildSiteIndex(repo);
  trace('built the site index');
  const candidates = options.change && memo.base ? touchedPages(index, options.change) : undefined;
  trace(candidates ? `${candidates.size} pages the change can touch` : 'every page');
  const report = await syncGenerated(root, keyedPages(lazySitePages(index), render, memo, candidates), { check: false, memo, gitBlobs: await gitBlobs });
  trace(`synced: ${report.written.length} written, ${report.vouched} vouched`);
  memo.base = await nextBase;
  memo.save(root);
  trace('saved the page memo');
  return report;
}

/** The pages a change can touch, from the site now and the change's neighbourhood as it was. */
function touchedPages(index: SiteIndex, change: DataChange): Set<string> {
  return candidatePages(change.paths, buildSiteIndex(changeNeighbourhood(index, change.before)), index, 'before');
}

/**
 * `generate --check` of only the pages a change can touch (plus `alsoCheck`, e.g. the files of
 * generated/ the change edited by hand): the other pages are taken to be as current as before it.
 */
export function checkChanged(root: string, repo: Repository, change: DataChange, alsoCheck: readonly string[] = []): SyncReport {
  const index = buildSiteIndex(repo);
  const candidates = touchedPages(index, change);
  for (const path of alsoCheck) candidates.add(path);
  const render = createRenderer();
  const produced: GeneratedFile[] = [];
  for (const lazy of lazySitePages(index, relatedPapersOf)) if (candidates.has(lazy.path)) produced.push({ path: lazy.path, text: renderPage(render, lazy.page()) });
  return checkSome(root, produced, [...candidates]);
}

/**
 * Each page with the key of its model, rendered only if the sync asks. A page the change cannot
 * touch keeps the key the memo has for it, and its model is built only if its file needs writing.
 */
function* keyedPages(pages: Iterable<LazyPage>, render: Renderer, memo: PageMemo, candidates?: ReadonlySet<string>): Generator<SyncFile> {
  for (const lazy of pages) {
    const known = candidates && !candidates.has(lazy.path) ? memo.keyOf(lazy.path) : undefined;
    if (known !== undefined) {
      yield { path: lazy.path, key: known, render: () => renderPage(render, lazy.page()) };
      continue;
    }
    const page = lazy.page();
    yield { path: page.path, key: pageKey(page), render: () => renderPage(render, page) };
  }
}

/** The pages git's index holds unmodified (paths relative to generated/): a fresh checkout of committed views. */
async function committedPages(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  try {
    for (const [path, blob] of await unmodifiedBlobs(root, GENERATED_DIR)) out.set(path.slice(GENERATED_DIR.length + 1), blob);
  } catch {
    // Not a git work tree: the memo's file stamps alone vouch for files.
  }
  return out;
}

/** Is generated/ exactly what the data produces? */
export function isCurrent(report: SyncReport): boolean {
  return report.differs.length + report.missing.length + report.extra.length === 0;
}
