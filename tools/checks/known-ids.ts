// Whether an id or a metric name given to `pwc new` exists in the repository, said as the rules say it, with the closest existing one as a tip.
import { directionText, leaderboardId } from '../model/leaderboard.ts';
import type { Repository } from '../model/repository.ts';
import type { Benchmark, MetricSpec } from '../model/types.ts';
import { NameIndex } from './nearest.ts';
import { presentIds } from './present.ts';
import type { CheckContext } from './rule.ts';
import { kindsOf } from './rules/unknown-reference.ts';

export type IdKind = keyof ReturnType<typeof kindsOf>;

export interface IdProblem {
  message: string;
  tip: string;
}

/** Why `id` names no existing entity of its kind (as unknown-reference reports it), or undefined when it exists. */
export function unknownId(repo: Repository, kind: IdKind, id: string, context: CheckContext = {}): IdProblem | undefined {
  const k = kindsOf(repo, presentIds(repo, context))[kind];
  if (k.has(id)) return undefined;
  const close = new NameIndex(k.names()).nearest(id);
  return { message: `there is no ${k.label} "${id}"`, tip: close ? `Did you mean "${close}"? Otherwise add ${k.where(id)} first.` : `Add ${k.where(id)} first, or correct the id.` };
}

/** The benchmark the dataset declares for the task, or why there is none (as undeclared-benchmark says it). */
export function benchmarkOf(repo: Repository, task: string, dataset: string): Benchmark | IdProblem {
  const file = repo.datasets.get(dataset);
  const benchmarks = file?.benchmarks ?? [];
  const found = benchmarks.find((b) => b.task === task);
  if (found) return found;
  const declared = benchmarks.map((b) => `"${b.task}"`).join(', ');
  return {
    message: `the dataset "${dataset}" declares no benchmark for the task "${task}"`,
    tip: `Add a benchmark {task: ${task}, metrics: [...]} to data/datasets/${dataset}.yaml first${declared ? ` (it declares benchmarks for ${declared})` : ''}.`,
  };
}

/** "%, higher is better": how a metric is read, for prompts and tips. */
export function describeMetric(metric: MetricSpec): string {
  return `${metric.unit ? `${metric.unit}, ` : ''}${directionText(metric.direction)}`;
}

/** Why `name` is not a metric of the benchmark (as unknown-metric says it), naming every declared metric; undefined when it is one. */
export function undeclaredMetric(benchmark: Benchmark, task: string, dataset: string, name: string): IdProblem | undefined {
  const declared = benchmark.metrics.map((m) => m.name);
  if (declared.includes(name)) return undefined;
  const close = new NameIndex(declared).nearest(name);
  const all = benchmark.metrics.map((m) => `"${m.name}" (${describeMetric(m)})`).join(', ');
  return {
    message: `"${name}" is not a metric of the benchmark ${leaderboardId(task, dataset)}`,
    tip: `${close ? `Did you mean "${close}"? ` : ''}The benchmark declares ${all}; write the name exactly so, or declare the metric in data/datasets/${dataset}.yaml first.`,
  };
}

export function isIdProblem(value: Benchmark | IdProblem): value is IdProblem {
  return 'message' in value;
}
