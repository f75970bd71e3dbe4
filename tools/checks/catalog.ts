// The rule catalogue: every check, in the order the docs list them (reading a file, one file, across files).
import { readsOf, type CrossFileRead, type FileRule, type RepositoryRule, type Rule, type SourceRule } from './rule.ts';
import { rule as encoding } from './rules/encoding.ts';
import { rule as lineEndings } from './rules/line-endings.ts';
import { rule as fileTooLarge } from './rules/file-too-large.ts';
import { rule as emptyFile } from './rules/empty-file.ts';
import { rule as yamlSyntax } from './rules/yaml-syntax.ts';
import { rule as duplicateKey } from './rules/duplicate-key.ts';
import { rule as tabs } from './rules/tabs.ts';
import { rule as path } from './rules/path.ts';
import { rule as forbiddenKey } from './rules/forbidden-key.ts';
import { rule as schema } from './rules/schema.ts';
import { rule as paperYearFolder } from './rules/paper-year-folder.ts';
import { rule as duplicateArea } from './rules/duplicate-area.ts';
import { rule as duplicateBenchmark } from './rules/duplicate-benchmark.ts';
import { rule as duplicateMetric } from './rules/duplicate-metric.ts';
import { rule as primaryMetric } from './rules/primary-metric.ts';
import { rule as unrankedBenchmark } from './rules/unranked-benchmark.ts';
import { rule as paretoMetric } from './rules/pareto-metric.ts';
import { rule as metricBounds } from './rules/metric-bounds.ts';
import { rule as resultPath } from './rules/result-path.ts';
import { rule as unknownReference } from './rules/unknown-reference.ts';
import { rule as referenceCycle } from './rules/reference-cycle.ts';
import { rule as undeclaredBenchmark } from './rules/undeclared-benchmark.ts';
import { rule as unknownMetric } from './rules/unknown-metric.ts';
import { rule as metricOutOfRange } from './rules/metric-out-of-range.ts';
import { rule as percentAsFraction } from './rules/percent-as-fraction.ts';
import { rule as unitScale } from './rules/unit-scale.ts';
import { rule as missingPrimaryMetric } from './rules/missing-primary-metric.ts';
import { rule as duplicateModel } from './rules/duplicate-model.ts';
import { rule as resultBeforeDataset } from './rules/result-before-dataset.ts';
import { rule as futurePaper } from './rules/future-paper.ts';
import { rule as duplicatePaper } from './rules/duplicate-paper.ts';
import { rule as settingDeclaration } from './rules/setting-declaration.ts';
import { rule as unknownSetting } from './rules/unknown-setting.ts';
import { rule as settingValue } from './rules/setting-value.ts';
import { rule as duplicateSourceId } from './rules/duplicate-source-id.ts';
import { rule as missingSource } from './rules/missing-source.ts';
import { rule as pwcSlugConflict } from './rules/pwc-slug-conflict.ts';

export const rules: Rule[] = [
  encoding,
  lineEndings,
  fileTooLarge,
  emptyFile,
  yamlSyntax,
  duplicateKey,
  tabs,
  path,
  forbiddenKey,
  schema,
  paperYearFolder,
  duplicateArea,
  duplicateBenchmark,
  duplicateMetric,
  settingDeclaration,
  primaryMetric,
  unrankedBenchmark,
  paretoMetric,
  metricBounds,
  resultPath,
  unknownReference,
  referenceCycle,
  undeclaredBenchmark,
  unknownMetric,
  unknownSetting,
  settingValue,
  metricOutOfRange,
  percentAsFraction,
  unitScale,
  missingPrimaryMetric,
  duplicateModel,
  resultBeforeDataset,
  futurePaper,
  duplicatePaper,
  duplicateSourceId,
  pwcSlugConflict,
  missingSource,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));

export const sourceRules = rules.filter((r): r is SourceRule => r.scope === 'source');
export const fileRules = rules.filter((r): r is FileRule => r.scope === 'file');
export const repositoryRules = rules.filter((r): r is RepositoryRule => r.scope === 'repository');

/** The rules that judge rows against a change's base (CheckContext.baseModels): the review runs them with one. */
export const newRowRules: readonly RepositoryRule[] = [missingSource];

/** What the repository rules read across files, together: what the incremental planner follows. */
export const readsInForce: ReadonlySet<CrossFileRead> = readsOf(repositoryRules);
