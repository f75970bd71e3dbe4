// `pwc generate`: writes the Markdown views and charts in generated/, or with --check reports stale files.
// It validates first and refuses to build from data with errors (the pages would silently miss the
// invalid files); warnings do not stop it.
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type Command } from '../command.ts';
import { validate } from '../../checks/validate.ts';
import { generate, isCurrent } from '../../views/generate.ts';
import { GeneratedDirError } from '../../views/sync.ts';

/** Errors listed before pointing to `pwc validate` for the rest. */
const SHOWN_ERRORS = 20;

export const generateCommand: Command = {
  usage: '[--check]',
  options: { check: { type: 'boolean' } },
  async run({ root, values, stdout, stderr }) {
    const check = values.check === true;
    const validation = await validate({ root });
    const errors = validation.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      for (const f of errors.slice(0, SHOWN_ERRORS)) stderr.write(`  ${f.file}:${f.line}:${f.column} ${f.rule}: ${f.message}\n`);
      if (errors.length > SHOWN_ERRORS) stderr.write(`  ... and ${errors.length - SHOWN_ERRORS} more\n`);
      stderr.write(
        `pwc generate: the data has ${errors.length} error${errors.length === 1 ? '' : 's'}, so generated/ was not ${check ? 'checked' : 'written'}. ` +
          'Run "npx pwc validate" for every finding and how to fix it.\n',
      );
      return EXIT_FINDINGS;
    }
    let report;
    try {
      report = await generate(root, { check, repo: validation.repository });
    } catch (error) {
      if (!(error instanceof GeneratedDirError)) throw error;
      stderr.write(`pwc generate: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (check) {
      if (isCurrent(report)) {
        stdout.write(`generated/ is up to date (${report.unchanged} files).\n`);
        return EXIT_OK;
      }
      for (const path of report.differs) stderr.write(`${path}: differs from what data/ produces\n`);
      for (const path of report.missing) stderr.write(`${path}: missing\n`);
      for (const path of report.extra) stderr.write(`${path}: extra, no page produces it\n`);
      const n = report.differs.length + report.missing.length + report.extra.length;
      stderr.write(`generated/ is stale (${n} ${n === 1 ? 'file' : 'files'}). Run "npx pwc generate" and commit the result.\n`);
      return EXIT_FINDINGS;
    }
    for (const path of report.written) stdout.write(`wrote ${path}\n`);
    for (const path of report.removed) stdout.write(`removed ${path}\n`);
    stdout.write(`generated/: ${report.written.length} written, ${report.removed.length} removed, ${report.unchanged} unchanged.\n`);
    return EXIT_OK;
  },
};
