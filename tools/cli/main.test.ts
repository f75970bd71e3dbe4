// The command dispatcher: help lists every command, each command loads on demand and answers
// --help with its usage, and unknown commands or options are usage errors (exit 2).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commands } from './commands/index.ts';
import { main } from './main.ts';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  const code = await main(argv, { stdout: stdout as unknown as typeof process.stdout, stderr: stderr as unknown as typeof process.stderr });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('pwc', () => {
  it('lists every command with its summary; without a command it is a usage error', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const c of commands) expect(help.stdout).toMatch(new RegExp(`^  ${c.name} +${c.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect((await run([])).code).toBe(2);
    expect((await run(['--version'])).stdout).toMatch(/^pwc \d+\.\d+\.\d+\n$/);
  });

  it('loads each command when asked for it; its --help gives the summary and the usage line', async () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const c of commands) {
      const command = await c.load();
      expect(typeof command.run).toBe('function');
      const help = await run([c.name, '--help']);
      expect(help.code, c.name).toBe(0);
      expect(help.stdout).toBe(`${c.summary}\n\nusage: pwc ${c.name} ${command.usage}\n${command.details ? `\n${command.details}` : ''}`);
    }
  });

  it('refuses an unknown command or option with exit 2, naming it', async () => {
    const unknown = await run(['valdiate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "valdiate"');
    const badOption = await run(['validate', '--no-such-option']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/^pwc validate: .*no-such-option[\s\S]*usage: pwc validate /);
  });
});
