// `pwc import-model-index PATH...`: adds the results of model zoos' files (model-index, model cards, .eval_results) to the repository; argument parsing and wiring only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importModelIndex, ImportRefused } from '../../import-model-index/import.ts';
import { importReport } from '../../import-model-index/report.ts';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../command.ts';
import { formatText } from '../output/text.ts';

export const importModelIndexCommand: Command = {
  usage: 'PATH... [--source-url URL] [--paper ID] [--dry-run]',
  options: {
    'source-url': { type: 'string' },
    paper: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  allowPositionals: true,
  async run({ root, values, positionals, stdout, stderr }) {
    if (positionals.length === 0) throw new UsageError('give at least one file or folder to import');
    const sourceUrl = values['source-url'];
    if (sourceUrl !== undefined && (typeof sourceUrl !== 'string' || !/^https?:\/\/\S+$/.test(sourceUrl))) throw new UsageError('--source-url needs a full http(s) URL');
    const paper = values.paper;
    if (paper !== undefined && (typeof paper !== 'string' || paper === '')) throw new UsageError('--paper needs an id');
    const dryRun = values['dry-run'] === true;
    let outcome;
    try {
      outcome = await importModelIndex({ root, paths: positionals, sourceUrl: sourceUrl as string | undefined, paper: paper as string | undefined, dryRun });
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      stderr.write(`pwc import-model-index: ${error.message}\nNothing was written.\n`);
      return EXIT_FINDINGS;
    }
    stdout.write(importReport(outcome, { cwd: process.cwd(), dryRun }));
    if (outcome.findings.length > 0) {
      const texts = new Map(outcome.plan.files.map((f) => [f.path, f.text]));
      const readText = (path: string) => {
        if (texts.has(path)) return texts.get(path);
        try {
          return readFileSync(join(root, path), 'utf8');
        } catch {
          return undefined;
        }
      };
      stdout.write(`\n${formatText(outcome.findings, { readText })}`);
    }
    return outcome.refused ? EXIT_FINDINGS : EXIT_OK;
  },
};
