// Finds the files to import under the paths given: model-index files (and what their `Import:` lists name), model cards, .eval_results files.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { hasModelIndex } from './read-model-card.ts';
import { isModelIndex, parseZooYaml, readModelIndex } from './read-model-index.ts';
import type { FileProblem, ZooFormat } from './zoo-entry.ts';

export interface FoundFile {
  /** Absolute path. */
  path: string;
  format: ZooFormat;
  /** The folder the path given on the command line names (a file's own folder): paths in sources are relative to it. */
  base: string;
  text: string;
}

/** Folders never searched: version control, dependencies, and hidden folders other than .eval_results. */
const skipFolder = (name: string) => name === 'node_modules' || (name.startsWith('.') && name !== '.eval_results');
const isYaml = (name: string) => /\.ya?ml$/i.test(name);
const isReadme = (name: string) => /^readme\.md$/i.test(name);
const inEvalResults = (path: string) => basename(dirname(path)) === '.eval_results';

/** The format of a file found in a folder, from its name and text; undefined when it holds no results. */
function formatOf(path: string, text: string): ZooFormat | undefined {
  const name = basename(path);
  if (isReadme(name)) return hasModelIndex(text) ? 'model-card' : undefined;
  if (!isYaml(name)) return undefined;
  if (inEvalResults(path)) return 'eval-results';
  if (/^(model-index|metafile)\.ya?ml$/i.test(name)) return 'model-index';
  // Any other YAML file counts only if it is one: a cheap look first, then a parse.
  if (!/^(Models|Import|Collections)\s*:/m.test(text)) return undefined;
  try {
    return isModelIndex(parseZooYaml(text)) ? 'model-index' : undefined;
  } catch {
    return undefined;
  }
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipFolder(entry.name)) await walk(path, out);
    } else if (entry.isFile() && (isYaml(entry.name) || isReadme(entry.name))) {
      out.push(path);
    }
  }
}

/**
 * The files to import under `paths` (files or folders), in path order, each once, with the files
 * their `Import:` lists name (relative to the listing file). A file given by name is read in the
 * format its name says (a README.md as a model card, a YAML file in .eval_results/ as eval results,
 * any other YAML file as model-index); what cannot be read is a problem, and the rest goes on.
 */
export async function discover(paths: readonly string[]): Promise<{ files: FoundFile[]; problems: FileProblem[] }> {
  const found = new Map<string, FoundFile>();
  const problems: FileProblem[] = [];
  const pending: { path: string; base: string; named: boolean; importedBy?: string }[] = [];
  for (const given of paths) {
    const path = resolve(given);
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      problems.push({ file: path, message: 'no such file or folder' });
      continue;
    }
    if (!isDir) {
      pending.push({ path, base: dirname(path), named: true });
      continue;
    }
    const list: string[] = [];
    await walk(path, list);
    for (const p of list) pending.push({ path: p, base: path, named: false });
  }
  while (pending.length > 0) {
    const { path, base, named, importedBy } = pending.shift()!;
    if (found.has(path)) continue;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      problems.push({ file: importedBy ?? path, message: importedBy ? `its Import names ${path}, which cannot be read` : 'cannot be read' });
      continue;
    }
    const format = named || importedBy ? namedFormat(path) : formatOf(path, text);
    if (!format) continue;
    found.set(path, { path, format, base, text });
    if (format !== 'model-index') continue;
    for (const imported of readModelIndex(path, text).imports) pending.push({ path: resolve(dirname(path), imported), base, named: true, importedBy: path });
  }
  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

/** The format of a file given by name (or imported): by its name alone. */
function namedFormat(path: string): ZooFormat {
  if (/\.md$/i.test(path)) return 'model-card';
  return inEvalResults(path) ? 'eval-results' : 'model-index';
}
