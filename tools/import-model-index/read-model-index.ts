// Reads the paperswithcode model-index format (OpenMMLab's model-index.yml and metafile.yml): Collections, Models, Results, Import.
import { parse } from 'yaml';
import { givenAnything, givenValue, listOf, mapOf, textOf, type GivenMetric, type GivenPaper, type ZooEntry } from './zoo-entry.ts';

/**
 * The model's metadata fields that are metrics, and the names a benchmark may declare them by
 * (Papers With Code called the parameter count "Number of params"). Their values are counts.
 */
export const METADATA_METRICS: Readonly<Record<string, readonly string[]>> = {
  Parameters: ['Parameters', 'Number of params', 'Params'],
  FLOPs: ['FLOPs'],
};

export interface ModelIndexFile {
  entries: ZooEntry[];
  /** The files its `Import:` list names, as written (relative to this file). */
  imports: string[];
  /** What could not be read (a model without results is not a problem: many zoos list such). */
  problems: string[];
}

/** Whether parsed YAML is a model-index file: it has Models, Collections or Import at its top. */
export function isModelIndex(data: unknown): boolean {
  const top = mapOf(data);
  return top !== undefined && ('Models' in top || 'Import' in top || 'Collections' in top);
}

/** The first line of a YAML parser's complaint, without its trailing colon. */
export function yamlProblem(error: unknown): string {
  return (error as Error).message.split('\n')[0].replace(/:\s*$/, '');
}

/** Parses YAML as model-index files are read here: every scalar as text, so numbers keep their printed form (77.90). */
export function parseZooYaml(text: string): unknown {
  return parse(text, { schema: 'failsafe', uniqueKeys: false, maxAliasCount: 100 });
}

function paperOf(raw: unknown): GivenPaper | undefined {
  const url = textOf(raw);
  if (url) return { url };
  const map = mapOf(raw);
  if (!map) return undefined;
  const paper = { url: textOf(map.URL ?? map.Url ?? map.url), title: textOf(map.Title ?? map.title) };
  return paper.url || paper.title ? paper : undefined;
}

/** A name or a list of names; undefined when there are none. */
function namesOf(raw: unknown): string[] | undefined {
  const names = (Array.isArray(raw) ? raw : [raw]).map(textOf).filter((n): n is string => n !== undefined);
  return names.length > 0 ? names : undefined;
}

function codeOf(raw: unknown): string | undefined {
  const url = textOf(raw) ?? textOf(mapOf(raw)?.URL);
  return url && /^https?:\/\/\S+$/.test(url) ? url : undefined;
}

/** A Results entry's metrics: a mapping of name to value (the format's own), or a list of one-key mappings. */
function resultMetrics(raw: unknown): GivenMetric[] {
  const pairs: [string, unknown][] = Array.isArray(raw) ? raw.flatMap((item) => Object.entries(mapOf(item) ?? {})) : Object.entries(mapOf(raw) ?? {});
  return pairs.filter(([name]) => name.trim() !== '').map(([name, value]) => ({ names: [name.trim()], value: givenAnything(value) }));
}

/** The metadata fields that are metrics (Parameters, FLOPs), as counts. */
function metadataMetrics(raw: unknown): GivenMetric[] {
  const metadata = mapOf(raw) ?? {};
  return Object.entries(METADATA_METRICS).flatMap(([field, names]) => {
    const given = givenValue(metadata[field]);
    return given ? [{ names: [...names], value: given, count: true }] : [];
  });
}

/** A file's collections by name (a model may be in a collection another file of the zoo defines). */
export function collectionsOf(text: string): Map<string, Record<string, unknown>> {
  const collections = new Map<string, Record<string, unknown>>();
  let top: Record<string, unknown> | undefined;
  try {
    top = mapOf(parseZooYaml(text));
  } catch {
    return collections;
  }
  for (const c of listOf(top?.Collections)) {
    const name = textOf(mapOf(c)?.Name);
    if (name) collections.set(name, mapOf(c)!);
  }
  return collections;
}

/**
 * The entries, imports and problems of one model-index file's text; `file` is its absolute path.
 * `shared`: the collections of every file read (a collection of this file comes first).
 */
export function readModelIndex(file: string, text: string, shared?: ReadonlyMap<string, Record<string, unknown>>): ModelIndexFile {
  let data: unknown;
  try {
    data = parseZooYaml(text);
  } catch (error) {
    return { entries: [], imports: [], problems: [`not valid YAML: ${yamlProblem(error)}`] };
  }
  const top = mapOf(data);
  if (!top) return { entries: [], imports: [], problems: ['not a model-index file: its top is not a mapping'] };
  const problems: string[] = [];
  const imports = listOf(top.Import).map(textOf).filter((p): p is string => p !== undefined);
  const collections = collectionsOf(text);
  const entries: ZooEntry[] = [];
  listOf(top.Models).forEach((raw, m) => {
    const model = mapOf(raw);
    const name = textOf(model?.Name);
    if (!model || !name) {
      problems.push(`Models[${m}] has no Name`);
      return;
    }
    const collectionName = textOf(model['In Collection']);
    const collection = collectionName ? (collections.get(collectionName) ?? shared?.get(collectionName)) : undefined;
    if (collectionName && !collection) problems.push(`Models[${m}] "${name}": its collection "${collectionName}" is in none of the files read`);
    const paper = paperOf(model.Paper) ?? paperOf(collection?.Paper);
    const code = codeOf(model.Code) ?? codeOf(collection?.Code);
    const metadata = metadataMetrics(model.Metadata);
    // The model's own Training Data, else its collection's (OpenMMLab states it at either level).
    const trainingData = namesOf(mapOf(model.Metadata)?.['Training Data']) ?? namesOf(mapOf(collection?.Metadata)?.['Training Data']);
    listOf(model.Results).forEach((r, i) => {
      const result = mapOf(r);
      const dataset = textOf(result?.Dataset);
      const where = `Models[${m}] "${name}", Results[${i}]`;
      if (!result || !dataset) {
        problems.push(`${where} names no Dataset`);
        return;
      }
      const task = textOf(result.Task);
      entries.push({
        file,
        format: 'model-index',
        where,
        model: name,
        task: task ? [task] : [],
        dataset: [dataset],
        // The metadata holds for the model, so it goes with each of its results.
        metrics: [...resultMetrics(result.Metrics), ...metadata],
        paper,
        code,
        trainingData,
      });
    });
  });
  return { entries, imports, problems };
}
