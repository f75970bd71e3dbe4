// The findings `pwc validate` would report if one file were written: the file's own checks and the repository rules, run in memory.
import { buildRepository, type ValidFile } from '../model/repository.ts';
import { readsInForce } from './catalog.ts';
import { checkFile } from './check-file.ts';
import { checkRepository, locateReports, REPOSITORY_FILE } from './check-repository.ts';
import { compareFindings, type Finding, type Report } from './finding.ts';
import { LayeredIndex, MemoryIndex, plannerFor, type DependencyIndex, type FileState } from './plan.ts';

/** The planner `pwc validate --changed-since` uses: the same files are judged, with the same neighbourhood. */
const planner = plannerFor(readsInForce);

export interface WouldBeFile {
  /** POSIX path relative to the root, e.g. data/papers/2019/x.yaml. */
  path: string;
  text: string;
}

/** The data files now: every path (valid or not), and the schema-valid ones with their data. */
export interface DataNow {
  files: readonly string[];
  valid: ReadonlyMap<string, ValidFile>;
  /** The planner's index of these files when known already (the validator's cache's, layered); else built from `valid`. */
  index?: DependencyIndex;
}

/** A file's state for the planner: valid or not, and the keys it uses. */
export const planState = (valid: ValidFile | undefined): FileState => (valid ? { valid: true, uses: planner.usesOf(valid) } : { valid: false, uses: [] });

const KIND_FOLDERS = { task: 'data/tasks/', dataset: 'data/datasets/', method: 'data/methods/', paper: 'data/papers/' } as const;

/**
 * What writing a file would add to `pwc validate`'s findings: every finding of the file itself,
 * and the repository rules' findings that are new with it (on it or on other files, e.g. the
 * other side of a duplicate); findings that were already there are not its doing. Only the files
 * the planner says the change can affect are judged, before and after, each from its
 * neighbourhood, as `pwc validate --changed-since` does. The index of the data now is built once,
 * so a terminal session can judge each answer. `readText` gives an existing file's text, for
 * positions; `today` is YYYY-MM-DD.
 */
export class WrittenFileJudge {
  private readonly stateOf = planState;
  private readonly before: DependencyIndex;

  constructor(
    private readonly now: DataNow,
    private readonly today: string,
    private readonly readText: (path: string) => string | undefined,
  ) {
    this.before = now.index ?? new MemoryIndex(now.files.map((path) => [path, this.stateOf(now.valid.get(path))]));
  }

  findings(file: WouldBeFile): Finding[] {
    const { now, before, today } = this;
    const own = checkFile(file.path, new TextEncoder().encode(file.text));
    const afterState = this.stateOf(own.valid);
    const after = new LayeredIndex(before, new Map([[file.path, afterState]]));
    const existed = before.exists(file.path);
    const plan = planner.planCheck([{ path: file.path, before: existed ? this.stateOf(now.valid.get(file.path)) : undefined, after: afterState }], after);

    const validAfter = (path: string) => (path === file.path ? own.valid : now.valid.get(path));
    const key = (r: Report) => JSON.stringify([r.rule, r.file, r.at, r.part, r.message]);
    const old = new Set(judge(plan.filter((p) => before.exists(p)), before, (p) => now.valid.get(p), today).map(key));
    const added = judge(plan, after, validAfter, today).filter((r) => !old.has(key(r)));
    const located = locateReports(added, (path) => (path === file.path ? file.text : this.readText(path)));
    return [...own.findings, ...located].sort(compareFindings);
  }
}

/** One would-be file judged (see WrittenFileJudge). */
export function findingsIfWritten(now: DataNow, file: WouldBeFile, today: string, readText: (path: string) => string | undefined): Finding[] {
  return new WrittenFileJudge(now, today, readText).findings(file);
}

/** The repository rules' reports on the planned files, from a repository of their neighbourhood (a rule's failure is kept). */
function judge(plan: readonly string[], index: DependencyIndex, validOf: (path: string) => ValidFile | undefined, today: string): Report[] {
  const around = planner.neighbourhood(plan, index);
  const paths = new Set([...around.full, ...around.entities]);
  for (const kind of around.allOf) for (const p of index.pathsUnder(KIND_FOLDERS[kind])) paths.add(p);
  const valid = [...paths].map(validOf).filter((v): v is ValidFile => v !== undefined);
  const planned = new Set(plan);
  return checkRepository(buildRepository(valid), { today, files: around.present }).filter((r) => planned.has(r.file) || r.file === REPOSITORY_FILE);
}
