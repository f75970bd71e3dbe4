// docs/bundle.md on the flat tables: its columns table is FLAT_COLUMNS, and its examples, taken
// from the marked fenced blocks as written, run on a bundle of the repository's own data: the DuckDB
// queries through DuckDB's npm package, the pandas ones through Python where it has pandas (and
// pyarrow for the Parquet one). The rows they give are checked against pwc-data.json.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from './build.ts';
import { FLAT_COLUMNS, type FlatType } from './flat.ts';
import { duckdbConnection, example, flatTablesSection, PROJECT_ROOT, pythonWith, tempDir } from './testing.ts';
import { writeBundle } from './write.ts';

const section = flatTablesSection();

const TYPE_NAMES: Record<FlatType, string> = { string: 'string', json: 'string (JSON)', double: 'double', boolean: 'boolean', int32: 'int32', date: 'date' };

let dir: string;
let data: any;

beforeAll(async () => {
  dir = tempDir('pwc-flat-docs-');
  await writeBundle(join(dir, 'bundle'), (await buildBundle(PROJECT_ROOT)).files);
  data = JSON.parse(readFileSync(join(dir, 'bundle', 'pwc-data.json'), 'utf8'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BOARD = 'image-classification/imagenet';
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The board's rows, best first: by rank (unranked last), then model, as the examples sort them. */
function boardRows(): any[] {
  const rows = data.results.filter((r: any) => r.benchmark === BOARD);
  return rows.sort((a: any, b: any) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareText(a.model, b.model));
}

describe('docs/bundle.md, the flat tables', () => {
  it('lists every column with its type, whether it may be null and its meaning, in order', () => {
    const table = section
      .split('\n')
      .filter((line) => /^\| `[a-z_]+` \|/.test(line))
      .map((line) => line.slice(2, -2).split(' | '));
    expect(table).toEqual(FLAT_COLUMNS.map((c) => [`\`${c.name}\``, TYPE_NAMES[c.type], c.nullable ? 'yes' : 'no', c.description]));
  });

  it('runs the DuckDB examples as written (through @duckdb/node-api) and gets the leaderboard\'s rows', async (context) => {
    const connection = await duckdbConnection(context);
    if (!connection) return;
    // The examples name the file relative to where they run: DuckDB looks for it in the bundle.
    await connection.run(`SET file_search_path = '${join(dir, 'bundle').replaceAll("'", "''")}'`);
    const query = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjects();

    const primary = data.benchmarks.find((b: any) => b.id === BOARD).primary;
    const unit = data.benchmarks.find((b: any) => b.id === BOARD).metrics.find((m: any) => m.name === primary).unit;
    const dateOf = new Map(data.papers.map((p: any) => [p.id, p.date]));
    const top = boardRows()
      .filter((r) => r.metrics[primary] !== undefined)
      .slice(0, 5)
      .map((r) => ({ rank: r.rank, model: r.model, value: r.metrics[primary], unit, date: r.paper ? dateOf.get(r.paper) : null }));
    expect(top).toHaveLength(5);
    expect(await query(example('duckdb-leaderboard'))).toEqual(top);

    const at224 = data.results
      .filter((r: any) => r.benchmark === BOARD && r.metrics['Top 1 Accuracy'] !== undefined && r.settings.resolution === 224 && !r.extra_training_data)
      .map((r: any) => ({ model: r.model, value: r.metrics['Top 1 Accuracy'] }))
      .sort((a: any, b: any) => b.value - a.value || compareText(a.model, b.model));
    expect(at224.length).toBeGreaterThan(0);
    expect(await query(example('duckdb-settings'))).toEqual(at224);
    connection.closeSync();
  });

  /** The pandas example's output: the five best models of the board, best first, each with its rank. */
  function expectLeaderboardPrinted(output: string): void {
    const lines = output.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^metric +rank +Number of params +Top 1 Accuracy +Top 5 Accuracy$/);
    expect(lines[1]).toMatch(/^model +$/);
    const best = boardRows().slice(0, 5);
    expect(lines.slice(2).map((line) => best.findIndex((r) => new RegExp(`^${r.model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${r.rank} `).test(line)))).toEqual([0, 1, 2, 3, 4]);
  }

  for (const [format, modules, read] of [
    ['CSV', 'pandas', 'pandas-read-csv'],
    ['Parquet', 'pandas, pyarrow', 'pandas-read-parquet'],
  ] as const) {
    it(`runs the pandas example on the ${format} as written and prints the leaderboard`, (context) => {
      const python = pythonWith(modules);
      if (!python) {
        console.warn(`skipped: no python3 here imports ${modules} (Debian: apt-get install python3-pandas; pyarrow has no Debian package in bookworm)`);
        context.skip();
        return;
      }
      const script = `${example(read)}\n${example('pandas-leaderboard')}\n`;
      expectLeaderboardPrinted(execFileSync(python, ['-c', script], { cwd: join(dir, 'bundle'), encoding: 'utf8' }));
    });
  }
});
