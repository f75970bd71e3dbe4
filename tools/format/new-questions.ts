// What `pwc new` checks against the repository: the ids and metric names its fields give, and the questions that ask for them in a terminal.
import { benchmarkOf, describeMetric, isIdProblem, undeclaredMetric, unknownId, type IdProblem } from '../checks/known-ids.ts';
import type { CheckContext } from '../checks/rule.ts';
import type { Repository } from '../model/repository.ts';
import type { Benchmark } from '../model/types.ts';
import type { Question, QuestionsFor } from './ask-fields.ts';
import { NEW_FIELDS, parseMetricValue, type FieldSpec, type FieldValues, type NewKind } from './new-file.ts';

/** A given value the repository refutes: an id that does not exist, a metric the benchmark does not declare. */
export interface ValueProblem extends IdProblem {
  flag: string;
  value: string;
}

const list = (value: FieldValues[string]): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

/** The benchmark of a result's task and dataset once both are known and exist. */
function benchmarkFor(repo: Repository, values: FieldValues, context: CheckContext): Benchmark | IdProblem | undefined {
  const [task] = list(values.task);
  const [dataset] = list(values.dataset);
  if (task === undefined || dataset === undefined || unknownId(repo, 'task', task, context) || unknownId(repo, 'dataset', dataset, context)) return undefined;
  return benchmarkOf(repo, task, dataset);
}

/**
 * Every given value of a `kind`'s fields that names something the repository does not have.
 * `context.files` lists every data file: an entity whose file fails its own checks still exists.
 */
export function valueProblems(repo: Repository, kind: NewKind, values: FieldValues, context: CheckContext = {}): ValueProblem[] {
  const problems: ValueProblem[] = [];
  for (const spec of NEW_FIELDS[kind]) {
    if (!spec.refers) continue;
    for (const value of list(values[spec.flag])) {
      const problem = unknownId(repo, spec.refers, value, context);
      if (problem) problems.push({ flag: spec.flag, value, ...problem });
    }
  }
  if (kind !== 'result') return problems;
  const benchmark = benchmarkFor(repo, values, context);
  if (benchmark === undefined) return problems;
  if (isIdProblem(benchmark)) return [...problems, { flag: 'dataset', value: String(values.dataset), ...benchmark }];
  for (const value of list(values.metric)) {
    const name = parseMetricValue(value)?.name;
    const problem = name === undefined ? undefined : undeclaredMetric(benchmark, String(values.task), String(values.dataset), name);
    if (problem) problems.push({ flag: 'metric', value, ...problem });
  }
  return problems;
}

/** A field's own check, then the repository's. */
function withRepository(repo: Repository, kind: NewKind, spec: FieldSpec, values: FieldValues, context: CheckContext): Question {
  return {
    ...spec,
    check: (answer) => {
      const wrong = spec.check?.(answer);
      if (wrong) return wrong;
      const problem = valueProblems(repo, kind, { ...values, [spec.flag]: spec.multiple ? [answer] : answer }, context).find((p) => p.flag === spec.flag && p.value === answer);
      return problem && `is not known: ${problem.message}. ${problem.tip}`;
    },
  };
}

/**
 * What `pwc validate` would refuse about a metric (by name) in the file the values make: its
 * message and tip, or undefined. The command answers it with the validator's own checks.
 */
export type Refusal = (values: FieldValues, metric: string) => Promise<string | undefined>;

/**
 * The questions for the fields of a `kind` that the flags (`given`) left out, checked against
 * `repo`. A result's metrics are asked one by one, by the names, units and directions its
 * benchmark declares.
 */
export function questionsIn(repo: Repository, kind: NewKind, given: FieldValues, refusal: Refusal = async () => undefined, context: CheckContext = {}): QuestionsFor {
  return (spec, answers) => {
    const values = { ...given, ...answers };
    if (kind === 'result' && spec.flag === 'metric') {
      const benchmark = benchmarkFor(repo, values, context);
      if (benchmark !== undefined && !isIdProblem(benchmark)) {
        return benchmark.metrics.map((metric) => ({
          flag: 'metric',
          label: `${metric.name} (${describeMetric(metric)})`,
          check: async (answer: string) => {
            const number = Number(answer);
            if (answer === '' || !Number.isFinite(number)) return `must be a number as the paper prints it${metric.unit === '%' ? ', e.g. 84.4 for 84.4 % (not 0.844)' : ''}`;
            if ((metric.min !== undefined && number < metric.min) || (metric.max !== undefined && number > metric.max)) {
              return `must lie between ${metric.min ?? '-∞'} and ${metric.max ?? '∞'}${metric.unit ? ` (${metric.unit})` : ''}`;
            }
            // Judged alone in its row, as the validator would judge it among the leaderboard's rows.
            const refused = await refusal({ ...values, metric: [`${metric.name}=${answer}`] }, metric.name);
            return refused && `would be refused by pwc validate: ${refused}`;
          },
          toValue: (answer: string) => `${metric.name}=${answer}`,
        }));
      }
    }
    return [withRepository(repo, kind, spec, values, context)];
  };
}
