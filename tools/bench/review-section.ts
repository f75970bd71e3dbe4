// Benchmark section: the pull-request check as validate.yml runs it. On the synthetic repository,
// main's validator cache is made as publish.yml makes it, a pull request of 10 changed files is
// committed on a branch (a new state of the art, a row added, changed values, edited descriptions,
// a new method), then `pwc judge`'s steps run as processes of this checkout's tools with --root at
// the synthetic repository: each timed with its peak memory, and the whole.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseDocument } from 'yaml';
import { fixFiles } from '../format/fix-files.ts';
import { committedCache, judgedCommits, judgeSteps, runSteps, type JudgeStep, type StepOutcome } from '../review/judge.ts';
import { changeTenFiles } from './edits.ts';
import type { BenchContext, BenchRow, BenchSection } from './section.ts';

const PEAK_PRELOAD = fileURLToPath(new URL('./peak-memory.mjs', import.meta.url));
const BRANCH = 'bench-review-pr';

interface Measured extends StepOutcome {
  peakMB?: number;
}

export const reviewSection: BenchSection = {
  name: 'review',
  description: "validate.yml's judging of a 10-file pull request (pwc judge's steps: validate, fix --check, review) with main's cache, each a process",
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const { root } = ctx.repository();
    const git = gitAt(root);
    const original = git('rev-parse', 'HEAD');
    const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
    const peakDir = mkdtempSync(join(tmpdir(), 'pwc-bench-peak-'));
    const run = async (steps: JudgeStep[]): Promise<Measured[]> => {
      const outcomes = await runSteps(steps, {
        nodeArgs: ['--import', PEAK_PRELOAD],
        env: { ...process.env, PWC_PEAK_DIR: peakDir },
        // The steps' findings and lines go to stderr, beside the bench's log; stdout is the table.
        stdio: ['ignore', 2, 2],
        onStart: (step) => ctx.log(`${step.name} (load ${ctx.load()})`),
        onEnd: (o) => ctx.log(`  exit ${o.code}, ${o.seconds.toFixed(2)} s wall, ${peakOf(peakDir, o.pid) ?? '?'} MB peak`),
      });
      const broken = outcomes.find((o) => o.code > 1);
      if (broken) throw new Error(`${broken.name} failed with exit ${broken.code}`);
      return outcomes.map((o) => ({ ...o, peakMB: peakOf(peakDir, o.pid) }));
    };
    try {
      // main: what earlier sections left in the working tree, committed; its cache made as publish.yml does.
      if (git('status', '--porcelain', '--', 'data') !== '') {
        git('add', '-A', '--', 'data');
        git('commit', '-qm', 'bench: the edits of earlier sections');
      }
      const base = git('rev-parse', 'HEAD');
      const [cache] = await run([{ name: "main's cache: pwc validate of every file, as publish.yml runs it", args: ['validate', '--root', root] }]);

      git('checkout', '-q', '-B', BRANCH);
      const edits = pullRequestEdits(root, ctx.seed);
      const fixed = await fixFiles(root, edits.files, { write: true });
      if (fixed.some((f) => f.status === 'problem' || f.status === 'skipped')) throw new Error(`the pull request's edits are not valid data: ${JSON.stringify(fixed.filter((f) => f.status !== 'canonical' && f.status !== 'changed'))}`);
      git('add', '-A', '--', 'data');
      git('commit', '-qm', 'bench: a pull request');
      ctx.log(`pull request: ${edits.files.length} files (${edits.notes.join('; ')})`);

      // The replay: what `pwc judge` does, from resolving the commits to the last step.
      const out = join(peakDir, 'report.json');
      const started = performance.now();
      const commits = await judgedCommits(root, base, 'HEAD');
      if ((await committedCache(root, commits.head)).length > 0) throw new Error('the synthetic repository tracks .pwc-cache/');
      const steps = await run(judgeSteps({ root, ...commits, out, format: 'text' }));
      const whole = (performance.now() - started) / 1000;
      const report = JSON.parse(readFileSync(out, 'utf8')) as { summary: { errors: number; warnings: number; newSota: number; filesChecked: number }; leaderboards: unknown[]; pages: unknown[] };

      const byName = (name: string) => steps.find((s) => s.name === name)!;
      const row = (name: string, m: Measured, extra: Partial<BenchRow> = {}): BenchRow => ({ name, seconds: 0, wallSeconds: m.seconds, ...(m.peakMB !== undefined ? { peakMB: m.peakMB } : {}), ...extra });
      const validate = byName('validate');
      const fix = byName('fix --check');
      const review = byName('review');
      const exits = steps.map((s) => `${s.name} exit ${s.code}`).join(', ');
      return [
        row("main's cache (publish.yml's pwc validate; not part of the job)", cache),
        row('pwc validate --changed-since', validate, { note: `exit ${validate.code}` }),
        row('pwc fix --check --changed-since', fix, { target: '<= 3 s', met: fix.seconds <= 3, note: `exit ${fix.code}` }),
        row('pwc review', review, {
          target: '<= 10 s, <= 1024 MB',
          met: review.seconds <= 10 && (review.peakMB ?? Infinity) <= 1024,
          note: `${report.summary.filesChecked} files checked, ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.leaderboards.length} leaderboards changed, ${report.summary.newSota} new SOTA, ${report.pages.length} pages`,
        }),
        {
          name: 'the judging, whole (after npm ci and the cache restore)',
          seconds: 0,
          wallSeconds: whole,
          peakMB: Math.max(...steps.map((s) => s.peakMB ?? 0)),
          target: '<= 60 s',
          met: whole <= 60,
          note: exits,
        },
      ];
    } finally {
      rmSync(peakDir, { recursive: true, force: true });
      // Back to where the repository was, so a reused --dir starts from its synthetic commit.
      git('checkout', '-q', '-f', branch === 'HEAD' ? original : branch);
      git('reset', '-q', '--hard', original);
      git('branch', '-q', '-D', BRANCH);
    }
  },
};

function gitAt(root: string): (...args: string[]) => string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org' };
  return (...args) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 28 }).trim();
}

function peakOf(dir: string, pid: number | undefined): number | undefined {
  try {
    return Math.round(Number(readFileSync(join(dir, String(pid)), 'utf8')) / 1024);
  } catch {
    return undefined;
  }
}

interface Metric {
  name: string;
  direction: 'higher' | 'lower';
  min?: number;
  max?: number;
}

/**
 * A pull request of 10 files: the bench's ten edits (result values, abstracts, descriptions, a new
 * method), of which the first result becomes a new state of the art on its leaderboard and the
 * second gains a row. `pwc fix` is run on them after, as a contributor would.
 */
export function pullRequestEdits(root: string, seed: number): { files: string[]; notes: string[] } {
  const files = changeTenFiles(root, seed);
  const results = files.filter((f) => f.startsWith('data/results/'));
  const notes = [newSota(root, results[0]), addRow(root, results[1])];
  return { files, notes };
}

function newSota(root: string, path: string): string {
  const [, , task, dataset] = path.split('/');
  const datasetFile = parse(readFileSync(join(root, 'data/datasets', `${dataset}.yaml`), 'utf8')) as { benchmarks: Array<{ task: string; primary?: string; metrics: Metric[] }> };
  const benchmark = datasetFile.benchmarks.find((b) => b.task === task)!;
  const metric = benchmark.metrics.find((m) => m.name === benchmark.primary) ?? benchmark.metrics[0];
  const values = readdirSync(join(root, 'data/results', task, dataset)).flatMap((f) => {
    const rows = (parse(readFileSync(join(root, 'data/results', task, dataset, f), 'utf8')) as { results: Array<{ metrics: Record<string, number> }> }).results;
    return rows.map((r) => r.metrics[metric.name]).filter((v): v is number => typeof v === 'number');
  });
  const higher = metric.direction === 'higher';
  const best = higher ? Math.max(...values) : Math.min(...values);
  let value = Math.round((best + (higher ? 0.5 : -0.5)) * 100) / 100;
  if (metric.max !== undefined) value = Math.min(value, metric.max);
  if (metric.min !== undefined) value = Math.max(value, metric.min);
  const doc = parseDocument(readFileSync(join(root, path), 'utf8'));
  doc.setIn(['results', 0, 'metrics', metric.name], value);
  writeFileSync(join(root, path), String(doc));
  return `${path}: ${metric.name} ${best} -> ${value}${value === best ? ' (the metric is at its bound: a tie, not a new SOTA)' : ', a new SOTA'}`;
}

function addRow(root: string, path: string): string {
  const doc = parseDocument(readFileSync(join(root, path), 'utf8'));
  const first = (doc.toJS() as { results: Array<{ metrics: Record<string, number> }> }).results[0];
  doc.addIn(['results'], { model: 'Bench-PR-Model', metrics: first.metrics, source: 'Table 2' });
  writeFileSync(join(root, path), String(doc));
  return `${path}: a row added`;
}
