// Benchmark section: `pwc bundle` on the synthetic repository as publish.yml runs it, each step in
// its own process (time and peak memory): cold (no caches), then after one result changed: first
// `pwc validate` (the step before it in publish.yml), then `pwc bundle` with the bundle cache that
// the last run left (publish.yml restores it). The same file is the probe: what the command does
// (validate, ask git, build the bundle from what changed, write it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGitState } from '../bundle/git-source.ts';
import { buildBundleIncrementally } from '../bundle/incremental.ts';
import { writeBundle } from '../bundle/write.ts';
import { validate } from '../checks/validate.ts';
import { changeOneResult } from './edits.ts';
import { reportProbe, type BenchContext, type BenchRow, type BenchSection, type Measurement } from './section.ts';

export const bundleSection: BenchSection = {
  name: 'bundle',
  description: 'pwc bundle: cold (no caches), then after one result changed (pwc validate first, as publish.yml runs them)',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const { root } = ctx.repository();
    const outParent = mkdtempSync(join(tmpdir(), 'pwc-bench-bundle-'));
    const out = join(outParent, 'bundle');
    const step = async (label: string, mode: 'bundle' | 'validate'): Promise<Measurement> => {
      ctx.log(`${label} (load ${ctx.load()})`);
      const m = await ctx.measure('bundle.ts', [mode, root, out]);
      ctx.log(`  ${m.result.seconds.toFixed(2)} s in the process, ${m.wallSeconds.toFixed(2)} s wall, ${m.peakMB} MB peak`);
      return m;
    };
    try {
      rmSync(join(root, '.pwc-cache'), { recursive: true, force: true });
      const cold = await step('bundle, no caches', 'bundle');
      ctx.log(`changed: ${changeOneResult(root)}`);
      const validated = await step('validate (the publish.yml step before bundle)', 'validate');
      const changed = await step('bundle, one result changed', 'bundle');
      const mb = (bytes: unknown) => (Number(bytes) / 1e6).toFixed(1);
      const row = (name: string, m: Measurement): BenchRow => ({
        name,
        seconds: m.result.seconds,
        wallSeconds: m.wallSeconds,
        peakMB: m.peakMB,
        note:
          `validate ${Number(m.result.validate).toFixed(2)} s + build ${Number(m.result.build).toFixed(2)} s + write ${Number(m.result.write).toFixed(2)} s; ` +
          `${m.result.built} of ${m.result.units} units built, ${m.result.compressed} of ${m.result.pieces} gzip pieces compressed (CSV: ${m.result.flatCompressed} of ${m.result.flatPieces}); ` +
          `${m.result.results} results; pwc-data.json ${mb(m.result.jsonBytes)} MB, .gz ${mb(m.result.gzBytes)} MB; ` +
          `pwc-results.parquet ${mb(m.result.parquetBytes)} MB, .csv.gz ${mb(m.result.csvGzBytes)} MB`,
      });
      return [
        row('bundle, cold (no caches)', cold),
        { name: 'validate after one result changed (publish.yml, before bundle)', seconds: validated.result.seconds, wallSeconds: validated.wallSeconds, peakMB: validated.peakMB, note: '' },
        row('bundle, one result changed (bundle cache of the last run)', changed),
      ];
    } finally {
      rmSync(outParent, { recursive: true, force: true });
    }
  },
};

/** The probe: `validate` validates `root`; `bundle` builds and writes the bundle of `root` into `out`, timing each phase. */
async function probe(mode: string, root: string, out: string): Promise<void> {
  const t0 = performance.now();
  if (mode === 'validate') {
    await validate({ root });
    reportProbe({ seconds: (performance.now() - t0) / 1000 });
    return;
  }
  const [validation, state] = await Promise.all([validate({ root }), readGitState(root)]);
  const errors = validation.findings.filter((x) => x.severity === 'error');
  if (errors.length > 0) throw new Error(`the synthetic repository has ${errors.length} errors, e.g. ${JSON.stringify(errors[0])}`);
  const t1 = performance.now();
  const bundle = await buildBundleIncrementally({ root, paths: validation.checked, ...state, repository: () => validation.repository });
  const t2 = performance.now();
  await writeBundle(out, bundle.files);
  const t3 = performance.now();
  const size = (name: string) => bundle.manifest.files.find((f) => f.name === name)?.size ?? 0;
  reportProbe({
    seconds: (t3 - t0) / 1000,
    validate: (t1 - t0) / 1000,
    build: (t2 - t1) / 1000,
    write: (t3 - t2) / 1000,
    jsonBytes: size('pwc-data.json'),
    gzBytes: size('pwc-data.json.gz'),
    parquetBytes: size('pwc-results.parquet'),
    csvGzBytes: size('pwc-results.csv.gz'),
    results: bundle.manifest.counts.results,
    ...bundle.stats,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await probe(process.argv[2], process.argv[3], process.argv[4]);
