// The generated pages whose text differs between two commits, computed from the change: the data
// is read once at base (git ls-tree, then the validator's cache for the blobs it holds, cat-file
// for the rest), head is base with the changed files replaced, and only the pages the change can
// touch (page-deps.ts) are rendered, at base and at head.
import { Worker } from 'node:worker_threads';
import { contentsAt } from '../git/cat-file.ts';
import { isDataPath } from '../model/paths.ts';
import { buildRepository, readValidFile, withFiles, type ValidFile } from '../model/repository.ts';
import { dataBlobs, validFilesCached } from './data-base.ts';
import { GENERATED_DIR } from './links.ts';
import { candidatePages } from './page-deps.ts';
import { relatedPapersOf } from './related.ts';
import { createRenderer } from './render.ts';
import { lazySitePages, renderPage } from './site.ts';
import { buildSiteIndex, type SiteIndex } from './site-index.ts';
import { patchSiteIndex } from './site-index-patch.ts';

export async function changedPages(root: string, base: string, head: string, changed: PageChangeRequest['changed']): Promise<string[]> {
  const paths = [...new Set(changed.map((c) => c.path).filter(isDataPath))].sort();
  if (paths.length === 0) return [];
  const [before, headBytes] = await Promise.all([dataBlobs(root, base).then((blobs) => validFilesCached(root, blobs)), contentsAt(root, head, paths)]);
  const baseRepo = buildRepository([...before.values()].filter((f): f is ValidFile => f !== undefined));
  const after = new Map<string, ValidFile | undefined>();
  for (const path of paths) {
    const bytes = headBytes.get(path);
    after.set(path, bytes === undefined ? undefined : readValidFile(path, bytes));
  }
  const baseIndex = buildSiteIndex(baseRepo);
  // Head differs from base in the changed files only: its index is base's, patched.
  const headIndex = patchSiteIndex(baseIndex, withFiles(baseRepo, after), paths);
  const candidates = candidatePages(paths, baseIndex, headIndex);
  const render = createRenderer();
  const textsOf = (index: SiteIndex) => {
    const out = new Map<string, string>();
    for (const lazy of lazySitePages(index, relatedPapersOf)) if (candidates.has(lazy.path)) out.set(lazy.path, renderPage(render, lazy.page()));
    return out;
  };
  const was = textsOf(baseIndex);
  const now = textsOf(headIndex);
  return [...candidates]
    .filter((p) => was.get(p) !== now.get(p))
    .map((p) => `${GENERATED_DIR}/${p}`)
    .sort();
}

/** What changedPages is asked: the commits and the paths that differ between them. */
export interface PageChangeRequest {
  root: string;
  base: string;
  head: string;
  changed: readonly { path: string; change: 'added' | 'removed' | 'changed' }[];
}

/**
 * changedPages in a worker thread, so the caller's own work (e.g. the rest of a review) runs
 * meanwhile on another core. The same answer; computed in this thread if the worker fails.
 */
export function changedPagesAside(request: PageChangeRequest): Promise<string[]> {
  const { root, base, head, changed } = request;
  if (changed.length === 0) return Promise.resolve([]);
  return new Promise<string[] | undefined>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./changed-pages-entry.mjs', import.meta.url), { workerData: { root, base, head, changed } });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (pages: string[]) => {
      resolve(pages);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  }).then((pages) => pages ?? changedPages(root, base, head, changed));
}
