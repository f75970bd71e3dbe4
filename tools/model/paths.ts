// Ids come from paths: this module maps a path under data/ to the entity it names, and back.
import type { FileKind } from './schemas.ts';

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 120;

export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX && SLUG.test(value);
}

/** Where a data file sits and what its path says it is. Paths are POSIX, relative to the repo root. */
export type FileRef =
  | { kind: 'areas'; path: string }
  | { kind: 'task'; path: string; id: string }
  | { kind: 'dataset'; path: string; id: string }
  | { kind: 'method'; path: string; id: string }
  | { kind: 'paper'; path: string; id: string; year: string }
  | { kind: 'source'; path: string; id: string }
  /** `paper` is the id of the paper or source (they share one namespace) whose results the file holds. */
  | { kind: 'result'; path: string; id: string; task: string; dataset: string; paper: string };

/** Why a path is not a valid data file path; `segment` is the offending part. */
export interface PathProblem {
  path: string;
  message: string;
  tip: string;
}

export const DATA_DIR = 'data';
export const AREAS_PATH = 'data/areas.yaml';

/** Kind folders under data/ and the depth of folders between them and the file. */
const LAYOUT: Record<string, { kind: Exclude<FileKind, 'areas'>; depth: number; shape: string }> = {
  tasks: { kind: 'task', depth: 0, shape: 'data/tasks/<task>.yaml' },
  datasets: { kind: 'dataset', depth: 0, shape: 'data/datasets/<dataset>.yaml' },
  methods: { kind: 'method', depth: 0, shape: 'data/methods/<method>.yaml' },
  papers: { kind: 'paper', depth: 1, shape: 'data/papers/<yyyy>/<paper>.yaml' },
  sources: { kind: 'source', depth: 0, shape: 'data/sources/<source>.yaml' },
  results: { kind: 'result', depth: 2, shape: 'data/results/<task>/<dataset>/<paper>.yaml' },
};

/** Files under data/ that are not data: the Nx project file and the data licence. */
const NON_DATA_FILES = new Set(['data/project.json', 'data/LICENSE']);

/** Is this path (relative, POSIX) one that the validator should look at? Anything under data/ except project files. */
export function isDataPath(path: string): boolean {
  return path.startsWith('data/') && !NON_DATA_FILES.has(path) && !path.startsWith('data/.');
}

/**
 * Classifies a path under data/. Returns the FileRef, or a PathProblem saying what is wrong
 * with the path itself (wrong extension, misplaced file, id that is not a slug).
 */
export function classifyPath(path: string): FileRef | PathProblem {
  if (path === AREAS_PATH) return { kind: 'areas', path };
  const parts = path.split('/');
  if (parts[0] !== DATA_DIR || parts.length < 3) {
    return {
      path,
      message: `"${path}" is not a known kind of data file`,
      tip: `Data files live in ${Object.values(LAYOUT).map((l) => l.shape).join(', ')} or ${AREAS_PATH}.`,
    };
  }
  const layout = LAYOUT[parts[1]];
  if (!layout) {
    return {
      path,
      message: `"${parts[1]}" is not a data folder`,
      tip: `Use one of data/${Object.keys(LAYOUT).join(', data/')}.`,
    };
  }
  const file = parts[parts.length - 1];
  if (parts.length !== 3 + layout.depth) {
    return { path, message: `a ${layout.kind} file must be at ${layout.shape}`, tip: `Move the file to ${layout.shape}.` };
  }
  if (!file.endsWith('.yaml')) {
    return {
      path,
      message: `data files end in .yaml, not "${file}"`,
      tip: file.endsWith('.yml') ? `Rename it to ${file.slice(0, -4)}.yaml.` : `Name it ${layout.shape}.`,
    };
  }
  const id = file.slice(0, -'.yaml'.length);
  const folders = parts.slice(2, -1);
  for (const segment of [...folders, id]) {
    if (layout.kind === 'paper' && segment === folders[0]) continue;
    if (!isSlug(segment)) {
      return {
        path,
        message: `"${segment}" is not a valid id: ids are lowercase slugs of a-z, 0-9 and single hyphens, at most ${SLUG_MAX} characters`,
        tip: `Rename it to "${toSlug(segment) || 'a-valid-slug'}".`,
      };
    }
  }
  switch (layout.kind) {
    case 'paper':
      if (!/^\d{4}$/.test(folders[0])) {
        return { path, message: `"${folders[0]}" is not a year`, tip: `Papers live in data/papers/<yyyy>/, the year of the paper's date.` };
      }
      return { kind: 'paper', path, id, year: folders[0] };
    case 'result':
      return { kind: 'result', path, id: `${folders[0]}/${folders[1]}/${id}`, task: folders[0], dataset: folders[1], paper: id };
    default:
      return { kind: layout.kind, path, id };
  }
}

export function isPathProblem(x: FileRef | PathProblem): x is PathProblem {
  return !('kind' in x);
}

export function taskPath(id: string): string {
  return `data/tasks/${id}.yaml`;
}
export function datasetPath(id: string): string {
  return `data/datasets/${id}.yaml`;
}
export function methodPath(id: string): string {
  return `data/methods/${id}.yaml`;
}
export function sourcePath(id: string): string {
  return `data/sources/${id}.yaml`;
}
export function paperPath(id: string, date: string): string {
  return `data/papers/${date.slice(0, 4)}/${id}.yaml`;
}
export function resultPath(task: string, dataset: string, paper: string): string {
  return `data/results/${task}/${dataset}/${paper}.yaml`;
}

/** A best-effort slug of free text (used in tips and by the importer). */
export function toSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\+/g, '-plus-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-+/g, '-')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}
