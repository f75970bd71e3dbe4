// Benchmark section: the static site. `pwc site --out` on the synthetic repository, each build its
// own process (time, peak memory): cold (no site, no site cache), then after a commit that makes
// one result a new state of the art, into the same folder; the files and bytes the builds wrote;
// and the bytes one search fetches, measured in chromium on the built site (skipped without it).
// The same file is the probe: `pwc site` run through the CLI's own main(), in process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { main } from '../cli/main.ts';
import { launchBrowser } from '../site/test-support/browser.ts';
import { serveSite } from '../site/test-support/serve.ts';
import { newStateOfTheArt } from './edits.ts';
import { measureSearch } from './search-bytes.ts';
import { reportProbe, type BenchContext, type BenchRow, type BenchSection, type Measurement } from './section.ts';
import { filesUnder } from './synthetic-repo.ts';

/** Where the bench's site says it lives (feeds and canonical links need an absolute URL). */
export const BENCH_SITE_URL = 'https://bench.example.org/pwc-data/';
/** At full archive scale a search downloads at most this much (issue #14). */
const SEARCH_BUDGET_BYTES = 300 * 1024;
const REBUILD_TARGET_SECONDS = 15;

export const siteSection: BenchSection = {
  name: 'site',
  description: 'pwc site --out: cold build (time, peak memory, files, bytes), the rebuild after a commit changing one result (target <= 15 s), bytes fetched by one search in chromium',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const { root } = ctx.repository();
    const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org' } });
    const synthetic = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const outParent = mkdtempSync(join(tmpdir(), 'pwc-bench-site-'));
    const out = join(outParent, 'site');
    const build = async (label: string): Promise<Measurement> => {
      ctx.log(`${label} (load ${ctx.load()})`);
      const m = await ctx.measure('site-section.ts', [root, out, BENCH_SITE_URL]);
      ctx.log(`  ${m.result.seconds.toFixed(2)} s in the process, ${m.wallSeconds.toFixed(2)} s wall, ${m.peakMB} MB peak`);
      return m;
    };
    try {
      // Cold: no site and no cache of an earlier build (every cache is under .pwc-cache, gitignored).
      rmSync(join(root, '.pwc-cache'), { recursive: true, force: true });
      const cold = await build('site, cold');
      const built = snapshotFolder(out);
      const size = folderSize(built);
      ctx.log(`  ${size.files} files, ${mb(size.bytes)} MB`);
      ctx.log('committing a new state of the art (not timed)');
      const changedFile = newStateOfTheArt(root);
      git('commit', '-q', '-am', 'a new state of the art');
      ctx.log(`changed: ${changedFile}`);
      const rebuilt = await build('site after a commit changing one result');
      const diff = compareSnapshots(built, snapshotFolder(out));
      ctx.log(`  ${diff.written.length} files written, ${diff.removed.length} removed, ${diff.unchanged} untouched`);
      const rows: BenchRow[] = [
        {
          name: 'site, cold (no site, no caches)',
          seconds: cold.result.seconds,
          wallSeconds: cold.wallSeconds,
          peakMB: cold.peakMB,
          note: `${size.files} files, ${mb(size.bytes)} MB written`,
        },
        {
          name: 'site after a commit changing one result (same folder)',
          seconds: rebuilt.result.seconds,
          wallSeconds: rebuilt.wallSeconds,
          peakMB: rebuilt.peakMB,
          note: `${diff.written.length} files written (${diff.written.slice(0, 3).join(', ')}${diff.written.length > 3 ? ', ...' : ''}), ${diff.removed.length} removed`,
          target: `<= ${REBUILD_TARGET_SECONDS} s`,
          met: rebuilt.result.seconds <= REBUILD_TARGET_SECONDS,
        },
      ];
      rows.push(await searchRow(ctx, out, searchQuery(root)));
      return rows;
    } finally {
      // Other sections expect the synthetic commit and no caches of this one.
      git('reset', '-q', '--hard', synthetic);
      rmSync(join(root, '.pwc-cache'), { recursive: true, force: true });
      rmSync(outParent, { recursive: true, force: true });
    }
  },
};

/** Bytes one search fetches, cold, typed into the home page's search box; a row saying why not without chromium. */
async function searchRow(ctx: BenchContext, out: string, query: string): Promise<BenchRow> {
  const name = 'bytes fetched by one search (chromium, cold cache)';
  const target = `<= ${SEARCH_BUDGET_BYTES / 1024} KB (at full archive scale)`;
  const launch = await launchBrowser();
  if (!launch.browser) {
    ctx.log(`search not measured: ${launch.reason}`);
    return { name, seconds: 0, note: `not measured: ${launch.reason}`, target };
  }
  const site = await serveSite(out, { basePath: '/pwc-data/' });
  try {
    ctx.log(`searching for "${query}" on ${site.url}`);
    const cost = await measureSearch(launch.browser, site.url, query);
    ctx.log(`  ${cost.bytes} bytes in ${cost.requests} requests: ${cost.largest.join(', ')}`);
    if (cost.requests === 0) return { name, seconds: 0, note: `typing "${query}" fetched nothing: the page has no working search`, target, met: false };
    if (cost.failed.length > 0) return { name, seconds: 0, note: `not measured: the search's requests failed (${cost.failed.join(', ')})`, target, met: false };
    return {
      name,
      seconds: 0,
      note: `${(cost.bytes / 1024).toFixed(1)} KB in ${cost.requests} requests for "${query}" (largest: ${cost.largest.join(', ')})`,
      target,
      met: cost.bytes <= SEARCH_BUDGET_BYTES,
    };
  } finally {
    await site.close();
    await launch.browser.close();
  }
}

/** A reader's query: the title of the repository's first paper (first in path order). */
export function searchQuery(root: string): string {
  const [first] = filesUnder(root, 'data/papers');
  if (!first) throw new Error(`no paper under ${root}/data/papers`);
  return String((parse(readFileSync(join(root, first), 'utf8')) as { title: string }).title);
}

/** Each file under dir (POSIX path relative to it) with its size and modification time. */
export type FolderSnapshot = Map<string, { size: number; mtimeMs: number }>;

export function snapshotFolder(dir: string): FolderSnapshot {
  const snapshot: FolderSnapshot = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const { size, mtimeMs } = statSync(full);
    snapshot.set(relative(dir, full).split(sep).join('/'), { size, mtimeMs });
  }
  return snapshot;
}

export function folderSize(snapshot: FolderSnapshot): { files: number; bytes: number } {
  let bytes = 0;
  for (const { size } of snapshot.values()) bytes += size;
  return { files: snapshot.size, bytes };
}

/** What a rebuild did to the folder: files it wrote (new, or rewritten: another size or time), removed, left alone. */
export function compareSnapshots(before: FolderSnapshot, after: FolderSnapshot): { written: string[]; removed: string[]; unchanged: number } {
  const written: string[] = [];
  let unchanged = 0;
  for (const [path, now] of after) {
    const then = before.get(path);
    if (then && then.size === now.size && then.mtimeMs === now.mtimeMs) unchanged++;
    else written.push(path);
  }
  const removed = [...before.keys()].filter((path) => !after.has(path));
  return { written: written.sort(), removed: removed.sort(), unchanged };
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The probe: `pwc site --root root --out out --site-url url`, through the CLI's main(), timed from inside (its output passes through: stderr to the terminal). */
async function probe(root: string, out: string, siteUrl: string): Promise<void> {
  const t0 = performance.now();
  const code = await main(['site', '--root', root, '--out', out, '--site-url', siteUrl]);
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`pwc site exited ${code}`);
  reportProbe({ seconds });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await probe(process.argv[2], process.argv[3], process.argv[4]);
