// `pwc release --dist DIR`: publishes the bundle in DIR as a GitHub release with changes.json and
// release notes (see tools/release/release.ts). Env: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL.
import { count } from '../../model/count.ts';
import { resolve } from 'node:path';
import { createGitHub, parseRepository } from '../../github/octokit.ts';
import { ReleaseError, runRelease } from '../../release/release.ts';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../command.ts';

export const releaseCommand: Command = {
  usage: '--dist DIR [--date YYYY-MM-DD] [--dry-run]   (DIR: written by "pwc bundle --out DIR"; --date overrides the source commit\'s date)',
  options: { dist: { type: 'string' }, date: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run({ values, stdout, stderr }) {
    if (typeof values.dist !== 'string' || values.dist === '') throw new UsageError('--dist DIR is required');
    const date = typeof values.date === 'string' ? values.date : undefined;
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
    const env = process.env;
    if (!env.GITHUB_TOKEN) throw new UsageError('set GITHUB_TOKEN (a token that may write releases: contents: write in Actions)');
    let target;
    try {
      target = parseRepository(env.GITHUB_REPOSITORY);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const github = createGitHub({ token: env.GITHUB_TOKEN, baseUrl: env.GITHUB_API_URL, log: (m) => stderr.write(`${m}\n`) });
    try {
      const outcome = await runRelease({
        github,
        target,
        dist: resolve(values.dist),
        date,
        dryRun: values['dry-run'] === true,
        log: (line) => stdout.write(`pwc release: ${line}\n`),
      });
      stdout.write(`pwc release: ${outcome.message}${outcome.url ? ` (${outcome.url})` : ''}\n`);
      if (outcome.changes) {
        const s = outcome.changes.summary;
        const totals = Object.entries(s).map(([kind, c]) => `${kind} +${c.added} ~${c.changed} -${c.removed} >${c.renamed}`);
        stdout.write(`pwc release: changes since ${outcome.changes.previous_release ?? 'nothing (first release)'}: ${totals.join(', ')}; ${count(outcome.changes.new_sota.length, 'leaderboard top')} changed\n`);
      }
      return outcome.status === 'refused' ? EXIT_FINDINGS : EXIT_OK;
    } catch (error) {
      if (error instanceof ReleaseError) {
        stderr.write(`pwc release: ${error.message}\n`);
        return EXIT_FINDINGS;
      }
      // GitHub refused or failed a request (after the client's retries): nothing half-made is public.
      const status = (error as { status?: unknown }).status;
      if (typeof status !== 'number') throw error;
      stderr.write(
        `pwc release: GitHub answered ${status}: ${(error as Error).message}\n` +
          'pwc release: stopped; no release was published half-made (a draft may hold what was uploaded). Run "pwc release" again with the same bundle to complete it.\n',
      );
      return EXIT_FINDINGS;
    }
  },
};
