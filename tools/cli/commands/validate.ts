// `pwc validate [--changed-since REF] [--format text|json|github] [--report-file FILE] [--no-cache]`.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { validate } from '../../checks/validate.ts';
import { GitError } from '../../git/run.ts';
import { count } from '../../model/count.ts';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../command.ts';
import { OUTPUT_FORMATS, isOutputFormat, writeFindings } from '../output/index.ts';
import { formatJson } from '../output/json.ts';

export const validateCommand: Command = {
  usage: '[--changed-since REF] [--format text|json|github] [--report-file FILE] [--no-cache]',
  options: {
    'changed-since': { type: 'string' },
    format: { type: 'string' },
    'report-file': { type: 'string' },
    'no-cache': { type: 'boolean' },
  },
  async run(ctx) {
    const format = ctx.values.format ?? 'text';
    if (!isOutputFormat(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${String(format)}"`);
    const since = ctx.values['changed-since'];
    if (since !== undefined && (typeof since !== 'string' || since === '')) throw new UsageError('--changed-since needs a git revision, e.g. origin/main');
    const dataDir = join(ctx.root, 'data');
    if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new UsageError(`there is no data/ folder in ${ctx.root} (use --root DIR to point at a checkout of the data)`);

    let result;
    try {
      result = await validate({ root: ctx.root, changedSince: since as string | undefined, cache: ctx.values['no-cache'] !== true });
    } catch (error) {
      if (error instanceof GitError) throw new UsageError(error.message);
      throw error;
    }
    const readText = (file: string) => {
      try {
        return readFileSync(join(ctx.root, file), 'utf8');
      } catch {
        return undefined;
      }
    };
    // With --changed-since, the findings already at the revision (in files the change leaves as
    // they were) are listed apart and decide nothing: the change is judged by its own.
    const old = new Set(result.preexisting);
    const own = result.findings.filter((f) => !old.has(f));
    const preexisting = since === undefined ? undefined : { findings: result.preexisting, since };
    await writeFindings(format, own, { readText, write: (text) => ctx.stdout.write(text), ...(preexisting ? { preexisting } : {}) });
    if (since !== undefined) ctx.stderr.write(`pwc validate: checked ${count(result.checked.length, 'file')}: those changed since ${since} and those that depend on them\n`);
    const reportFile = ctx.values['report-file'];
    if (typeof reportFile === 'string') {
      const target = resolve(reportFile);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, formatJson(own, result.preexisting));
    }
    return own.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
};
