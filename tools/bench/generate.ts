// Benchmark section: `pwc generate` on the synthetic repository, cold (no generated/) and after one
// result changed, each in its own process (time and peak memory). The same file is the probe.
import { rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '../checks/validate.ts';
import type { Repository } from '../model/repository.ts';
import { generate } from '../views/generate.ts';
import { MEMO_DIR } from '../views/page-memo.ts';
import { changeOneResult } from './edits.ts';
import { reportProbe, type BenchContext, type BenchRow, type BenchSection, type Measurement } from './section.ts';

export const generateSection: BenchSection = {
  name: 'generate',
  description: 'pwc generate: cold (no generated/), then after one result changed (only its pages rendered and rewritten)',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const { root } = ctx.repository();
    let changedFile = '';
    const step = async (label: string): Promise<Measurement> => {
      ctx.log(`${label} (load ${ctx.load()})`);
      const m = await ctx.measure('generate.ts', changedFile ? [root, changedFile] : [root]);
      ctx.log(`  ${m.result.seconds.toFixed(2)} s in the process, ${m.wallSeconds.toFixed(2)} s wall, ${m.peakMB} MB peak; ${m.result.written} written`);
      return m;
    };
    // Cold: no pages and no page memo of an earlier run.
    rmSync(join(root, 'generated'), { recursive: true, force: true });
    rmSync(join(root, MEMO_DIR), { recursive: true, force: true });
    const cold = await step('generate, cold');
    changedFile = changeOneResult(root);
    ctx.log(`changed: ${changedFile}`);
    const changed = await step('generate, one result changed');
    const note = (m: Measurement) =>
      `validate ${Number(m.result.validate).toFixed(2)} s + render/write ${Number(m.result.render).toFixed(2)} s; ${m.result.written} files written, ${m.result.unchanged} unchanged, ${m.result.vouched} of them known from the page memo (not rendered)`;
    const row = (name: string, m: Measurement, extra: Partial<BenchRow> = {}): BenchRow => ({
      name,
      seconds: m.result.seconds,
      wallSeconds: m.wallSeconds,
      peakMB: m.peakMB,
      note: note(m),
      ...extra,
    });
    return [
      row('generate, cold (no generated/)', cold),
      row('generate, one result changed', changed, { target: 'writes only pages that show it', met: changed.result.outside === 0 }),
    ];
  },
};

/**
 * The probe: what `pwc generate` does (validate, then render and sync), timed from inside the
 * process. Given the changed result file, it also counts written files that cannot show that
 * result: anything but its leaderboard page and chart, the pages of papers on that leaderboard
 * (values and ranks), and the README, task and dataset pages (the current best).
 */
async function probe(root: string, changedFile?: string): Promise<void> {
  const t0 = performance.now();
  const repository = await validatedRepository(root);
  const t1 = performance.now();
  const report = await generate(root, { check: false, repo: repository });
  const t2 = performance.now();
  let outside = 0;
  if (changedFile) {
    const [task, dataset] = relative(join(root, 'data', 'results'), changedFile).split(sep);
    const onBoard = new Set([...repository.results.values()].filter((r) => r.task === task && r.dataset === dataset).map((r) => r.paper));
    const shows = (path: string) =>
      [`generated/sota/${task}/${dataset}.md`, `generated/sota/${task}/${dataset}.svg`, 'generated/README.md', `generated/tasks/${task}.md`, `generated/datasets/${dataset}.md`].includes(path) ||
      (path.startsWith('generated/papers/') && onBoard.has(path.split('/').pop()!.slice(0, -'.md'.length)));
    outside = report.written.filter((p) => !shows(p)).length;
  }
  reportProbe({
    seconds: (t2 - t0) / 1000,
    validate: (t1 - t0) / 1000,
    render: (t2 - t1) / 1000,
    written: report.written.length,
    unchanged: report.unchanged,
    vouched: report.vouched,
    outside,
  });
}

/**
 * The Repository, as `pwc generate` gets it: validated, built (on first access when the cache
 * answers for the whole repository: counted here, so render/write is rendering and writing alone),
 * and nothing else of the validation kept, so its working data is freed before rendering.
 */
async function validatedRepository(root: string): Promise<Repository> {
  const validation = await validate({ root });
  if (validation.findings.some((f) => f.severity === 'error')) throw new Error('the synthetic repository has validation errors');
  return validation.repository;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await probe(process.argv[2], process.argv[3]);
