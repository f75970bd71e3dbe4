// End to end: the real `pwc bundle` as a process writes a bundle whose manifest matches its files,
// replaces a previous bundle atomically, refuses unfit data and unsafe --out folders; the example
// consumer in docs/examples fetches it over HTTP, verifies it and reads it.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from './build.ts';
import { BundleVerifyError, verifyBundleDir } from './read.ts';
import { commitAll, EDGE_REPOSITORY, PROJECT_ROOT, PWC_BIN, tempDir, writeFiles } from './testing.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file, ...args], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const pwc = (args: string[], cwd: string) => run(PWC_BIN, args, cwd);

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

describe('pwc bundle (the CLI as a process)', () => {
  let work: string;
  let repo: string;
  beforeAll(() => {
    work = tempDir();
    repo = join(work, 'repo');
    writeFiles(repo, EDGE_REPOSITORY);
    commitAll(repo);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes the seven files, and manifest.json holds their real sizes and sha256', async () => {
    const result = await pwc(['bundle', '--root', repo, '--out', 'out/bundle'], work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('10 results');
    const out = join(work, 'out', 'bundle');
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'pwc-data.d.ts', 'pwc-data.json', 'pwc-data.json.gz', 'pwc-data.schema.json', 'pwc-results.csv.gz', 'pwc-results.parquet']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    for (const entry of manifest.files) {
      const bytes = readFileSync(join(out, entry.name));
      expect(entry.size, entry.name).toBe(bytes.length);
      expect(entry.sha256, entry.name).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const { data } = await verifyBundleDir(out, ['pwc-data.json', 'pwc-data.json.gz']);
    expect(data.meta.source_commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('writes byte-identical files from another process, and replaces a previous bundle leaving no temporary folder', async () => {
    const first = snapshot(join(work, 'out', 'bundle'));
    const again = await pwc(['bundle', '--root', repo, '--out', join(work, 'out', 'bundle')], PROJECT_ROOT);
    expect(again.code).toBe(0);
    expect(snapshot(join(work, 'out', 'bundle'))).toEqual(first);
    expect(readdirSync(join(work, 'out'))).toEqual(['bundle']);
    // The command reads through the validator (and its cache); buildBundle reads the files itself: same bytes.
    const direct = await buildBundle(repo);
    expect(Object.fromEntries(direct.files.map((f) => [f.name, createHash('sha256').update(f.bytes).digest('hex')]))).toEqual(first);
  });

  it('exits 1 when validation finds errors, naming file, line and column, and leaves the previous bundle untouched', async () => {
    const broken = join(work, 'broken');
    writeFiles(broken, { ...EDGE_REPOSITORY, 'data/results/scoring/bench/paper-c.yaml': 'results:\n  - model: Best\n    metrics: {Score: .nan}\n' });
    const before = snapshot(join(work, 'out', 'bundle'));
    const result = await pwc(['bundle', '--root', broken, '--out', join(work, 'out', 'bundle')], work);
    expect(result.code).toBe(1);
    // The validator's findings, with file, line and column.
    expect(result.stderr).toMatch(/data\/results\/scoring\/bench\/paper-c\.yaml:3:\d+ [a-z-]+: /);
    expect(result.stderr).toContain('nothing was written');
    expect(snapshot(join(work, 'out', 'bundle'))).toEqual(before);
  });

  it('exits 2 and touches nothing when --out is missing or names a folder that is not a bundle', async () => {
    expect((await pwc(['bundle', '--root', repo], work)).code).toBe(2);
    const precious = join(work, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'notes.txt'), 'keep me');
    const result = await pwc(['bundle', '--root', repo, '--out', precious], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing to replace it');
    expect(readdirSync(precious)).toEqual(['notes.txt']);
  });

  it('builds from a folder that is not a git repository, saying so in meta', async () => {
    const plain = join(work, 'plain');
    writeFiles(plain, EDGE_REPOSITORY);
    const result = await pwc(['bundle', '--root', plain, '--out', 'plain-out'], work);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('not a git repository');
    const meta = JSON.parse(readFileSync(join(work, 'plain-out', 'pwc-data.json'), 'utf8')).meta;
    expect(meta).toEqual({ schema_version: '2.1.0', data_version: null, source_commit: null, source_dirty: null });
  });

  it('verifyBundleDir notices a file altered after the build', async () => {
    const out = join(work, 'plain-out');
    const gz = readFileSync(join(out, 'pwc-data.json.gz'));
    gz[gz.length - 5] ^= 0xff;
    writeFileSync(join(out, 'pwc-data.json.gz'), gz);
    await expect(verifyBundleDir(out)).rejects.toThrow(BundleVerifyError);
    await expect(verifyBundleDir(out)).rejects.toThrow(/pwc-data.json.gz has sha256 [0-9a-f]{64}; the manifest says/);
  });
});

describe('docs/examples/consume-bundle.mjs', () => {
  const example = join(PROJECT_ROOT, 'docs', 'examples', 'consume-bundle.mjs');
  let work: string;
  let bundleDir: string;
  let server: Server;
  let base: string;
  /** Bytes to serve instead of the file's own, to play a corrupted download. */
  const overrides = new Map<string, Buffer>();

  beforeAll(async () => {
    work = tempDir();
    writeFiles(join(work, 'repo'), EDGE_REPOSITORY);
    commitAll(join(work, 'repo'));
    bundleDir = join(work, 'bundle');
    expect((await pwc(['bundle', '--root', join(work, 'repo'), '--out', bundleDir], work)).code).toBe(0);
    // Serves like a release: /releases/latest/download/<name> redirects to the asset.
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const latest = /^\/releases\/latest\/download\/([\w.-]+)$/.exec(url.pathname);
      if (latest) {
        res.writeHead(302, { location: `/assets/${latest[1]}` }).end();
        return;
      }
      const asset = /^\/assets\/([\w.-]+)$/.exec(url.pathname);
      const path = asset && join(bundleDir, asset[1]);
      if (!asset || !path || !existsSync(path)) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(overrides.get(asset[1]) ?? readFileSync(path));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases/latest/download/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });

  it('downloads, verifies and reads a leaderboard over HTTP', async () => {
    const result = await run(example, [base, 'scoring/bench'], work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^verified pwc-data 2\.1\.0, data 2024-03-05T06:07:08Z \(commit [0-9a-f]{40}\)\n/);
    expect(result.stdout).toContain('2 areas, 2 tasks, 2 datasets, 2 benchmarks, 1 method, 3 papers, 0 sources, 10 results');
    const board = result.stdout.split('\n').filter((l) => l.startsWith('  '));
    expect(board.map((l) => l.trim().split('\t').slice(0, 3))).toEqual([
      ['1', 'Best', '99.999%'],
      ['2', 'A|B #1', '81.2%'],
      ['2', 'Tied', '81.2%'],
      ['4', 'Tiny', '1e-9%'],
      ['5', 'Zero', '0%'],
      ['6', 'Negative', '-3.5%'],
      ['-', 'No primary', 'n/a'],
    ]);
  });

  it('reads a local folder too', async () => {
    const result = await run(example, [bundleDir, 'erring/bench'], work);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('leaderboard erring/bench by Error:');
  });

  it('refuses a download whose bytes do not match the manifest', async () => {
    const gz = Buffer.from(readFileSync(join(bundleDir, 'pwc-data.json.gz')));
    gz[20] ^= 0x01;
    overrides.set('pwc-data.json.gz', gz);
    try {
      const result = await run(example, [base], work);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^not verified: pwc-data\.json\.gz: sha256 [0-9a-f]{64}, manifest.json says [0-9a-f]{64}\n$/);
      expect(result.stdout).toBe('');
    } finally {
      overrides.clear();
    }
  });

  it('refuses data that does not match the schema, even when the manifest was forged to match', async () => {
    const manifest = JSON.parse(readFileSync(join(bundleDir, 'manifest.json'), 'utf8'));
    const data = JSON.parse(readFileSync(join(bundleDir, 'pwc-data.json'), 'utf8'));
    data.results[0].rank = 0;
    const json = Buffer.from(JSON.stringify(data));
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(json);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    for (const f of manifest.files) {
      if (f.name === 'pwc-data.json') Object.assign(f, { size: json.length, sha256: sha(json) });
      if (f.name === 'pwc-data.json.gz') Object.assign(f, { size: gz.length, sha256: sha(gz) });
    }
    overrides.set('pwc-data.json.gz', gz);
    overrides.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
    try {
      const result = await run(example, [base], work);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('pwc-data.json does not match its schema');
      expect(result.stderr).toContain('/results/0/rank must be >= 1');
    } finally {
      overrides.clear();
    }
  });
});
