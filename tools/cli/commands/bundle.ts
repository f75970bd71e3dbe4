// `pwc bundle --out DIR`: builds the published JSON bundle of --root and writes it to DIR atomically.
import { relative, resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../command.ts';
import { buildBundle, BundleError, BundleOutputError, writeBundle } from '../../bundle/index.ts';

export const bundleCommand: Command = {
  name: 'bundle',
  summary: 'Write the JSON bundle a release publishes (pwc-data.json[.gz], schema, types, manifest) to --out',
  usage: '--out DIR',
  options: { out: { type: 'string' } },
  async run({ root, values, stdout, stderr }) {
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out DIR is required');
    const out = resolve(values.out);
    let bundle;
    try {
      bundle = await buildBundle(root);
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      stderr.write(`pwc bundle: ${error.message}\nNothing was written. Run "npx pwc validate" and fix the data first.\n`);
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
        `${Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(', ')}\n` +
        bundle.manifest.files.map((f) => `  ${f.name}  ${f.size} bytes  sha256 ${f.sha256}\n`).join(''),
    );
    return EXIT_OK;
  },
};
