// .ci/run: the README's two commands exactly, after .ci/install-chromium, which installs Debian's
// chromium (with sudo when not root) only when the browser is missing and never fails CI for it.
// The install script runs for real with apt-get, sudo and id stand-ins first on its PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const fake = mkdtempSync(join(tmpdir(), 'pwc-ci-run-'));
afterAll(() => rmSync(fake, { recursive: true, force: true }));
const log = join(fake, 'calls.log');
const tool = (name: string, body: string) => {
  writeFileSync(join(fake, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(fake, name), 0o755);
};
tool('apt-get', `echo "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND)" >> "${log}"; exit "\${FAKE_APT_EXIT:-0}"`);
tool('sudo', `echo "sudo" >> "${log}"; exec "$@"`);
tool('id', 'echo "$FAKE_UID"');

function install(browser: string, env: Record<string, string>) {
  writeFileSync(log, '');
  const { DEBIAN_FRONTEND: _, ...inherited } = process.env; // the script must set it itself
  const run = spawnSync('.ci/install-chromium', [browser], { encoding: 'utf8', env: { ...inherited, PATH: `${fake}:${process.env.PATH}`, ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, calls: readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) };
}

describe('.ci/install-chromium', () => {
  it('does nothing when the browser is there', () => {
    expect(install(process.execPath, { FAKE_UID: '0' })).toEqual({ status: 0, stdout: '', stderr: '', calls: [] });
  });

  it("installs Debian's chromium when it is missing, without recommends and without questions", () => {
    const run = install('/nonexistent/chromium', { FAKE_UID: '0' });
    expect(run.calls).toEqual(['apt-get update (DEBIAN_FRONTEND=)', 'apt-get install -y --no-install-recommends chromium (DEBIAN_FRONTEND=noninteractive)']);
    expect([run.status, run.stdout]).toEqual([0, "Installing Debian's chromium for the browser tests (/nonexistent/chromium is missing)\n"]);
  });

  it('goes through sudo when not root', () => {
    expect(install('/nonexistent/chromium', { FAKE_UID: '1000' }).calls).toEqual([
      'sudo',
      'apt-get update (DEBIAN_FRONTEND=)',
      'sudo',
      'apt-get install -y --no-install-recommends chromium (DEBIAN_FRONTEND=noninteractive)',
    ]);
  });

  it('says so and goes on when it cannot install', () => {
    const run = install('/nonexistent/chromium', { FAKE_UID: '0', FAKE_APT_EXIT: '100' });
    expect([run.status, run.calls, run.stderr]).toEqual([0, ['apt-get update (DEBIAN_FRONTEND=)'], 'Could not install chromium: the browser tests will be skipped\n']);
  });
});

describe('.ci/run', () => {
  it("runs the README's Quick start commands exactly, after installing chromium unless PWC_CHROMIUM names one", () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1];
    const commands = block.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npm ci && npm run build', 'npm test']);
    const script = readFileSync('.ci/run', 'utf8').trim().split('\n');
    expect(script.slice(-3)).toEqual(['if [ -z "${PWC_CHROMIUM:-}" ]; then .ci/install-chromium; fi', ...commands]);
    expect(execFileSync('bash', ['-n', '.ci/run', '.ci/install-chromium', '.ci/install-pandas'], { encoding: 'utf8' })).toBe('');
  });
});
