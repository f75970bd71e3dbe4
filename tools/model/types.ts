// TypeScript types of the data files, derived from the schemas so they are never written twice.
import type { FromSchema } from 'json-schema-to-ts';
import type {
  areasSchema,
  benchmarkSchema,
  codeLinkSchema,
  datasetSchema,
  methodSchema,
  metricSchema,
  paperSchema,
  resultRowSchema,
  resultSchema,
  settingSchema,
  sourceSchema,
  taskSchema,
} from './schemas.ts';

export type AreasFile = FromSchema<typeof areasSchema>;
export type Area = AreasFile['areas'][number];
export type TaskFile = FromSchema<typeof taskSchema>;
export type MetricSpec = FromSchema<typeof metricSchema>;
export type Benchmark = FromSchema<typeof benchmarkSchema>;
export type DatasetFile = FromSchema<typeof datasetSchema>;
export type MethodFile = FromSchema<typeof methodSchema>;
export type CodeLink = FromSchema<typeof codeLinkSchema>;
export type PaperFile = FromSchema<typeof paperSchema>;
export type ResultRow = FromSchema<typeof resultRowSchema>;
export type ResultFile = FromSchema<typeof resultSchema>;
export type SettingSpec = FromSchema<typeof settingSchema>;
export type SourceFile = FromSchema<typeof sourceSchema>;
/** A row's `source`: plain text, or a mapping of kind, url and ref. */
export type RowSource = NonNullable<ResultRow['source']>;
export type StructuredSource = Exclude<RowSource, string>;
export type SettingValue = NonNullable<ResultRow['settings']>[string];

/** A known direction; a metric without one leaves `direction` out. */
export type Direction = NonNullable<MetricSpec['direction']>;
