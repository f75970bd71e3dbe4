// The Atom feeds read back with a real XML parser and checked against RFC 4287's requirements, on
// the repository's data and on hostile names; and the same bytes on every build.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteIndex } from '../views/site-index.ts';
import { hostileFiles } from '../views/test-support/fixture-repo.ts';
import { boardFacts } from './board-facts.ts';
import { FEED_CAP, feedPart } from './feeds.ts';
import { fixtureIndex, partFiles, repositoryIndex, SITE_URL } from './part-testing.ts';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
/** RFC 3339 date-time (the profile Atom's Date constructs use). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface Entry {
  id: string;
  title: string;
  updated: string;
  link: { '@_href': string; '@_rel'?: string }[];
  content?: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['entry', 'link', 'author'].includes(name),
  // Text as written: no number or entity guessing beyond XML's own.
  parseTagValue: false,
  textNodeName: '#text',
});

const text = (node: unknown): string => (typeof node === 'object' && node !== null ? String((node as Record<string, unknown>)['#text'] ?? '') : String(node));

/** Parses an Atom document and asserts what RFC 4287 requires of it; returns its entries. */
function checkAtom(path: string, body: string): { title: string; updated: string; entries: Entry[] } {
  expect(XMLValidator.validate(body), path).toBe(true);
  const doc = parser.parse(body);
  const feed = doc.feed;
  expect(feed, path).toBeDefined();
  expect(feed['@_xmlns'], path).toBe(ATOM_NS);
  // atom:feed: exactly one id, title and updated; an author unless every entry has one.
  for (const field of ['id', 'title', 'updated']) expect(feed[field], `${path} ${field}`).toBeDefined();
  expect(() => new URL(text(feed.id))).not.toThrow();
  expect(text(feed.updated)).toMatch(RFC3339);
  const entries: Entry[] = feed.entry ?? [];
  expect(feed.author?.length > 0 || entries.every((e) => (e as unknown as { author?: unknown[] }).author?.length), `${path} author`).toBeTruthy();
  const self = (feed.link as Entry['link']).find((l) => l['@_rel'] === 'self');
  expect(self?.['@_href']).toBe(SITE_URL + path);
  const ids = new Set<string>();
  for (const entry of entries) {
    for (const field of ['id', 'title', 'updated'] as const) expect(entry[field], `${path} entry ${field}`).toBeDefined();
    const id = text(entry.id);
    expect(() => new URL(id)).not.toThrow();
    expect(ids.has(id), `${path}: entry id ${id} twice`).toBe(false);
    ids.add(id);
    expect(text(entry.updated)).toMatch(RFC3339);
    // An entry without content must have a link rel="alternate" (an absent rel means alternate).
    expect(entry.link.some((l) => (l['@_rel'] ?? 'alternate') === 'alternate')).toBe(true);
  }
  // The feed's updated is its newest entry's, never the clock.
  const newest = entries.map((e) => text(e.updated)).sort().at(-1);
  expect(text(feed.updated)).toBe(newest ?? '1970-01-01T00:00:00.000Z');
  return { title: text(feed.title), updated: text(feed.updated), entries };
}

describe('the Atom feeds on the repository\'s data', () => {
  let index: SiteIndex;
  let files: Map<string, string | Uint8Array>;
  beforeAll(async () => {
    index = await repositoryIndex();
    files = partFiles(feedPart, index);
  });

  it('writes one valid feed per leaderboard, task and area', () => {
    expect(files.size).toBe(index.leaderboards.size + index.repo.tasks.size + index.repo.areas.length);
    for (const [path, body] of files) checkAtom(path, String(body));
  });

  it('has one entry per new state of the art on a leaderboard, newest first, its value with the unit', () => {
    for (const board of index.leaderboards.values()) {
      const feed = checkAtom(`feeds/sota/${board.id}.atom`, String(files.get(`feeds/sota/${board.id}.atom`)));
      const steps = boardFacts(index).sotaSteps(board);
      expect(feed.entries.length).toBe(steps.length);
      const newestFirst = [...steps].reverse();
      feed.entries.forEach((entry, i) => {
        expect(text(entry.title)).toContain(newestFirst[i].result.model);
        expect(text(entry.updated).slice(0, 4)).toBe(newestFirst[i].date.slice(0, 4));
      });
    }
    const imagenet = checkAtom('feeds/sota/image-classification/imagenet.atom', String(files.get('feeds/sota/image-classification/imagenet.atom')));
    expect(imagenet.entries.length).toBeGreaterThan(1);
    expect(text(imagenet.entries[0].title)).toMatch(/%/);
  });

  it('gathers the steps of every board of a task, and the newest results of an area, at most ' + FEED_CAP, () => {
    for (const task of index.repo.tasks.values()) {
      const feed = checkAtom(`feeds/task/${task.id}.atom`, String(files.get(`feeds/task/${task.id}.atom`)));
      const steps = (index.boardsByTask.get(task.id) ?? []).reduce((n, b) => n + boardFacts(index).sotaSteps(b).length, 0);
      expect(feed.entries.length).toBe(Math.min(steps, FEED_CAP));
    }
    const vision = checkAtom('feeds/area/computer-vision.atom', String(files.get('feeds/area/computer-vision.atom')));
    expect(vision.entries.length).toBeGreaterThan(0);
    expect(vision.entries.length).toBeLessThanOrEqual(FEED_CAP);
    const dates = vision.entries.map((e) => text(e.updated));
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('writes the same bytes from a second load, and entry ids that do not depend on ranks', async () => {
    const again = partFiles(feedPart, await repositoryIndex());
    for (const [path, body] of again) expect(body, path).toBe(files.get(path));
    for (const body of files.values()) expect(String(body)).not.toMatch(/<id>[^<]*rank/);
  });
});

describe('the Atom feeds on hostile names', () => {
  it('stay well-formed and valid, and carry the names as text', async () => {
    const hostile = hostileFiles();
    const model = 'a ]]> b & "q" \'x\' <i>';
    hostile['data/papers/2022/late-paper.yaml'] = { title: 'Late & <late> "paper" ]]>', date: '2022-05', tasks: ['evil-task'] };
    hostile['data/results/evil-task/evil-data/late-paper.yaml'] = { results: [{ model, metrics: { 'Acc|uracy <b>x</b>': 99 } }] };
    const index = await fixtureIndex(hostile);
    const files = partFiles(feedPart, index);
    for (const [path, body] of files) checkAtom(path, String(body));
    const feed = checkAtom('feeds/sota/evil-task/evil-data.atom', String(files.get('feeds/sota/evil-task/evil-data.atom')));
    // The title is HTML (type="html"): its text, unescaped once more, is the data as written.
    const newest = feed.entries[0];
    const html = text(newest.title);
    expect(html).not.toContain('<i>');
    expect(html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')).toContain(model);
    // A partial date (2022-05) is the start of its period.
    expect(text(newest.updated)).toBe('2022-05-01T00:00:00.000Z');
    expect(feed.title).toContain(index.repo.tasks.get('evil-task')!.name);
  });
});
