// The findings of a would-be file, on the project's own data: its own, the new ones it causes elsewhere, none of those already there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildRepository, listDataFiles, readValidFile, withFiles, type Repository, type ValidFile } from '../model/repository.ts';
import { checkFile } from './check-file.ts';
import { checkRepository, locateReports } from './check-repository.ts';
import { compareFindings, type Finding, type Report } from './finding.ts';
import { findingsIfWritten, type WouldBeFile } from './if-written.ts';
import { benchmarkOf, isIdProblem, undeclaredMetric, unknownId } from './known-ids.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const files = await listDataFiles(ROOT);
const valid = new Map(files.map((path) => [path, readValidFile(path, readFileSync(join(ROOT, path)))] as const).filter((e): e is [string, ValidFile] => e[1] !== undefined));
const repo = buildRepository(valid.values());
const now = { files, valid };
const readText = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const TODAY = '2026-12-07';

/** The same question answered the long way: every rule over the whole repository, before and after. */
function fullAnswer(repository: Repository, file: WouldBeFile): Finding[] {
  const own = checkFile(file.path, new TextEncoder().encode(file.text));
  const key = (r: Report) => JSON.stringify([r.rule, r.file, r.at, r.part, r.message]);
  const old = new Set(checkRepository(repository, { today: TODAY, files }).map(key));
  const withIt = withFiles(repository, new Map([[file.path, own.valid]]));
  const added = checkRepository(withIt, { today: TODAY, files: [...new Set([...files, file.path])].sort() }).filter((r) => !old.has(key(r)));
  return [...own.findings, ...locateReports(added, (path) => (path === file.path ? file.text : readText(path)))].sort(compareFindings);
}

const RESULTS = 'data/results/image-classification/imagenet';
/** Would-be files of every kind, touching every cross-file read: references, tips, chains, leaderboards, dates, identities. */
const wouldBe: WouldBeFile[] = [
  { path: 'data/papers/2016/resnet-again.yaml', text: 'title: Deep residual learning for image recognition\ndate: 2016-01-01\narxiv: "1512.03385"\ntasks:\n  - image-clasification\n' },
  { path: 'data/papers/2030/future.yaml', text: 'title: Future\ndate: 2030-01-01\nmethods:\n  - resnet\n  - resnxt\n' },
  { path: 'data/tasks/object-detection.yaml', text: 'name: Object Detection\narea: computer-visoin\nparent: image-classification\n' },
  { path: 'data/tasks/image-classification.yaml', text: 'name: Image Classification\narea: computer-vision\nparent: video-classification\n' },
  { path: 'data/datasets/imagenet-v2.yaml', text: 'name: ImageNet V2\nvariant_of: imagenet\nintroduced_by: deep-residual-learning-for-image-recognition\n' },
  { path: 'data/datasets/imagenet.yaml', text: 'name: ImageNet\nbenchmarks:\n  - task: image-classification\n    metrics:\n      - name: Top 5 Accuracy\n        direction: higher\n' },
  { path: 'data/methods/efficientnet.yaml', text: 'name: EfficientNet\nintroduced_by: efficientnet\n' },
  { path: `${RESULTS}/aggregated-residual-transformations-for-deep-neural-networks.yaml`, text: 'results:\n  - model: ResNeXt-101\n    metrics:\n      Top 1 Accuracy: 0.771\n' },
  { path: `${RESULTS}/new-paper.yaml`, text: 'results:\n  - model: ResNet-50\n    metrics:\n      Top 1 Accuracy: 175.3\n      Top-1 Accuracy: 75.3\n' },
  { path: 'data/results/video-classification/imagenet/deep-residual-learning-for-image-recognition.yaml', text: 'results:\n  - model: X\n    metrics:\n      Top 1 Accuracy: 75.3\n' },
];

describe('findingsIfWritten', () => {
  it.each(wouldBe)('judges only what the change can affect, and finds what the whole run finds: $path', (file) => {
    expect(findingsIfWritten(now, file, TODAY, readText)).toEqual(fullAnswer(repo, file));
  });

  it('the cases above find something, of many rules, also in other files than the one written', () => {
    const found = wouldBe.flatMap((file) => findingsIfWritten(now, file, TODAY, readText).map((f) => ({ ...f, elsewhere: f.file !== file.path })));
    const kinds = new Set(found.map((f) => `${f.rule}${f.elsewhere ? ' (elsewhere)' : ''}`));
    for (const kind of ['duplicate-paper (elsewhere)', 'duplicate-model (elsewhere)', 'unknown-metric (elsewhere)', 'missing-primary-metric (elsewhere)', 'unknown-reference', 'result-path', 'undeclared-benchmark', 'percent-as-fraction', 'metric-out-of-range', 'future-paper']) {
      expect(kinds).toContain(kind);
    }
  });

  it('reports the would-be file\'s findings and the ones it causes in other files, not those already there', () => {
    const path = 'data/papers/2016/resnet-again.yaml';
    const text = 'title: ResNet again\ndate: 2016-01-01\narxiv: "1512.03385"\ntasks:\n  - image-clasification\n';
    const findings = findingsIfWritten(now, { path, text }, TODAY, readText);
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
    const findings = findingsIfWritten(now, { path: 'data/papers/2019/x.yaml', text: 'title: X\ndate: 2019-02-30\n' }, TODAY, readText);
    expect(findings.map((f) => [f.rule, f.tip])).toEqual([['schema', 'February 2019 has 28 days: check the day and the month against the source.']]);
  });

  it('finds nothing for a file the repository accepts', () => {
    expect(findingsIfWritten(now, { path: 'data/tasks/object-detection.yaml', text: 'name: Object Detection\narea: computer-vision\n' }, TODAY, readText)).toEqual([]);
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
