// The validator's cache: unchanged files are not read again, a change of content or tools is seen,
// and a corrupt, truncated or foreign cache is ignored (the run is then as without a cache).
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRepository } from '../../bench/synthetic-repo.ts';
import { CACHE_DIR, loadCache, toolsKey } from './cache.ts';
import { cacheIndexPath, damageCacheSection } from './cache-testing.ts';
import { writeSections } from './section-file.ts';
import { validate } from './validate.ts';

const TODAY = '2025-06-01';
const SCALE = { papers: 60, results: 40, datasets: 10, tasks: 6, methods: 8 };
let root: string;

function setAllTimes(dir: string, when: Date): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) setAllTimes(full, when);
    else utimesSync(full, when, when);
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pwc-cache-'));
  writeSyntheticRepository(root, SCALE, 3);
  setAllTimes(join(root, 'data'), new Date('2020-01-01T00:00:00Z'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const paperPath = () => {
  const year = readdirSync(join(root, 'data/papers'))[0];
  return `data/papers/${year}/${readdirSync(join(root, 'data/papers', year))[0]}`;
};

describe('the validation cache', () => {
  it('trusts size and mtime: an unchanged file is not read again', async () => {
    const cold = await validate({ root, today: TODAY, workers: 1 });
    expect(cold.findings).toEqual([]);
    expect(loadCache(root, toolsKey())?.size).toBe(cold.checked.length);

    // Same size, same mtime, other content: only a run that reads the file sees the change.
    const path = paperPath();
    const text = readFileSync(join(root, path), 'utf8');
    const sneaky = text.replace(/^date: (\d{4})/m, (_, y: string) => `date: ${String(Number(y) + 20)}`);
    expect(sneaky.length).toBe(text.length);
    writeFileSync(join(root, path), sneaky);
    utimesSync(join(root, path), new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    expect((await validate({ root, today: TODAY, workers: 1 })).findings).toEqual([]);
    const uncached = await validate({ root, today: TODAY, cache: false, workers: 1 });
    expect(uncached.findings.map((f) => f.rule).sort()).toEqual(['future-paper', 'paper-year-folder']);

    // A real edit (new mtime) is seen, and the cache learns it.
    writeFileSync(join(root, path), sneaky);
    expect((await validate({ root, today: TODAY, workers: 1 })).findings).toEqual(uncached.findings);
    writeFileSync(join(root, path), text);
    expect((await validate({ root, today: TODAY, workers: 1 })).findings).toEqual([]);
  });

  it('gives the same findings and repository when nothing changed (the whole-repository check is remembered)', async () => {
    const path = paperPath();
    writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8').replace(/^title: .*$/m, 'title: Shared Title'));
    const other = readdirSync(join(root, 'data/methods'))[0];
    writeFileSync(join(root, 'data/methods', other), `${readFileSync(join(root, 'data/methods', other), 'utf8')}introduced_by: no-such-paper\n`);
    const first = await validate({ root, today: TODAY, workers: 1 });
    const second = await validate({ root, today: TODAY, workers: 1 });
    expect(first.findings.length).toBeGreaterThan(0);
    expect(second.findings).toEqual(first.findings);
    expect(second.repository.papers.size).toBe(first.repository.papers.size);
    expect(second.repository.results.size).toBe(SCALE.results);
    // Another day is another check (future-paper depends on it).
    const later = await validate({ root, today: '1990-01-01', workers: 1 });
    expect(later.findings.length).toBeGreaterThan(first.findings.length);
  });

  it('names the files of one folder, not those of its subfolders', async () => {
    await validate({ root, today: TODAY, workers: 1 });
    const cache = loadCache(root, toolsKey())!;
    const yamlIn = (folder: string) => new Set(readdirSync(join(root, folder)).filter((n) => n.endsWith('.yaml')));
    expect(cache.namesIn('data/methods')).toEqual(yamlIn('data/methods'));
    expect(cache.namesIn('data')).toEqual(new Set(['areas.yaml']));
    const task = readdirSync(join(root, 'data/results'))[0];
    expect(cache.namesIn(`data/results/${task}`)).toEqual(new Set());
    const dataset = readdirSync(join(root, 'data/results', task))[0];
    expect(cache.namesIn(`data/results/${task}/${dataset}`)).toEqual(yamlIn(`data/results/${task}/${dataset}`));
    expect(cache.namesIn('data/nowhere')).toEqual(new Set());
  });

  it('is tied to the tool sources', () => {
    expect(loadCache(root, toolsKey())).toBeDefined();
    expect(loadCache(root, 'other-tools')).toBeUndefined();
  });

  it('ignores a corrupt, truncated or foreign cache', async () => {
    writeSyntheticRepository(root, SCALE, 3); // undoes the edits above
    const expected = (await validate({ root, today: TODAY, cache: false, workers: 1 })).findings;
    const dir = join(root, CACHE_DIR);
    const index = cacheIndexPath(root);
    const pack = () => join(dir, readdirSync(dir).find((n) => n.startsWith('data-'))!);

    // Damaged records in the pack (same size): the files are read again.
    await validate({ root, today: TODAY, workers: 1 });
    const bytes = readFileSync(pack());
    writeFileSync(pack(), Buffer.alloc(bytes.length, 0x7b));
    rmSync(join(root, 'data/areas.yaml')); // forces the whole-repository check, which needs the records
    const damaged = await validate({ root, today: TODAY, workers: 1 });
    expect(damaged.findings).toEqual((await validate({ root, today: TODAY, cache: false, workers: 1 })).findings);
    writeSyntheticRepository(root, SCALE, 3); // restores areas.yaml

    for (const corrupt of [
      () => writeFileSync(index, 'not a cache at all'),
      () => {
        const fd = openSync(index, 'w');
        writeSections(fd, { format: 'something-else', version: 1 }, { paths: 'x' });
        closeSync(fd);
      },
      () => writeFileSync(index, Buffer.concat([readFileSync(index).subarray(0, 12), Buffer.from('{"endian":')])),
      () => writeFileSync(index, readFileSync(index).subarray(0, 100)),
      () => writeFileSync(pack(), readFileSync(pack()).subarray(0, 10)),
      () => rmSync(pack()),
    ]) {
      await validate({ root, today: TODAY, workers: 1 });
      corrupt();
      expect(loadCache(root, toolsKey())).toBeUndefined();
      expect((await validate({ root, today: TODAY, workers: 1 })).findings).toEqual(expected);
      // and the run wrote a good cache again
      expect(loadCache(root, toolsKey())).toBeDefined();
    }
    // The planner's half alone damaged (the key table's offsets point past its text): the files half
    // still serves full runs, and --changed-since reads everything instead (validate-incremental.test.ts runs that path).
    await validate({ root, today: TODAY, workers: 1 });
    damageCacheSection(root, 'keys.ends');
    const cache = loadCache(root, toolsKey());
    expect(cache).toBeDefined();
    expect(cache?.dependencyIndex()).toBeUndefined();
    expect((await validate({ root, today: TODAY, workers: 1 })).findings).toEqual(expected);
  });
});
