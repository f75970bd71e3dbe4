// What a check is: a small rule with a stable id, a severity, its explanation, and one job.
import type { Repository, ValidFile } from '../model/repository.ts';
import type { RuleReport, Severity } from './finding.ts';

interface RuleInfo {
  /** Stable id, kebab-case; never renamed once published (docs and bots link to it). */
  id: string;
  severity: Severity;
  /** One line: what the rule demands. */
  title: string;
  /** One paragraph: why, and how to fix a finding. */
  description: string;
}

/**
 * Rules decided while reading one file (encoding, YAML syntax, path, schema): the reading stage
 * itself reports them; the catalog lists them so they are documented and tested like the others.
 */
export interface SourceRule extends RuleInfo {
  scope: 'source';
}

/** Rules on one schema-valid file alone; they may run in a worker and be cached by content. */
export interface FileRule extends RuleInfo {
  scope: 'file';
  check(file: ValidFile, report: (r: Omit<RuleReport, 'file'>) => void): void;
}

/**
 * What repository rules may know besides the data. Everything outside the data is passed in,
 * never read from the clock or the environment, so a run is a pure function of its inputs.
 */
export interface CheckContext {
  /**
   * Today as YYYY-MM-DD, the date against which "in the future" is judged. The CLI passes the
   * current date; when it is absent, rules that need it report nothing.
   */
  today?: string;
  /**
   * The path of every data file in the repository, including files that failed their own checks
   * (so they are not in the Repository). A reference to such a file is not reported again as
   * unknown: the file's own findings say what to fix. When absent, only valid files count.
   */
  files?: readonly string[];
}

/** Rules across files (references, cycles, duplicates, leaderboards); they see the whole repository. */
export interface RepositoryRule extends RuleInfo {
  scope: 'repository';
  check(repo: Repository, report: (r: RuleReport) => void, context: CheckContext): void;
}

export type Rule = SourceRule | FileRule | RepositoryRule;
