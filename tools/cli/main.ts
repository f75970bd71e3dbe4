// `pwc`: finds the command, parses its arguments, runs it, and maps failures to exit codes.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_USAGE, UsageError } from './command.ts';
import { commands } from './commands/index.ts';

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version') {
    io.stdout.write('pwc 0.1.0\n');
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`pwc: unknown command "${name}"\n\n${help()}`);
    return EXIT_USAGE;
  }
  const command = await entry.load();
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    io.stderr.write(`pwc ${name}: ${(error as Error).message}\nusage: pwc ${name} ${command.usage}\n`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout.write(command.help?.(parsed.positionals) ?? `${entry.summary}\n\nusage: pwc ${name} ${command.usage}\n${command.details ? `\n${command.details}` : ''}`);
    return 0;
  }
  try {
    return await command.run({
      root: resolve(String(parsed.values.root ?? '.')),
      values: parsed.values,
      positionals: parsed.positionals,
      tokens: parsed.tokens,
      stdout: io.stdout,
      stderr: io.stderr,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`pwc ${name}: ${error.message}\nusage: pwc ${name} ${command.usage}\n`);
    } else {
      io.stderr.write(`pwc ${name}: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    return EXIT_USAGE;
  }
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `pwc: tools for the Papers With Code data repository\n\nusage: pwc <command> [--root DIR] [options]\n\ncommands:\n${lines.join('\n')}\n\nRun "pwc <command> --help" for a command's options.\n`;
}
