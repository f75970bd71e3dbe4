// What `pwc new` writes: the fields of each kind of new file, their checks, and the data and path they give.
import { isSlug, datasetPath, methodPath, paperPath, resultPath, taskPath, toSlug } from '../model/paths.ts';
import { printedForm, type PrintedValues } from '../model/printed.ts';
import type { FileKind } from '../model/schemas.ts';

export type NewKind = Exclude<FileKind, 'areas'>;
export const NEW_KINDS: readonly NewKind[] = ['paper', 'task', 'dataset', 'method', 'result'];

/** One command-line field of a new file. */
export interface FieldSpec {
  /** The flag without "--", e.g. "title" for --title. */
  flag: string;
  /** The question asked in a terminal when the field is missing. */
  label: string;
  required?: boolean;
  /** The flag may be given several times (a list). */
  multiple?: boolean;
  /** A flag without value (true when given). */
  boolean?: boolean;
  /** What is wrong with a value, or undefined when it is fine. */
  check?: (value: string) => string | undefined;
}

export type FieldValues = Record<string, string | string[] | boolean | undefined>;

const slugCheck = (value: string) =>
  isSlug(value) ? undefined : `must be an id: lowercase a-z, 0-9 and single hyphens (e.g. "${toSlug(value) || 'image-classification'}")`;
const dateCheck = (value: string) => (/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value) ? undefined : 'must be a date written YYYY-MM-DD, e.g. 2019-05-02');
const urlCheck = (value: string) => (/^https?:\/\/\S+$/.test(value) ? undefined : 'must be a full http(s) URL, e.g. https://github.com/owner/repo');
const textCheck = (value: string) => (value.trim() === '' ? 'must not be empty' : undefined);
const arxivCheck = (value: string) =>
  /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/.test(value) ? undefined : 'must be a bare arXiv id such as 1905.00546 (no "arXiv:" prefix, no version)';
const yearCheck = (value: string) => (/^\d{4}$/.test(value) && Number(value) >= 1900 && Number(value) <= 2100 ? undefined : 'must be a year such as 2016');

/** "Name:higher" or "Name:lower:unit": a metric a dataset's benchmark declares. */
export function parseMetricSpec(value: string): { name: string; direction: 'higher' | 'lower'; unit?: string } | undefined {
  const match = /^(.+?):(higher|lower)(?::(.+))?$/.exec(value.trim());
  if (!match || match[1].trim() === '') return undefined;
  return { name: match[1].trim(), direction: match[2] as 'higher' | 'lower', ...(match[3] ? { unit: match[3].trim() } : {}) };
}

/** "Name=81.2": a metric value a result row reports, and its text as given (81.20 keeps its 0). */
export function parseMetricValue(value: string): { name: string; value: number; text: string } | undefined {
  const eq = value.lastIndexOf('=');
  if (eq <= 0) return undefined;
  const name = value.slice(0, eq).trim();
  const text = value.slice(eq + 1).trim();
  const number = Number(text);
  if (name === '' || text === '' || !Number.isFinite(number)) return undefined;
  return { name, value: number, text };
}

const idField: FieldSpec = { flag: 'id', label: 'Id (file name)', check: slugCheck };

export const NEW_FIELDS: Record<NewKind, FieldSpec[]> = {
  paper: [
    { flag: 'title', label: 'Title', required: true, check: textCheck },
    { flag: 'date', label: 'Date of the paper (YYYY-MM-DD)', required: true, check: dateCheck },
    { flag: 'author', label: 'Author', multiple: true, check: textCheck },
    { flag: 'arxiv', label: 'arXiv id', check: arxivCheck },
    { flag: 'url', label: 'URL', check: urlCheck },
    { flag: 'pdf', label: 'PDF URL', check: urlCheck },
    { flag: 'venue', label: 'Venue', check: textCheck },
    { flag: 'task', label: 'Task id', multiple: true, check: slugCheck },
    { flag: 'method', label: 'Method id', multiple: true, check: slugCheck },
    { flag: 'dataset', label: 'Dataset id', multiple: true, check: slugCheck },
    { flag: 'code', label: 'Code URL', multiple: true, check: urlCheck },
    { flag: 'official', label: 'The code is the authors\' own', boolean: true },
    { flag: 'framework', label: 'Framework of the code', check: textCheck },
    idField,
  ],
  task: [
    { flag: 'name', label: 'Name', required: true, check: textCheck },
    { flag: 'area', label: 'Area id (see data/areas.yaml)', required: true, check: slugCheck },
    { flag: 'parent', label: 'Parent task id', check: slugCheck },
    { flag: 'description', label: 'Description', check: textCheck },
    { flag: 'synonym', label: 'Synonym', multiple: true, check: textCheck },
    idField,
  ],
  dataset: [
    { flag: 'name', label: 'Name', required: true, check: textCheck },
    { flag: 'full-name', label: 'Full name', check: textCheck },
    { flag: 'description', label: 'Description', check: textCheck },
    { flag: 'homepage', label: 'Homepage URL', check: urlCheck },
    { flag: 'license', label: 'License', check: textCheck },
    { flag: 'introduced-by', label: 'Paper id that introduced it', check: slugCheck },
    { flag: 'introduced-date', label: 'Date it was introduced (YYYY-MM-DD)', check: dateCheck },
    { flag: 'modality', label: 'Modality', multiple: true, check: textCheck },
    { flag: 'language', label: 'Language', multiple: true, check: textCheck },
    { flag: 'variant-of', label: 'Dataset id it is a variant of', check: slugCheck },
    { flag: 'task', label: 'Task id of a benchmark', multiple: true, check: slugCheck },
    {
      flag: 'metric',
      label: 'Metric of the benchmark (Name:higher|lower[:unit])',
      multiple: true,
      check: (v) => (parseMetricSpec(v) ? undefined : 'must be written Name:higher or Name:lower, optionally with :unit, e.g. "Top 1 Accuracy:higher:%"'),
    },
    idField,
  ],
  method: [
    { flag: 'name', label: 'Name', required: true, check: textCheck },
    { flag: 'full-name', label: 'Full name', check: textCheck },
    { flag: 'description', label: 'Description', check: textCheck },
    { flag: 'collection', label: 'Collection', multiple: true, check: textCheck },
    { flag: 'introduced-by', label: 'Paper id that introduced it', check: slugCheck },
    { flag: 'introduced-year', label: 'Year it was introduced', check: yearCheck },
    idField,
  ],
  result: [
    { flag: 'task', label: 'Task id', required: true, check: slugCheck },
    { flag: 'dataset', label: 'Dataset id', required: true, check: slugCheck },
    { flag: 'paper', label: 'Paper id', required: true, check: slugCheck },
    { flag: 'model', label: 'Model name', required: true, check: textCheck },
    {
      flag: 'metric',
      label: 'Metric value (Name=number)',
      required: true,
      multiple: true,
      check: (v) => (parseMetricValue(v) ? undefined : 'must be written Name=number, e.g. "Top 1 Accuracy=81.2" (no %)'),
    },
    { flag: 'source', label: 'Where in the paper (e.g. Table 3)', check: textCheck },
    { flag: 'notes', label: 'Notes', check: textCheck },
    { flag: 'code', label: 'Code URL of this model', check: urlCheck },
    { flag: 'extra-training-data', label: 'Trained with extra data', boolean: true },
  ],
};

/** Every flag any kind accepts, for the argument parser; each kind then rejects the flags not its own. */
export function allFlags(): Map<string, { multiple: boolean; boolean: boolean }> {
  const flags = new Map<string, { multiple: boolean; boolean: boolean }>();
  for (const spec of Object.values(NEW_FIELDS).flat()) {
    const known = flags.get(spec.flag);
    flags.set(spec.flag, { multiple: (known?.multiple ?? false) || !!spec.multiple, boolean: !!spec.boolean });
  }
  return flags;
}

function present(value: FieldValues[string]): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== false;
}

/** The required fields without a value. */
export function missingFields(kind: NewKind, values: FieldValues): FieldSpec[] {
  return NEW_FIELDS[kind].filter((spec) => spec.required && !present(values[spec.flag]));
}

/** Problems with the given values: a flag of another kind, a value that fails its check, a missing pairing. */
export function invalidFields(kind: NewKind, values: FieldValues): string[] {
  const specs = new Map(NEW_FIELDS[kind].map((s) => [s.flag, s]));
  const problems: string[] = [];
  for (const [flag, value] of Object.entries(values)) {
    if (!present(value)) continue;
    const spec = specs.get(flag);
    if (!spec) {
      problems.push(`--${flag} is not a field of a ${kind}; its fields: ${[...specs.keys()].map((f) => `--${f}`).join(', ')}`);
      continue;
    }
    if (Array.isArray(value) && value.length > 1 && !spec.multiple) problems.push(`--${flag} is given ${value.length} times; a ${kind} has one`);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== 'string') continue;
      const wrong = spec.check?.(v);
      if (wrong) problems.push(`--${flag} "${v}" ${wrong}`);
    }
  }
  const names = (kind === 'result' ? list(values.metric).map((m) => parseMetricValue(m)?.name) : kind === 'dataset' ? list(values.metric).map((m) => parseMetricSpec(m)?.name) : []).filter((n) => n !== undefined);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) problems.push(`--metric names "${twice}" twice`);
  if (kind === 'dataset' && present(values.metric) && !present(values.task)) problems.push('--metric needs --task: the metrics belong to the benchmark of that task');
  if (kind === 'paper' && (present(values.official) || present(values.framework)) && !present(values.code)) problems.push('--official and --framework describe --code: give the code URL too');
  if (kind !== 'result' && !present(values.id)) {
    const name = String((kind === 'paper' ? values.title : values.name) ?? '');
    if (name.trim() !== '' && toSlug(name) === '') problems.push(`no id can be made from "${name}": give one with --id`);
  }
  return problems;
}

const list = (value: FieldValues[string]): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === false ? [] : [String(value)]);
const one = (value: FieldValues[string]): string | undefined => list(value)[0];

/** Leaves out keys without a value, so the written file holds only what was given. */
function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

/** A new file: where it goes and what it holds. For a result, `data` is the file with its one new row. */
export interface NewFile {
  path: string;
  data: Record<string, unknown>;
  /** For a result: the new row's values as the flags write them, where that is not the number's shortest form (77.0). */
  printed?: PrintedValues;
}

/** The file the (valid, complete) values describe. */
export function buildNewFile(kind: NewKind, values: FieldValues): NewFile {
  const v = (flag: string) => one(values[flag]);
  const id = (name: string | undefined) => v('id') ?? toSlug(name ?? '');
  switch (kind) {
    case 'paper': {
      const code = list(values.code).map((url) => compact({ url, official: values.official === true ? true : undefined, framework: v('framework') }));
      const data = compact({
        title: v('title'),
        authors: list(values.author),
        date: v('date'),
        arxiv: v('arxiv'),
        url: v('url'),
        pdf: v('pdf'),
        venue: v('venue'),
        tasks: list(values.task),
        methods: list(values.method),
        datasets: list(values.dataset),
        code,
      });
      return { path: paperPath(id(v('title')), v('date')!), data };
    }
    case 'task':
      return { path: taskPath(id(v('name'))), data: compact({ name: v('name'), area: v('area'), parent: v('parent'), description: v('description'), synonyms: list(values.synonym) }) };
    case 'dataset': {
      const metrics = list(values.metric).map((m) => compact({ ...parseMetricSpec(m)! }));
      const benchmarks = list(values.task).map((task) => ({ task, metrics }));
      const data = compact({
        name: v('name'),
        full_name: v('full-name'),
        description: v('description'),
        homepage: v('homepage'),
        license: v('license'),
        introduced_by: v('introduced-by'),
        introduced_date: v('introduced-date'),
        modalities: list(values.modality),
        languages: list(values.language),
        variant_of: v('variant-of'),
        benchmarks,
      });
      return { path: datasetPath(id(v('name'))), data };
    }
    case 'method': {
      const year = v('introduced-year');
      const data = compact({
        name: v('name'),
        full_name: v('full-name'),
        description: v('description'),
        collections: list(values.collection),
        introduced_by: v('introduced-by'),
        introduced_year: year === undefined ? undefined : Number(year),
      });
      return { path: methodPath(id(v('name'))), data };
    }
    case 'result':
      return { path: resultPath(v('task')!, v('dataset')!, v('paper')!), data: { results: [buildResultRow(values)] }, ...printedMetrics(values) };
  }
}

/** `printed` for the metric values whose text is kept (77.0, 81.20); nothing when there is none. */
function printedMetrics(values: FieldValues): { printed?: PrintedValues } {
  const printed: PrintedValues = {};
  for (const m of list(values.metric)) {
    const { name, value, text } = parseMetricValue(m)!;
    const kept = printedForm(text, value);
    if (kept !== undefined) Object.defineProperty(printed, name, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(printed).length > 0 ? { printed } : {};
}

export function buildResultRow(values: FieldValues): Record<string, unknown> {
  const metrics: Record<string, number> = {};
  for (const m of list(values.metric)) {
    const { name, value } = parseMetricValue(m)!;
    Object.defineProperty(metrics, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return compact({
    model: one(values.model),
    metrics,
    extra_training_data: values['extra-training-data'] === true ? true : undefined,
    code: one(values.code),
    notes: one(values.notes),
    source: one(values.source),
  });
}
