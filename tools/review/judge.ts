// Judging a pull request's data with these tools, never the pull request's own: the steps
// validate.yml runs (validate, fix --check, review), each as its own `pwc` process of this checkout
// with --root at the pull request's checkout. `pwc judge` runs them; the bench replays them.
import { spawn, type StdioOptions } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { git, nulList } from '../git/run.ts';
import { mergeBase } from '../git/commits.ts';
import { resolveCommit } from '../git/revision.ts';

/** This checkout: the trusted tools, and the folder their processes run in. */
export const TRUSTED_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** This checkout's `pwc` executable. */
export const TRUSTED_PWC = resolve(TRUSTED_ROOT, 'tools/cli/bin/pwc.mjs');

export interface JudgeOptions {
  /** The pull request's checkout (its data is judged; none of its code runs). */
  root: string;
  /** Where the pull request branched from the base: validation, formatting and the report cover what changed since. */
  since: string;
  /** The head commit the report names. */
  head: string;
  /** Where the review report is written. */
  out: string;
  /** A file the review's Markdown is written to (the job summary), replacing what it held. */
  summary?: string;
  /** Findings as GitHub annotations (in Actions) or as text. */
  format: 'text' | 'github';
}

export interface JudgeStep {
  name: string;
  /** `pwc` arguments. */
  args: string[];
}

/** The judging steps, in order; each one's failure fails the pull request's check. */
export function judgeSteps(o: JudgeOptions): JudgeStep[] {
  return [
    { name: 'validate', args: ['validate', '--root', o.root, '--changed-since', o.since, '--format', o.format] },
    // The head commit is judged, and its checkout is clean: its commits' changes are the change.
    { name: 'fix --check', args: ['fix', '--root', o.root, '--check', '--changed-since', o.since, '--committed'] },
    { name: 'review', args: ['review', '--root', o.root, '--base', o.since, '--head', o.head, '--out', o.out, ...(o.summary ? ['--summary', o.summary] : [])] },
  ];
}

/** The commits a pull request is judged between: its head, and where it branched from `base`. */
export async function judgedCommits(root: string, base: string, head: string): Promise<{ since: string; head: string }> {
  const hint = (ref: string) => `fetch it first, e.g. git fetch origin ${ref}`;
  const [baseSha, headSha] = await Promise.all([resolveCommit(root, base, hint(base)), resolveCommit(root, head, hint(head))]);
  return { since: await mergeBase(root, baseSha, headSha), head: headSha };
}

/**
 * Files the head commit tracks under .pwc-cache/: the validator trusts its cache, so a pull request
 * that commits one could vouch for its own data. Judging refuses such a checkout.
 */
export async function committedCache(root: string, head: string): Promise<string[]> {
  return nulList(await git(root, ['ls-tree', '-r', '-z', '--name-only', head, '--', '.pwc-cache']));
}

export interface StepOutcome {
  name: string;
  /** The process's exit code (a signal counts as 2). */
  code: number;
  seconds: number;
  pid?: number;
}

export interface RunOptions {
  /** Node options before the script, e.g. a preload that records peak memory. */
  nodeArgs?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Where the steps' output goes: inherited by default. */
  stdio?: StdioOptions;
  onStart?(step: JudgeStep): void;
  onEnd?(outcome: StepOutcome): void;
}

/**
 * Runs each step as `node [nodeArgs] <this checkout's pwc> args`, one after the other and all of
 * them whatever the earlier ones found (the report is wanted even when validation fails). The
 * processes run in this checkout, so no file of the pull request's (a tsconfig.json, node_modules)
 * is in their way.
 */
export async function runSteps(steps: readonly JudgeStep[], options: RunOptions = {}): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  for (const step of steps) {
    options.onStart?.(step);
    const started = performance.now();
    const { code, pid } = await new Promise<{ code: number; pid?: number }>((done, fail) => {
      const child = spawn(process.execPath, [...(options.nodeArgs ?? []), TRUSTED_PWC, ...step.args], { cwd: TRUSTED_ROOT, stdio: options.stdio ?? 'inherit', env: options.env ?? process.env });
      child.on('error', fail);
      child.on('close', (exit) => done({ code: exit ?? 2, pid: child.pid }));
    });
    const outcome = { name: step.name, code, seconds: (performance.now() - started) / 1000, pid };
    outcomes.push(outcome);
    options.onEnd?.(outcome);
  }
  return outcomes;
}
