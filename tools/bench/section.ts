// What a benchmark section is, and what the runner gives it: the scale, a shared synthetic
// repository, and a way to measure a probe script in its own process (time and peak memory).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaleBy, writeSyntheticRepository, type SyntheticScale } from './synthetic-repo.ts';

export interface BenchRow {
  /** What was measured, e.g. "full validation, cold". */
  name: string;
  /** Time inside the probe (the work itself), in seconds. */
  seconds: number;
  /** Time of the whole process (Node start, module loading, the work), in seconds. */
  wallSeconds?: number;
  /** Peak resident memory of the process, in MB. */
  peakMB?: number;
  /** A target, e.g. "<= 1.0x floor", and whether it is met. */
  target?: string;
  met?: boolean;
  note?: string;
}

export interface BenchSection {
  name: string;
  /** One line: what the section measures. */
  description: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export interface SyntheticRepository {
  root: string;
  scale: SyntheticScale;
  files: number;
  bytes: number;
  generateSeconds: number;
  commitSeconds: number;
}

/** What a probe prints as its last stdout line (JSON); the runner adds wall time and peak memory. */
export interface ProbeResult {
  seconds: number;
  [key: string]: unknown;
}

export interface Measurement {
  result: ProbeResult;
  wallSeconds: number;
  peakMB: number;
}

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

export class BenchContext {
  private repo?: SyntheticRepository;

  constructor(
    readonly factor: number,
    readonly seed: number,
    private readonly dir: string | undefined,
    readonly log: (line: string) => void,
    /** Overrides the scale's paper count (e.g. the full archive's 576,261). */
    readonly papers?: number,
  ) {}

  /** The repository if it was generated. */
  get generated(): SyntheticRepository | undefined {
    return this.repo;
  }

  /** The synthetic repository at this scale, generated once and committed to a fresh git repository. */
  repository(): SyntheticRepository {
    if (this.repo) return this.repo;
    const root = this.dir ?? mkdtempSync(join(tmpdir(), 'pwc-bench-'));
    mkdirSync(root, { recursive: true });
    const scale = { ...scaleBy(this.factor), ...(this.papers !== undefined ? { papers: this.papers } : {}) };
    const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org' } });
    // A folder from an earlier run with the same scale and seed is reused, reset to its commit.
    const marker = join(root, '.git', 'pwc-bench.json');
    const wanted = JSON.stringify({ scale, seed: this.seed });
    if (existsSync(marker)) {
      const saved = JSON.parse(readFileSync(marker, 'utf8')) as { key: string; repo: SyntheticRepository };
      if (saved.key === wanted) {
        this.log(`reusing the synthetic repository in ${root}`);
        git('reset', '-q', '--hard');
        git('clean', '-fdq', '--', 'data');
        // The folder it was found in, not the one recorded: a copy of a bench folder (git clone
        // and the marker) must never send the bench back to the original.
        this.repo = { ...saved.repo, root };
        return this.repo;
      }
    }
    this.log(`generating ${scale.papers} papers, ${scale.results} results, ${scale.datasets} datasets, ${scale.tasks} tasks, ${scale.methods} methods in ${root}`);
    let t = performance.now();
    if (existsSync(join(root, 'data'))) throw new Error(`${root} already holds data/ from something else; give an empty or new folder`);
    const { files, bytes } = writeSyntheticRepository(root, scale, this.seed);
    const generateSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    writeFileSync(join(root, '.gitignore'), '.pwc-cache/\n');
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'synthetic data');
    // What `git status` does first: stat every file into the index, so later diffs start warm.
    git('update-index', '--refresh', '-q');
    const commitSeconds = (performance.now() - t) / 1000;
    this.repo = { root, scale, files, bytes, generateSeconds, commitSeconds };
    writeFileSync(marker, JSON.stringify({ key: wanted, repo: this.repo }));
    return this.repo;
  }

  /**
   * Runs a probe (a .ts file under tools/bench that prints a ProbeResult as JSON) in a new Node
   * process, so its peak memory is its own.
   */
  measure(probe: string, args: string[]): Promise<Measurement> {
    const script = join(REPO_ROOT, 'tools/bench', probe);
    const started = performance.now();
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        const wallSeconds = (performance.now() - started) / 1000;
        const last = out.trim().split('\n').pop() ?? '';
        if (code !== 0) return reject(new Error(`${probe} exited ${code}: ${out.slice(-2000)}`));
        try {
          const parsed = JSON.parse(last) as ProbeResult & { maxRssKB: number };
          resolvePromise({ result: parsed, wallSeconds, peakMB: Math.round(parsed.maxRssKB / 1024) });
        } catch {
          reject(new Error(`${probe} printed no result: ${out.slice(-2000)}`));
        }
      });
    });
  }

  load(): string {
    return loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  }
}

/** For probes: prints the result line, with the process's peak memory. */
export function reportProbe(result: ProbeResult): void {
  process.stdout.write(`${JSON.stringify({ ...result, maxRssKB: peakRssKB() })}\n`);
}

/**
 * The process's own peak resident memory. On Linux, getrusage's maxRSS starts from the parent's
 * high-water mark at fork (a runner holding 1.5 GB makes an empty child report 1.5 GB), so the
 * kernel's VmHWM is read instead; elsewhere maxRSS is the best there is.
 */
function peakRssKB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
