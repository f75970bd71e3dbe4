// `pwc post-review --report FILE`: publishes a review report on the pull request of HEAD_SHA (see tools/review/publish.ts).
import { open } from 'node:fs/promises';
import { ruleById } from '../../checks/catalog.ts';
import { createGitHub, parseRepository } from '../../github/octokit.ts';
import { rulesDocUrl } from '../../review/comment.ts';
import { publishReview } from '../../review/publish.ts';
import { parseReport } from '../../review/report.ts';
import { MAX_REPORT_BYTES } from '../../review/report-schema.ts';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../command.ts';

/** Reads at most the cap plus one byte, so a huge file is refused without loading it. */
async function readCapped(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(MAX_REPORT_BYTES + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

export const postReviewCommand: Command = {
  usage: '--report FILE',
  options: { report: { type: 'string' } },
  async run(ctx) {
    const env = process.env;
    if (typeof ctx.values.report !== 'string') throw new UsageError('--report FILE is required');
    const missing = ['GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'HEAD_SHA', 'HEAD_REPO'].filter((k) => !env[k]);
    if (missing.length > 0) throw new UsageError(`set ${missing.join(', ')} (the workflow passes them from the workflow_run event)`);
    const headSha = env.HEAD_SHA!.toLowerCase();
    if (!/^[0-9a-f]{40}$/.test(headSha)) throw new UsageError(`HEAD_SHA must be a full commit sha, got ${JSON.stringify(env.HEAD_SHA)}`);
    let target;
    let headRepo;
    try {
      target = parseRepository(env.GITHUB_REPOSITORY);
      const h = parseRepository(env.HEAD_REPO);
      headRepo = `${h.owner}/${h.repo}`;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }

    // The report comes from the pull request's own run: untrusted until it passes the cap and the schema.
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(ctx.values.report);
    } catch (error) {
      ctx.stderr.write(`pwc post-review: cannot read ${ctx.values.report}: ${(error as Error).message}\n`);
      return EXIT_FINDINGS;
    }
    const parsed = parseReport(bytes);
    if (!parsed.report) {
      ctx.stderr.write(`pwc post-review: refusing the report: ${parsed.error}\n`);
      return EXIT_FINDINGS;
    }
    if (parsed.report.head.sha !== headSha) {
      ctx.stderr.write(`pwc post-review: refusing the report: it describes commit ${parsed.report.head.sha}, but the run was for ${headSha}\n`);
      return EXIT_FINDINGS;
    }

    const github = createGitHub({ token: env.GITHUB_TOKEN!, baseUrl: env.GITHUB_API_URL, log: (m) => ctx.stderr.write(`${m}\n`) });
    const summaryUrl = env.SUMMARY_URL && /^https:\/\//.test(env.SUMMARY_URL) ? env.SUMMARY_URL : undefined;
    const results = await publishReview(github, target, { sha: headSha, repo: headRepo }, parsed.report, {
      rulesDoc: rulesDocUrl(env),
      knownRules: new Set(ruleById.keys()),
      summaryUrl,
      botLogin: env.PWC_BOT_LOGIN || 'github-actions[bot]',
    });
    if (results.length === 0) {
      ctx.stdout.write(`pwc post-review: no open pull request has head ${headRepo}@${headSha.slice(0, 7)} (closed, or pushed again since); nothing posted\n`);
      return EXIT_OK;
    }
    for (const { pullRequest, executed } of results) {
      ctx.stdout.write(
        `pwc post-review: #${pullRequest}: sticky comment ${executed.sticky}, ${executed.inlineComments} inline comments, ` +
          `labels +[${executed.labelsAdded.join(', ')}] -[${executed.labelsRemoved.join(', ')}]\n`,
      );
      for (const w of executed.warnings) ctx.stderr.write(`pwc post-review: #${pullRequest}: warning: ${w}\n`);
    }
    return EXIT_OK;
  },
};
