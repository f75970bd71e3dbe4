// The edits the benchmark makes to the synthetic repository between runs, as a pull request would:
// each keeps the data valid and changes the bytes of the files it names.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse, stringify } from 'yaml';
import { seededRandom } from './synthetic-repo.ts';

/** Changes one metric value of the last result file, so exactly the pages showing it change. */
export function changeOneResult(root: string): string {
  const last = (dir: string): string => {
    const entry = readdirSync(dir).sort().pop()!;
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? last(path) : path;
  };
  const path = last(join(root, 'data', 'results'));
  const text = readFileSync(path, 'utf8');
  const changed = text.replace(/^(\s+[^:\n]+: )(-?\d+(?:\.\d+)?)$/m, (_, key: string, value: string) => `${key}${Math.round((Number(value) + 0.01) * 100) / 100}`);
  if (changed === text) throw new Error(`no metric value to change in ${path}`);
  writeFileSync(path, changed);
  return path;
}

/**
 * Ten edits a pull request could make, all keeping the data valid: four result values, two
 * abstracts, a dataset, a task and a method description, and a new method.
 */
export function changeTenFiles(root: string, seed: number): string[] {
  const rand = seededRandom(seed * 7919 + 1);
  const list = (dir: string): string[] => (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`).sort();
  const pickFrom = (files: string[], n: number) => {
    const out = new Set<string>();
    while (out.size < Math.min(n, files.length)) out.add(files[Math.floor(rand() * files.length)]);
    return [...out];
  };
  const edit = (path: string, change: (text: string) => string) => {
    const full = join(root, path);
    const before = readFileSync(full, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${path} changed nothing`);
    writeFileSync(full, after);
  };
  const changed: string[] = [];
  for (const path of pickFrom(list('data/results'), 4)) {
    edit(path, (t) => t.replace(/^(\s+[^:\n]+: )(\d+(?:\.\d+)?)$/m, (_, key: string, v: string) => `${key}${Math.round((Number(v) - 0.01) * 100) / 100}`));
    changed.push(path);
  }
  const appendTo = (field: string) => (t: string) => t.replace(new RegExp(`^(${field}: .*?)(")?$`, 'm'), (_, line: string, quote = '') => `${line} Revised${quote}`);
  for (const path of pickFrom(list('data/papers'), 2)) {
    edit(path, appendTo('abstract'));
    changed.push(path);
  }
  for (const dir of ['data/datasets', 'data/tasks', 'data/methods']) {
    const [path] = pickFrom(list(dir), 1);
    edit(path, appendTo('description'));
    changed.push(path);
  }
  writeFileSync(join(root, 'data/methods/bench-new-method.yaml'), 'name: Bench New Method\ndescription: Added by the benchmark.\n');
  changed.push('data/methods/bench-new-method.yaml');
  return changed;
}

/**
 * Makes the last result file's first row a new state of the art on its leaderboard: its primary
 * metric just beyond the board's best (within the metric's bounds). Returns the file's path.
 */
export function newStateOfTheArt(root: string): string {
  const path = changeOneResult(root);
  const [task, dataset] = relative(join(root, 'data', 'results'), path).split(sep);
  const benchmark = (parse(readFileSync(join(root, 'data', 'datasets', `${dataset}.yaml`), 'utf8')).benchmarks as Benchmark[]).find((b) => b.task === task)!;
  const metric = benchmark.metrics.find((m) => m.name === benchmark.primary) ?? benchmark.metrics[0];
  const board = join(root, 'data', 'results', task, dataset);
  const values = readdirSync(board).flatMap((f) => (parse(readFileSync(join(board, f), 'utf8')).results as { metrics: Record<string, number> }[]).map((r) => r.metrics[metric.name]));
  const known = values.filter((v) => Number.isFinite(v));
  const higher = metric.direction === 'higher';
  const best = known.length === 0 ? 50 : higher ? Math.max(...known) : Math.min(...known);
  let value = Math.round((higher ? best + 0.01 : best - 0.01) * 100) / 100;
  if (metric.max !== undefined) value = Math.min(value, metric.max);
  if (metric.min !== undefined) value = Math.max(value, metric.min);
  const data = parse(readFileSync(path, 'utf8'));
  data.results[0].metrics[metric.name] = value;
  writeFileSync(path, stringify(data, { lineWidth: 0 }));
  return path;
}

interface Benchmark {
  task: string;
  primary?: string;
  metrics: { name: string; direction: 'higher' | 'lower'; min?: number; max?: number }[];
}
