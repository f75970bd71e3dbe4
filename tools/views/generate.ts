// The generate stage: the repository's data in, generated/ brought up to date (or checked) out.
import { loadRepository, type Repository } from '../model/repository.ts';
import { PageMemo, pageKey } from './page-memo.ts';
import { createRenderer, type Renderer } from './render.ts';
import { renderPage, renderSite, sitePages } from './site.ts';
import { syncGenerated, type SyncFile, type SyncReport } from './sync.ts';

export interface GenerateOptions {
  check: boolean;
  /** The repository, when the caller has loaded (and perhaps validated) it already. */
  repo?: Repository;
  /** Write mode: skip the pages whose models and files are as the last run left them (default true). */
  memo?: boolean;
}

export async function generate(root: string, options: GenerateOptions): Promise<SyncReport> {
  const repo = options.repo ?? (await loadRepository(root));
  // --check renders and compares every page: it must see any file that differs, however it came to.
  if (options.check || options.memo === false) return syncGenerated(root, renderSite(repo), { check: options.check });
  const memo = PageMemo.load(root);
  const render = createRenderer();
  const report = await syncGenerated(root, keyedPages(repo, render), { check: false, memo });
  memo.save(root);
  return report;
}

/** Each page with the key of its model; rendered only if the sync asks (the memo cannot vouch for it). */
function* keyedPages(repo: Repository, render: Renderer): Generator<SyncFile> {
  for (const page of sitePages(repo)) yield { path: page.path, key: pageKey(page), render: () => renderPage(render, page) };
}

/** Is generated/ exactly what the data produces? */
export function isCurrent(report: SyncReport): boolean {
  return report.differs.length + report.missing.length + report.extra.length === 0;
}
