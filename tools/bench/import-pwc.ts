// Bench section for `pwc import-pwc`: a seeded synthetic archive at full scale (576,000 papers, 300,000 code
// links, 60,000 result rows, 15,000 datasets, 8,700 methods) written gzipped to a temporary folder, and the same
// archive as Parquet (as the Hub serves it), then each import timed in a fresh process with its peak memory
// (target: under 1.5 GB). Run it with `npm run bench -- --only import-pwc [--scale 0.1]`.
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip, constants } from 'node:zlib';
import { writeParquetDump, type ParquetShape } from '../import-pwc/dump-as-parquet.ts';
import { readDump } from '../import-pwc/dump-reader.ts';
import { importPwc, type ImportOptions } from '../import-pwc/import.ts';
import type { Progress } from '../import-pwc/progress.ts';
import { reportProbe, type BenchContext, type BenchRow, type BenchSection } from './section.ts';
import { seededRandom } from './synthetic-repo.ts';

export interface ArchiveScale {
  papers: number;
  links: number;
  rows: number;
  datasets: number;
  methods: number;
}

export const FULL_ARCHIVE: ArchiveScale = { papers: 576_000, links: 300_000, rows: 60_000, datasets: 15_000, methods: 8_700 };

export function archiveScaleBy(factor: number, base: ArchiveScale = FULL_ARCHIVE): ArchiveScale {
  const f = (n: number) => Math.max(20, Math.round(n * factor));
  return { papers: f(base.papers), links: f(base.links), rows: f(base.rows), datasets: f(base.datasets), methods: f(base.methods) };
}

const SELF = fileURLToPath(import.meta.url);

const WORDS = ('we propose a novel method that improves the state of the art on several benchmarks by learning representations which ' +
  'generalize across tasks and domains our approach combines attention with convolution and trains end to end with a simple objective ' +
  'experiments show consistent gains over strong baselines while using fewer parameters and less compute').split(' ');
const METRICS: [string, number, number][] = [
  ['Accuracy', 40, 99], ['Top 1 Accuracy', 40, 92], ['F1', 30, 97], ['mAP', 15, 75], ['BLEU', 10, 48], ['Error Rate', 1.5, 40], ['PSNR', 20, 42], ['Params', 1, 900],
];

/** Writes a JSON list entry by entry into a gzip file, minding backpressure. */
async function writeList(path: string, count: number, entry: (i: number) => unknown): Promise<number> {
  const file = createWriteStream(path);
  const gzip = createGzip({ level: constants.Z_BEST_SPEED });
  gzip.pipe(file);
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  await write('[');
  let batch: string[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(JSON.stringify(entry(i)));
    if (batch.length === 500 || i === count - 1) {
      await write((i >= 500 ? ',' : '') + batch.join(','));
      batch = [];
    }
  }
  await write(']');
  gzip.end();
  await once(file, 'close');
  return statSync(path).size;
}

/**
 * Writes the five dumps, gzipped, in the archive's shapes. Every row names a paper by arXiv URL
 * (with or without version); the first papers of the papers dump are those, the rest are
 * unrelated, as are most links. Values come in the dumps' forms ("81.2", "81.2 ± 0.3", "81.2%",
 * "25M", "-"). Returns the files and their total size.
 */
export async function writeSyntheticArchive(dir: string, scale: ArchiveScale, seed = 7): Promise<{ files: Record<string, string>; bytes: number }> {
  const rand = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const arxiv = (i: number) => `${String(15 + (i % 10)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}.${String(10000 + i).padStart(5, '0')}`;
  const paperTitle = (i: number) => `Paper ${i}: ${words(6)}`;
  const datasetName = (i: number) => `Dataset ${i}`;
  const methodName = (i: number) => `Method ${i}`;

  const rowPapers = Math.max(4, Math.round(scale.rows / 2.5));
  const benchmarks = Math.max(2, Math.round(scale.rows / 6));
  const tableDatasets = Math.max(2, Math.min(scale.datasets, Math.round(benchmarks * 0.8)));
  const tasks = Math.max(2, Math.round(benchmarks / 4));
  const files = {
    evaluationTables: join(dir, 'evaluation-tables.json.gz'),
    papers: join(dir, 'papers-with-abstracts.json.gz'),
    links: join(dir, 'links-between-papers-and-code.json.gz'),
    datasets: join(dir, 'datasets.json.gz'),
    methods: join(dir, 'methods.json.gz'),
  };

  // Benchmarks spread over tasks (a quarter of them subtasks); rows spread over benchmarks.
  const rowsPerBenchmark = Array.from({ length: benchmarks }, () => 0);
  for (let r = 0; r < scale.rows; r++) rowsPerBenchmark[r % benchmarks]++;
  let row = 0;
  const value = (lo: number, hi: number): string | number => {
    const v = (lo + rand() * (hi - lo)).toFixed(2);
    const form = rand();
    if (form < 0.5) return v;
    if (form < 0.6) return Number(v);
    if (form < 0.75) return `${v} ± 0.${int(1, 9)}`;
    if (form < 0.85) return `${v}%`;
    if (form < 0.95) return `${v}*`;
    return '-';
  };
  const dataset = (b: number) => {
    const metrics = [METRICS[b % METRICS.length], METRICS[(b + 3) % METRICS.length]];
    const rows = Array.from({ length: rowsPerBenchmark[b] }, (_, k) => {
      const p = (row++ * 7919) % rowPapers;
      return {
        code_links: rand() < 0.3 ? [{ title: '', url: `https://github.com/lab${p}/code` }] : [],
        metrics: Object.fromEntries(metrics.map(([name, lo, hi]) => [name, name === 'Params' ? `${int(1, 900)}M` : value(lo, hi)])),
        model_links: [],
        model_name: `Model ${b}-${k}`,
        paper_date: rand() < 0.5 ? `20${15 + (p % 10)}-${String(1 + (p % 12)).padStart(2, '0')}-15` : null,
        paper_title: rand() < 0.8 ? paperTitle(p) : '',
        paper_url: `https://arxiv.org/${rand() < 0.7 ? 'abs' : 'pdf'}/${arxiv(p)}${rand() < 0.3 ? 'v2' : ''}`,
        uses_additional_data: rand() < 0.1,
      };
    });
    return {
      dataset: datasetName(b % tableDatasets),
      dataset_citations: [],
      dataset_links: [],
      description: words(12),
      sota: { metrics: metrics.map(([name]) => name), rows },
      subdatasets: [],
    };
  };
  const perTask = Math.ceil(benchmarks / tasks);
  const task = (t: number, sub: boolean): unknown => ({
    categories: sub ? [] : [pick(['Computer Vision', 'NLP', 'Speech', 'Graphs', 'Medical'])],
    datasets: Array.from({ length: Math.max(0, Math.min(perTask, benchmarks - t * perTask)) }, (_, k) => dataset(t * perTask + k)),
    description: words(20),
    source_link: null,
    subtasks: !sub && t + 1 < tasks && t % 4 === 0 ? [task(t + 1, true)] : [],
    synonyms: [],
    task: `Task ${t}`,
  });
  const top: number[] = [];
  for (let t = 0; t < tasks; t++) if (!(t % 4 === 1 && t > 0)) top.push(t);
  let bytes = await writeList(files.evaluationTables, top.length, (i) => task(top[i], false));

  bytes += await writeList(files.papers, scale.papers, (i) => ({
    paper_url: `https://paperswithcode.com/paper/paper-${i}`,
    arxiv_id: arxiv(i),
    nips_id: null,
    openreview_id: null,
    title: paperTitle(i),
    abstract: words(170),
    short_abstract: words(30),
    url_abs: `https://arxiv.org/abs/${arxiv(i)}v1`,
    url_pdf: `https://arxiv.org/pdf/${arxiv(i)}v1.pdf`,
    proceeding: rand() < 0.3 ? 'NeurIPS 2020 12' : null,
    authors: Array.from({ length: int(1, 6) }, (_, k) => `Author ${(i * 7 + k) % 50000}`),
    tasks: [`Task ${i % tasks}`, `Task ${(i * 3) % (tasks * 2)}`],
    date: `20${15 + (i % 10)}-${String(1 + (i % 12)).padStart(2, '0')}-15`,
    conference_url_abs: null,
    conference_url_pdf: null,
    conference: null,
    reproduces_paper: null,
    methods: Array.from({ length: int(0, 3) }, () => {
      const m = int(0, scale.methods - 1);
      return { name: methodName(m), full_name: `Full ${methodName(m)}`, description: words(25), introduced_year: 2015, source_url: null, source_title: null, code_snippet_url: null, main_collection: { name: 'Collection', description: '', parent: null, area: 'General' } };
    }),
  }));
  bytes += await writeList(files.links, scale.links, (i) => {
    const p = i % 2 === 0 ? i % rowPapers : rowPapers + i;
    return {
      paper_url: `https://paperswithcode.com/paper/paper-${p}`,
      paper_title: paperTitle(p),
      paper_arxiv_id: arxiv(p),
      paper_url_abs: `https://arxiv.org/abs/${arxiv(p)}`,
      paper_url_pdf: null,
      repo_url: `https://github.com/org${i}/repo${i}`,
      is_official: rand() < 0.3,
      mentioned_in_paper: false,
      mentioned_in_github: true,
      framework: pick(['none', 'pytorch', 'tf', 'jax']),
    };
  });
  bytes += await writeList(files.datasets, scale.datasets, (i) => ({
    url: `https://paperswithcode.com/dataset/dataset-${i}`,
    name: datasetName(i),
    full_name: `The ${datasetName(i)} benchmark`,
    homepage: `https://example.org/dataset-${i}`,
    description: words(40),
    paper: rand() < 0.5 ? { title: paperTitle(i * 13), url: `https://paperswithcode.com/paper/paper-${i * 13}` } : null,
    introduced_date: `20${10 + (i % 10)}-01-01`,
    warning: null,
    modalities: [pick(['Images', 'Texts', 'Audio', 'Graphs'])],
    tasks: [{ task: `Task ${i % tasks}`, url: `https://paperswithcode.com/task/task-${i % tasks}` }],
    languages: [],
    variants: [datasetName(i)],
    num_papers: int(1, 500),
    data_loaders: [],
  }));
  bytes += await writeList(files.methods, scale.methods, (i) => ({
    url: `https://paperswithcode.com/method/method-${i}`,
    name: methodName(i),
    full_name: `Full ${methodName(i)}`,
    description: words(40),
    paper: rand() < 0.5 ? { title: paperTitle(i * 17), url: `https://paperswithcode.com/paper/paper-${i * 17}` } : null,
    introduced_year: 2000 + (i % 24),
    source_url: null,
    source_title: null,
    code_snippet_url: null,
    num_papers: int(1, 500),
    collections: [{ collection: 'Collection', area_id: 'general', area: 'General' }],
  }));
  return { files, bytes };
}

/** Records when each step starts, to split the run into phases. */
class PhaseClock implements Progress {
  readonly phases: [string, number][] = [];
  private current?: [string, number];
  start(label: string) {
    this.begin(`read ${label}`);
  }
  update() {}
  done() {}
  step(text: string) {
    this.begin(text);
  }
  begin(label: string) {
    this.finish();
    this.current = [label, performance.now()];
  }
  finish() {
    if (this.current) this.phases.push([this.current[0], (performance.now() - this.current[1]) / 1000]);
    this.current = undefined;
  }
}

type ArchiveFiles = Pick<ImportOptions, 'evaluationTables' | 'papers' | 'links' | 'datasets' | 'methods'>;

/** The synthetic archive's files in `dir`: the gzipped JSON dumps, or their Parquet versions. */
function archiveFiles(dir: string, format: 'json' | 'parquet'): ArchiveFiles {
  if (format === 'json') {
    return {
      evaluationTables: [join(dir, 'evaluation-tables.json.gz')],
      papers: join(dir, 'papers-with-abstracts.json.gz'),
      links: join(dir, 'links-between-papers-and-code.json.gz'),
      datasets: join(dir, 'datasets.json.gz'),
      methods: join(dir, 'methods.json.gz'),
    };
  }
  const shards = (name: string, n: number) => Array.from({ length: n }, (_, i) => join(dir, 'parquet', name, `train-${String(i).padStart(5, '0')}-of-${String(n).padStart(5, '0')}.parquet`));
  return {
    evaluationTables: shards('evaluation-tables', 1),
    papers: shards('papers-with-abstracts', 2),
    links: shards('links-between-paper-and-code', 1),
    datasets: shards('datasets', 1),
    methods: shards('methods', 1),
  };
}

/**
 * Writes the gzipped JSON dumps in `dir` again as Parquet, as the Hub lays them out (the papers in
 * two shards), in row groups of 1,000 rows. The tables' metrics mix numbers and text, which no
 * struct column holds: their nested fields are JSON text; the other dumps are structs.
 */
async function writeParquetArchive(dir: string): Promise<number> {
  const json = archiveFiles(dir, 'json');
  const parquet = archiveFiles(dir, 'parquet');
  const entries = (file: string) => async function* () {
    for await (const entry of readDump(file)) yield entry.value;
  };
  const shapes: Record<keyof ArchiveFiles, ParquetShape> = { evaluationTables: 'json', papers: 'struct', links: 'struct', datasets: 'struct', methods: 'struct' };
  let bytes = 0;
  for (const key of Object.keys(shapes) as (keyof ArchiveFiles)[]) {
    const files = [parquet[key]!].flat();
    mkdirSync(join(files[0], '..'), { recursive: true });
    await writeParquetDump(entries([json[key]!].flat()[0]), files, { shape: shapes[key], rowGroupSize: 1000 });
    for (const f of files) bytes += statSync(f).size;
  }
  return bytes;
}

/** The probe: imports the dumps in `dir` (JSON or Parquet) into `out` in this process and prints its figures. */
async function probe(dir: string, format: 'json' | 'parquet', out: string): Promise<void> {
  const clock = new PhaseClock();
  const t0 = performance.now();
  const { report, created } = await importPwc({ out, ...archiveFiles(dir, format), progress: clock });
  clock.finish();
  if (report.validation.errors > 0) throw new Error(`the import of the synthetic archive has ${report.validation.errors} validation errors`);
  reportProbe({ seconds: (performance.now() - t0) / 1000, phases: clock.phases, rows: report.rows, created });
}

/** Peak memory the importer is held to at full archive scale: 1.5 GB. */
const TARGET_MB = 1536;

export const importPwcSection: BenchSection = {
  name: 'import-pwc',
  description: 'pwc import-pwc on a seeded synthetic archive in the dumps\' shapes, gzipped JSON and the same as Parquet (576,000 papers, 300,000 links, 60,000 rows, 15,000 datasets, 8,700 methods at scale 1): into an empty folder, then again',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const scale = archiveScaleBy(ctx.factor);
    const dir = mkdtempSync(join(tmpdir(), 'pwc-bench-import-'));
    try {
      const t = performance.now();
      const { bytes } = await writeSyntheticArchive(dir, scale, ctx.seed);
      ctx.log(`synthetic archive: ${(bytes / 1e6).toFixed(0)} MB gzipped in ${((performance.now() - t) / 1000).toFixed(1)} s (${scale.papers} papers, ${scale.links} links, ${scale.rows} rows, ${scale.datasets} datasets, ${scale.methods} methods)`);
      const p = performance.now();
      const parquetBytes = await writeParquetArchive(dir);
      ctx.log(`the same archive as Parquet: ${(parquetBytes / 1e6).toFixed(0)} MB in ${((performance.now() - p) / 1000).toFixed(1)} s`);
      const rows: BenchRow[] = [];
      for (const format of ['json', 'parquet'] as const) {
        const out = join(dir, `out-${format}`);
        for (const name of ['import into an empty folder', 'import again into the same folder (nothing changes)']) {
          const { result, wallSeconds, peakMB } = await ctx.measure('import-pwc.ts', ['--probe', dir, '--format', format, '--out', out]);
          const phases = (result.phases as [string, number][]).map(([p, s]) => `${p} ${s.toFixed(1)} s`).join('; ');
          const imported = result.rows as { total: number; imported: number };
          ctx.log(`${format}: ${name}: ${phases}`);
          rows.push({
            name: `${format === 'json' ? 'gzipped JSON' : 'Parquet'}: ${name}, ${imported.imported} of ${imported.total} rows`,
            seconds: result.seconds,
            wallSeconds,
            peakMB,
            target: ctx.factor === 1 ? `peak < ${TARGET_MB} MB` : undefined,
            met: ctx.factor === 1 ? peakMB < TARGET_MB : undefined,
          });
        }
      }
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (process.argv[1] === SELF) {
  const { values } = parseArgs({ options: { probe: { type: 'string' }, format: { type: 'string', default: 'json' }, out: { type: 'string' } } });
  if (!values.probe || !values.out || (values.format !== 'json' && values.format !== 'parquet')) {
    process.stderr.write('usage: npm run bench -- --only import-pwc [--scale 0.1]   (this file runs itself with --probe DIR --format json|parquet --out DIR)\n');
    process.exit(2);
  }
  await probe(values.probe, values.format, values.out);
}
