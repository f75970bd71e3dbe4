// `pwc fix [--check] [paths...]`: writes data files in canonical form, or lists those that are not.
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../command.ts';
import { fixFiles, selectDataFiles, TargetError } from '../../format/fix-files.ts';
import { describeDifference } from '../../format/text-diff.ts';

export const fix: Command = {
  usage: '[--check] [paths...]',
  options: { check: { type: 'boolean' } },
  allowPositionals: true,
  async run(ctx) {
    const check = ctx.values.check === true;
    let paths: string[];
    try {
      paths = await selectDataFiles(ctx.root, ctx.positionals, process.cwd());
    } catch (error) {
      if (error instanceof TargetError) throw new UsageError(error.message);
      throw error;
    }
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
    ctx.stdout.write(`pwc fix: ${outcomes.length} files: ${parts.join(', ')}\n`);
    if (check && changed > 0) ctx.stdout.write('Run `pwc fix` to rewrite them.\n');
    return broken > 0 || (check && changed > 0) ? EXIT_FINDINGS : EXIT_OK;
  },
};
