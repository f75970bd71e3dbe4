// The findings on rows a change adds, which need the change's base (rules such as missing-source).
import { newRowRules } from '../checks/catalog.ts';
import { baseModelsOf } from '../checks/base-models.ts';
import { checkRepository, locateReports } from '../checks/check-repository.ts';
import { compareFindings, type Finding } from '../checks/finding.ts';
import { contentsAt } from '../git/cat-file.ts';
import type { PathChange } from '../git/changes.ts';
import type { Repository } from '../model/repository.ts';
import { decodeSource } from '../model/source.ts';

/**
 * The new-row rules' findings on the result files the change adds or changes. `base` and `head` are
 * repositories holding at least those files at each commit (the review's changed boards do).
 */
export async function newRowFindings(root: string, headSha: string, changed: readonly PathChange[], base: Repository, head: Repository): Promise<Finding[]> {
  const baseModels = baseModelsOf(base, changed.filter((c) => c.change !== 'removed').map((c) => c.path));
  if (baseModels.size === 0) return [];
  const reports = checkRepository(head, { baseModels }, newRowRules);
  if (reports.length === 0) return [];
  const texts = await contentsAt(root, headSha, [...new Set(reports.map((r) => r.file))]);
  return locateReports(reports, (path) => {
    const bytes = texts.get(path);
    return bytes && decodeSource(bytes).text;
  }).sort(compareFindings);
}
