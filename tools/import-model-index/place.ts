// Places zoo entries in the repository: the task, dataset, paper and metrics each matched by name, values in the declared units; or why not. Pure.
import { benchmarkOf, isIdProblem } from '../checks/known-ids.ts';
import { NameIndex, normaliseModel, normaliseName } from '../checks/nearest.ts';
import { arxivId, PaperIndex, paperRef, titleKey } from '../import-pwc/paper-identity.ts';
import { leaderboardId } from '../model/leaderboard.ts';
import { resultPath } from '../model/paths.ts';
import type { PrintedValues } from '../model/printed.ts';
import type { Repository } from '../model/repository.ts';
import type { MetricSpec, StructuredSource } from '../model/types.ts';
import { NameMatcher } from './names.ts';
import { convertValue } from './values.ts';
import type { GivenPaper, ZooEntry } from './zoo-entry.ts';

/** A row ready to be written: where it goes and what it says. */
export interface PlacedRow {
  entry: ZooEntry;
  task: string;
  dataset: string;
  /** The paper's (or source's) id: the result file's name. */
  paper: string;
  /** data/results/<task>/<dataset>/<paper>.yaml */
  path: string;
  row: { model: string; metrics: Record<string, number>; extra_training_data?: boolean; code?: string; notes?: string; source: StructuredSource };
  printed: PrintedValues;
}

/** Something the importer did not place: a whole entry, or one of its values. */
export interface Unplaced {
  entry: ZooEntry;
  /** The value left out ("FLOPs 4120000000"), or undefined when the whole entry is. */
  value?: string;
  reason: string;
  tip?: string;
}

export interface Placement {
  placed?: PlacedRow;
  unplaced: Unplaced[];
}

/** The repository's names of tasks, datasets and papers, built once for a run. */
export class Places {
  readonly tasks: NameMatcher;
  readonly datasets: NameMatcher;
  private readonly papers = new PaperIndex<{ id: string; arxiv?: string }>();
  private readonly titles: NameIndex;

  constructor(readonly repo: Repository) {
    this.tasks = new NameMatcher('task', [...repo.tasks.values()].map((t) => ({ id: t.id, names: [t.name, ...(t.synonyms ?? [])] })));
    this.datasets = new NameMatcher('dataset', [...repo.datasets.values()].map((d) => ({ id: d.id, names: [d.name, d.full_name, ...(d.synonyms ?? [])] })));
    for (const p of repo.papers.values()) this.papers.add({ id: p.id, arxiv: p.arxiv }, paperRef({ arxiv: p.arxiv, urls: [p.url, p.pdf], title: p.title }));
    this.titles = new NameIndex([...repo.papers.values()].map((p) => p.title));
  }

  /** The paper a file names, by arXiv id, URL or title; or why none. */
  paper(given: GivenPaper): { id: string } | { problem: string; tip?: string } {
    // An arXiv id as files write it ("arXiv:1512.03385v1") is the bare id without its version.
    const found = this.papers.find(paperRef({ arxiv: arxivId(given.arxiv), urls: [given.url], title: given.title }));
    if (found) return { id: found.id };
    const named = [given.arxiv && `arXiv ${given.arxiv}`, given.url, given.title && `"${given.title}"`].filter(Boolean).join(', ');
    const close = given.title ? this.titles.nearest(given.title) : undefined;
    return {
      problem: `no paper of the repository is ${named}`,
      tip: close && titleKey(close) !== titleKey(given.title) ? `Did you mean "${close}"?` : 'Add the paper first (pwc new paper), then import again.',
    };
  }

  /** Whether `id` is a paper or a source of the repository. */
  hasOwner(id: string): boolean {
    return this.repo.papers.has(id) || this.repo.sources.has(id);
  }
}

export interface PlaceOptions {
  /** The paper (or source) id for entries whose file names no paper (--paper). */
  paper?: string;
  /** The row's source: the file's repository and path. */
  source: StructuredSource;
}

/** The declared metric a given metric is, by any of its names (normalised as did-you-mean normalises them). */
function declaredMetric(metrics: readonly MetricSpec[], names: readonly string[]): MetricSpec | undefined {
  for (const name of names) {
    const found = metrics.find((m) => normaliseName(m.name) === normaliseName(name));
    if (found) return found;
  }
  return undefined;
}

/** Where an entry goes and what of it, or why not: never a guess. */
export function placeEntry(places: Places, entry: ZooEntry, options: PlaceOptions): Placement {
  const { repo } = places;
  const whole = (reason: string, tip?: string): Placement => ({ unplaced: [{ entry, reason, tip }] });
  if (!entry.model) return whole('the file names no model');

  const dataset = places.datasets.match(entry.dataset);
  if ('problem' in dataset) return whole(dataset.problem, dataset.tip);
  let task: string;
  if (entry.task.length > 0) {
    const found = places.tasks.match(entry.task);
    if ('problem' in found) return whole(found.problem, found.tip);
    task = found.id;
  } else {
    // The format names no task: only a dataset with a single benchmark leaves no doubt.
    const benchmarks = repo.datasets.get(dataset.id)?.benchmarks ?? [];
    if (benchmarks.length !== 1) return whole(`the file names no task, and the dataset "${dataset.id}" declares ${benchmarks.length} benchmarks`);
    task = benchmarks[0].task;
  }
  const benchmark = benchmarkOf(repo, task, dataset.id);
  if (isIdProblem(benchmark)) return whole(benchmark.message, benchmark.tip);

  let paper: string;
  if (entry.paper) {
    const found = places.paper(entry.paper);
    if ('problem' in found) return whole(found.problem, found.tip);
    paper = found.id;
  } else if (options.paper !== undefined) {
    paper = options.paper;
  } else {
    return whole('the file names no paper', 'Give the paper with --paper ID (its id in data/papers/).');
  }

  const board = leaderboardId(task, dataset.id);
  const unplaced: Unplaced[] = [];
  const metrics: Record<string, number> = {};
  const printed: PrintedValues = {};
  const notes: string[] = [];
  for (const given of entry.metrics) {
    const shown = `${given.names[0] ?? 'value'} ${given.value.text}`;
    // A file that names no metric (.eval_results) gives the benchmark's score: one declared metric leaves no doubt.
    const metric = given.names.length === 0 ? (benchmark.metrics.length === 1 ? benchmark.metrics[0] : undefined) : declaredMetric(benchmark.metrics, given.names);
    if (!metric) {
      const declared = benchmark.metrics.map((m) => `"${m.name}"`).join(', ');
      const close = given.names.map((n) => new NameIndex(benchmark.metrics.map((m) => m.name)).nearest(n)).find((n) => n !== undefined);
      unplaced.push({
        entry,
        value: shown,
        reason: given.names.length === 0 ? `the file names no metric, and ${board} declares ${benchmark.metrics.length}: ${declared}` : `${board} declares no metric ${given.names.map((n) => `"${n}"`).join(' or ')} (it declares ${declared})`,
        tip: close ? `Did you mean "${close}"?` : undefined,
      });
      continue;
    }
    if (metric.name in metrics) {
      unplaced.push({ entry, value: shown, reason: `"${metric.name}" is given twice for this model` });
      continue;
    }
    const converted = convertValue(given, metric);
    if ('problem' in converted) {
      unplaced.push({ entry, value: shown, reason: converted.problem });
      continue;
    }
    metrics[metric.name] = converted.value;
    if (converted.printed) printed[metric.name] = converted.printed;
    if (converted.note) notes.push(`${metric.name} ${converted.value}${metric.unit ? ` (${metric.unit})` : ''} converted from ${given.names[0] ?? 'the value'}: ${converted.note}`);
  }
  // Trained on a dataset other than the benchmark's (ImageNet-21k before ImageNet-1k): extra training data, as the file says.
  const extra = entry.trainingData?.filter((name) => {
    const found = places.datasets.match([name]);
    return !('id' in found && found.id === dataset.id);
  });
  if (extra && extra.length > 0) notes.unshift(`trained on ${entry.trainingData!.join(', ')}`);
  if (Object.keys(metrics).length === 0) return { unplaced: [...unplaced, { entry, reason: `none of its values could be placed on ${board}` }] };
  // Keys in the schema's order; absent ones left out (an undefined key would not read back the same).
  const row: PlacedRow['row'] = {
    model: entry.model,
    metrics,
    ...(extra && extra.length > 0 ? { extra_training_data: true } : {}),
    ...(entry.code ? { code: entry.code } : {}),
    ...(notes.length > 0 ? { notes: `From the file: ${notes.join('; ')}.` } : {}),
    source: options.source,
  };
  return { placed: { entry, task, dataset: dataset.id, paper, path: resultPath(task, dataset.id, paper), row, printed }, unplaced };
}

/** Two rows' model names name the same model on a leaderboard (as duplicate-model judges). */
export const sameModel = (a: string, b: string) => normaliseModel(a) === normaliseModel(b);
