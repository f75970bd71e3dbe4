// The folders under data/ with their mtimes, as the cache saw them. A folder whose mtime has not
// changed gained and lost no entry since, so the files it holds are known without listing it:
// finding new files costs a stat per folder instead of a listing of every folder.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, isDataPath } from '../../model/paths.ts';

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

export interface FolderScan {
  added: string[];
  moved: number;
}

/**
 * The data files new since the cache (`added`): those not among `cachedNames(folder)` in folders
 * whose mtime changed (or is too recent to trust, at or after `racyAfter`), and every one in folders
 * below them that the cache did not know. `moved`: how many folders' mtimes are not the cache's (a
 * cache that keeps old ones makes every later run list those folders again).
 */
export function newFilesInFolders(root: string, times: FolderTimes, racyAfter: number, cachedNames: (folder: string) => ReadonlySet<string>): FolderScan {
  const out: string[] = [];
  let knownFolders: Set<string> | undefined;
  const list = (folder: string, walkAll: boolean) => {
    let entries;
    try {
      entries = readdirSync(join(root, folder), { withFileTypes: true });
    } catch {
      return; // gone: git or the cache's dirty list accounts for its files
    }
    const cached = walkAll ? undefined : cachedNames(folder);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (walkAll || !(knownFolders ??= new Set(times.folders)).has(path)) list(path, true);
      } else if (entry.isFile() && !cached?.has(entry.name) && isDataPath(path)) {
        out.push(path);
      }
    }
  };
  // An indexed loop over every folder: no closure call per folder.
  const { folders, mtimes } = times;
  let moved = 0;
  for (let i = 0; i < folders.length; i++) {
    const mtime = folderMtime(root, folders[i]);
    if (mtime !== mtimes[i]) moved++;
    if (mtime !== undefined && (mtime !== mtimes[i] || mtime >= racyAfter)) list(folders[i], false);
  }
  return { added: [...new Set(out)].sort(), moved };
}
