// `pwc import-model-index` as a process, on copies of the repository's data/ in temp git repositories, with real zoo files (fixtures/README.md).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { commitFiles, gitIn } from '../git/testing.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const PWC = join(ROOT, 'tools/cli/bin/pwc.mjs');
const MMPRETRAIN = join(FIXTURES, 'mmpretrain');
const SOURCE = ['--source-url', 'https://github.com/open-mmlab/mmpretrain'];
const RESNET_FILE = 'data/results/image-classification/imagenet/deep-residual-learning-for-image-recognition.yaml';
const RESNEXT_FILE = 'data/results/image-classification/imagenet/aggregated-residual-transformations-for-deep-neural-networks.yaml';

type Run = { code: number; stdout: string; stderr: string };
function pwc(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [PWC, ...args], { cwd, env: { ...process.env, CI: '1' } }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 2) : 0, stdout, stderr }),
    );
  });
}

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A git repository holding a copy of this repository's data/, committed; `edit` changes files first. */
function dataCopy(edit?: (root: string) => void): string {
  const root = temp('pwc-mi-repo-');
  cpSync(join(ROOT, 'data'), join(root, 'data'), { recursive: true });
  edit?.(root);
  commitFiles(root, {}, 'data');
  return root;
}

type Row = { model: string; metrics: Record<string, number>; extra_training_data?: boolean; notes?: string; code?: string; source?: { kind: string; url?: string; ref?: string } };
const rowsOf = (root: string, path: string) => (load(readFileSync(join(root, path), 'utf8')) as { results: Row[] }).results;
const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

/** Every file under data/ with its text: to prove a run changed nothing. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else out.set(p, read(root, p));
    }
  };
  walk('data');
  return out;
}

describe('pwc import-model-index on OpenMMLab model-index files', () => {
  it('adds the ImageNet-1k rows with converted units and a code source, reports CIFAR, and adds nothing the second time', async () => {
    // A comment in the file the rows are added to must stay.
    const root = dataCopy((r) => writeFileSync(join(r, RESNET_FILE), `# Rows checked against the README tables.\n${read(r, RESNET_FILE)}`));
    const before = rowsOf(root, RESNET_FILE);
    const beforeText = read(root, RESNET_FILE);
    const run = await pwc(['import-model-index', '--root', root, MMPRETRAIN, ...SOURCE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const after = rowsOf(root, RESNET_FILE);
    // The rows that were there stay, in their order and text; the new ones follow.
    expect(after.slice(0, before.length)).toEqual(before);
    expect(read(root, RESNET_FILE).startsWith(beforeText)).toBe(true);
    const resnet50 = after.find((r) => r.model === 'resnet50_8xb32_in1k')!;
    expect(resnet50.metrics).toEqual({ 'Top 1 Accuracy': 76.55, 'Top 5 Accuracy': 93.06, 'Number of params': 25.56 });
    expect(resnet50.source).toEqual({ kind: 'code', url: 'https://github.com/open-mmlab/mmpretrain', ref: 'configs/resnet/metafile.yml, model "resnet50_8xb32_in1k"' });
    expect(resnet50.code).toBe('https://github.com/open-mmlab/mmpretrain/blob/v0.15.0/mmcls/models/backbones/resnet.py#L383');
    expect(resnet50.notes).toBe('From the file: Number of params 25.56 (M) converted from Parameters: 25560000.');
    // Trained on ImageNet-1k alone (the collection's Training Data): no extra training data.
    expect(resnet50.extra_training_data).toBeUndefined();
    // The printed precision of the file stays (77.90, not 77.9).
    expect(read(root, RESNEXT_FILE)).toContain('Top 1 Accuracy: 77.90');

    // CIFAR-10 and CIFAR-100 are not datasets of this repository: listed with the reason, not written.
    expect(run.stdout).toMatch(/"resnet18_8xb16_cifar10", Results\[0\]: no dataset of the repository has the id, name, full name or synonym "CIFAR-10"/);
    expect(run.stdout).toMatch(/"resnet50_8xb16_cifar100", Results\[0\]: no dataset of the repository has the id, name, full name or synonym "CIFAR-100"/);
    expect(run.stdout).toMatch(/FLOPs 4120000000: image-classification\/imagenet declares no metric "FLOPs"/);
    expect(existsSync(join(root, 'data/results/image-classification/cifar-10'))).toBe(false);
    expect(run.stdout).toMatch(/^3 rows to add in 2 files, 0 already there, 2 results and 3 values not placed$/m);

    const validate = await pwc(['validate', '--root', root]);
    expect(validate.stdout).toMatch(/^0 errors/m);
    expect(validate.code).toBe(0);

    const written = snapshot(root);
    const again = await pwc(['import-model-index', '--root', root, MMPRETRAIN, ...SOURCE]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^0 rows to add in 0 files, 3 already there/m);
    expect(again.stdout).toMatch(/^Nothing to write\.$/m);
    expect(snapshot(root)).toEqual(written);
  }, 60_000);

  it('follows Import: from model-index.yml and takes the source from the checkout it is in (remote, path, commit)', async () => {
    const zoo = temp('pwc-mi-zoo-');
    cpSync(MMPRETRAIN, zoo, { recursive: true });
    // As OpenMMLab writes a model pre-trained on more data than the benchmark's (e.g. its ViT models).
    const resnext = join(zoo, 'configs/resnext/metafile.yml');
    writeFileSync(resnext, read(zoo, 'configs/resnext/metafile.yml').replace('    Metadata:\n      FLOPs: 4270000000', '    Metadata:\n      Training Data:\n        - ImageNet-21k\n        - ImageNet-1k\n      FLOPs: 4270000000'));
    const commit = commitFiles(zoo, {}, 'zoo');
    gitIn(zoo)('remote', 'add', 'origin', 'git@github.com:open-mmlab/mmpretrain.git');
    const root = dataCopy();
    const run = await pwc(['import-model-index', '--root', root, join(zoo, 'model-index.yml')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^read 3 files \(3 model-index\): 5 results$/m);
    const row = rowsOf(root, RESNEXT_FILE).find((r) => r.model === 'resnext50-32x4d_8xb32_in1k')!;
    expect(row.source).toEqual({ kind: 'code', url: 'https://github.com/open-mmlab/mmpretrain', ref: `configs/resnext/metafile.yml at ${commit.slice(0, 12)}, model "resnext50-32x4d_8xb32_in1k"` });
    expect(row.extra_training_data).toBe(true);
    expect(row.notes).toMatch(/^From the file: trained on ImageNet-21k, ImageNet-1k; Number of params 25\.03 \(M\)/);
  }, 60_000);

  it('converts FLOPs to G where the benchmark declares them so', async () => {
    const root = dataCopy((r) => {
      const path = join(r, 'data/datasets/imagenet.yaml');
      writeFileSync(path, read(r, 'data/datasets/imagenet.yaml').replace('        unit: M\n', '        unit: M\n      - name: FLOPs\n        direction: lower\n        unit: G\n'));
    });
    const run = await pwc(['import-model-index', '--root', root, MMPRETRAIN, ...SOURCE]);
    expect(run.code).toBe(0);
    const row = rowsOf(root, RESNET_FILE).find((r) => r.model === 'resnet50_8xb32_in1k')!;
    expect(row.metrics.FLOPs).toBe(4.12);
    expect(run.stdout).not.toMatch(/FLOPs 4120000000/);
  }, 60_000);

  it('with --dry-run prints the report and writes nothing', async () => {
    const root = dataCopy();
    const before = snapshot(root);
    const run = await pwc(['import-model-index', '--root', root, MMPRETRAIN, ...SOURCE, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^3 rows to add in 2 files/m);
    expect(run.stdout).toMatch(/^Nothing written \(--dry-run\)\.$/m);
    expect(snapshot(root)).toEqual(before);
  }, 60_000);

  it('writes none of the files when one of them would not validate', async () => {
    // A Top 1 Error in percent (lower is better) that a zoo gives as a fraction: the validator's percent-as-fraction refuses it.
    const root = dataCopy((r) => {
      const dataset = join(r, 'data/datasets/imagenet.yaml');
      writeFileSync(dataset, read(r, 'data/datasets/imagenet.yaml').replace('        unit: M\n', '        unit: M\n      - name: Top 1 Error\n        direction: lower\n        unit: "%"\n        min: 0\n        max: 100\n'));
      const results = join(r, RESNEXT_FILE);
      writeFileSync(results, read(r, RESNEXT_FILE).replace('      Top 1 Accuracy: 77.8\n', '      Top 1 Accuracy: 77.8\n      Top 1 Error: 22.2\n').replace('      Top 1 Accuracy: 78.8\n', '      Top 1 Accuracy: 78.8\n      Top 1 Error: 21.2\n'));
    });
    const zoo = temp('pwc-mi-bad-');
    cpSync(MMPRETRAIN, zoo, { recursive: true });
    writeFileSync(join(zoo, 'configs/resnext/metafile.yml'), read(zoo, 'configs/resnext/metafile.yml').replace('          Top 5 Accuracy: 93.66\n', '          Top 5 Accuracy: 93.66\n          Top 1 Error: 0.221\n'));
    const before = snapshot(root);
    const run = await pwc(['import-model-index', '--root', root, zoo, ...SOURCE]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/error percent-as-fraction/);
    expect(run.stdout).toMatch(/^Nothing written: `pwc validate` would report 1 error in the files this import would write\.$/m);
    // The ResNet file, which alone would have validated, is not written either; no staged file is left.
    expect(snapshot(root)).toEqual(before);
    expect(gitIn(root)('status', '--porcelain', '--untracked-files=all')).toBe('');
  }, 60_000);
});

describe('pwc import-model-index on Hub model cards and .eval_results', () => {
  it('reports the fixtures\' Beans and GPQA results as not placed, with the reason', async () => {
    const root = dataCopy();
    const run = await pwc(['import-model-index', '--root', root, join(FIXTURES, 'hub'), '--source-url', 'https://huggingface.co/arcee-ai/Trinity-Large-Preview']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^read 2 files \(1 model card, 1 \.eval_results\): 3 results$/m);
    expect(run.stdout).toMatch(/my-cool-model\/README\.md: model-index\[0\] "my-cool-model", results\[0\]: no dataset of the repository has the id, name, full name or synonym "beans" or "Beans"/);
    expect(run.stdout).toMatch(/gpqa\.yaml: \[0\] Idavidrein\/gpqa \(gpqa_diamond\): no dataset of the repository has the id, name, full name or synonym "Idavidrein\/gpqa" or "gpqa"/);
    expect(run.stdout).toMatch(/^Nothing to write\.$/m);
  }, 60_000);

  it('places a model card\'s result on ImageNet by the dataset\'s synonym and the card\'s arXiv tag; fractions and unknown metrics are reported', async () => {
    const root = dataCopy();
    const card = temp('pwc-mi-card-');
    // Made up for this test, in the Hub's model-index form (see fixtures/README.md).
    writeFileSync(
      join(card, 'README.md'),
      [
        '---',
        'tags:',
        '- image-classification',
        '- arxiv:1611.05431',
        'model-index:',
        '- name: ResNeXt-50 (hub)',
        '  results:',
        '  - task:',
        '      type: image-classification',
        '    dataset:',
        '      type: imagenet-1k',
        '      name: ImageNet-1K',
        '    metrics:',
        '    - type: accuracy',
        '      name: Top 1 Accuracy',
        '      value: 77.62',
        '    - type: top_5_accuracy',
        '      name: Top 5 Accuracy',
        '      value: 0.9371',
        '    - type: accuracy',
        '      name: Accuracy',
        '      value: 0.7762',
        '---',
        '# ResNeXt-50',
        '',
      ].join('\n'),
    );
    const run = await pwc(['import-model-index', '--root', root, card, '--source-url', 'https://huggingface.co/example/resnext50']);
    expect(run.code).toBe(0);
    const row = rowsOf(root, RESNEXT_FILE).find((r) => r.model === 'ResNeXt-50 (hub)')!;
    expect(row.metrics).toEqual({ 'Top 1 Accuracy': 77.62 });
    expect(row.source).toEqual({ kind: 'code', url: 'https://huggingface.co/example/resnext50', ref: 'README.md, model "ResNeXt-50 (hub)"' });
    expect(run.stdout).toMatch(/Top 5 Accuracy 0\.9371: 0\.9371 reads as a fraction of 1 where the unit of "Top 5 Accuracy" is %/);
    expect(run.stdout).toMatch(/Accuracy 0\.7762: image-classification\/imagenet declares no metric "Accuracy" or "accuracy"/);
    expect((await pwc(['validate', '--root', root])).code).toBe(0);
  }, 60_000);

  it('reads an .eval_results file: the dataset by its Hub name, the task from the dataset\'s one benchmark; no metric named is reported', async () => {
    const root = dataCopy();
    const model = temp('pwc-mi-evals-');
    commitFiles(model, { '.eval_results/imagenet.yaml': '- dataset:\n    id: ILSVRC/imagenet-1k\n  value: 81.1\n' }, 'evals');
    const run = await pwc(['import-model-index', '--root', root, model, '--paper', 'aggregated-residual-transformations-for-deep-neural-networks', '--source-url', 'https://huggingface.co/example/net']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/imagenet\.yaml: \[0\] ILSVRC\/imagenet-1k: value 81\.1: the file names no metric, and image-classification\/imagenet declares 3/);
  }, 60_000);

  it('answers usage errors with 2 and an unknown --paper with 1', async () => {
    expect((await pwc(['import-model-index'])).code).toBe(2);
    const root = dataCopy();
    const unknown = await pwc(['import-model-index', '--root', root, join(FIXTURES, 'hub'), '--paper', 'no-such-paper']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/--paper "no-such-paper" is neither a paper nor a source/);
  }, 60_000);
});

describe('pwc import-model-index on broken input', () => {
  it('reports every broken file or value and still imports the rest, without crashing', async () => {
    const root = dataCopy();
    const zoo = temp('pwc-mi-broken-');
    cpSync(MMPRETRAIN, zoo, { recursive: true });
    const files: Record<string, string> = {
      'configs/broken/metafile.yml': 'Models:\n  - Name: [unclosed\n',
      'configs/odd/metafile.yml': 'Models:\n  - Name: odd\n    Paper:\n      Title: Deep Residual Learning for Image Recognition\n    Results:\n      - Task: Image Classification\n        Dataset: ImageNet-1k\n        Metrics:\n          Top 1 Accuracy: N/A\n          Top 5 Accuracy: [1, 2]\n  - Results: nothing\n',
      'lists-missing.yml': 'Import:\n  - configs/nowhere/metafile.yml\n',
      'card/README.md': '---\nmodel-index: [\n---\n',
      'evals/.eval_results/x.yaml': 'dataset: {id: a/b}\nvalue: 1\n',
    };
    for (const [path, text] of Object.entries(files)) {
      const full = join(zoo, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
    writeFileSync(join(zoo, 'configs/binary.yml'), Buffer.from([0, 159, 146, 150, 0, 255]));
    const run = await pwc(['import-model-index', '--root', root, zoo, ...SOURCE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^3 rows to add in 2 files/m);
    expect(run.stdout).toMatch(/configs\/broken\/metafile\.yml: not valid YAML/);
    expect(run.stdout).toMatch(/lists-missing\.yml: its Import names .*configs\/nowhere\/metafile\.yml, which cannot be read/);
    expect(run.stdout).toMatch(/card\/README\.md: front matter is not valid YAML/);
    expect(run.stdout).toMatch(/x\.yaml: not an \.eval_results file: its top is not a list/);
    expect(run.stdout).toMatch(/"odd", Results\[0\]: Top 1 Accuracy N\/A: "N\/A" is not a number/);
    expect(run.stdout).toMatch(/"odd", Results\[0\]: Top 5 Accuracy a list: a list is not a number/);
    expect(run.stdout).toMatch(/configs\/odd\/metafile\.yml: Models\[1\] has no Name/);
  }, 60_000);
});
