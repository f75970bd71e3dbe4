// `pwc import-pwc` as a process: the unit fixtures in one command (plain lines on stderr in CI), usage errors, a bad dump.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const PWC = join(ROOT, 'tools/cli/bin/pwc.mjs');

function pwc(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [PWC, ...args], { cwd: ROOT, env: { ...process.env, CI: '1' } }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 2) : 0, stdout, stderr }),
    );
  });
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pwc-import-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pwc import-pwc', () => {
  it('imports every dump in one command and prints the accounting', async () => {
    const out = join(work, 'out');
    const tables = join(work, 'tables.json.gz');
    writeFileSync(tables, gzipSync(readFileSync(join(FIXTURES, 'evaluation-tables.json'))));
    const result = await pwc([
      'import-pwc', '--out', out,
      '--evaluation-tables', tables, join(FIXTURES, 'more-evaluation-tables.json'),
      '--papers', join(FIXTURES, 'papers.json'), '--links', join(FIXTURES, 'links.json'),
      '--datasets', join(FIXTURES, 'datasets.json'), '--methods', join(FIXTURES, 'methods.json'),
    ]);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8'));
    expect(result.stdout).toContain(`rows: ${report.rows.total} = ${report.rows.imported} imported + ${report.rows.reported} reported`);
    expect(result.stdout).toMatch(/validation: 0 errors/);
    // plain progress lines in CI: no carriage returns or escape codes
    expect(result.stderr).toMatch(/^evaluation tables tables\.json\.gz: 3 entries in /m);
    expect(result.stderr).not.toMatch(/\r|\u001b/);
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await pwc(['import-pwc', '--evaluation-tables', 'x.json'])).code).toBe(2);
    const noTables = await pwc(['import-pwc', '--out', join(work, 'x')]);
    expect(noTables.code).toBe(2);
    expect(noTables.stderr).toMatch(/--evaluation-tables FILE\.\.\. is required/);
    const help = (await pwc(['import-pwc', '--help'])).stdout;
    expect(help).toMatch(/usage: pwc import-pwc --out DIR --evaluation-tables FILE\.\.\. \[--papers FILE\.\.\.\]/);
    expect(help).toMatch(/Parquet \(\.parquet\)/);
    expect(help).toMatch(/pwc-archive datasets evaluation-tables/);
  });

  it('answers a missing dump with exit code 1, naming it, and writes nothing', async () => {
    const out = join(work, 'none');
    const result = await pwc(['import-pwc', '--out', out, '--evaluation-tables', join(work, 'missing.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/missing\.json: cannot read the file: ENOENT/);
    expect(existsSync(out)).toBe(false);
  });
});
