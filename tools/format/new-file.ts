// What `pwc new` writes: the fields of each kind of new file, their checks, and the data and path they give.
import { impossibleDateTip } from '../model/check-schema.ts';
import { isSlug, datasetPath, methodPath, paperPath, resultPath, taskPath, toSlug } from '../model/paths.ts';
import { printedForm, type PrintedValues } from '../model/printed.ts';
import type { FileKind } from '../model/schemas.ts';

// Sources (data/sources/) are rare and written by hand for now.
export type NewKind = Exclude<FileKind, 'areas' | 'source'>;
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
  /** The id of an existing entity of this kind: checked against the repository, with "did you mean". */
  refers?: ReferenceKind;
  /** Asked in a terminal when not given, though optional: a reviewer wants it. (Required fields are always asked.) */
  ask?: boolean;
  /** How the value is written, for the help: TEXT, YYYY-MM-DD, URL, ID... (none for a boolean flag). */
  value?: string;
  /** What the field means and how to write it, for `pwc new <kind> --help`. */
  help: string;
  /** Said in a terminal when the field is skipped: why a reviewer wants it. */
  onSkip?: string;
}

/** The kinds of entity a field can name by id. */
export type ReferenceKind = 'area' | 'task' | 'dataset' | 'method' | 'paper';

export type FieldValues = Record<string, string | string[] | boolean | undefined>;

const slugCheck = (value: string) =>
  isSlug(value) ? undefined : `must be an id: lowercase a-z, 0-9 and single hyphens (e.g. "${toSlug(value) || 'image-classification'}")`;
const dateCheck = (value: string) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value)) return 'must be a date written YYYY-MM-DD, e.g. 2019-05-02';
  // The schema's own words for a day that is not on the calendar (its format "date" refuses it too).
  const [year, month, day] = value.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day ? undefined : `is a day that does not exist: ${impossibleDateTip(value)}`;
};
// A paper's date may be partial when the day or month is not known (2019-05, 2019), as its schema allows.
const paperDateCheck = (value: string) => {
  if (/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(value)) return undefined;
  const problem = dateCheck(value);
  return problem?.startsWith('must be a date') ? 'must be a date written YYYY-MM-DD (or YYYY-MM, or YYYY, when the day or month is not known), e.g. 2019-05-02' : problem;
};
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

const idField: FieldSpec = {
  flag: 'id',
  label: 'Id (file name)',
  check: slugCheck,
  value: 'ID',
  help: 'The id, which is also the file name: lowercase a-z, 0-9 and single hyphens. Default: made from the title or name.',
};
const metricValueCheck = (v: string) => (parseMetricValue(v) ? undefined : 'must be written Name=number, e.g. "Top 1 Accuracy=81.2" (no %)');

export const NEW_FIELDS: Record<NewKind, FieldSpec[]> = {
  paper: [
    { flag: 'title', label: 'Title', required: true, check: textCheck, value: 'TEXT', help: 'The title as printed on the paper.' },
    {
      flag: 'date',
      label: 'Date of the first public version (YYYY-MM-DD)',
      required: true,
      check: paperDateCheck,
      value: 'YYYY-MM-DD',
      help: 'The first public version: the arXiv v1 date when there is one, else the publication date; e.g. 2019-05-02 (2019-05 or 2019 when the day or month is not known). It also picks the folder data/papers/<year>/.',
    },
    { flag: 'author', label: 'Author', multiple: true, ask: true, check: textCheck, value: 'NAME', help: 'One author per flag, in the paper\'s order.' },
    { flag: 'arxiv', label: 'arXiv id (e.g. 1905.00546)', ask: true, check: arxivCheck, value: 'ID', help: 'The bare arXiv id, e.g. 1905.00546: no "arXiv:" prefix, no version such as v2.' },
    { flag: 'url', label: 'URL of the paper', ask: true, check: urlCheck, value: 'URL', help: 'The paper\'s page (the arXiv abstract, the publisher\'s page), a full http(s) URL.' },
    { flag: 'pdf', label: 'PDF URL', check: urlCheck, value: 'URL', help: 'A direct link to the PDF.' },
    { flag: 'venue', label: 'Venue (e.g. CVPR 2017)', ask: true, check: textCheck, value: 'TEXT', help: 'Where it was published, with the year, e.g. "CVPR 2017"; leave it out for a preprint.' },
    { flag: 'task', label: 'Task id', multiple: true, ask: true, check: slugCheck, refers: 'task', value: 'ID', help: 'A task the paper addresses, by id (data/tasks/<id>.yaml); must exist.' },
    { flag: 'method', label: 'Method id', multiple: true, ask: true, check: slugCheck, refers: 'method', value: 'ID', help: 'A method the paper uses or introduces, by id (data/methods/<id>.yaml); must exist.' },
    { flag: 'dataset', label: 'Dataset id', multiple: true, ask: true, check: slugCheck, refers: 'dataset', value: 'ID', help: 'A dataset the paper reports on, by id (data/datasets/<id>.yaml); must exist.' },
    { flag: 'code', label: 'Code URL', multiple: true, check: urlCheck, value: 'URL', help: 'An implementation, a full http(s) URL.' },
    { flag: 'official', label: 'The code is the authors\' own', boolean: true, help: 'The --code is the authors\' own implementation.' },
    { flag: 'framework', label: 'Framework of the code', check: textCheck, value: 'TEXT', help: 'The framework of the --code, e.g. PyTorch.' },
    idField,
  ],
  task: [
    { flag: 'name', label: 'Name', required: true, check: textCheck, value: 'TEXT', help: 'The task\'s name, e.g. "Image Classification".' },
    { flag: 'area', label: 'Area id (see data/areas.yaml)', required: true, check: slugCheck, refers: 'area', value: 'ID', help: 'The research area, an id listed in data/areas.yaml, e.g. computer-vision.' },
    { flag: 'parent', label: 'Parent task id (empty for none)', ask: true, check: slugCheck, refers: 'task', value: 'ID', help: 'The broader task this one belongs to, by id; must exist.' },
    { flag: 'description', label: 'Description', ask: true, check: textCheck, value: 'TEXT', help: 'One or two sentences on what the task is.' },
    { flag: 'synonym', label: 'Synonym', multiple: true, check: textCheck, value: 'TEXT', help: 'Another name of the task, one per flag.' },
    idField,
  ],
  dataset: [
    { flag: 'name', label: 'Name', required: true, check: textCheck, value: 'TEXT', help: 'The dataset\'s short name, e.g. "ImageNet".' },
    { flag: 'full-name', label: 'Full name', ask: true, check: textCheck, value: 'TEXT', help: 'The full name, when the short one is an abbreviation.' },
    { flag: 'description', label: 'Description', ask: true, check: textCheck, value: 'TEXT', help: 'What the data is: size, splits, labels.' },
    { flag: 'homepage', label: 'Homepage URL', ask: true, check: urlCheck, value: 'URL', help: 'The dataset\'s home page, a full http(s) URL.' },
    { flag: 'license', label: 'License', check: textCheck, value: 'TEXT', help: 'The dataset\'s license, e.g. "CC BY 4.0".' },
    { flag: 'introduced-by', label: 'Paper id that introduced it', ask: true, check: slugCheck, refers: 'paper', value: 'ID', help: 'The paper that introduced the dataset, by id; must exist.' },
    { flag: 'introduced-date', label: 'Date it was introduced (YYYY-MM-DD)', check: dateCheck, value: 'YYYY-MM-DD', help: 'When it was introduced, when no paper says so.' },
    { flag: 'modality', label: 'Modality', multiple: true, check: textCheck, value: 'TEXT', help: 'The kind of data, e.g. images, one per flag.' },
    { flag: 'language', label: 'Language', multiple: true, check: textCheck, value: 'TEXT', help: 'A language of the data, one per flag.' },
    { flag: 'variant-of', label: 'Dataset id it is a variant of', check: slugCheck, refers: 'dataset', value: 'ID', help: 'The dataset this one is a variant of (another split, resolution...), by id; must exist.' },
    { flag: 'task', label: 'Task id of a benchmark', multiple: true, check: slugCheck, refers: 'task', value: 'ID', help: 'Declares a benchmark of the dataset for this task (by id; must exist), with the --metric flags.' },
    {
      flag: 'metric',
      label: 'Metric of the benchmark (Name:higher|lower[:unit])',
      multiple: true,
      check: (v) => (parseMetricSpec(v) ? undefined : 'must be written Name:higher or Name:lower, optionally with :unit, e.g. "Top 1 Accuracy:higher:%"'),
      value: 'NAME:higher|lower[:UNIT]',
      help: 'A metric of the benchmark: its name, whether higher or lower is better, and its unit, e.g. "Top 1 Accuracy:higher:%".',
    },
    idField,
  ],
  method: [
    { flag: 'name', label: 'Name', required: true, check: textCheck, value: 'TEXT', help: 'The method\'s name, e.g. "ResNeXt".' },
    { flag: 'full-name', label: 'Full name', ask: true, check: textCheck, value: 'TEXT', help: 'The full name, when the short one is an abbreviation.' },
    { flag: 'description', label: 'Description', ask: true, check: textCheck, value: 'TEXT', help: 'One or two sentences on what the method does.' },
    { flag: 'collection', label: 'Collection', multiple: true, check: textCheck, value: 'TEXT', help: 'A family the method belongs to, e.g. "Convolutional Neural Networks", one per flag.' },
    { flag: 'introduced-by', label: 'Paper id that introduced it', ask: true, check: slugCheck, refers: 'paper', value: 'ID', help: 'The paper that introduced the method, by id; must exist.' },
    { flag: 'introduced-year', label: 'Year it was introduced', ask: true, check: yearCheck, value: 'YYYY', help: 'The year it was introduced, e.g. 2016.' },
    idField,
  ],
  result: [
    { flag: 'task', label: 'Task id', required: true, check: slugCheck, refers: 'task', value: 'ID', help: 'The task of the leaderboard, by id, e.g. image-classification; must exist.' },
    { flag: 'dataset', label: 'Dataset id', required: true, check: slugCheck, refers: 'dataset', value: 'ID', help: 'The dataset of the leaderboard, by id, e.g. imagenet; it must declare a benchmark for the task.' },
    { flag: 'paper', label: 'Paper id', required: true, check: slugCheck, refers: 'paper', value: 'ID', help: 'The paper that reports the result, by id (its file name); must exist: add the paper first.' },
    { flag: 'model', label: 'Model name as the paper writes it', required: true, check: textCheck, value: 'TEXT', help: 'The model as the paper names it, e.g. "EfficientNet-B7".' },
    {
      flag: 'metric',
      label: 'Metric value (Name=number)',
      required: true,
      multiple: true,
      check: metricValueCheck,
      value: 'NAME=NUMBER',
      help: 'A value the paper reports, one per flag, named exactly as the benchmark declares it and in its unit: "Top 1 Accuracy=84.4" for 84.4 % (not 0.844).',
    },
    {
      flag: 'source',
      label: 'Source: where the paper reports these numbers (e.g. Table 2)',
      ask: true,
      check: textCheck,
      value: 'TEXT',
      help: 'Where the numbers are, so a reviewer can check them: "Table 2", "Figure 3", "the official README".',
      onSkip: 'Without a source the review says so, and a reviewer must search the paper for the numbers: add `source:` to the row (e.g. "Table 2") when you know it.',
    },
    { flag: 'notes', label: 'Notes (protocol, input size, anything a reader must know to compare)', ask: true, check: textCheck, value: 'TEXT', help: 'What a reader must know to compare: the protocol, the input size, test-time augmentation.' },
    { flag: 'code', label: 'Code URL of this model', check: urlCheck, value: 'URL', help: 'The implementation of this model, a full http(s) URL.' },
    {
      flag: 'extra-training-data',
      label: 'Trained with data beyond the dataset\'s training set',
      ask: true,
      boolean: true,
      help: 'The model was trained with data beyond the benchmark\'s training set (e.g. pre-trained on JFT-300M).',
    },
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
