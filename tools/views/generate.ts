// The generate stage: the repository's data in, generated/ brought up to date (or checked) out.
import { loadRepository, type Repository } from '../model/repository.ts';
import { renderSite } from './site.ts';
import { syncGenerated, type SyncReport } from './sync.ts';

export interface GenerateOptions {
  check: boolean;
  /** The repository, when the caller has loaded (and perhaps validated) it already. */
  repo?: Repository;
}

export async function generate(root: string, options: GenerateOptions): Promise<SyncReport> {
  const repo = options.repo ?? (await loadRepository(root));
  return syncGenerated(root, renderSite(repo), { check: options.check });
}

/** Is generated/ exactly what the data produces? */
export function isCurrent(report: SyncReport): boolean {
  return report.differs.length + report.missing.length + report.extra.length === 0;
}
