// Bench section for `pwc generate`: time and peak memory, cold and after one result changed, each in
// a fresh process so its peak RSS is its own. Runs alone too: `tsx tools/bench/generate.ts --scale 0.05`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { validate } from '../checks/validate.ts';
import { renderSite } from '../views/site.ts';
import { syncGenerated } from '../views/sync.ts';
import { ARCHIVE_SCALE, scaleBy, writeSyntheticRepository } from './synthetic-repo.ts';

/** One measured run of generate in its own process. */
export interface GenerateRun {
  label: string;
  seconds: number;
  /** Peak resident memory of the process, MiB. */
  peakMiB: number;
  /**
   * Seconds spent validating data/ (as `pwc generate` does first, with the validator's cache), and
   * rendering plus comparing/writing generated/ (one streamed pass).
   */
  phases: { validate: number; render: number };
  written: number;
  unchanged: number;
  removed: number;
}

const SELF = fileURLToPath(import.meta.url);

/** The child: generates `root`'s pages, prints one JSON line of figures. */
async function measureInThisProcess(root: string): Promise<void> {
  const t0 = performance.now();
  const validation = await validate({ root });
  if (validation.findings.some((f) => f.severity === 'error')) throw new Error('the synthetic repository has validation errors');
  const t1 = performance.now();
  const report = await syncGenerated(root, renderSite(validation.repository), { check: false });
  const t2 = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      seconds: (t2 - t0) / 1000,
      peakMiB: process.resourceUsage().maxRSS / 1024,
      phases: { validate: (t1 - t0) / 1000, render: (t2 - t1) / 1000 },
      written: report.written.length,
      unchanged: report.unchanged,
      removed: report.removed.length,
    })}\n`,
  );
}

function runChild(root: string): Promise<Omit<GenerateRun, 'label'>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', SELF, '--measure', root], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`generate bench child failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

/** Changes one metric value of the last result file, so exactly the pages showing it change. */
function changeOneResult(root: string): string {
  const last = (dir: string): string => {
    const entry = readdirSync(dir).sort().pop()!;
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? last(path) : path;
  };
  const path = last(join(root, 'data', 'results'));
  const text = readFileSync(path, 'utf8');
  const changed = text.replace(/^(\s+[^:\n]+: )(-?\d+(?:\.\d+)?)$/m, (_, key: string, value: string) => `${key}${Number(value) + 0.01}`);
  if (changed === text) throw new Error(`no metric value to change in ${path}`);
  writeFileSync(path, changed);
  return path;
}

/** The section: a cold generate of `root`, then one result changed and generate again. Leaves `root` changed. */
export async function benchGenerate(root: string): Promise<GenerateRun[]> {
  const cold = await runChild(root);
  changeOneResult(root);
  const changed = await runChild(root);
  return [
    { label: 'generate, cold (fresh process, empty generated/)', ...cold },
    { label: 'generate, one result changed', ...changed },
  ];
}

const f = (n: number) => n.toFixed(2);

/** Markdown table rows for the README. */
export function formatGenerateBench(runs: readonly GenerateRun[]): string {
  const lines = [
    '| Run | Time (s) | Peak memory (MiB) | Validate / render+write (s) | Files written / unchanged |',
    '| --- | ---: | ---: | --- | --- |',
    ...runs.map(
      (r) => `| ${r.label} | ${f(r.seconds)} | ${Math.round(r.peakMiB)} | ${f(r.phases.validate)} / ${f(r.phases.render)} | ${r.written} / ${r.unchanged} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

async function standalone(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { measure: { type: 'string' }, scale: { type: 'string' }, root: { type: 'string' } } });
  if (values.measure) {
    await measureInThisProcess(values.measure);
    return;
  }
  let root = values.root;
  let made: string | undefined;
  if (!root) {
    made = mkdtempSync(join(tmpdir(), 'pwc-bench-repo-'));
    const scale = values.scale ? scaleBy(Number(values.scale)) : ARCHIVE_SCALE;
    const t = performance.now();
    const { files } = writeSyntheticRepository(made, scale);
    process.stderr.write(`synthetic repository: ${files} files in ${f((performance.now() - t) / 1000)} s (${made})\n`);
    root = made;
  }
  try {
    process.stdout.write(formatGenerateBench(await benchGenerate(root)));
  } finally {
    if (made) rmSync(made, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) await standalone(process.argv.slice(2));
