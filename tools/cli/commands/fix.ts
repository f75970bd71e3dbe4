// `pwc fix [--check] [--changed-since REF [--committed]] [paths...]`: writes data files in canonical form, or lists those that are not.
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command, type CommandContext } from '../command.ts';
import { changedBetween, changedSince } from '../../git/changes.ts';
import { resolveCommit } from '../../git/revision.ts';
import { GitError } from '../../git/run.ts';
import { count } from '../../model/count.ts';
import { DATA_DIR } from '../../model/paths.ts';
import { existingDataFiles, fixFiles, selectDataFiles, TargetError } from '../../format/fix-files.ts';
import { describeDifference } from '../../format/text-diff.ts';

export const fix: Command = {
  usage: '[--check] [--changed-since REF [--committed] | paths...]',
  options: { check: { type: 'boolean' }, 'changed-since': { type: 'string' }, committed: { type: 'boolean' } },
  allowPositionals: true,
  async run(ctx) {
    const check = ctx.values.check === true;
    const paths = await chosenFiles(ctx);
    const outcomes = await fixFiles(ctx.root, paths, { write: !check });
    let changed = 0;
    let broken = 0;
    for (const outcome of outcomes) {
      switch (outcome.status) {
        case 'changed':
          changed++;
          if (check) ctx.stdout.write(`${outcome.path}: not in canonical form\n${describeDifference(outcome.path, outcome.before, outcome.after)}`);
          else ctx.stdout.write(`fixed ${outcome.path}\n`);
          break;
        case 'problem':
          broken++;
          for (const p of outcome.problems) ctx.stderr.write(`${outcome.path}:${p.line}:${p.column}: error ${p.rule}: ${p.message}; not formatted\n  tip: ${p.tip}\n`);
          break;
        case 'skipped':
          ctx.stderr.write(`${outcome.path}: skipped: ${outcome.reason}\n`);
          break;
      }
    }
    const canonical = outcomes.filter((o) => o.status === 'canonical').length;
    const parts = [check ? `${changed} not canonical` : `${changed} fixed`, `${canonical} already canonical`];
    if (broken > 0) parts.push(`${broken} could not be formatted`);
    const since = ctx.values['changed-since'];
    ctx.stdout.write(`pwc fix: ${count(outcomes.length, 'file')}${typeof since === 'string' ? ` changed since ${since}` : ''}: ${parts.join(', ')}\n`);
    if (check && changed > 0) ctx.stdout.write('Run `pwc fix` to rewrite them.\n');
    return broken > 0 || (check && changed > 0) ? EXIT_FINDINGS : EXIT_OK;
  },
};

/**
 * The files to format: those named, those git says changed since a revision (working tree
 * included; with --committed, only what the commits since it changed), or all.
 */
async function chosenFiles(ctx: CommandContext): Promise<string[]> {
  const since = ctx.values['changed-since'];
  if (ctx.values.committed === true && since === undefined) throw new UsageError('--committed goes with --changed-since REF');
  if (since !== undefined) {
    if (typeof since !== 'string' || since === '') throw new UsageError('--changed-since needs a git revision, e.g. origin/main');
    if (ctx.positionals.length > 0) throw new UsageError('give either --changed-since or paths, not both');
    try {
      // Resolved first: a revision git does not know is a usage error that says how to fetch it.
      await resolveCommit(ctx.root, since);
      // --committed compares two trees: no stat of every file and no walk for new ones, which is
      // what costs at archive scale when the checkout is known to be clean (CI's).
      const changed = ctx.values.committed === true ? await changedBetween(ctx.root, since, 'HEAD', DATA_DIR) : await changedSince(ctx.root, since, DATA_DIR);
      return await existingDataFiles(ctx.root, changed);
    } catch (error) {
      if (error instanceof GitError) throw new UsageError(error.message);
      throw error;
    }
  }
  try {
    return await selectDataFiles(ctx.root, ctx.positionals, process.cwd());
  } catch (error) {
    if (error instanceof TargetError) throw new UsageError(error.message);
    throw error;
  }
}
