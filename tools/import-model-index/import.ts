// `pwc import-model-index`: finds the zoo files, places their results in the repository, judges the files it would write with the validator's checks, and writes all or none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataNow } from '../checks/data-now.ts';
import type { Finding } from '../checks/finding.ts';
import { WrittenFileJudge } from '../checks/if-written.ts';
import { commitFiles, CommitError } from './commit.ts';
import { discover, type FoundFile } from './discover.ts';
import { evalResultsModel, Origins, sourceOf } from './origin.ts';
import { Places, placeEntry, type PlacedRow, type Unplaced } from './place.ts';
import { planImport, type ImportPlan } from './plan.ts';
import { readEvalResults } from './read-eval-results.ts';
import { readModelCard } from './read-model-card.ts';
import { collectionsOf, readModelIndex } from './read-model-index.ts';
import type { FileProblem, ZooEntry } from './zoo-entry.ts';

export interface ImportOptions {
  /** The repository the results go into. */
  root: string;
  /** Files or folders to read. */
  paths: string[];
  /** The repository the files come from, when git cannot tell (--source-url). */
  sourceUrl?: string;
  /** The paper (or source) id for entries whose file names none (--paper). */
  paper?: string;
  /** Plan and judge, write nothing. */
  dryRun?: boolean;
  /** YYYY-MM-DD, for the date rules. */
  today?: string;
}

export interface ImportOutcome {
  files: FoundFile[];
  problems: FileProblem[];
  entries: ZooEntry[];
  plan: ImportPlan;
  /** What the validator's checks find in the files the import would write. */
  findings: Finding[];
  /** Why nothing was written, when something should have been. */
  refused?: string;
  written: boolean;
}

/** Thrown for options that name nothing: an unknown --paper. */
export class ImportRefused extends Error {}

/** The entries of a found file, and what could not be read in it. */
function entriesOf(file: FoundFile, model: () => string, collections: ReadonlyMap<string, Record<string, unknown>>): { entries: ZooEntry[]; problems: string[] } {
  if (file.format === 'model-card') return readModelCard(file.path, file.text);
  if (file.format === 'eval-results') return readEvalResults(file.path, file.text, model());
  return readModelIndex(file.path, file.text, collections);
}

export async function importModelIndex(options: ImportOptions): Promise<ImportOutcome> {
  const { files, problems } = await discover(options.paths);
  const data = await readDataNow(options.root);
  const places = new Places(data.repo);
  if (options.paper !== undefined && !places.hasOwner(options.paper)) {
    throw new ImportRefused(`--paper "${options.paper}" is neither a paper nor a source of the repository (data/papers/, data/sources/)`);
  }
  const origins = new Origins(options.sourceUrl);
  // A zoo's collections are one namespace across its files (OpenMMLab defines some in one metafile and uses them in another).
  const collections = new Map<string, Record<string, unknown>>();
  for (const file of files) if (file.format === 'model-index') for (const [name, c] of collectionsOf(file.text)) if (!collections.has(name)) collections.set(name, c);
  const entries: ZooEntry[] = [];
  const placed: PlacedRow[] = [];
  const unplaced: Unplaced[] = [];
  for (const file of files) {
    const origin = await origins.of(file);
    const read = entriesOf(file, () => evalResultsModel(origin, file.path), collections);
    for (const message of read.problems) problems.push({ file: file.path, message });
    for (const entry of read.entries) {
      entries.push(entry);
      const source = sourceOf(origin, entry);
      if (!source) {
        unplaced.push({ entry, reason: 'no web address of the repository this file comes from is known (no git remote, no code link)', tip: 'Give it with --source-url URL.' });
        continue;
      }
      const placement = placeEntry(places, entry, { paper: options.paper, source });
      unplaced.push(...placement.unplaced);
      if (placement.placed) placed.push(placement.placed);
    }
  }
  const plan = await planImport(options.root, data.repo, placed, unplaced);

  // The validator's own checks on each file as it would be written; any error refuses the whole run.
  const readDisk = (path: string) => {
    try {
      return readFileSync(join(options.root, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  const judge = new WrittenFileJudge(data, options.today ?? new Date().toISOString().slice(0, 10), readDisk);
  const findings = plan.files.flatMap((f) => judge.findings({ path: f.path, text: f.text }));
  const outcome: ImportOutcome = { files, problems, entries, plan, findings, written: false };
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) return { ...outcome, refused: `\`pwc validate\` would report ${errors === 1 ? '1 error' : `${errors} errors`} in the files this import would write` };
  const missing = problems.filter((p) => p.message === 'no such file or folder');
  if (missing.length > 0) return { ...outcome, refused: `${missing.length === 1 ? 'a path given does' : 'paths given do'} not exist` };
  if (options.dryRun || plan.files.length === 0) return outcome;
  try {
    await commitFiles(options.root, plan.files);
  } catch (error) {
    if (error instanceof CommitError) return { ...outcome, refused: error.message };
    throw error;
  }
  return { ...outcome, written: true };
}
