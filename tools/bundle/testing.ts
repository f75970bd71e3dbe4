// Test support for the bundle: real data repositories written as YAML files in temp folders,
// optionally made git repositories with a fixed commit date.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The project's root (tools/bundle/../..). */
export const PROJECT_ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');
export const PWC_BIN = join(PROJECT_ROOT, 'tools', 'cli', 'bin', 'pwc.mjs');

export function tempDir(prefix = 'pwc-bundle-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A small repository with edge values (0, negatives, 1e-9, huge numbers), ties, both directions and an unranked row. */
export const EDGE_REPOSITORY: Record<string, string> = {
  'data/areas.yaml': `areas:
  - id: zeta
    name: Zeta
  - id: alpha
    name: Alpha
    description: First area.
`,
  'data/tasks/scoring.yaml': `name: Scoring
area: alpha
synonyms: [Score, Points]
`,
  'data/tasks/erring.yaml': `name: Erring
area: zeta
parent: scoring
description: Lower is better.
`,
  'data/datasets/bench.yaml': `name: Bench
full_name: The Bench
introduced_by: paper-a
introduced_date: 2020-01-01
modalities: [Texts, Images]
benchmarks:
  - task: scoring
    metrics:
      - name: Score
        direction: higher
        unit: '%'
      - name: Params
        direction: lower
    primary: Score
  - task: erring
    metrics:
      - name: Error
        direction: lower
      - name: Extra
        direction: higher
`,
  'data/datasets/bench-small.yaml': `name: Bench small
variant_of: bench
`,
  'data/methods/gadget.yaml': `name: Gadget
introduced_by: paper-a
introduced_year: 2020
`,
  'data/papers/2020/paper-a.yaml': `title: Paper A
authors: [Ann, Bob]
date: 2020-01-01
tasks: [scoring, erring]
methods: [gadget]
datasets: [bench]
code:
  - url: https://example.org/a
    official: true
    framework: jax
  - url: https://example.org/a2
`,
  'data/papers/2021/paper-b.yaml': `title: "Paper B: <script>{{x}}</script>"
date: 2021-06-30
arxiv: '2106.00001'
`,
  'data/papers/2019/paper-c.yaml': `title: Paper C
date: 2019-03-03
`,
  'data/results/scoring/bench/paper-a.yaml': `results:
  - model: Zero
    metrics:
      Score: 0
      Params: 12345678901234567890
  - model: Negative
    metrics:
      Score: -3.5
  - model: Tiny
    metrics:
      Score: 1e-9
      Params: 1.5e+300
    extra_training_data: true
    notes: 'a note # not a comment'
    source: Table 3
`,
  'data/results/scoring/bench/paper-b.yaml': `results:
  - model: "A|B #1"
    metrics:
      Score: 81.20
      Params: 0.30000000000000004
  - model: Tied
    metrics:
      Score: 81.2
    code: https://example.org/tied
  - model: No primary
    metrics:
      Params: 7
`,
  'data/results/scoring/bench/paper-c.yaml': `results:
  - model: Best
    metrics:
      Params: 1
      Score: 99.999
`,
  'data/results/erring/bench/paper-a.yaml': `results:
  - model: Low
    metrics:
      Error: -0.5
  - model: High
    metrics:
      Error: 1e-9
      Extra: 2
  - model: Same
    metrics:
      Error: 1e-9
`,
};

function git(root: string, args: string[], env: Record<string, string> = {}): string {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  return execFileSync('git', args, { cwd: root, env: { ...clean, ...env }, encoding: 'utf8' }).trim();
}

/** Makes root a git repository with everything committed at `date`; returns the commit. */
export function commitAll(root: string, date = '2024-03-05T06:07:08Z', message = 'data'): string {
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '-A']);
  git(root, ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', message], {
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  });
  return git(root, ['rev-parse', 'HEAD']);
}

export function gitHead(root: string): string {
  return git(root, ['rev-parse', 'HEAD']);
}

/** docs/bundle.md's section on the flat tables. */
export function flatTablesSection(): string {
  const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'bundle.md'), 'utf8');
  return doc.slice(doc.indexOf('## The flat tables'), doc.indexOf('## Versioning'));
}

/** The fenced block of that section after `<!-- tested: NAME -->`, as written: what the tests run. */
export function example(name: string): string {
  const match = new RegExp(`<!-- tested: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(flatTablesSection());
  if (!match) throw new Error(`docs/bundle.md has no block marked "tested: ${name}"`);
  return match[1];
}

/** A Python that imports these modules ("pandas, pyarrow"), or undefined: pyenv's python3 first, then Debian's. */
export function pythonWith(modules: string): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0) return python;
  }
  return undefined;
}

/** A DuckDB connection in memory through its npm package, or undefined (the test skipped, saying why) where it does not load. */
export async function duckdbConnection(context: { skip(): void }): Promise<import('@duckdb/node-api').DuckDBConnection | undefined> {
  try {
    const duckdb = await import('@duckdb/node-api');
    return await (await duckdb.DuckDBInstance.create(':memory:')).connect();
  } catch (error) {
    console.warn(`skipped: DuckDB's npm package does not load here (${(error as Error).message})`);
    context.skip();
    return undefined;
  }
}
