// Measures the search at full archive scale: builds the index from synthetic records (576,261
// papers with Zipf-distributed title words and author names, plus tasks, datasets, methods and
// leaderboards with model names), serves it gzipped under a base path and runs searches in
// chromium, each in a fresh page, summing the bytes each one fetched.
// Run: npx tsx tools/site/search/measure.ts [--papers N]; with --bench-scale F, over the records searchRecords makes
// from the bench's synthetic repository at scale F instead.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { scaleBy, seededRandom, synthesize } from '../../bench/synthetic-repo.ts';
import { xmlText } from '../../markdown/escape.ts';
import { pageUrl, rootPrefix, sitePaths } from '../paths.ts';
import { repositoryOfFiles } from '../../model/repository.ts';
import { buildSiteIndex } from '../../views/site-index.ts';
import type { SiteContext } from '../part.ts';
import { allUnits } from '../part-testing.ts';
import { searchIndexFiles } from './index-writer.ts';
import { searchRecords } from './records.ts';
import { searchPageFile } from './page.ts';
import type { SearchRecord } from './records.ts';
import { chromiumPath, launchBrowser } from '../test-support/browser.ts';
import { serveSite } from '../test-support/serve.ts';
import { openPage } from '../test-support/watch.ts';

export const FULL_ARCHIVE = { papers: 576_261, leaderboards: 12_000, tasks: 4_500, datasets: 15_000, methods: 9_000 };
export type RecordScale = typeof FULL_ARCHIVE;

/** Words of real machine-learning titles, most frequent first (a Zipf curve over them). */
const TITLE_WORDS = ('learning neural network networks deep via based model models data using image graph detection efficient ' +
  'multi language training generation representation adversarial attention segmentation reinforcement transformer robust ' +
  'classification self supervised analysis estimation large video approach recognition prediction optimization semantic ' +
  'unsupervised knowledge domain generative towards contrastive visual object text federated adaptive framework vision ' +
  'diffusion feature temporal policy scale fast sparse inference bayesian learned dynamic end retrieval few shot').split(' ');
const SURNAMES = ('wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao kim lee park nguyen smith ' +
  'johnson brown garcia miller davis müller schmidt kumar singh sharma gupta tanaka suzuki sato').split(' ');
const GIVEN = ('wei jun yu jing hao yang lei xin yi jie ming hui chen li david michael john james robert daniel thomas maria anna ' +
  'sarah alex kai hiro yuki raj amit priya jan lukas sophie').split(' ');
const SYLLABLES = 'ka to ri ne mo su la vi de po zu fa gi ro be ta ni ko me si lu da pe wo ha ki no re ga'.split(' ');

/** A made-up word for rank k: the long tail of a vocabulary. */
function tailWord(k: number): string {
  let out = '';
  let n = k + SYLLABLES.length;
  while (n > 0) {
    out += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return out;
}

/** Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s. */
function zipf(rand: () => number, n: number, s = 1): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cumulative[k] = total += 1 / (k + 1) ** s;
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const cap = (w: string) => w[0].toUpperCase() + w.slice(1);

/** Synthetic search records at `scale`, seeded: same seed, same records. */
export function syntheticSearchRecords(scale: RecordScale = FULL_ARCHIVE, seed = 1): SearchRecord[] {
  const rand = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  // Title words: one in two from the common list, else from a 60,000-word tail; both Zipf.
  const common = zipf(rand, TITLE_WORDS.length, 0.8);
  const tail = zipf(rand, 60_000, 1);
  const word = () => (rand() < 0.5 ? TITLE_WORDS[common()] : tailWord(tail()));
  // Names: real frequent names first, then made-up ones, Zipf over 3,000 given names and 40,000 surnames.
  const given = zipf(rand, 3_000, 1);
  const surname = zipf(rand, 40_000, 1);
  const name = (list: string[], k: number) => cap(k < list.length ? list[k] : tailWord(k));
  const records: SearchRecord[] = [];
  const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${cap(word())} ${cap(word())}${i >= 1000 ? ` ${prefix}${i}` : ''}`);

  const taskNames = names(scale.tasks, 'T');
  taskNames.forEach((title, i) => records.push({ kind: 'task', path: sitePaths.task(`task-${i}`), title, detail: 'Area', names: [title, `task-${i}`], other: [] }));
  const datasetNames = names(scale.datasets, 'D');
  datasetNames.forEach((title, i) => records.push({ kind: 'dataset', path: sitePaths.dataset(`dataset-${i}`), title, detail: `${title} full name`, names: [title, `dataset-${i}`], other: [`${title} full name`] }));
  names(scale.methods, 'M').forEach((title, i) => records.push({ kind: 'method', path: sitePaths.method(`method-${i}`), title, detail: '', names: [title, `method-${i}`], other: [] }));
  for (let i = 0; i < scale.leaderboards; i++) {
    const task = taskNames[i % taskNames.length];
    const dataset = datasetNames[(i * 7) % datasetNames.length];
    const models = Array.from({ length: int(1, 10) }, () => `${cap(tailWord(tail()))}-${int(1, 200)}`);
    records.push({ kind: 'leaderboard', path: sitePaths.leaderboard(`task-${i % taskNames.length}`, `dataset-${(i * 7) % datasetNames.length}-${i}`), title: `${task} on ${dataset}`, detail: `${models.length} results`, names: [task, dataset], other: models });
  }
  const perMonth = new Map<string, number>();
  for (let i = 0; i < scale.papers; i++) {
    const title = cap(Array.from({ length: int(5, 12) }, word).join(' '));
    const year = 2025 - Math.min(25, Math.floor(-Math.log(1 - rand()) * 5)); // most papers recent
    const month = int(1, 12);
    const yymm = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}`;
    const seq = (perMonth.get(yymm) ?? 0) + 1;
    perMonth.set(yymm, seq);
    const arxiv = `${yymm}.${String(seq).padStart(5, '0')}`;
    const authors = Array.from({ length: int(1, 9) }, () => `${name(GIVEN, given())} ${name(SURNAMES, surname())}`);
    const date = `${year}-${String(month).padStart(2, '0')}-01`;
    records.push({ kind: 'paper', path: sitePaths.paper(`paper-${i}`), title, detail: `${year} · ${authors.join(', ')} · arXiv ${arxiv}`, names: [title, arxiv], other: authors, date });
  }
  return records;
}

/** The page the searches run on: the layout's form, three folders down, loading the script relatively. */
export const TEST_PAGE_PATH = 'area/some/page/index.html';

/** A page at `path` with the layout's search form and assets, all linked relatively. */
export function testPage(path: string, title = 'A page'): string {
  const root = rootPrefix(path);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xmlText(title)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="${root}assets/search.css"><script type="module" src="${root}assets/search.js"></script></head>
<body><header><form class="search" role="search" action="${root}search/"><input type="search" name="q" id="search-input" aria-label="Search papers, tasks, datasets, methods and models"></form></header>
<main><h1>${xmlText(title)}</h1></main></body></html>
`;
}

/** Writes a site holding the index of `records`, the search page, the assets and the test page. */
export function writeSearchSite(
  dir: string,
  records: readonly SearchRecord[],
  limits?: Parameters<typeof searchIndexFiles>[1],
): { files: number; bytes: number; gzipBytes: number; metaBytes: number; millis: number; cpuMillis: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const files = searchIndexFiles(records, limits);
  const millis = performance.now() - started;
  const cpuBuild = cpuMillis(cpu);
  let bytes = 0;
  let gzipBytes = 0;
  let metaBytes = 0;
  for (const file of [...files, searchPageFile(), { path: TEST_PAGE_PATH, body: testPage(TEST_PAGE_PATH) }]) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.body);
    if (file.path.startsWith('search-index/')) {
      bytes += Buffer.byteLength(file.body);
      gzipBytes += gzipSync(file.body).length;
      if (file.path.endsWith('/meta.json')) metaBytes = Buffer.byteLength(file.body);
    }
  }
  const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  for (const name of ['search.js', 'search.css']) copyFileSync(join(assets, name), join(dir, 'assets', name));
  return { files: files.length, bytes, gzipBytes, metaBytes, millis, cpuMillis: cpuBuild };
}

export interface SearchCost {
  query: string;
  results: string[];
  requests: number;
  /** Bytes sent for the index's files (gzipped as a static host sends them), and their size unzipped. */
  sent: number;
  raw: number;
}

/**
 * Runs each query once in a fresh browser context (nothing cached) and sums what the index cost
 * it. `page` is any page of the site with the search box (in a built site, "" for the home page).
 * Undefined when there is no chromium; throws when a page meets a failed request or an error.
 */
export async function measureQueries(siteDir: string, queries: readonly string[], page = pageUrl(TEST_PAGE_PATH)): Promise<SearchCost[] | undefined> {
  const { browser } = await launchBrowser();
  if (!browser) return undefined;
  const site = await serveSite(siteDir, { basePath: '/pwc-data/' });
  try {
    const out: SearchCost[] = [];
    for (const query of queries) {
      const { page: tab, watcher, close } = await openPage(browser, site.origin, site.url + page);
      const before = site.requests.length;
      await tab.locator('#search-input').fill(query);
      await tab.waitForFunction((q) => document.getElementById('search-results')?.dataset.query === q, query, { timeout: 60_000 });
      const results = await tab.locator('#search-results li').allTextContents();
      const fetched = site.requests.slice(before).filter((r) => r.path.includes('/search-index/'));
      watcher.assertClean();
      out.push({ query, results, requests: fetched.length, sent: sum(fetched.map((r) => r.sent)), raw: sum(fetched.map((r) => r.raw)) });
      await close();
    }
    return out;
  } finally {
    await site.close();
    await browser.close();
  }
}

/** Queries a reader would type, taken from the records: common words, an old paper's title, the longest title, an arXiv id, an author, a model, a task, a prefix. */
export function sampleQueries(records: readonly SearchRecord[]): string[] {
  const papers = records.filter((r) => r.kind === 'paper' && r.names.length > 1 && r.other.length > 0);
  const oldest = papers.reduce((a, b) => ((b.date ?? '') < (a.date ?? '') ? b : a));
  const longest = papers.reduce((a, b) => (b.title.length > a.title.length ? b : a));
  const board = records.find((r) => r.kind === 'leaderboard' && r.other.length > 0)!;
  const task = records.find((r) => r.kind === 'task')!;
  return ['learning', 'learning neural network', oldest.title, longest.title, oldest.names[1], papers[1].other[0], board.other[0], task.title, 'neural netw'];
}

export interface SearchMeasurement {
  records: number;
  index: ReturnType<typeof writeSearchSite>;
  /** Undefined when chromium is not installed. */
  searches?: SearchCost[];
}

/** The whole measurement at `scale` (the bench's site section may call it): index build and searches. */
export async function measureSearch(scale: RecordScale = FULL_ARCHIVE): Promise<SearchMeasurement> {
  return measureRecords(syntheticSearchRecords(scale));
}

/** The same over given records (the bench's site section may pass those of the site it built). */
export async function measureRecords(records: readonly SearchRecord[]): Promise<SearchMeasurement> {
  const dir = mkdtempSync(join(tmpdir(), 'pwc-search-measure-'));
  try {
    const index = writeSearchSite(dir, records);
    return { records: records.length, index, searches: await measureQueries(dir, sampleQueries(records)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The records of the bench's synthetic repository at `factor` (tools/bench/synthetic-repo.ts),
 * made by searchRecords from every unit, with the time that took.
 */
export function benchRecords(factor: number): { records: SearchRecord[]; units: number; cpuMillis: number } {
  const encoder = new TextEncoder();
  const files: [string, Uint8Array][] = [];
  for (const f of synthesize(scaleBy(factor))) files.push([f.path, encoder.encode(f.text)]);
  const context: SiteContext = { index: buildSiteIndex(repositoryOfFiles(files)), siteUrl: 'https://example.org/pwc/' };
  files.length = 0;
  const units = [...allUnits(context.index)];
  const started = process.cpuUsage();
  const records = units.flatMap((unit) => searchRecords(context, unit));
  return { records, units: units.length, cpuMillis: cpuMillis(started) };
}

/** CPU time (user and system) since `since`, in milliseconds: steadier than wall time on a busy machine. */
function cpuMillis(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--papers');
  const bench = process.argv.indexOf('--bench-scale');
  let fromBench: SearchRecord[] | undefined;
  if (bench > 0) {
    const made = benchRecords(Number(process.argv[bench + 1]));
    fromBench = made.records;
    console.log(`bench scale ${process.argv[bench + 1]}: ${made.units} units, searchRecords ${(made.cpuMillis / 1000).toFixed(2)} s of CPU in all`);
  }
  const { records, index, searches } = fromBench
    ? await measureRecords(fromBench)
    : await measureSearch(at > 0 ? { ...FULL_ARCHIVE, papers: Number(process.argv[at + 1]) } : FULL_ARCHIVE);
  console.log(`${records} records; index ${index.files} files, ${mb(index.bytes)} (${mb(index.gzipBytes)} gzipped; meta.json ${kb(index.metaBytes)}), built in ${(index.millis / 1000).toFixed(1)} s (${(index.cpuMillis / 1000).toFixed(1)} s of CPU)`);
  if (!searches) return void console.log(`no chromium at ${chromiumPath()}: searches not measured`);
  for (const c of searches) console.log(`${kb(c.sent).padStart(9)} sent (${kb(c.raw)} unzipped), ${c.requests} files, ${c.results.length} results: ${JSON.stringify(c.query)}`);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
