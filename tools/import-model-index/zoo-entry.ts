// What a model zoo's file says about one model's result on one dataset, before it is matched to the repository.

/** The kinds of file the importer reads. */
export type ZooFormat = 'model-index' | 'model-card' | 'eval-results';

/** A value as the file gives it: a number with its text (76.50), or text ("76.5%", "N/A"). */
export interface GivenValue {
  /** The value's text as written in the file. */
  text: string;
  /** The number when the text is a plain decimal number. */
  number?: number;
  /** The value is no scalar at all: the text describes it ("a list"). */
  notScalar?: boolean;
}

/** One metric value of an entry: the names the file gives it, in the order to try them. */
export interface GivenMetric {
  names: string[];
  value: GivenValue;
  /**
   * A count from the model's metadata (Parameters, FLOPs): a plain number is a count of
   * units, converted to the metric's declared unit (25560000 where the unit is M is 25.56).
   */
  count?: boolean;
}

/** How the file names the paper behind the model. */
export interface GivenPaper {
  url?: string;
  title?: string;
  arxiv?: string;
}

/** One model's results on one dataset, from one file. */
export interface ZooEntry {
  /** The file it comes from, absolute. */
  file: string;
  format: ZooFormat;
  /** Where in the file, for the report: `Models[2] "resnet50_8xb32_in1k", Results[0]`. */
  where: string;
  /** The model's name as the file gives it; undefined when it gives none. */
  model?: string;
  /** Names of the task, in the order to try them; empty when the file names none. */
  task: string[];
  /** Names of the dataset, in the order to try them. */
  dataset: string[];
  metrics: GivenMetric[];
  paper?: GivenPaper;
  /** The implementation of the model, when the file links it. */
  code?: string;
  /** The datasets the model was trained on, when the file says (model-index `Training Data`). */
  trainingData?: string[];
}

/** Something in a file that could not be read as results (a broken YAML file, a missing import). */
export interface FileProblem {
  file: string;
  message: string;
}

/** The text of a scalar read with YAML's failsafe schema, as a value: a number only when it is written as one. */
export function givenValue(raw: unknown): GivenValue | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? { text, number: Number(text) } : { text };
}

/** A value the file gives that is not a scalar, described for the report ("a list"), so it is reported rather than dropped. */
export function givenAnything(raw: unknown): GivenValue {
  return givenValue(raw) ?? { text: Array.isArray(raw) ? 'a list' : raw !== null && typeof raw === 'object' ? 'a mapping' : 'an empty value', notScalar: true };
}

/** A scalar as text (failsafe YAML gives every scalar as a string); undefined for lists, maps and blanks. */
export function textOf(raw: unknown): string | undefined {
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
}

/** A mapping, or undefined. */
export function mapOf(raw: unknown): Record<string, unknown> | undefined {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

/** A list, or an empty one. */
export function listOf(raw: unknown): unknown[] {
  return Array.isArray(raw) ? raw : [];
}
