// The findings of a would-be file, on the project's own data: its own, the new ones it causes elsewhere, none of those already there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listDataFiles, repositoryOfFiles } from '../model/repository.ts';
import { checkRepository } from './check-repository.ts';
import { findingsIfWritten } from './if-written.ts';
import { benchmarkOf, isIdProblem, undeclaredMetric, unknownId } from './known-ids.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const files = await listDataFiles(ROOT);
const repo = repositoryOfFiles(files.map((path) => [path, readFileSync(join(ROOT, path))] as const));
const readText = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const TODAY = '2026-12-07';

describe('findingsIfWritten', () => {
  it('reports the would-be file\'s findings and the ones it causes in other files, not those already there', () => {
    const path = 'data/papers/2016/resnet-again.yaml';
    const text = 'title: ResNet again\ndate: 2016-01-01\narxiv: "1512.03385"\ntasks:\n  - image-clasification\n';
    const findings = findingsIfWritten(repo, files, { path, text }, TODAY, readText);
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`)).toEqual([
      'data/papers/2015/deep-residual-learning-for-image-recognition.yaml:8:8 warning duplicate-paper',
      `${path}:3:8 warning duplicate-paper`,
      `${path}:5:5 error unknown-reference`,
    ]);
    // The repository's own warning (omnibenchmark's primary metric) was there before: not this file's doing.
    expect(checkRepository(repo, { today: TODAY, files }).some((r) => r.file.includes('omnibenchmark'))).toBe(true);
    expect(findings.some((f) => f.file.includes('omnibenchmark'))).toBe(false);
  });

  it('gives the schema finding of an impossible day, as pwc validate does', () => {
    const findings = findingsIfWritten(repo, files, { path: 'data/papers/2019/x.yaml', text: 'title: X\ndate: 2019-02-30\n' }, TODAY, readText);
    expect(findings.map((f) => [f.rule, f.tip])).toEqual([['schema', 'February 2019 has 28 days: check the day and the month against the source.']]);
  });

  it('finds nothing for a file the repository accepts', () => {
    expect(findingsIfWritten(repo, files, { path: 'data/tasks/object-detection.yaml', text: 'name: Object Detection\narea: computer-vision\n' }, TODAY, readText)).toEqual([]);
  });
});

describe('known ids and metrics', () => {
  it('names a missing id with the closest existing one', () => {
    expect(unknownId(repo, 'task', 'image-classification')).toBeUndefined();
    expect(unknownId(repo, 'task', 'image-clasification')?.tip).toMatch(/^Did you mean "image-classification"\?/);
    expect(unknownId(repo, 'area', 'computer-visoin')?.message).toBe('there is no area "computer-visoin"');
    expect(unknownId(repo, 'paper', 'zzz')?.tip).toBe('Add data/papers/<yyyy>/zzz.yaml first, or correct the id.');
  });

  it('finds a benchmark, or says which ones the dataset declares', () => {
    const benchmark = benchmarkOf(repo, 'image-classification', 'imagenet');
    if (isIdProblem(benchmark)) throw new Error(benchmark.message);
    expect(undeclaredMetric(benchmark, 'image-classification', 'imagenet', 'Top 1 Accuracy')).toBeUndefined();
    expect(undeclaredMetric(benchmark, 'image-classification', 'imagenet', 'top-1 accuracy')?.tip).toMatch(/^Did you mean "Top 1 Accuracy"\? The benchmark declares "Top 1 Accuracy" \(%, higher is better\)/);
    const none = benchmarkOf(repo, 'video-classification', 'imagenet');
    expect(isIdProblem(none) && none.tip).toMatch(/it declares benchmarks for "image-classification"/);
  });
});
