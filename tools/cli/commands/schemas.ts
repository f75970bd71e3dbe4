// `pwc schemas`: writes schemas/*.schema.json from the model's schemas, or with --check reports stale files.
import { EXIT_FINDINGS, EXIT_OK, type Command } from '../command.ts';
import { findSchemaDrift, writeSchemaFiles } from '../../model/emit-schemas.ts';

export const schemasCommand: Command = {
  usage: '[--check]',
  options: { check: { type: 'boolean' } },
  async run({ root, values, stdout, stderr }) {
    if (values.check) {
      const { stale, extra } = await findSchemaDrift(root);
      if (stale.length === 0 && extra.length === 0) {
        stdout.write('schemas/ is up to date.\n');
        return EXIT_OK;
      }
      for (const path of stale) stderr.write(`${path}: stale or missing\n`);
      for (const path of extra) stderr.write(`${path}: no schema produces this file any more\n`);
      stderr.write('Run "npx pwc schemas" and commit the result.\n');
      return EXIT_FINDINGS;
    }
    const touched = await writeSchemaFiles(root);
    stdout.write(touched.length ? touched.map((p) => `wrote ${p}\n`).join('') : 'schemas/ is up to date.\n');
    return EXIT_OK;
  },
};
