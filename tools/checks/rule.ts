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
  /**
   * For the result files a change touches: the models each had at the change's base (an empty set
   * for a file the change adds). Only the review knows a base, so rules on new rows (missing-source)
   * report nothing without it and findings never depend on more than the data and today.
   */
  baseModels?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * What a repository rule reads of files other than the one it reports on: the closed vocabulary the
 * incremental planner (plan.ts) understands. A rule's findings on a file may change only when that
 * file or a file it reads this way changes, so `pwc validate --changed-since` and the review check
 * re-check exactly the files these reads make depend on a change. Each entry says what the read is
 * and which files it makes depend on which.
 */
export const CROSS_FILE_READS = {
  references: {
    means: 'whether the entities a file names by id exist: a task\'s `parent`, a dataset\'s `introduced_by`, `variant_of` and benchmark tasks, a method\'s `introduced_by`, a paper\'s `tasks`, `methods` and `datasets`, and the task, dataset and paper a result\'s path names (a file that exists but is invalid counts)',
    dependsOn: 'a file depends on each task, dataset, method or paper file it names',
  },
  'id-tips': {
    means: 'the "did you mean" tip of a reference to an id that does not exist: the closest valid id of its kind, chosen among all of them',
    dependsOn: 'a file with a reference to a missing id of a kind depends on every file of that kind appearing, disappearing or changing validity',
  },
  areas: {
    means: 'the area ids listed in `data/areas.yaml`, which tasks name',
    dependsOn: 'every task depends on `data/areas.yaml`',
  },
  'parent-chains': {
    means: 'the chains of `parent` (tasks) and `variant_of` (datasets), followed to their end',
    dependsOn: 'a task or dataset depends on every task or dataset up its chain',
  },
  leaderboard: {
    means: 'a result with its leaderboard: the other result files of its task and dataset, the benchmark the dataset declares for the task, and the task',
    dependsOn: 'a result depends on the other results of its leaderboard, its dataset and its task',
  },
  'paper-dates': {
    means: 'the date of a result\'s paper against its dataset\'s introduction date (`introduced_date`, or the date of its `introduced_by` paper)',
    dependsOn: 'a result depends on its paper, its dataset and the paper that introduced the dataset',
  },
  'paper-identities': {
    means: 'the arXiv id and the normalised title of every paper',
    dependsOn: 'a paper depends on every paper that shares (or shared) its arXiv id or title',
  },
  'publication-ids': {
    means: 'whether a paper\'s or source\'s id is also defined by another file: papers and sources share one namespace of ids',
    dependsOn: 'a paper or source depends on every paper or source file with the same id',
  },
  'pwc-slugs': {
    means: 'the Papers With Code slugs (`pwc_slug`) of the tasks, datasets, methods and papers, against each other and against the ids of their kind',
    dependsOn: 'a task, dataset, method or paper with a slug depends on every entity of its kind claiming the same slug and on the files defining that slug as an id',
  },
} as const satisfies Record<string, { means: string; dependsOn: string }>;

export type CrossFileRead = keyof typeof CROSS_FILE_READS;

export function isCrossFileRead(name: unknown): name is CrossFileRead {
  return typeof name === 'string' && Object.hasOwn(CROSS_FILE_READS, name);
}

/** Rules across files (references, cycles, duplicates, leaderboards); they see the whole repository. */
export interface RepositoryRule extends RuleInfo {
  scope: 'repository';
  /**
   * Everything the check reads of files other than the one it reports on ([] for none). A read it
   * does not declare is a change the planner does not follow: --changed-since would miss findings.
   */
  reads: readonly CrossFileRead[];
  check(repo: Repository, report: (r: RuleReport) => void, context: CheckContext): void;
}

/**
 * The reads in force for a catalogue: the union of its repository rules' declarations. Throws
 * when a repository rule declares none or names an unknown read, so a planner is never built from
 * a catalogue it cannot follow.
 */
export function readsOf(rules: readonly Rule[]): ReadonlySet<CrossFileRead> {
  const out = new Set<CrossFileRead>();
  for (const rule of rules) {
    if (rule.scope !== 'repository') continue;
    const reads: unknown = (rule as Partial<RepositoryRule>).reads;
    if (!Array.isArray(reads)) throw new Error(`the repository rule ${rule.id} declares no reads (write reads: [] if it reads no other file)`);
    for (const read of reads) {
      if (!isCrossFileRead(read)) throw new Error(`the repository rule ${rule.id} declares the unknown read "${String(read)}" (known: ${Object.keys(CROSS_FILE_READS).join(', ')})`);
      out.add(read);
    }
  }
  return out;
}

export type Rule = SourceRule | FileRule | RepositoryRule;
