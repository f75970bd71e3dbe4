// A seeded generator of a synthetic data repository at archive scale, valid by construction,
// for benchmarks: same seed and scale -> byte-identical files.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SyntheticScale {
  papers: number;
  results: number;
  datasets: number;
  tasks: number;
  methods: number;
}

/** The size of the Papers With Code archive, roughly. */
export const ARCHIVE_SCALE: SyntheticScale = { papers: 100_000, results: 60_000, datasets: 15_000, tasks: 4_500, methods: 9_000 };

export function scaleBy(factor: number, base: SyntheticScale = ARCHIVE_SCALE): SyntheticScale {
  const f = (n: number) => Math.max(4, Math.round(n * factor));
  return { papers: f(base.papers), results: f(base.results), datasets: f(base.datasets), tasks: f(base.tasks), methods: f(base.methods) };
}

/** A small, fast, seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = [
  ['computer-vision', 'Computer Vision'],
  ['natural-language-processing', 'Natural Language Processing'],
  ['medical', 'Medical'],
  ['methodology', 'Methodology'],
  ['speech', 'Speech'],
  ['graphs', 'Graphs'],
  ['time-series', 'Time Series'],
  ['reinforcement-learning', 'Reinforcement Learning'],
  ['audio', 'Audio'],
  ['robotics', 'Robotics'],
  ['knowledge-base', 'Knowledge Base'],
  ['adversarial', 'Adversarial'],
];

const ADJECTIVES = ['deep', 'robust', 'efficient', 'scalable', 'sparse', 'contrastive', 'hierarchical', 'adaptive', 'generative', 'self-supervised',
  'semi-supervised', 'weakly-supervised', 'multi-scale', 'recurrent', 'convolutional', 'probabilistic', 'bayesian', 'federated', 'lightweight', 'dense',
  'unified', 'causal', 'equivariant', 'implicit', 'neural', 'graph', 'multimodal', 'cross-lingual', 'few-shot', 'zero-shot', 'online', 'structured',
  'residual', 'attentive', 'dynamic', 'latent', 'masked', 'hybrid', 'progressive', 'compositional'];
const NOUNS = ['transformers', 'networks', 'embeddings', 'representations', 'autoencoders', 'priors', 'kernels', 'policies', 'features', 'models',
  'descriptors', 'encoders', 'decoders', 'mixtures', 'experts', 'ensembles', 'flows', 'fields', 'tokens', 'memories', 'graphs', 'programs',
  'prototypes', 'anchors', 'adapters', 'prompts', 'filters', 'pyramids', 'capsules', 'routers', 'distillation', 'pretraining', 'augmentation',
  'regularization', 'quantization', 'pruning', 'alignment', 'retrieval', 'calibration', 'optimization'];
const TOPICS = ['image classification', 'object detection', 'semantic segmentation', 'machine translation', 'question answering', 'speech recognition',
  'node classification', 'link prediction', 'time series forecasting', 'anomaly detection', 'image generation', 'text classification',
  'named entity recognition', 'pose estimation', 'depth estimation', 'action recognition', 'visual question answering', 'image captioning',
  'language modeling', 'sentiment analysis', 'relation extraction', 'medical image segmentation', 'video classification', 'optical flow',
  'super resolution', 'denoising', 'reading comprehension', 'summarization', 'dialogue', 'recommendation', 'tracking', 'retrieval',
  'continual learning', 'domain adaptation', 'reinforcement learning', 'point cloud classification', 'face recognition', 'style transfer',
  'code generation', 'protein folding'];
const QUALIFIERS = ['at scale', 'in the wild', 'with limited labels', 'under distribution shift', 'on edge devices', 'from noisy data', 'without labels',
  'with transformers', 'for long sequences', 'in low-resource settings', 'revisited', 'made simple', 'beyond accuracy', 'with uncertainty',
  'via distillation', 'through the lens of geometry', 'using synthetic data', 'across domains', 'with curriculum learning', 'for dense prediction'];
const WORDS = ('we propose a novel method that improves the state of the art on several benchmarks by learning representations which ' +
  'generalize across tasks and domains our approach combines attention with convolution and trains end to end with a simple objective ' +
  'experiments show consistent gains over strong baselines while using fewer parameters and less compute we also analyse failure modes ' +
  'and release code and pretrained models to foster reproducible research in the community').split(' ');
const FIRST = ['Alice', 'Bo', 'Chen', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jun', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya',
  'Quentin', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Victor', 'Wei', 'Ximena', 'Yusuf', 'Zoe'];
const LAST = ['Anders', 'Bianchi', 'Cohen', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Huang', 'Ivanova', 'Jensen', 'Kim', 'Lopez', 'Müller',
  'Nakamura', 'Okafor', 'Patel', 'Quinn', 'Rossi', 'Singh', 'Tanaka', 'Usman', 'Volkov', 'Wang', 'Xu', 'Yamada', 'Zhang'];
const VENUES = ['NeurIPS', 'ICML', 'ICLR', 'CVPR', 'ICCV', 'ECCV', 'ACL', 'EMNLP', 'NAACL', 'AAAI', 'IJCAI', 'KDD', 'MICCAI', 'Interspeech'];
const FRAMEWORKS = ['pytorch', 'tf', 'jax', 'mxnet'];
const LICENSES = ['CC BY 4.0', 'CC BY-NC 4.0', 'MIT', 'Apache-2.0', 'Custom (research only)'];
const MODALITIES = ['Images', 'Texts', 'Videos', 'Audio', 'Graphs', 'Tabular', 'Point clouds', 'Medical'];
const LANGUAGES = ['English', 'Chinese', 'German', 'French', 'Spanish', 'Japanese', 'Arabic', 'Hindi'];

interface MetricKind {
  name: string;
  direction: 'higher' | 'lower';
  unit?: string;
  min?: number;
  max?: number;
  /** Values are drawn in [lo, hi); every kind stays well above 1 so no value looks like a fraction. */
  lo: number;
  hi: number;
}

const METRICS: MetricKind[] = [
  { name: 'Accuracy', direction: 'higher', unit: '%', min: 0, max: 100, lo: 40, hi: 99 },
  { name: 'Top 1 Accuracy', direction: 'higher', unit: '%', min: 0, max: 100, lo: 40, hi: 92 },
  { name: 'Top 5 Accuracy', direction: 'higher', unit: '%', min: 0, max: 100, lo: 70, hi: 99.5 },
  { name: 'F1', direction: 'higher', unit: '%', min: 0, max: 100, lo: 30, hi: 97 },
  { name: 'mAP', direction: 'higher', unit: '%', min: 0, max: 100, lo: 15, hi: 75 },
  { name: 'BLEU', direction: 'higher', min: 0, max: 100, lo: 10, hi: 48 },
  { name: 'Error Rate', direction: 'lower', unit: '%', min: 0, max: 100, lo: 1.5, hi: 40 },
  { name: 'PSNR', direction: 'higher', unit: 'dB', lo: 20, hi: 42 },
  { name: 'Perplexity', direction: 'lower', min: 1, lo: 8, hi: 120 },
  { name: 'MAE', direction: 'lower', min: 0, lo: 1.2, hi: 9.5 },
];

interface PaperRow {
  id: string;
  date: string;
  year: number;
}
interface DatasetRow {
  id: string;
  name: string;
  introduced: string;
  benchmarks: { task: string; metrics: MetricKind[] }[];
}

/** One generated file: its path relative to the root and its text. */
export interface SyntheticFile {
  path: string;
  text: string;
}

/**
 * Yields every file of the synthetic repository. The data references only existing ids, has no
 * cycles, no duplicate titles, arXiv ids or models per leaderboard, dates no later than 2024,
 * and no result older than its dataset, so `pwc validate` finds nothing.
 */
export function* synthesize(scale: SyntheticScale, seed = 1): Generator<SyntheticFile> {
  const rand = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const out = new Set<T>();
    const want = Math.min(n, xs.length);
    while (out.size < want) out.add(pick(xs));
    return [...out];
  };
  const sentence = (words: number) => {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(pick(WORDS));
    out[0] = out[0][0].toUpperCase() + out[0].slice(1);
    return `${out.join(' ')}.`;
  };
  const paragraph = (sentences: number) => Array.from({ length: sentences }, () => sentence(int(10, 24))).join(' ');

  yield { path: 'data/areas.yaml', text: emit({ areas: AREAS.map(([id, name]) => ({ id, name, description: `Research on ${name.toLowerCase()}.` })) }) };

  // Tasks: unique names from the topic list and qualifiers; parents only point to earlier tasks (no cycles).
  const taskIds: string[] = [];
  for (let i = 0; i < scale.tasks; i++) {
    const topic = TOPICS[i % TOPICS.length];
    const round = Math.floor(i / TOPICS.length);
    const name = round === 0 ? capitalize(topic) : `${capitalize(topic)} ${capitalize(ADJECTIVES[round % ADJECTIVES.length])} ${round}`;
    const id = slug(name);
    const task: Record<string, unknown> = { name, area: AREAS[i % AREAS.length][0] };
    if (i > 0 && rand() < 0.3) task.parent = taskIds[Math.floor(rand() * i)];
    task.description = paragraph(int(1, 3));
    if (rand() < 0.3) task.synonyms = [`${name} task`];
    taskIds.push(id);
    yield { path: `data/tasks/${id}.yaml`, text: emit(task) };
  }

  // Papers: unique titles (mixed-radix over word lists), unique arXiv ids, dates 2012-2024.
  const papers: PaperRow[] = [];
  const perMonth = new Map<string, number>();
  const datasetIdsAhead = Array.from({ length: scale.datasets }, (_, i) => datasetId(i));
  const methodIdsAhead = Array.from({ length: scale.methods }, (_, i) => methodId(i));
  for (let i = 0; i < scale.papers; i++) {
    const title = paperTitle(i);
    const id = slug(title);
    const year = int(2012, 2024);
    const month = int(1, 12);
    const day = int(1, 28);
    const date = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
    const yymm = `${pad(year % 100, 2)}${pad(month, 2)}`;
    const seq = (perMonth.get(yymm) ?? 0) + 1;
    perMonth.set(yymm, seq);
    const arxiv = `${yymm}.${pad(seq, 5)}`;
    const paper: Record<string, unknown> = {
      title,
      authors: Array.from({ length: int(1, 8) }, () => `${pick(FIRST)} ${pick(LAST)}`),
      date,
      arxiv,
      url: `https://arxiv.org/abs/${arxiv}`,
      pdf: `https://arxiv.org/pdf/${arxiv}`,
    };
    if (rand() < 0.6) paper.venue = `${pick(VENUES)} ${year}`;
    paper.abstract = paragraph(int(4, 9));
    paper.tasks = sample(taskIds, int(1, 3)).sort();
    if (rand() < 0.7) paper.methods = sample(methodIdsAhead, int(1, 4)).sort();
    if (rand() < 0.6) paper.datasets = sample(datasetIdsAhead, int(1, 3)).sort();
    if (rand() < 0.5) paper.code = [{ url: `https://github.com/${slug(pick(LAST))}/${id.slice(0, 40)}`, official: rand() < 0.5, framework: pick(FRAMEWORKS) }];
    papers.push({ id, date, year });
    yield { path: `data/papers/${year}/${id}.yaml`, text: emit(paper) };
  }

  for (let i = 0; i < scale.methods; i++) {
    const name = methodName(i);
    const method: Record<string, unknown> = { name, full_name: `${name} ${capitalize(pick(NOUNS))}`, description: paragraph(int(1, 3)) };
    if (rand() < 0.5) method.collections = [capitalize(pick(NOUNS))];
    if (rand() < 0.5) {
      const paper = pick(papers);
      method.introduced_by = paper.id;
      method.introduced_year = paper.year;
    }
    yield { path: `data/methods/${methodIdsAhead[i]}.yaml`, text: emit(method) };
  }

  // Datasets: each introduced before the results on it; variants only of earlier datasets.
  const datasets: DatasetRow[] = [];
  const earlyPapers = papers.filter((p) => p.year <= 2014);
  for (let i = 0; i < scale.datasets; i++) {
    const id = datasetIdsAhead[i];
    const name = datasetName(i);
    const dataset: Record<string, unknown> = { name, full_name: `The ${name} benchmark`, description: paragraph(int(1, 4)) };
    if (rand() < 0.5) dataset.homepage = `https://example.org/datasets/${id}`;
    if (rand() < 0.5) dataset.license = pick(LICENSES);
    let introduced: string;
    if (rand() < 0.4) {
      // An early paper, so the dataset is older than most results on it.
      const early = earlyPapers.length > 0 ? pick(earlyPapers) : papers[0];
      dataset.introduced_by = early.id;
      introduced = early.date;
    } else {
      introduced = `${int(2000, 2011)}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`;
    }
    dataset.introduced_date = introduced;
    dataset.modalities = sample(MODALITIES, int(1, 2)).sort();
    if (rand() < 0.4) dataset.languages = sample(LANGUAGES, int(1, 2)).sort();
    if (i > 0 && rand() < 0.1) dataset.variant_of = datasetIdsAhead[Math.floor(rand() * i)];
    const benchmarks = sample(taskIds, int(1, 3)).map((task) => ({ task, metrics: sample(METRICS, int(1, 3)) }));
    dataset.benchmarks = benchmarks.map((b) => {
      const out: Record<string, unknown> = {
        task: b.task,
        metrics: b.metrics.map(({ name, direction, unit, min, max }) => ({ name, direction, ...(unit ? { unit } : {}), ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) })),
      };
      if (b.metrics.length > 1) out.primary = b.metrics[0].name;
      out.description = `Standard ${pick(['test', 'validation', 'held-out'])} split.`;
      return out;
    });
    datasets.push({ id, name, introduced, benchmarks });
    yield { path: `data/datasets/${id}.yaml`, text: emit(dataset) };
  }

  // Results: leaderboards drawn with a skew (a few popular boards, a long tail); each result's paper
  // is no older than the dataset, and model names are unique within a board.
  const byDate = [...papers].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const boards = datasets.flatMap((d) => d.benchmarks.map((b) => ({ dataset: d, benchmark: b, models: new Set<string>() })));
  const seen = new Set<string>();
  for (let made = 0, attempts = 0; made < scale.results && attempts < scale.results * 20; attempts++) {
    const board = boards[Math.floor(boards.length * rand() ** 2)];
    const first = lowerBound(byDate, board.dataset.introduced);
    if (first >= byDate.length) continue;
    let paper = byDate[int(first, byDate.length - 1)];
    let key = `${board.benchmark.task}/${board.dataset.id}/${paper.id}`;
    for (let tries = 0; seen.has(key) && tries < 20; tries++) {
      paper = byDate[int(first, byDate.length - 1)];
      key = `${board.benchmark.task}/${board.dataset.id}/${paper.id}`;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    made++;
    const rows = Array.from({ length: int(1, 3) }, () => {
      let model = `${methodName(int(0, scale.methods - 1))}-${pick(['S', 'B', 'L', 'XL'])}`;
      while (board.models.has(model)) model = `${model}+`;
      board.models.add(model);
      const metrics: Record<string, number> = {};
      for (const m of board.benchmark.metrics) metrics[m.name] = Math.round((m.lo + rand() * (m.hi - m.lo)) * 100) / 100;
      const row: Record<string, unknown> = { model, metrics };
      if (rand() < 0.2) row.extra_training_data = rand() < 0.5;
      row.source = `Table ${int(1, 8)}`;
      return row;
    });
    yield { path: `data/results/${board.benchmark.task}/${board.dataset.id}/${paper.id}.yaml`, text: emit({ results: rows }) };
  }
}

/** Writes the synthetic repository under root (which should be empty); returns the file count and bytes. */
export function writeSyntheticRepository(root: string, scale: SyntheticScale, seed = 1): { files: number; bytes: number } {
  const made = new Set<string>();
  let files = 0;
  let bytes = 0;
  for (const file of synthesize(scale, seed)) {
    const full = join(root, file.path);
    const dir = dirname(full);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(full, file.text);
    files++;
    bytes += Buffer.byteLength(file.text);
  }
  return { files, bytes };
}

function paperTitle(i: number): string {
  // Mixed radix over four word lists (40 x 40 x 40 x 20 = 1.28M unique titles), scrambled by a stride.
  const n = (i * 7_919) % (ADJECTIVES.length * NOUNS.length * TOPICS.length * QUALIFIERS.length);
  const a = n % ADJECTIVES.length;
  const b = Math.floor(n / ADJECTIVES.length) % NOUNS.length;
  const c = Math.floor(n / (ADJECTIVES.length * NOUNS.length)) % TOPICS.length;
  const d = Math.floor(n / (ADJECTIVES.length * NOUNS.length * TOPICS.length)) % QUALIFIERS.length;
  return `${capitalize(ADJECTIVES[a])} ${capitalize(NOUNS[b])} for ${capitalize(TOPICS[c])} ${QUALIFIERS[d]}`;
}

function methodName(i: number): string {
  return `${capitalize(ADJECTIVES[i % ADJECTIVES.length])}${capitalize(NOUNS[Math.floor(i / ADJECTIVES.length) % NOUNS.length])}${i >= 1600 ? `-${Math.floor(i / 1600)}` : ''}`.replace(/-(?=[a-z])/g, '');
}

function methodId(i: number): string {
  return slug(methodName(i));
}

function datasetName(i: number): string {
  const base = `${capitalize(pick2(TOPICS, i))} ${capitalize(pick2(NOUNS, Math.floor(i / TOPICS.length)))}`;
  const round = Math.floor(i / (TOPICS.length * NOUNS.length));
  return round === 0 ? base : `${base} ${round + 1}`;
}

function datasetId(i: number): string {
  return slug(datasetName(i));
}

function pick2<T>(xs: readonly T[], i: number): T {
  return xs[i % xs.length];
}

function lowerBound(papers: PaperRow[], date: string): number {
  let lo = 0;
  let hi = papers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (papers[mid].date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function capitalize(text: string): string {
  return text.replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// A minimal block-style YAML writer for the generator's own values (plain scalars when safe).
const PLAIN = /^[A-Za-z][A-Za-z0-9 .,()'/+:-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  if (PLAIN.test(text) && !RESERVED.test(text) && !text.endsWith(' ') && !text.endsWith(':') && !text.includes(': ')) return text;
  return JSON.stringify(text);
}

function emit(value: Record<string, unknown>): string {
  const lines: string[] = [];
  writeMap(value, '', lines);
  return `${lines.join('\n')}\n`;
}

function writeMap(map: Record<string, unknown>, indent: string, lines: string[], firstPrefix?: string): void {
  let first = true;
  for (const [key, value] of Object.entries(map)) {
    const lead = first && firstPrefix !== undefined ? firstPrefix : indent;
    first = false;
    if (Array.isArray(value)) {
      lines.push(`${lead}${key}:`);
      for (const item of value) {
        if (item !== null && typeof item === 'object') writeMap(item as Record<string, unknown>, `${indent}    `, lines, `${indent}  - `);
        else lines.push(`${indent}  - ${scalar(item)}`);
      }
    } else if (value !== null && typeof value === 'object') {
      lines.push(`${lead}${key}:`);
      writeMap(value as Record<string, unknown>, `${indent}  `, lines);
    } else {
      lines.push(`${lead}${key}: ${scalar(value)}`);
    }
  }
}

/** The files under `dir` of a repository at `root` (paths relative to root, sorted): what tests pick their edits from. */
export function filesUnder(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${rel}/${e.name}`);
      else out.push(`${rel}/${e.name}`);
    }
  };
  if (existsSync(join(root, dir))) walk(dir);
  return out.sort();
}
