// `pwc judge --base REF [--head REF] --out FILE [--summary FILE] [--format text|github]`: judges the
// pull request checked out at --root with this checkout's tools (what validate.yml runs).
import { resolve } from 'node:path';
import { committedCache, judgedCommits, judgeSteps, runSteps } from '../../review/judge.ts';
import { GitError } from '../../git/run.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type Command } from '../command.ts';

export const judgeCommand: Command = {
  usage: '--base REF [--head REF] --out FILE [--summary FILE] [--format text|github]',
  options: { base: { type: 'string' }, head: { type: 'string' }, out: { type: 'string' }, summary: { type: 'string' }, format: { type: 'string' } },
  async run(ctx) {
    const { base, out, summary } = ctx.values;
    const head = typeof ctx.values.head === 'string' ? ctx.values.head : 'HEAD';
    const format = ctx.values.format ?? 'text';
    if (typeof base !== 'string' || base === '') throw new UsageError('--base REF is required');
    if (typeof out !== 'string' || out === '') throw new UsageError('--out FILE is required');
    if (format !== 'text' && format !== 'github') throw new UsageError(`--format must be text or github, not "${String(format)}"`);
    let commits;
    let planted;
    try {
      commits = await judgedCommits(ctx.root, base, head);
      planted = await committedCache(ctx.root, commits.head);
    } catch (error) {
      if (error instanceof GitError) throw new UsageError(error.message);
      throw error;
    }
    if (planted.length > 0) {
      ctx.stderr.write(`pwc judge: the pull request commits files under .pwc-cache/ (${planted.slice(0, 3).join(', ')}${planted.length > 3 ? ', ...' : ''}); the validator trusts that cache, so the pull request is not judged. Remove them from the commit.\n`);
      return EXIT_FINDINGS;
    }
    const steps = judgeSteps({ root: ctx.root, ...commits, out: resolve(out), ...(typeof summary === 'string' ? { summary: resolve(summary) } : {}), format });
    const actions = format === 'github';
    const outcomes = await runSteps(steps, {
      onStart: (step) => {
        if (actions) ctx.stdout.write(`::group::pwc ${step.name}\n`);
      },
      onEnd: (o) => {
        if (actions) ctx.stdout.write('::endgroup::\n');
        ctx.stdout.write(`pwc judge: ${o.name}: ${o.code === 0 ? 'passed' : `failed (exit ${o.code})`} in ${o.seconds.toFixed(1)} s\n`);
      },
    });
    const failed = outcomes.filter((o) => o.code !== 0);
    ctx.stdout.write(`pwc judge: ${commits.since.slice(0, 7)}..${commits.head.slice(0, 7)} ${failed.length === 0 ? 'passed' : `failed: ${failed.map((o) => o.name).join(', ')}`}\n`);
    if (failed.length === 0) return EXIT_OK;
    return failed.every((o) => o.code === EXIT_FINDINGS) ? EXIT_FINDINGS : EXIT_USAGE;
  },
};
