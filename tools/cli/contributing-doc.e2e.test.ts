// CONTRIBUTING.md says what the tools do, checked by running them: its `pwc new` commands write the
// files it shows, its `pwc validate` example prints exactly what the guide shows, and the review
// comment it quotes is what `pwc review` writes for the pull request it describes, and the labels it
// names are the bot's (issue #12, item 13).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runPwc } from '../format/test-support/run-pwc.ts';
import { commitFiles, gitIn } from '../git/testing.ts';
import { MANAGED_LABELS } from '../review/actions.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const GUIDE = readFileSync(join(REPO, 'CONTRIBUTING.md'), 'utf8');

interface Block {
  lang: string;
  body: string;
}

/** The fenced code blocks of a Markdown text, in order. */
function fencedBlocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], body: m[2] }));
}

/** The words of one shell command line, with '…' and "…" quoting (enough for the guide's commands). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) {
      break;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The `npx pwc …` commands of the guide's sh blocks, as argument lists after `pwc`. */
function pwcCommands(markdown: string): string[][] {
  return fencedBlocks(markdown)
    .filter((b) => b.lang === 'sh')
    .flatMap((b) => b.body.replace(/\\\n\s*/g, '').split('\n'))
    .map(shellWords)
    .filter((w) => w[0] === 'npx' && w[1] === 'pwc')
    .map((w) => w.slice(2));
}

/** The guide's YAML blocks that start with `# data/…yaml`: path -> the file's text below that line. */
function shownFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const b of fencedBlocks(markdown)) {
    const m = /^# (data\/\S+\.yaml)\n/.exec(b.body);
    if (b.lang === 'yaml' && m) files.set(m[1], b.body.slice(m[0].length));
  }
  return files;
}

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A temp folder holding a copy of the repository's data/. */
function copyOfData(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  roots.push(root);
  cpSync(join(REPO, 'data'), join(root, 'data'), { recursive: true });
  return root;
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const MY_PAPER = 'title: My Paper\ndate: 2024-01-15\ntasks:\n  - image-classification\ndatasets:\n  - imagenet\n';

describe('CONTRIBUTING.md', () => {
  it('walks through commands that write the files it shows (steps 2 to 5)', async () => {
    const shown = shownFiles(GUIDE);
    expect([...shown.keys()]).toEqual([
      'data/papers/2016/aggregated-residual-transformations-for-deep-neural-networks.yaml',
      'data/results/image-classification/imagenet/aggregated-residual-transformations-for-deep-neural-networks.yaml',
    ]);
    // The guide adds a paper the repository holds; without its files, the commands write them again.
    const root = copyOfData('pwc-guide-walk-');
    for (const path of shown.keys()) rmSync(join(root, path));

    const commands = pwcCommands(GUIDE).filter((args) => args[0] === 'new');
    expect(commands.map((args) => args.slice(0, 2).join(' '))).toEqual(['new paper', 'new task', 'new method', 'new dataset', 'new dataset', 'new result']);
    for (const args of commands) {
      const r = await runPwc([...args, '--root', root]);
      if (r.code === 0) continue;
      // As the guide says, `pwc new` refuses to overwrite a file the repository already has.
      const existing = /(data\/\S+\.yaml) already exists/.exec(r.stderr);
      expect(existing, `pwc ${args.join(' ')}: ${r.stderr}`).not.toBeNull();
      expect(readFileSync(join(root, existing![1]), 'utf8')).toBe(readFileSync(join(REPO, existing![1]), 'utf8'));
    }
    // The variant of step 3 lands where the guide says.
    expect(existsSync(join(root, 'data/datasets/imagenet-600x600.yaml'))).toBe(true);

    const fix = await runPwc(['fix', '--root', root]);
    expect(fix.code).toBe(0);
    for (const [path, text] of shown) {
      // The guide names the fields it added by hand after `pwc new` ("here `url` was added by hand").
      const byHand = [...GUIDE.matchAll(/here `(\w+)` was added by hand/g)].map((m) => m[1]);
      const expected = text
        .split('\n')
        .filter((line) => !byHand.some((key) => line.startsWith(`${key}: `)))
        .join('\n');
      expect(readFileSync(join(root, path), 'utf8'), path).toBe(expected);
    }
    const validate = await runPwc(['validate', '--root', root]);
    expect(validate.stdout).not.toMatch(/^data\/\S+: error /m);
    expect(validate.code).toBe(0);
  });

  it('shows exactly what `pwc validate` prints for the file of its example (step 5)', async () => {
    const blocks = fencedBlocks(GUIDE);
    const output = blocks.findIndex((b) => b.lang === 'text' && /^data\/\S+\.yaml:\d+:\d+: /.test(b.body));
    expect(output).toBeGreaterThan(0);
    const input = blocks[output - 1];
    expect(input.lang).toBe('yaml');
    const path = /^(data\/\S+\.yaml):/.exec(blocks[output].body)![1];
    expect(path).toBe('data/results/image-classification/imagenet/my-paper.yaml');

    // Only what the file needs (its paper, task, dataset), so that no other finding adds to the count.
    const root = mkdtempSync(join(tmpdir(), 'pwc-guide-validate-'));
    roots.push(root);
    for (const file of ['data/areas.yaml', 'data/tasks/image-classification.yaml', 'data/datasets/imagenet.yaml']) write(root, file, readFileSync(join(REPO, file), 'utf8'));
    write(root, 'data/papers/2024/my-paper.yaml', MY_PAPER);
    write(root, path, input.body);
    const r = await runPwc(['validate', '--root', root]);
    expect(r.stdout).toBe(blocks[output].body);
    expect(r.code).toBe(1);
  });

  it('quotes the review comment that `pwc review` writes for the pull request it describes', async () => {
    expect(GUIDE).toContain('adds a paper `my-paper` with a model `My-Net-L` at 86.0 Top 1 Accuracy\non ImageNet, and misspells `Top 5 Accuracy`, and a model `My-Net-S` without a `source`');
    const root = copyOfData('pwc-guide-review-');
    commitFiles(root, { '.gitignore': '.pwc-cache/\n' }, 'main');
    const git = gitIn(root);
    git('branch', '-M', 'main');
    git('switch', '-q', '-c', 'add-my-paper');
    commitFiles(
      root,
      {
        'data/papers/2024/my-paper.yaml': MY_PAPER,
        'data/results/image-classification/imagenet/my-paper.yaml':
          'results:\n  - model: My-Net-L\n    metrics:\n      Top 1 Accuracy: 86.0\n      Top-5 Accuracy: 97.9\n    source: Table 2\n  - model: My-Net-S\n    metrics:\n      Top 1 Accuracy: 80.1\n',
      },
      'Add my-paper',
    );
    const out = mkdtempSync(join(tmpdir(), 'pwc-guide-review-out-'));
    roots.push(out);
    const r = await runPwc(['review', '--root', root, '--base', 'main', '--out', join(out, 'report.json'), '--summary', join(out, 'comment.md')]);
    expect(r.code).toBe(0);
    // The comment escapes Markdown punctuation that GitHub then shows plain; the guide shows it plain,
    // and leaves out the line naming the commits (their ids differ from run to run).
    const comment = readFileSync(join(out, 'comment.md'), 'utf8')
      .split('\n')
      .map((line) => line.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1'))
      .filter((line) => line !== '' && !/^Commit `[0-9a-f]+` compared with `[0-9a-f]+`/.test(line));
    const after = GUIDE.slice(GUIDE.indexOf('the comment begins like this')).split('\n');
    after.splice(0, after.findIndex((line) => line.startsWith('>')));
    const quote = after
      .slice(0, after.findIndex((line) => !line.startsWith('>')))
      .map((line) => line.replace(/^> ?/, ''))
      .filter((line) => line !== '');
    expect(quote.length).toBeGreaterThan(10);
    expect(comment.slice(0, quote.length)).toEqual(quote);
  });

  it('names the labels the bot sets, and only those', () => {
    const sentence = /The pull request is labelled by the outcome: ([\s\S]*?)\.\n/.exec(GUIDE);
    expect(sentence).not.toBeNull();
    const named = [...sentence![1].matchAll(/`([a-z-]+)`\s+(?:while|when)/g)].map((m) => m[1]);
    expect([...named].sort()).toEqual([...MANAGED_LABELS].sort());
  });
});
