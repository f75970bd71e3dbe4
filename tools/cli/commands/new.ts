// `pwc new <kind> --field value ...`: writes a new data file that `pwc validate` accepts, checking ids and metrics against the repository and asking in a terminal for what is missing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataNow } from '../../checks/data-now.ts';
import { WrittenFileJudge } from '../../checks/if-written.ts';
import { askFields, InputEnded } from '../../format/ask-fields.ts';
import { buildNewFile, invalidFields, missingFields, NEW_FIELDS, NEW_KINDS, allFlags, type FieldSpec, type FieldValues, type NewKind } from '../../format/new-file.ts';
import { questionsIn, valueProblems, type Refusal } from '../../format/new-questions.ts';
import { planNewFile, writePlanned } from '../../format/write-new-file.ts';
import { count } from '../../model/count.ts';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command, type Options } from '../command.ts';
import { formatText } from '../output/text.ts';

const options: Options = Object.fromEntries(
  [...allFlags()].map(([flag, f]) => [flag, f.boolean ? { type: 'boolean' as const } : { type: 'string' as const, multiple: f.multiple }]),
);

const flagUsage = (s: FieldSpec) => `--${s.flag}${s.value ? ` ${s.value}` : ''}`;

function kindUsage(kind: NewKind): string {
  return NEW_FIELDS[kind].map((s) => (s.required ? flagUsage(s) : `[${flagUsage(s)}]`) + (s.multiple ? '...' : '')).join(' ');
}

function usage(): string {
  return `<${NEW_KINDS.join('|')}> [--field value ...]\n${NEW_KINDS.map((kind) => `  ${kind}: ${kindUsage(kind)}`).join('\n')}\nRun "pwc new <kind> --help" for what each field means.`;
}

const KIND_HELP: Record<NewKind, string> = {
  paper: 'data/papers/<year>/<id>.yaml: one paper, with its date, authors, links, and the tasks, methods and datasets it is about. Add the paper before its results.',
  task: 'data/tasks/<id>.yaml: a task (e.g. Image Classification) in a research area of data/areas.yaml.',
  dataset: 'data/datasets/<id>.yaml: a dataset; with --task and --metric, the benchmark (a leaderboard) it declares for that task.',
  method: 'data/methods/<id>.yaml: a method (an architecture, a training technique), optionally with the paper that introduced it.',
  result: 'data/results/<task>/<dataset>/<paper>.yaml: one row of what a paper reports on a benchmark. Another model of the same paper on the same benchmark becomes another row of that file.',
};

/** `pwc new <kind> --help`: what the kind is, and each field's meaning and form. */
function kindHelp(kind: NewKind): string {
  const lines = [`pwc new ${kind}: write ${KIND_HELP[kind]}`, '', `usage: pwc new ${kind} ${kindUsage(kind)}`, '', 'fields:'];
  for (const s of NEW_FIELDS[kind]) {
    const tags = [s.required ? 'required' : '', s.multiple ? 'repeatable: one value per flag' : '', s.ask && !s.required ? 'asked in a terminal' : ''].filter(Boolean);
    lines.push(`  ${flagUsage(s)}${tags.length ? `  (${tags.join('; ')})` : ''}`, `      ${s.help}`);
  }
  const ids = NEW_FIELDS[kind].filter((s) => s.refers).map((s) => `--${s.flag}`);
  lines.push('');
  if (ids.length > 0) lines.push(`${ids.join(', ')} must name what exists in data/: pwc new refuses an unknown id and suggests the closest one.`);
  if (kind === 'result') lines.push('--metric names must be those the dataset\'s benchmark declares for the task, values in the declared unit.');
  lines.push(
    'In a terminal, pwc new asks for the required fields and those marked "asked in a terminal" that you did not',
    'give (Enter skips an optional one). Elsewhere (a pipe, CI) it never asks: give at least the required flags.',
    'It writes nothing when `pwc validate` would reject the file, and never overwrites one.',
  );
  return `${lines.join('\n')}\n`;
}

/** The flags that give `values`, for a shell: so a refused session can be run again without retyping. */
function commandLine(kind: NewKind, values: FieldValues): string {
  const quote = (text: string) => (/^[\w./:=@+-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`);
  const flags = NEW_FIELDS[kind].flatMap((s) => {
    const value = values[s.flag];
    if (value === true) return [`--${s.flag}`];
    return (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []).map((v) => `--${s.flag} ${quote(String(v))}`);
  });
  return ['npx pwc new', kind, ...flags].join(' ');
}

const givenFields = (kind: NewKind, values: FieldValues) => NEW_FIELDS[kind].filter((s) => values[s.flag] !== undefined && values[s.flag] !== false);

export const newCommand: Command = {
  usage: usage(),
  options,
  allowPositionals: true,
  help: (positionals) => (NEW_KINDS.includes(positionals[0] as NewKind) ? kindHelp(positionals[0] as NewKind) : undefined),
  async run(ctx) {
    const [kind, ...extra] = ctx.positionals;
    if (!NEW_KINDS.includes(kind as NewKind)) throw new UsageError(kind ? `"${kind}" is not a kind of file; use one of ${NEW_KINDS.join(', ')}` : 'which kind of file? Give one of ' + NEW_KINDS.join(', '));
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}": values are given with flags, e.g. --name "${extra[0]}"`);
    const k = kind as NewKind;
    const values = Object.fromEntries(Object.entries(ctx.values).filter(([flag]) => flag !== 'root' && flag !== 'help')) as FieldValues;
    const invalid = invalidFields(k, values);
    if (invalid.length > 0) throw new UsageError(invalid.join('\n'));

    const interactive = process.stdin.isTTY === true;
    const missing = missingFields(k, values);
    if (missing.length > 0 && !interactive) {
      throw new UsageError(`missing required ${missing.length > 1 ? 'fields' : 'field'} ${missing.map((s) => `--${s.flag}`).join(', ')} (run it in a terminal to be asked for them; "pwc new ${k} --help" says what each means)`);
    }

    // Through the validator's cache: the files changed since the last `pwc validate` are read.
    const data = await readDataNow(ctx.root);
    const { repo } = data;
    const present = { files: data.files };
    const refuse = (problems: ReturnType<typeof valueProblems>) => {
      for (const p of problems) ctx.stderr.write(`pwc new: --${p.flag} "${p.value}": ${p.message}\n  tip: ${p.tip}\n`);
      ctx.stderr.write('pwc new: nothing written.\n');
      return EXIT_FINDINGS;
    };
    const given = valueProblems(repo, k, values, present);
    if (given.length > 0) return refuse(given);

    // The validator's own checks on the would-be file: pwc new writes nothing pwc validate would reject.
    const readDisk = (path: string) => {
      try {
        return readFileSync(join(ctx.root, path), 'utf8');
      } catch {
        return undefined;
      }
    };
    const judge = new WrittenFileJudge(data, new Date().toISOString().slice(0, 10), readDisk);
    const refusal: Refusal = async (answers, metric) => {
      const plan = await planNewFile(ctx.root, k, buildNewFile(k, answers));
      if (plan.status === 'refused') return undefined; // said once every answer is in
      const error = judge.findings(plan).find((f) => f.severity === 'error' && f.file === plan.path && f.message.includes(`"${metric}"`));
      return error && `${error.message}. ${error.tip}`;
    };

    if (interactive) {
      const given = new Set(givenFields(k, values));
      const toAsk = NEW_FIELDS[k].filter((s) => !given.has(s) && (s.required || s.ask));
      try {
        Object.assign(values, await askFields(toAsk, process.stdin, ctx.stderr, questionsIn(repo, k, { ...values }, refusal, present)));
      } catch (error) {
        if (error instanceof InputEnded) throw new UsageError(`${error.message}; nothing written`);
        throw error;
      }
      const stillInvalid = [...invalidFields(k, values), ...missingFields(k, values).map((s) => `--${s.flag} is required`)];
      if (stillInvalid.length > 0) throw new UsageError(stillInvalid.join('\n'));
      // Flags given with answers (e.g. --metric with the dataset asked) are checked together.
      const answered = valueProblems(repo, k, values, present);
      if (answered.length > 0) return refuse(answered);
    }

    const plan = await planNewFile(ctx.root, k, buildNewFile(k, values));
    if (plan.status === 'refused') {
      ctx.stderr.write(`pwc new: ${plan.message}\n`);
      return EXIT_FINDINGS;
    }
    const readText = (path: string) => (path === plan.path ? plan.text : readDisk(path));
    const findings = judge.findings(plan);
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (errors > 0) {
      ctx.stderr.write(`pwc new: nothing written: \`pwc validate\` would report ${count(errors, 'error')} in ${plan.path}:\n\n${formatText(findings, { readText })}`);
      if (interactive) ctx.stderr.write(`\nTo try again with your answers, correct this command and run it:\n  ${commandLine(k, values)}\n`);
      return EXIT_FINDINGS;
    }
    if (findings.length > 0) ctx.stderr.write(`pwc new: \`pwc validate\` will warn about ${plan.path}:\n\n${formatText(findings, { readText })}\n`);

    const outcome = await writePlanned(ctx.root, plan);
    if (outcome.status === 'refused') {
      ctx.stderr.write(`pwc new: ${outcome.message}\n`);
      return EXIT_FINDINGS;
    }
    ctx.stdout.write(outcome.status === 'created' ? `wrote ${outcome.path}\n` : `added a row to ${outcome.path}\n`);
    // What the terminal would have said on skipping a field a reviewer wants (e.g. the source).
    if (!interactive) for (const s of NEW_FIELDS[k]) if (s.onSkip && values[s.flag] === undefined) ctx.stderr.write(`pwc new: note: no --${s.flag}: ${s.onSkip}\n`);
    ctx.stdout.write('Next: open the file, complete what is missing, then run `pwc validate`.\n');
    return EXIT_OK;
  },
};
