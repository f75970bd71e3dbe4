// Benchmark section: `pwc validate` on the synthetic repository, against the floor (read and
// parse every file with `yaml` in one thread): cold, unchanged (cache), and after 10 changed files.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, BenchRow, BenchSection, Measurement } from './section.ts';
import { changeTenFiles } from './edits.ts';

export const validateSection: BenchSection = {
  name: 'validate',
  description: 'pwc validate: full cold, full with nothing changed, --changed-since after 10 changed files',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const { root } = ctx.repository();
    const step = async (label: string, probe: string, args: string[]): Promise<Measurement> => {
      ctx.log(`${label} (load ${ctx.load()})`);
      const m = await ctx.measure(probe, args);
      ctx.log(`  ${m.result.seconds.toFixed(2)} s in the process, ${m.wallSeconds.toFixed(2)} s wall, ${m.peakMB} MB peak`);
      return m;
    };
    const floor = await step('floor: read and parse every file with yaml, one thread', 'probe-floor.ts', [root]);
    rmSync(join(root, '.pwc-cache'), { recursive: true, force: true });
    const cold = await step('full validation, no cache', 'probe-validate.ts', [root]);
    const unchanged = await step('full validation, nothing changed', 'probe-validate.ts', [root]);
    const edited = changeTenFiles(root, ctx.seed);
    ctx.log(`changed: ${edited.join(', ')}`);
    const incremental = await step('--changed-since HEAD after 10 changed files', 'probe-validate.ts', [root, 'HEAD']);
    const fullAfter = await step('full validation after 10 changed files', 'probe-validate.ts', [root]);

    const f = floor.result.seconds;
    const ratio = (m: Measurement) => `${(m.result.seconds / f).toFixed(2)}x floor`;
    const found = (m: Measurement) => `${m.result.checked} files checked, ${m.result.errors} errors, ${m.result.warnings} warnings`;
    const row = (name: string, m: Measurement, extra: Partial<BenchRow>): BenchRow => ({ name, seconds: m.result.seconds, wallSeconds: m.wallSeconds, peakMB: m.peakMB, ...extra });
    const peak = Math.max(floor.peakMB, cold.peakMB, unchanged.peakMB, incremental.peakMB, fullAfter.peakMB);
    return [
      row('floor: read + parse with yaml, one thread', floor, { note: `${floor.result.files} files` }),
      row('full validation, cold (no cache)', cold, { target: '<= 1.0x floor', met: cold.result.seconds <= f, note: `${ratio(cold)}; ${found(cold)}` }),
      row('full validation, nothing changed', unchanged, { target: '<= 0.1x floor', met: unchanged.result.seconds <= 0.1 * f, note: `${ratio(unchanged)}; ${found(unchanged)}` }),
      row('--changed-since HEAD, 10 files changed', incremental, { target: '< 1 s', met: incremental.result.seconds < 1, note: found(incremental) }),
      row('full validation, 10 files changed (cache)', fullAfter, { note: `${ratio(fullAfter)}; ${found(fullAfter)}` }),
      { name: 'peak memory (largest of the runs above)', seconds: 0, peakMB: peak, target: '< 2048 MB', met: peak < 2048 },
    ];
  },
};
