// `pwc review --base REF [--head REF] --out FILE [--summary FILE]`: the pull-request review report.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ruleById } from '../../checks/catalog.ts';
import { renderReview, rulesDocUrl } from '../../review/comment.ts';
import { count } from '../../model/count.ts';
import { reviewChange } from '../../review/review.ts';
import { EXIT_OK, UsageError, type Command } from '../command.ts';

/** GitHub's limit for one step's job summary. */
const MAX_SUMMARY_BYTES = 1024 * 1024;

export const reviewCommand: Command = {
  usage: '--base REF [--head REF] --out FILE [--summary FILE]',
  options: { base: { type: 'string' }, head: { type: 'string' }, out: { type: 'string' }, summary: { type: 'string' } },
  async run(ctx) {
    const base = ctx.values.base;
    const out = ctx.values.out;
    if (typeof base !== 'string' || base === '') throw new UsageError('--base REF is required');
    if (typeof out !== 'string' || out === '') throw new UsageError('--out FILE is required');
    const head = typeof ctx.values.head === 'string' ? ctx.values.head : undefined;
    let report;
    try {
      report = await reviewChange({ root: ctx.root, base, head, today: new Date().toISOString().slice(0, 10) });
    } catch (error) {
      const message = (error as Error).message;
      if (/does not name a commit|is not a git ref/.test(message)) throw new UsageError(message);
      throw error;
    }
    const path = resolve(out);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
    if (typeof ctx.values.summary === 'string') {
      const markdown = renderReview(report, { rulesDoc: rulesDocUrl(process.env), knownRules: new Set(ruleById.keys()) }).join('\n');
      // Written, not appended: a re-run leaves one summary (in Actions, $GITHUB_STEP_SUMMARY is this step's own file).
      await writeFile(resolve(ctx.values.summary), `${Buffer.from(markdown).subarray(0, MAX_SUMMARY_BYTES - 1).toString()}\n`);
    }
    const { errors, warnings, alreadyOnBase, newSota, suspicious } = report.summary;
    const onBase = alreadyOnBase > 0 ? ` (${count(alreadyOnBase, 'finding')} already on the base, not counted)` : '';
    ctx.stdout.write(
      `pwc review ${report.base.sha.slice(0, 7)}..${report.head.sha.slice(0, 7)}: ${count(errors, 'error')}, ${count(warnings, 'warning')}${onBase}, ` +
        `${count(report.leaderboards.length, 'leaderboard')} changed, ${newSota} new SOTA, ${suspicious} suspicious; report in ${out}\n`,
    );
    // A report, not a check: `pwc validate` fails the job; the report must still be uploaded and posted.
    return EXIT_OK;
  },
};
