// The published changes schema is current and constrains something; the release notes render data
// as text (no HTML, mentions or issue links from the data), stay within limits, and carry the marker.
import { readFile } from 'node:fs/promises';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../model/ajv.ts';
import { encodeChanges, encodeChangesSchema } from './assets.ts';
import { CHANGES_VERSION, changesSchema, type Changes } from './changes-schema.ts';
import { diffBundles, type Collections } from './changes.ts';
import { LIST_LIMIT, parseMarker, renderMarker, renderNotes } from './notes.ts';

const commit = 'f'.repeat(40);
const meta = { schema_version: '1.0.0', data_version: '2024-03-05T06:07:08Z', source_commit: commit };
const empty = (): Collections => ({ meta, areas: [], tasks: [], datasets: [], benchmarks: [], methods: [], papers: [], sources: [], results: [] });

describe('changes.schema.json', () => {
  it('is published at tools/release/changes.schema.json exactly as changes-schema.ts defines it', async () => {
    expect(await readFile('tools/release/changes.schema.json', 'utf8')).toBe(encodeChangesSchema().toString('utf8'));
  });

  it('rejects {} and another major version', () => {
    const validate = createAjv().compile(changesSchema);
    expect(validate({})).toBe(false);
    const changes = diffBundles(null, { release: 'v2024.03.05', data: empty(), contentSha256: null });
    expect(validate(changes)).toBe(true);
    expect(validate({ ...changes, changes_version: '2.0.0' })).toBe(false);
    expect(CHANGES_VERSION).toMatch(/^1\.\d+\.\d+$/);
  });

  it('encodes one entry per line, and the bytes parse back to the same value', () => {
    const data = empty();
    data.papers = [{ id: 'a', title: 'A', date: '2020-01-01' }, { id: 'b', title: 'B\nwith a newline', date: '2020-01-02' }];
    const changes = diffBundles(null, { release: 'v2024.03.05', data, contentSha256: null });
    const text = encodeChanges(changes).toString('utf8');
    expect(JSON.parse(text)).toEqual(changes);
    expect(text.split('\n').filter((l) => l.startsWith('{"kind":"papers"'))).toHaveLength(2);
  });
});

describe('renderNotes', () => {
  const hostile = '@octocat fixes #12 <script>alert(1)</script> | **bold** [x](http://evil.example)';
  function notesFor(papers: number): { notes: string; changes: Changes } {
    const data = empty();
    data.papers = Array.from({ length: papers }, (_, i) => ({ id: `p-${String(i).padStart(3, '0')}`, title: i === 0 ? hostile : `Paper ${i}`, date: '2024-01-01' }));
    data.benchmarks = [{ id: 't/d', task: 't', dataset: 'd', primary: 'Acc', metrics: [{ name: 'Acc', direction: 'higher', unit: '%' }] }];
    data.results = [{ id: 't/d/p-000#`model` @me', benchmark: 't/d', paper: 'p-000', model: '`model` @me', metrics: { Acc: 90 }, rank: 1 }];
    const changes = diffBundles(null, { release: 'v2024.03.05', data, contentSha256: null });
    return { notes: renderNotes(changes, data), changes };
  }

  it('shows data as text: no HTML, no mention, no issue reference, no link survives', () => {
    const { notes } = notesFor(1);
    const html = marked.parse(notes, { gfm: true, async: false }) as string;
    expect(html).not.toMatch(/<script|<a |<strong>bold/);
    expect(html).not.toMatch(/@octocat/);
    // GitHub links no mention inside code.
    expect(html.replace(/<code>[^<]*<\/code>/g, '')).not.toContain('@me');
    expect(notes).toContain('@\u200boctocat');
    expect(notes).toContain('\\#12');
    expect(html).toContain('&lt;script&gt;');
    expect(notes).toContain('### New states of the art (1)');
    expect(notes).toContain("**90%** Acc (higher is better) by `` `model` @me `` (");
  });

  it('names the source of a new best that no paper reports', () => {
    const data = empty();
    data.sources = [{ id: 'board', name: 'The official board', kind: 'leaderboard', url: 'https://example.org/board' }];
    data.benchmarks = [{ id: 't/d', task: 't', dataset: 'd', primary: 'Acc', metrics: [{ name: 'Acc', direction: 'higher' }] }];
    data.results = [{ id: 't/d/board#Entry', benchmark: 't/d', source: 'board', model: 'Entry', metrics: { Acc: 91 }, rank: 1 }];
    const notes = renderNotes(diffBundles(null, { release: 'v2024.03.05', data, contentSha256: null }), data);
    expect(notes).toContain('by `Entry` (The official board)');
  });

  it('lists at most LIST_LIMIT papers and points to changes.json for the rest', () => {
    const { notes } = notesFor(LIST_LIMIT + 7);
    expect(notes.split('\n').filter((l) => /^- .* `p-\d{3}`$/.test(l))).toHaveLength(LIST_LIMIT);
    expect(notes).toContain(`- … and 7 more (see \`changes.json\`)`);
  });

  it('ends with a marker that parses back; a tampered or absent marker is not ours', () => {
    const { notes, changes } = notesFor(1);
    expect(parseMarker(notes)).toEqual({ source_commit: commit, data_version: '2024-03-05T06:07:08Z', content_sha256: null });
    expect(notes.trimEnd().endsWith(renderMarker(parseMarker(notes)!))).toBe(true);
    expect(changes.current.source_commit).toBe(commit);
    expect(parseMarker('<!-- pwc-release {"source_commit":"not a sha"} -->')).toBeUndefined();
    expect(parseMarker('<!-- pwc-release {broken -->')).toBeUndefined();
    expect(parseMarker('plain notes')).toBeUndefined();
  });
});
