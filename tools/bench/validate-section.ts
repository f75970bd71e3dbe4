// Benchmark section: `pwc validate` on the synthetic repository, against the floor (read and
// parse every file with `yaml` in one thread): cold, unchanged (cache), and after 10 changed files.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, BenchRow, BenchSection, Measurement } from './section.ts';
import { seededRandom } from './synthetic-repo.ts';

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

/**
 * Ten edits a pull request could make, all keeping the data valid: four result values, two
 * abstracts, a dataset, a task and a method description, and a new method.
 */
export function changeTenFiles(root: string, seed: number): string[] {
  const rand = seededRandom(seed * 7919 + 1);
  const list = (dir: string): string[] => (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`).sort();
  const pickFrom = (files: string[], n: number) => {
    const out = new Set<string>();
    while (out.size < Math.min(n, files.length)) out.add(files[Math.floor(rand() * files.length)]);
    return [...out];
  };
  const edit = (path: string, change: (text: string) => string) => {
    const full = join(root, path);
    const before = readFileSync(full, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${path} changed nothing`);
    writeFileSync(full, after);
  };
  const changed: string[] = [];
  for (const path of pickFrom(list('data/results'), 4)) {
    edit(path, (t) => t.replace(/^(\s+[^:\n]+: )(\d+(?:\.\d+)?)$/m, (_, key: string, v: string) => `${key}${Math.round((Number(v) - 0.01) * 100) / 100}`));
    changed.push(path);
  }
  const appendTo = (field: string) => (t: string) => t.replace(new RegExp(`^(${field}: .*?)(")?$`, 'm'), (_, line: string, quote = '') => `${line} Revised${quote}`);
  for (const path of pickFrom(list('data/papers'), 2)) {
    edit(path, appendTo('abstract'));
    changed.push(path);
  }
  for (const dir of ['data/datasets', 'data/tasks', 'data/methods']) {
    const [path] = pickFrom(list(dir), 1);
    edit(path, appendTo('description'));
    changed.push(path);
  }
  writeFileSync(join(root, 'data/methods/bench-new-method.yaml'), 'name: Bench New Method\ndescription: Added by the benchmark.\n');
  changed.push('data/methods/bench-new-method.yaml');
  return changed;
}
