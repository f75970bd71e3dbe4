// The findings `pwc validate` would report if one file were written: the file's own checks and the repository rules, run in memory.
import { withFiles, type Repository } from '../model/repository.ts';
import { checkFile } from './check-file.ts';
import { checkRepository, locateReports } from './check-repository.ts';
import { compareFindings, type Finding, type Report } from './finding.ts';

export interface WouldBeFile {
  /** POSIX path relative to the root, e.g. data/papers/2019/x.yaml. */
  path: string;
  text: string;
}

/**
 * What writing `file` into the repository would add to `pwc validate`'s findings: every finding of
 * the file itself, and the repository rules' findings that are new with it (on it or on other
 * files, e.g. the other side of a duplicate). Findings that were already there are not its doing.
 * `files` lists every data path now (as validate's context does); `readText` gives an existing
 * file's text, for positions; `today` is YYYY-MM-DD.
 */
export function findingsIfWritten(repo: Repository, files: readonly string[], file: WouldBeFile, today: string, readText: (path: string) => string | undefined): Finding[] {
  const own = checkFile(file.path, new TextEncoder().encode(file.text));
  const after = withFiles(repo, new Map([[file.path, own.valid]]));
  const filesAfter = files.includes(file.path) ? files : [...files, file.path].sort();
  const key = (r: Report) => JSON.stringify([r.rule, r.file, r.at, r.part, r.message]);
  const before = new Set(checkRepository(repo, { today, files }).map(key));
  const added = checkRepository(after, { today, files: filesAfter }).filter((r) => !before.has(key(r)));
  const located = locateReports(added, (path) => (path === file.path ? file.text : readText(path)));
  return [...own.findings, ...located].sort(compareFindings);
}
