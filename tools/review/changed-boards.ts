// The leaderboards a change can touch, built at both commits from only the files they read: the
// boards' result files, their datasets (the benchmark declarations) and the papers that date rows
// (a board reads no task file: its task is the id in its path).
// Unchanged files are the same at both commits, so the base side reads only the changed paths.
import { contentsAt } from '../git/cat-file.ts';
import type { PathChange } from '../git/changes.ts';
import { readEntries } from '../git/commits.ts';
import { treeBlobs } from '../git/listing.ts';
import { buildLeaderboards, leaderboardId, type Leaderboard } from '../model/leaderboard.ts';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { readValidFile, repositoryOfFiles, type Repository } from '../model/repository.ts';
import type { DatasetFile } from '../model/types.ts';

const RESULTS = 'data/results';
const PAPERS = 'data/papers';
/** Above this many boards one listing of every result file is cheaper than one path a board. */
const LIST_ALL_BOARDS = 200;

/** Partial repositories at base and head, and every leaderboard the change can touch at each. */
export interface BoardsOfChange {
  base: Repository;
  head: Repository;
  before: Map<string, Leaderboard>;
  after: Map<string, Leaderboard>;
}

/**
 * What a change names that decides whether a board is in the report: the boards of changed result
 * files and the changed datasets (their benchmarks). A paper's date only orders tied rows, so it
 * can change the best holder of a board that is in the report for another reason (those boards'
 * papers are read), never put a board there.
 */
export function touchedByChange(changed: readonly PathChange[]): { boards: Set<string>; datasets: Set<string> } {
  const boards = new Set<string>();
  const datasets = new Set<string>();
  for (const { path } of changed) {
    const ref = classifyPath(path);
    if (isPathProblem(ref)) continue;
    if (ref.kind === 'result') boards.add(leaderboardId(ref.task, ref.dataset));
    else if (ref.kind === 'dataset') datasets.add(ref.id);
  }
  return { boards, datasets };
}

/** The files of one side: paths and bytes, the unchanged ones shared with the other side. */
type Files = Map<string, Uint8Array>;

export async function changedLeaderboards(root: string, baseSha: string, headSha: string, changed: readonly PathChange[]): Promise<BoardsOfChange> {
  const changeOf = new Map(changed.map((c) => [c.path, c.change]));
  const touched = touchedByChange(changed);
  const read = new BothSides(root, baseSha, headSha, changeOf);

  // A changed dataset touches every board it declares, at either commit.
  const datasetPath = (id: string) => `data/datasets/${id}.yaml`;
  const changedDatasets = await read.paths([...touched.datasets].map(datasetPath));
  for (const files of [changedDatasets.base, changedDatasets.head]) {
    for (const [path, bytes] of files) {
      const file = readValidFile(path, bytes);
      if (!file || isPathProblem(file.ref) || file.ref.kind !== 'dataset') continue;
      for (const b of (file.data as DatasetFile).benchmarks ?? []) touched.boards.add(leaderboardId(b.task, file.ref.id));
    }
  }
  const empty = { base: repositoryOfFiles([]), head: repositoryOfFiles([]), before: new Map(), after: new Map() };
  if (touched.boards.size === 0) return empty;

  // The boards' rows: every result file in their folders, at either commit.
  const folders = [...touched.boards].map((id) => `${RESULTS}/${id}/`);
  const folderSet = new Set(folders);
  const inFolders = (path: string) => folderSet.has(path.slice(0, path.lastIndexOf('/') + 1));
  const listedResults = touched.boards.size > LIST_ALL_BOARDS ? only(await treeBlobs(root, headSha, RESULTS), inFolders) : await treeBlobs(root, headSha, folders);
  const results = await read.entries(listedResults, inFolders);
  const datasetIds = new Set([...touched.boards].map((id) => id.split('/')[1]));
  const datasets = await read.paths([...datasetIds].map(datasetPath));

  // The papers that date the rows: every file of each paper id (a duplicate id in two years: the later path wins).
  const paperIds = new Set<string>();
  for (const files of [results.base, results.head]) {
    for (const path of files.keys()) {
      const ref = classifyPath(path);
      if (!isPathProblem(ref) && ref.kind === 'result') paperIds.add(ref.paper);
    }
  }
  // Found by file name in one listing: asking git for each year folder's path is slower (a miss costs git a rescan).
  const named = (path: string) => paperIds.has(path.slice(path.lastIndexOf('/') + 1, -'.yaml'.length));
  const paperOf = (path: string) => {
    const ref = classifyPath(path);
    return !isPathProblem(ref) && ref.kind === 'paper' && paperIds.has(ref.id);
  };
  const papers = await read.entries(only(await treeBlobs(root, headSha, PAPERS), (p) => named(p) && paperOf(p)), (p) => p.startsWith(`${PAPERS}/`) && paperOf(p));
  const base = repositoryOfFiles([...results.base, ...datasets.base, ...papers.base]);
  const head = repositoryOfFiles([...results.head, ...datasets.head, ...papers.head]);
  return { base, head, before: only(buildLeaderboards(base), (id) => touched.boards.has(id)), after: only(buildLeaderboards(head), (id) => touched.boards.has(id)) };
}

/** The entries of a map whose key passes. */
function only<T>(map: ReadonlyMap<string, T>, keep: (key: string) => boolean): Map<string, T> {
  return new Map([...map].filter(([key]) => keep(key)));
}

/** Reads files at both commits: head's from git, base's only where the change made them differ. */
class BothSides {
  constructor(
    private readonly root: string,
    private readonly baseSha: string,
    private readonly headSha: string,
    private readonly changeOf: ReadonlyMap<string, PathChange['change']>,
  ) {}

  /** Named paths, each read where it exists. */
  async paths(paths: readonly string[]): Promise<{ base: Files; head: Files }> {
    const atHead = await contentsAt(this.root, this.headSha, paths.filter((p) => this.changeOf.get(p) !== 'removed'));
    const head: Files = new Map([...atHead].filter((e): e is [string, Buffer] => e[1] !== undefined));
    return { base: await this.baseOf(head, paths), head };
  }

  /** Head's listed entries, and base's files: those entries less the added, plus the removed that `wanted` keeps. */
  async entries(atHead: ReadonlyMap<string, string>, wanted: (path: string) => boolean): Promise<{ base: Files; head: Files }> {
    const head = await readEntries(this.root, atHead, this.headSha);
    const removed = [...this.changeOf].filter(([p, c]) => c === 'removed' && wanted(p)).map(([p]) => p);
    return { base: await this.baseOf(head, [...head.keys(), ...removed]), head };
  }

  /** The base side of `paths`: the head's bytes where unchanged, git's at base where changed or removed. */
  private async baseOf(head: Files, paths: readonly string[]): Promise<Files> {
    const differing = paths.filter((p) => this.changeOf.has(p) && this.changeOf.get(p) !== 'added');
    const atBase = await contentsAt(this.root, this.baseSha, differing);
    const base: Files = new Map();
    for (const p of paths) {
      const bytes = this.changeOf.has(p) ? atBase.get(p) : head.get(p);
      if (bytes) base.set(p, bytes);
    }
    return base;
  }
}
