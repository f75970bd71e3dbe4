// `pwc new <kind> --field value ...`: writes a valid skeleton of a new data file, asking in a terminal for what is missing.
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command, type Options } from '../command.ts';
import { askFields, InputEnded } from '../../format/ask-fields.ts';
import { buildNewFile, invalidFields, missingFields, NEW_FIELDS, NEW_KINDS, allFlags, type FieldValues, type NewKind } from '../../format/new-file.ts';
import { writeNewFile } from '../../format/write-new-file.ts';

const options: Options = Object.fromEntries(
  [...allFlags()].map(([flag, f]) => [flag, f.boolean ? { type: 'boolean' as const } : { type: 'string' as const, multiple: f.multiple }]),
);

function usage(): string {
  return `<${NEW_KINDS.join('|')}> [--field value ...]\n${NEW_KINDS.map((kind) => `  ${kind}: ${NEW_FIELDS[kind].map((s) => (s.required ? `--${s.flag}` : `[--${s.flag}]`) + (s.multiple ? '...' : '')).join(' ')}`).join('\n')}`;
}

export const newCommand: Command = {
  usage: usage(),
  options,
  allowPositionals: true,
  async run(ctx) {
    const [kind, ...extra] = ctx.positionals;
    if (!NEW_KINDS.includes(kind as NewKind)) throw new UsageError(kind ? `"${kind}" is not a kind of file; use one of ${NEW_KINDS.join(', ')}` : 'which kind of file? Give one of ' + NEW_KINDS.join(', '));
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}": values are given with flags, e.g. --name "${extra[0]}"`);
    const k = kind as NewKind;
    const values = Object.fromEntries(Object.entries(ctx.values).filter(([flag]) => flag !== 'root' && flag !== 'help')) as FieldValues;
    const invalid = invalidFields(k, values);
    if (invalid.length > 0) throw new UsageError(invalid.join('\n'));

    const missing = missingFields(k, values);
    if (missing.length > 0) {
      const names = missing.map((s) => `--${s.flag}`).join(', ');
      if (!process.stdin.isTTY) throw new UsageError(`missing required field${missing.length > 1 ? 's' : ''} ${names} (run it in a terminal to be asked for them)`);
      try {
        Object.assign(values, await askFields(missing, process.stdin, ctx.stderr));
      } catch (error) {
        if (error instanceof InputEnded) throw new UsageError(`${error.message}; missing ${names}`);
        throw error;
      }
      const stillInvalid = invalidFields(k, values);
      if (stillInvalid.length > 0) throw new UsageError(stillInvalid.join('\n'));
    }

    const outcome = await writeNewFile(ctx.root, k, buildNewFile(k, values));
    switch (outcome.status) {
      case 'created':
        ctx.stdout.write(`wrote ${outcome.path}\n`);
        break;
      case 'row-added':
        ctx.stdout.write(`added a row to ${outcome.path}\n`);
        break;
      case 'refused':
        ctx.stderr.write(`pwc new: ${outcome.message}\n`);
        return EXIT_FINDINGS;
      case 'invalid':
        for (const p of outcome.problems) ctx.stderr.write(`pwc new: ${outcome.path}: ${p.message}\n  tip: ${p.tip}\n`);
        return EXIT_FINDINGS;
    }
    ctx.stdout.write('Next: fill in the rest, then run `pwc validate` (it checks that every id you named exists).\n');
    return EXIT_OK;
  },
};
