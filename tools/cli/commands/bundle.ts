// `pwc bundle --out DIR`: validates --root, builds the published JSON bundle from the valid data and
// writes it to DIR atomically. Nothing is written when validation finds errors. What the last
// bundle of --root left in .pwc-cache/bundle is reused (only what changed is built again).
import { relative, resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../command.ts';
import { buildBundleIncrementally, BundleError, BundleOutputError, readGitState, writeBundle } from '../../bundle/index.ts';
import { validate } from '../../checks/validate.ts';
import { count } from '../../model/count.ts';

/** Errors shown before pointing to `pwc validate` for the rest. */
const SHOWN_ERRORS = 20;

export const bundleCommand: Command = {
  usage: '--out DIR   (DIR relative to the current directory; replaced whole, only if empty or a previous bundle)',
  options: { out: { type: 'string' } },
  async run({ root, values, stdout, stderr }) {
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out DIR is required');
    const out = resolve(values.out);
    const [validation, git] = await Promise.all([validate({ root }), readGitState(root)]);
    const errors = validation.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      const shown = errors.slice(0, SHOWN_ERRORS).map((f) => `  ${f.file}:${f.line}:${f.column} ${f.rule}: ${f.message}\n`);
      stderr.write(
        `pwc bundle: the data has ${count(errors.length, 'error')}; nothing was written.\n${shown.join('')}` +
          `${errors.length > shown.length ? `  ... and ${errors.length - shown.length} more\n` : ''}Run "npx pwc validate" for every finding and how to fix it.\n`,
      );
      return EXIT_FINDINGS;
    }
    let bundle;
    try {
      bundle = await buildBundleIncrementally({ root, paths: validation.checked, ...git, repository: () => validation.repository });
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      stderr.write(`pwc bundle: ${error.message}\nNothing was written.\n`);
      return EXIT_FINDINGS;
    }
    try {
      await writeBundle(out, bundle.files);
    } catch (error) {
      if (error instanceof BundleOutputError) throw new UsageError(error.message);
      throw error;
    }
    const { counts, source_commit, schema_version } = bundle.manifest;
    const shown = relative(process.cwd(), out) || '.';
    stdout.write(
      `wrote ${shown}/ (schema ${schema_version}, ${source_commit ? `commit ${source_commit.slice(0, 12)}` : 'not a git repository'}): ` +
        `${Object.entries(counts).map(([kind, n]) => count(n, kind.slice(0, -1), kind)).join(', ')}\n` +
        bundle.manifest.files.map((f) => `  ${f.name}  ${f.size} bytes  sha256 ${f.sha256}\n`).join(''),
    );
    return EXIT_OK;
  },
};
