// `pwc generate`: writes the Markdown views and charts in generated/, or with --check reports stale files.
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type Command } from '../command.ts';
import { generate, isCurrent } from '../../views/generate.ts';
import { GeneratedDirError } from '../../views/sync.ts';

export const generateCommand: Command = {
  name: 'generate',
  summary: 'Write the pages and charts in generated/ from data/ (--check: exit 1 naming the stale files)',
  usage: '[--check]',
  options: { check: { type: 'boolean' } },
  async run({ root, values, stdout, stderr }) {
    const check = values.check === true;
    let report;
    try {
      report = await generate(root, { check });
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
