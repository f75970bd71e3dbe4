// Benchmark section: `pwc generate` on the synthetic repository, each run its own process (time and
// peak memory): cold (no generated/, no page memo), then as publish.yml runs it after a merge that
// makes one result a new state of the art: the views committed, a fresh checkout of them (new
// mtimes), the caches of the last run restored, `pwc validate` then `pwc generate`. The probe runs
// the CLI's command in process, so it measures exactly what `pwc generate` does.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { generateCommand } from '../cli/commands/generate.ts';
import { loadRepository } from '../model/repository.ts';
import { MEMO_DIR } from '../views/page-memo.ts';
import { newStateOfTheArt } from './edits.ts';
import { reportProbe, type BenchContext, type BenchRow, type BenchSection, type Measurement } from './section.ts';

export const generateSection: BenchSection = {
  name: 'generate',
  description: 'pwc generate: cold (no generated/), then after a merge that makes one result a new state of the art, as publish.yml runs it (fresh checkout of the committed views, caches restored)',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const { root } = ctx.repository();
    const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org' } });
    const synthetic = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    let changedFile = '';
    const step = async (label: string): Promise<Measurement> => {
      ctx.log(`${label} (load ${ctx.load()})`);
      const m = await ctx.measure('generate.ts', changedFile ? [root, changedFile] : [root]);
      ctx.log(`  ${m.result.seconds.toFixed(2)} s in the process, ${m.wallSeconds.toFixed(2)} s wall, ${m.peakMB} MB peak; ${m.result.written} written`);
      return m;
    };
    try {
      // Cold: no pages and no page memo of an earlier run.
      rmSync(join(root, 'generated'), { recursive: true, force: true });
      rmSync(join(root, MEMO_DIR), { recursive: true, force: true });
      const cold = await step('generate, cold');
      // commit-views pushes the views; the next push to main makes one result a new state of the art.
      ctx.log('committing generated/ and a new state of the art (not timed)');
      git('add', '-A', '--', 'generated');
      git('commit', '-q', '-m', 'generated: the views');
      changedFile = newStateOfTheArt(root);
      git('commit', '-q', '-am', 'a new state of the art');
      ctx.log(`changed: ${changedFile}`);
      // The publish run's fresh checkout: every page file new on disk, git's index fresh; .pwc-cache restored.
      rmSync(join(root, 'generated'), { recursive: true, force: true });
      git('checkout', '-q', 'HEAD', '--', 'generated');
      const changed = await step('generate after a merge changing one result (publish.yml)');
      const note = (m: Measurement) =>
        `validate and load ${Number(m.result.validate).toFixed(2)} s + render/write ${Number(m.result.render).toFixed(2)} s; ${m.result.written} files written, ${m.result.unchanged} unchanged, ${m.result.vouched} of them neither built nor read`;
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
        row('generate after a merge changing one result (publish.yml)', changed, {
          target: '<= 15 s, writes only pages that show it',
          met: changed.result.seconds <= 15 && changed.result.outside === 0,
        }),
      ];
    } finally {
      // Other sections expect the synthetic commit and no views.
      git('reset', '-q', '--hard', synthetic);
      rmSync(join(root, 'generated'), { recursive: true, force: true });
      rmSync(join(root, MEMO_DIR), { recursive: true, force: true });
    }
  },
};

/**
 * The probe: `pwc generate` (its command, in this process), timed from inside. PWC_TRACE's phase
 * lines give the validation's share. Given the changed result file, it also counts written files
 * that cannot show that result: anything but its leaderboard page and chart, the pages of papers
 * on that leaderboard (values and ranks), and the README, task and dataset pages (the current best).
 */
async function probe(root: string, changedFile?: string): Promise<void> {
  const out = collector();
  const err = collector();
  process.env.PWC_TRACE = '1';
  const t0 = performance.now();
  const code = await generateCommand.run({ root, values: {}, positionals: [], stdout: out.stream, stderr: err.stream });
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`pwc generate exited ${code}: ${err.text().slice(-2000)}`);
  const written = out
    .text()
    .split('\n')
    .filter((l) => l.startsWith('wrote '))
    .map((l) => l.slice('wrote '.length));
  const summary = /(\d+) unchanged/.exec(out.text());
  // The validation (and the repository it builds) ends where generate reports having the repository.
  const validated = /\[generate\] ([\d.]+) s have the repository/.exec(err.text());
  const vouched = /(\d+) vouched/.exec(err.text());
  const validate = validated ? Number(validated[1]) - t0 / 1000 : NaN;
  let outside = 0;
  if (changedFile) {
    const repository = await loadRepositoryFor(root, changedFile);
    const [task, dataset] = relative(join(root, 'data', 'results'), changedFile).split(sep);
    const shows = (path: string) =>
      [`generated/sota/${task}/${dataset}.md`, `generated/sota/${task}/${dataset}.svg`, 'generated/README.md', `generated/tasks/${task}.md`, `generated/datasets/${dataset}.md`].includes(path) ||
      (path.startsWith('generated/papers/') && repository.has(path.split('/').pop()!.slice(0, -'.md'.length)));
    outside = written.filter((p) => !shows(p)).length;
  }
  reportProbe({
    seconds,
    validate,
    render: seconds - validate,
    written: written.length,
    unchanged: summary ? Number(summary[1]) : 0,
    vouched: vouched ? Number(vouched[1]) : 0,
    outside,
  });
}

/** The papers with a result on the changed file's leaderboard (read after the timed run). */
async function loadRepositoryFor(root: string, changedFile: string): Promise<Set<string>> {
  const [task, dataset] = relative(join(root, 'data', 'results'), changedFile).split(sep);
  const repository = await loadRepository(root);
  return new Set([...repository.results.values()].filter((r) => r.task === task && r.dataset === dataset).map((r) => r.paper));
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await probe(process.argv[2], process.argv[3]);
