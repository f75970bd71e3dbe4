// The folders under data/ with their mtimes, as the cache saw them. A folder whose mtime has not
// changed gained and lost no entry since, so the files it holds are known without listing it:
// finding new files costs a stat per folder instead of a listing of every folder.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, isDataPath } from '../model/paths.ts';

export interface FolderTimes {
  folders: string[];
  mtimes: Float64Array;
}

/** Every folder holding the files (and the folders between them and data/), with its mtime now. */
export function folderTimes(root: string, files: readonly string[]): FolderTimes {
  const set = new Set<string>([DATA_DIR]);
  for (const file of files) {
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
      const folder = file.slice(0, slash);
      if (set.has(folder)) break;
      set.add(folder);
    }
  }
  const folders = [...set].sort();
  const mtimes = Float64Array.from(folders, (folder) => folderMtime(root, folder) ?? -1);
  return { folders, mtimes };
}

/** The mtime of a folder, undefined when it is gone. Called for every folder of the repository, so no path joining. */
function folderMtime(root: string, folder: string): number | undefined {
  try {
    return statSync(`${root}/${folder}`, { throwIfNoEntry: false })?.mtimeMs;
  } catch {
    return undefined; // e.g. a folder above it is now a file (ENOTDIR)
  }
}

/**
 * The data files that are not `known` in folders whose mtime changed (or is too recent to trust,
 * at or after `racyAfter`), and in every folder below them that the cache did not know.
 */
export function newFilesInFolders(root: string, times: FolderTimes, racyAfter: number, known: (path: string) => boolean): string[] {
  const out: string[] = [];
  const knownFolders = new Set(times.folders);
  const list = (folder: string, walkAll: boolean) => {
    let entries;
    try {
      entries = readdirSync(join(root, folder), { withFileTypes: true });
    } catch {
      return; // gone: git or the cache's dirty list accounts for its files
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (walkAll || !knownFolders.has(path)) list(path, true);
      } else if (entry.isFile() && isDataPath(path) && !known(path)) {
        out.push(path);
      }
    }
  };
  times.folders.forEach((folder, i) => {
    const mtime = folderMtime(root, folder);
    if (mtime !== undefined && (mtime !== times.mtimes[i] || mtime >= racyAfter)) list(folder, false);
  });
  return [...new Set(out)].sort();
}
