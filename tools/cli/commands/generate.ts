// `pwc generate`: writes the Markdown views and charts in generated/, or with --check reports stale files
// (with --changed-since REF, only the pages the change since REF can touch).
// It validates first and refuses to build from data with errors (the pages would silently miss the
// invalid files); warnings do not stop it. After a change since its last run it validates and
// builds only what the change touches (the page memo keeps the data state the pages came from).
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type Command } from '../command.ts';
import { validatorVersion } from '../../checks/validate.ts';
import { validate } from '../../checks/validate.ts';
import { GitError } from '../../git/run.ts';
import { count } from '../../model/count.ts';
import { changeSince, dataChangedSinceViews, pagesEditedSince, type DataChange } from '../../views/data-base.ts';
import { checkChanged, generate, isCurrent, startGenerate, type GenerateStart } from '../../views/generate.ts';
import { GeneratedDirError } from '../../views/sync.ts';

/**
 * What to do about stale pages, for who has them: a contributor's data change leaves them stale until
 * publish.yml rebuilds and commits generated/ on main; a change to the tools (or a hand edit) does
 * not start that job, so its author regenerates and commits. `dataChanged` undefined: git cannot say.
 */
function staleAdvice(dataChanged: boolean | undefined): string {
  const publish = 'publish.yml rebuilds generated/ and commits it when a change to data/ reaches main';
  if (dataChanged === true) return `data/ changed since generated/ was last committed, so this is expected: commit only data/; ${publish}.`;
  if (dataChanged === false) return `data/ has not changed since generated/ was last committed, so a change to the tools (templates, views) or a hand edit did it: run "npx pwc generate" and commit generated/ with that change (${publish}, not after a change to the tools).`;
  return `After a change to data/ that is expected (${publish}); after a change to the tools or a hand edit, run "npx pwc generate" and commit generated/.`;
}

/** Errors listed before pointing to `pwc validate` for the rest. */
const SHOWN_ERRORS = 20;

export const generateCommand: Command = {
  usage: '[--check [--changed-since REF]]',
  options: { check: { type: 'boolean' }, 'changed-since': { type: 'string' } },
  async run({ root, values, stdout, stderr }) {
    const check = values.check === true;
    const since = values['changed-since'];
    if (since !== undefined && (typeof since !== 'string' || since === '')) throw new UsageError('--changed-since needs a git revision, e.g. origin/main');
    if (since !== undefined && !check) throw new UsageError('--changed-since goes with --check (a write already builds only what changed)');
    // Where the last run's pages came from, and what changed since; validation covers the same change.
    const validator = validatorVersion();
    let start: GenerateStart | undefined;
    let change: DataChange | undefined;
    let edited: string[] = [];
    let validateSince: string | undefined;
    try {
      if (typeof since === 'string') {
        change = await changeSince(root, since);
        edited = await pagesEditedSince(root, since);
        validateSince = since;
      } else if (!check) {
        start = await startGenerate(root, validator);
        if (process.env.PWC_TRACE === '1') process.stderr.write(`[generate] ${(performance.now() / 1000).toFixed(3)} s loaded the page memo; ${start.change ? `${start.change.paths.length} data files changed since its base` : 'no usable base'}\n`);
        change = start.change;
        validateSince = start.validSince;
      }
    } catch (error) {
      if (error instanceof GitError) throw new UsageError(error.message);
      throw error;
    }
    const validation = await validate(validateSince === undefined ? { root } : { root, changedSince: validateSince });
    const errors = validation.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      for (const f of errors.slice(0, SHOWN_ERRORS)) stderr.write(`  ${f.file}:${f.line}:${f.column} ${f.rule}: ${f.message}\n`);
      if (errors.length > SHOWN_ERRORS) stderr.write(`  ... and ${errors.length - SHOWN_ERRORS} more\n`);
      stderr.write(
        `pwc generate: the data has ${count(errors.length, 'error')}, so generated/ was not ${check ? 'checked' : 'written'}. ` +
          'Run "npx pwc validate" for every finding and how to fix it.\n',
      );
      return EXIT_FINDINGS;
    }
    let report;
    try {
      report =
        check && change
          ? checkChanged(root, validation.repository, change, edited)
          : await generate(root, { check, repo: validation.repository, ...(start ? { pageMemo: start.memo, validator, ...(change ? { change } : {}) } : {}) });
    } catch (error) {
      if (!(error instanceof GeneratedDirError)) throw error;
      stderr.write(`pwc generate: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (check) {
      if (isCurrent(report)) {
        stdout.write(`generated/ is up to date (${count(report.unchanged, 'file')}${change ? ` the change since ${String(since)} can touch` : ''}).\n`);
        return EXIT_OK;
      }
      for (const path of report.differs) stderr.write(`${path}: differs from what data/ produces\n`);
      for (const path of report.missing) stderr.write(`${path}: missing\n`);
      for (const path of report.extra) stderr.write(`${path}: extra, no page produces it\n`);
      const n = report.differs.length + report.missing.length + report.extra.length;
      stderr.write(`generated/ is stale (${count(n, 'file')}). ${staleAdvice(await dataChangedSinceViews(root))}\n`);
      return EXIT_FINDINGS;
    }
    for (const path of report.written) stdout.write(`wrote ${path}\n`);
    for (const path of report.removed) stdout.write(`removed ${path}\n`);
    stdout.write(`generated/: ${report.written.length} written, ${report.removed.length} removed, ${report.unchanged} unchanged.\n`);
    return EXIT_OK;
  },
};
