// Bench section for `pwc bundle`: time and peak memory, cold and after one result changed, each in a
// fresh process so its peak RSS is its own. Measures what the command does: validate (with the
// validator's cache), then build and write. Runs alone too: `tsx tools/bench/bundle.ts --scale 0.01`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleFromRepository } from '../bundle/build.ts';
import { readGitSource } from '../bundle/git-source.ts';
import { validate } from '../checks/validate.ts';
import { writeBundle } from '../bundle/write.ts';
import { ARCHIVE_SCALE, scaleBy, writeSyntheticRepository } from './synthetic-repo.ts';

/** One measured run of the bundle in its own process. */
export interface BundleRun {
  label: string;
  seconds: number;
  /** Peak resident memory of the process, MiB. */
  peakMiB: number;
  /** Seconds spent validating and loading data/ (validator cache included), building and checking the bundle, writing it. */
  phases: { load: number; build: number; write: number };
  /** Size of pwc-data.json and of its .gz, bytes. */
  jsonBytes: number;
  gzBytes: number;
  results: number;
}

const SELF = fileURLToPath(import.meta.url);

/** The child: builds and writes the bundle of `root` into `out`, prints one JSON line of figures. */
async function measureInThisProcess(root: string, out: string): Promise<void> {
  const t0 = performance.now();
  const [validation, source] = await Promise.all([validate({ root }), readGitSource(root)]);
  const errors = validation.findings.filter((x) => x.severity === 'error');
  if (errors.length > 0) throw new Error(`the synthetic repository has ${errors.length} errors, e.g. ${JSON.stringify(errors[0])}`);
  const repo = validation.repository;
  const t1 = performance.now();
  const bundle = await bundleFromRepository(repo, source);
  const t2 = performance.now();
  await writeBundle(out, bundle.files);
  const t3 = performance.now();
  const size = (name: string) => bundle.manifest.files.find((f) => f.name === name)?.size ?? 0;
  process.stdout.write(
    `${JSON.stringify({
      seconds: (t3 - t0) / 1000,
      peakMiB: process.resourceUsage().maxRSS / 1024,
      phases: { load: (t1 - t0) / 1000, build: (t2 - t1) / 1000, write: (t3 - t2) / 1000 },
      jsonBytes: size('pwc-data.json'),
      gzBytes: size('pwc-data.json.gz'),
      results: bundle.manifest.counts.results,
    })}\n`,
  );
}

function runChild(root: string, out: string): Promise<Omit<BundleRun, 'label'>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', SELF, '--measure', root, '--out', out], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`bundle bench child failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

/** Changes one metric value of the first result file, so the next bundle differs by one row. */
function changeOneResult(root: string): string {
  const first = (dir: string): string => {
    const entry = readdirSync(dir).sort()[0];
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? first(path) : path;
  };
  const path = first(join(root, 'data', 'results'));
  const text = readFileSync(path, 'utf8');
  const changed = text.replace(/^(\s+[^:\n]+: )(-?\d+(?:\.\d+)?)$/m, (_, key: string, value: string) => `${key}${Number(value) + 0.01}`);
  if (changed === text) throw new Error(`no metric value to change in ${path}`);
  writeFileSync(path, changed);
  return path;
}

/** The section: a cold bundle of `root`, then one result changed and the bundle again. Leaves `root` changed. */
export async function benchBundle(root: string): Promise<BundleRun[]> {
  const outParent = mkdtempSync(join(tmpdir(), 'pwc-bench-bundle-'));
  try {
    const out = join(outParent, 'bundle');
    const cold = await runChild(root, out);
    changeOneResult(root);
    const changed = await runChild(root, out);
    return [
      { label: 'bundle, cold (fresh process, no validator cache)', ...cold },
      { label: 'bundle, one result changed', ...changed },
    ];
  } finally {
    rmSync(outParent, { recursive: true, force: true });
  }
}

const f = (n: number) => n.toFixed(2);

/** Markdown table rows for the README. */
export function formatBundleBench(runs: readonly BundleRun[]): string {
  const lines = [
    '| Run | Time (s) | Peak memory (MiB) | Validate+load / build / write (s) | pwc-data.json / .gz (MB) |',
    '| --- | ---: | ---: | --- | --- |',
    ...runs.map(
      (r) =>
        `| ${r.label} | ${f(r.seconds)} | ${Math.round(r.peakMiB)} | ${f(r.phases.load)} / ${f(r.phases.build)} / ${f(r.phases.write)} | ${f(r.jsonBytes / 1e6)} / ${f(r.gzBytes / 1e6)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

async function standalone(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { measure: { type: 'string' }, out: { type: 'string' }, scale: { type: 'string' }, root: { type: 'string' } } });
  if (values.measure) {
    await measureInThisProcess(values.measure, values.out ?? join(values.measure, 'dist', 'bundle'));
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
    process.stdout.write(formatBundleBench(await benchBundle(root)));
  } finally {
    if (made) rmSync(made, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) await standalone(process.argv.slice(2));
