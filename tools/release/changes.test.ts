// The changes between two bundles built from a real repository (real YAML, real git): entries
// per id, the rename rule (unique content matches, references followed), states of the art.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, ENTITY_KINDS } from '../bundle/index.ts';
import { diffBundles, hasChanges, type Collections, type ReleasedBundle } from './changes.ts';
import { createAjv } from '../model/ajv.ts';
import { changesSchema } from './changes-schema.ts';
import { findRenames, type Entity } from './renames.ts';
import { DataRepository, EDGE_REPOSITORY, SECOND_RELEASE_EDITS } from './testing.ts';

const side = async (root: string, release: string): Promise<ReleasedBundle> => {
  const bundle = await buildBundle(root);
  return { release, data: bundle.data as unknown as Collections, contentSha256: bundle.manifest.content_sha256 };
};
const validate = createAjv().compile(changesSchema);

describe('diffBundles on a real repository', () => {
  let repo: DataRepository;
  let first: ReleasedBundle;
  let second: ReleasedBundle;
  beforeAll(async () => {
    repo = new DataRepository();
    first = await side(repo.root, 'v2024.03.05');
    repo.commit(SECOND_RELEASE_EDITS, '2024-03-05T18:00:00Z');
    second = await side(repo.root, 'v2024.03.05.1');
  });
  afterAll(() => repo.remove());

  it('a first release adds every entity, whole, and conforms to the published schema', () => {
    const changes = diffBundles(null, first);
    expect(validate(changes), JSON.stringify(validate.errors)).toBe(true);
    expect(changes.previous_release).toBeNull();
    expect(changes.previous).toBeNull();
    expect(changes.changes.every((c) => c.change === 'added')).toBe(true);
    expect(changes.changes).toHaveLength(2 + 2 + 2 + 2 + 1 + 3 + 10);
    expect(changes.summary.results).toEqual({ added: 10, removed: 0, changed: 0, renamed: 0 });
    const paper = changes.changes.find((c) => c.kind === 'papers' && c.id === 'paper-b');
    expect(paper).toEqual({ kind: 'papers', id: 'paper-b', change: 'added', value: first.data.papers.find((p) => p.id === 'paper-b') });
    expect(changes.new_sota.map((s) => [s.benchmark, s.improved, s.previous, s.current.results])).toEqual([
      ['erring/bench', true, null, ['erring/bench/paper-a#Low']],
      ['scoring/bench', true, null, ['scoring/bench/paper-c#Best']],
    ]);
    expect(hasChanges(changes)).toBe(true);
  });

  it('a second release lists each change entry by entry', () => {
    const changes = diffBundles(first, second);
    expect(validate(changes), JSON.stringify(validate.errors)).toBe(true);
    const entries = changes.changes.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'value')));
    expect(entries).toEqual([
      { kind: 'papers', id: 'paper-b', change: 'changed', fields: ['title'] },
      { kind: 'papers', id: 'paper-c-renamed', change: 'renamed', from: 'paper-c', fields: [] },
      { kind: 'papers', id: 'paper-d', change: 'added' },
      { kind: 'results', id: 'erring/bench/paper-a#Same (v2)', change: 'renamed', from: 'erring/bench/paper-a#Same', fields: ['model'] },
      { kind: 'results', id: 'scoring/bench/paper-a#Negative', change: 'removed' },
      { kind: 'results', id: 'scoring/bench/paper-a#Tiny', change: 'changed', fields: ['rank'] },
      { kind: 'results', id: 'scoring/bench/paper-a#Zero', change: 'changed', fields: ['rank'] },
      { kind: 'results', id: 'scoring/bench/paper-b#A|B #1', change: 'changed', fields: ['rank'] },
      { kind: 'results', id: 'scoring/bench/paper-b#Tied', change: 'changed', fields: ['rank'] },
      { kind: 'results', id: 'scoring/bench/paper-c-renamed#Best', change: 'renamed', from: 'scoring/bench/paper-c#Best', fields: ['paper', 'rank'] },
      { kind: 'results', id: 'scoring/bench/paper-d#Champion', change: 'added' },
    ]);
    // Values are the new entities, whole; a removal carries none.
    for (const c of changes.changes) {
      if (c.change === 'removed') expect(c).not.toHaveProperty('value');
      else expect(c.value).toEqual((second.data[c.kind] as Entity[]).find((e) => e.id === c.id));
    }
    expect(changes.summary.papers).toEqual({ added: 1, removed: 0, changed: 1, renamed: 1 });
    expect(changes.summary.results).toEqual({ added: 1, removed: 1, changed: 4, renamed: 2 });
    expect(changes.new_sota).toEqual([
      {
        benchmark: 'scoring/bench',
        direction: 'higher',
        improved: true,
        current: { metric: 'Score', value: 100, results: ['scoring/bench/paper-d#Champion'] },
        previous: { metric: 'Score', value: 99.999, results: ['scoring/bench/paper-c#Best'] },
      },
    ]);
    expect(changes.current).toEqual({ source_commit: repo.head, data_version: '2024-03-05T18:00:00Z', schema_version: '2.1.0', content_sha256: second.contentSha256 });
    expect(changes.previous?.content_sha256).toBe(first.contentSha256);
  });

  it('the same data under another commit has no changes', async () => {
    repo.commit({ 'data/papers/2020/paper-a.yaml': `# a comment changes no data\n${EDGE_REPOSITORY['data/papers/2020/paper-a.yaml']}` }, '2024-03-06T00:00:00Z');
    const third = await side(repo.root, 'v2024.03.06');
    expect(third.data.meta.source_commit).not.toBe(second.data.meta.source_commit);
    const changes = diffBundles(second, third);
    expect(changes.changes).toEqual([]);
    expect(changes.new_sota).toEqual([]);
    expect(hasChanges(changes)).toBe(false);
  });
});

describe('the rename rule', () => {
  const kinds = (partial: Partial<Record<string, Entity[]>>) =>
    Object.fromEntries(ENTITY_KINDS.map((k) => [k, partial[k] ?? []])) as never;

  it('pairs only unique matches: two removed papers with the same content and two added stay removed and added', () => {
    const same = { title: 'Same', date: '2020-01-01', authors: [] };
    const renames = findRenames(kinds({ papers: [{ id: 'a', ...same }, { id: 'b', ...same }] }), kinds({ papers: [{ id: 'c', ...same }, { id: 'd', ...same }] }));
    expect(renames.papers.size).toBe(0);
  });

  it('follows references: a task renamed with its parent renamed too pairs both', () => {
    const removed = kinds({ tasks: [{ id: 'parent', name: 'P', area: 'x' }, { id: 'child', name: 'C', area: 'x', parent: 'parent' }] });
    const added = kinds({ tasks: [{ id: 'parent-2', name: 'P', area: 'x' }, { id: 'child-2', name: 'C', area: 'x', parent: 'parent-2' }] });
    const renames = findRenames(removed, added);
    expect([...renames.tasks]).toEqual([
      ['parent', 'parent-2'],
      ['child', 'child-2'],
    ]);
  });

  it('does not pair a removed and an added entity whose content differs', () => {
    const renames = findRenames(kinds({ methods: [{ id: 'm', name: 'M', collections: [] }] }), kinds({ methods: [{ id: 'n', name: 'N', collections: [] }] }));
    expect(renames.methods.size).toBe(0);
  });
});
