// Whether a metric is higher- or lower-is-better: the curated table first, then rules on common names.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Direction } from '../model/types.ts';

/** How a direction was decided: the table entry, or the name rule that matched. */
export interface DirectionDecision {
  direction: Direction;
  source: string;
}

/** Entries that hold only within one task (and dataset): columns named after splits or domains. */
export interface ScopedDirections {
  task: string;
  dataset?: string;
  higher: string[];
  lower: string[];
}

export interface DirectionTable {
  higher: string[];
  lower: string[];
  scoped: ScopedDirections[];
}

/** Where a metric is declared, as the dump names it: scoped table entries apply there only. */
export interface MetricScope {
  task: string;
  dataset: string;
}

/** Case, spacing and punctuation do not make two metric names different: "Top-1 Accuracy" = "top 1 accuracy". */
export function metricKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Name rules for metrics the table does not list: an unambiguous word in the name decides. */
const LOWER_RULES: [RegExp, string][] = [
  [/error|\berr\b/i, 'error'],
  [/\bloss\b/i, 'loss'],
  [/perplexity|\bppl\b/i, 'perplexity'],
  [/\b(fid|kid|fvd)\b|fr[eé]chet|inception distance/i, 'FID'],
  [/\b[wc]er\b/i, 'WER'],
  [/param/i, 'parameters'],
  [/latency|inference time|run ?time|\btime\b|\((ms|s|sec|seconds)\)|\bms\b|seconds/i, 'latency'],
  [/flops|\bmacs\b|\bmemory\b|model size/i, 'cost'],
  [/\b(r?mse|mae|mape|rmsle|nme|mpjpe|ade|fde)\b/i, 'mean error'],
  [/distance/i, 'distance'],
  [/bits? per|\b(bpc|bpd|bpb)\b|\bnats\b/i, 'bits per unit'],
  [/(mean|median) rank|\bmedr\b/i, 'rank'],
  [/miss rate|false (positive|negative|alarm) rate|\bfpr\b/i, 'miss rate'],
];

const HIGHER_RULES: [RegExp, string][] = [
  [/accuracy|\bacc\b/i, 'accuracy'],
  [/\bf-?(1|0\.5|2)\b|f-?score|f-?measure|\bf1\b/i, 'F-score'],
  [/precision|recall|\bm?ap\b|\bap\d*\b|\bauc\b|\broc\b/i, 'precision and recall'],
  [/bleu|rouge|meteor|cider|spice|gleu|chrf|bertscore|\bsari\b/i, 'text overlap'],
  [/\bm?iou\b|\bdice\b/i, 'overlap'],
  [/psnr|ssim/i, 'image fidelity'],
  [/exact match|\bem\b/i, 'exact match'],
  [/hits?@|\br(_\d+)?@\d|\bmrr\b|ndcg/i, 'retrieval'],
  [/success rate|win rate|\breward\b/i, 'success'],
  [/correlation|pearson|spearman|kendall/i, 'correlation'],
];

export class MetricDirections {
  private readonly exact = new Map<string, Direction>();
  private readonly loose = new Map<string, Direction>();
  /** "task\0dataset\0metric" and "task\0\0metric" for task-wide entries. */
  private readonly scoped = new Map<string, Direction>();

  constructor(table: DirectionTable) {
    for (const direction of ['higher', 'lower'] as const) {
      for (const name of table[direction]) {
        this.exact.set(name, direction);
        this.loose.set(metricKey(name), direction);
      }
      for (const entry of table.scoped) {
        for (const name of entry[direction]) this.scoped.set(`${entry.task}\0${entry.dataset ?? ''}\0${name}`, direction);
      }
    }
  }

  /** The direction of a metric, or undefined when neither the table nor an unambiguous name rule decides. */
  decide(name: string, scope?: MetricScope): DirectionDecision | undefined {
    if (scope) {
      const scoped = this.scoped.get(`${scope.task}\0${scope.dataset}\0${name}`) ?? this.scoped.get(`${scope.task}\0\0${name}`);
      if (scoped) return { direction: scoped, source: `table, for ${scope.task}` };
    }
    const exact = this.exact.get(name) ?? this.loose.get(metricKey(name));
    if (exact) return { direction: exact, source: 'table' };
    const lower = LOWER_RULES.find(([pattern]) => pattern.test(name));
    const higher = HIGHER_RULES.find(([pattern]) => pattern.test(name));
    if (lower && higher) return undefined; // e.g. "accuracy error": the words disagree, so no guess
    if (lower) return { direction: 'lower', source: `name rule: ${lower[1]}` };
    if (higher) return { direction: 'higher', source: `name rule: ${higher[1]}` };
    return undefined;
  }
}

export const DIRECTION_TABLE_PATH = new URL('./metric-directions.yaml', import.meta.url);

interface TableFile {
  higher?: unknown;
  lower?: unknown;
  added?: { metric?: unknown; direction?: unknown }[];
  scoped?: { task?: unknown; dataset?: unknown; higher?: unknown; lower?: unknown }[];
}

/** The curated table shipped with the importer: the reviewed seed, the metrics added by hand, and scoped entries. */
export function loadDirectionTable(path: URL | string = DIRECTION_TABLE_PATH): DirectionTable {
  const data = (parse(readFileSync(path, 'utf8')) ?? {}) as TableFile;
  const fail = (what: string): never => {
    throw new Error(`${String(path)}: ${what}`);
  };
  const names = (value: unknown, key: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return fail(`"${key}" must be a list of metric names`);
    return value;
  };
  const table: DirectionTable = { higher: names(data.higher, 'higher'), lower: names(data.lower, 'lower'), scoped: [] };
  for (const entry of data.added ?? []) {
    if (typeof entry.metric !== 'string' || (entry.direction !== 'higher' && entry.direction !== 'lower')) {
      fail('each "added" entry needs a metric name and a direction (higher or lower)');
    }
    table[entry.direction as Direction].push(entry.metric as string);
  }
  for (const entry of data.scoped ?? []) {
    if (typeof entry.task !== 'string' || (entry.dataset !== undefined && typeof entry.dataset !== 'string')) {
      fail('each "scoped" entry needs a task name (and may name a dataset)');
    }
    table.scoped.push({
      task: entry.task as string,
      dataset: entry.dataset as string | undefined,
      higher: names(entry.higher, 'scoped higher'),
      lower: names(entry.lower, 'scoped lower'),
    });
  }
  return table;
}
