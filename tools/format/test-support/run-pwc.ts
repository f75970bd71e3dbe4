// Runs the real `pwc` executable as a child process (stdin a pipe, never a terminal), for end-to-end tests.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const PWC = fileURLToPath(new URL('../../cli/bin/pwc.mjs', import.meta.url));

const run = promisify(execFile);

export async function runPwc(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [PWC, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
