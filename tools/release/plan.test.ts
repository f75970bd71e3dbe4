// The pure decisions: calendar versions, finding ours and the previous release, and the actions
// that bring a release to its wanted state (publish only when every asset is verified).
import { describe, expect, it } from 'vitest';
import { releaseFile } from './assets.ts';
import { renderMarker } from './notes.ts';
import { assetProblem, chooseTag, locate, planActions, type ReleaseState, type WantedRelease } from './plan.ts';
import { nextVersion, parseTag, releaseDay } from './version.ts';

describe('calendar versions', () => {
  it('takes the day from the data (the commit date in UTC) or an explicit date, never the clock', () => {
    expect(releaseDay('2024-03-05T23:59:59Z')).toBe('2024.03.05');
    expect(releaseDay('2024-03-05T23:59:59Z', '2025-01-02')).toBe('2025.01.02');
    expect(releaseDay(null)).toBeUndefined();
    expect(releaseDay(null, '2024-02-30')).toBeUndefined();
  });

  it('numbers further releases of a day .1, .2, ... and never goes back in time', () => {
    expect(nextVersion('2024.03.05', [])).toBe('v2024.03.05');
    expect(nextVersion('2024.03.05', ['v2024.03.04', 'v1.0.0', 'latest'])).toBe('v2024.03.05');
    expect(nextVersion('2024.03.05', ['v2024.03.05'])).toBe('v2024.03.05.1');
    expect(nextVersion('2024.03.05', ['v2024.03.05', 'v2024.03.05.1', 'v2024.03.05.9'])).toBe('v2024.03.05.10');
    // Data committed earlier than the newest release (a back-dated commit): numbered after it.
    expect(nextVersion('2024.03.01', ['v2024.03.05.2'])).toBe('v2024.03.05.3');
  });

  it('reads only its own tags', () => {
    expect(parseTag('v2024.03.05.1')).toEqual({ day: '2024.03.05', sequence: 1 });
    for (const tag of ['v2024.3.5', 'v2024.03.05.0', 'v2024.02.30', '2024.03.05', 'v2024.03.05-rc']) expect(parseTag(tag), tag).toBeUndefined();
  });
});

const commit = 'c'.repeat(40);
const file = (name: string, text: string) => releaseFile(name, Buffer.from(text));
const wanted: WantedRelease = { tag: 'v2024.03.05', name: 'v2024.03.05', body: `notes\n\n${renderMarker({ source_commit: commit, data_version: '2024-03-05T06:07:08Z', content_sha256: null })}\n`, commit, files: [file('a.json', 'A'), file('b.gz', 'BB')] };
let nextId = 1;
function release(over: Partial<ReleaseState> = {}): ReleaseState {
  const id = nextId++;
  return { id, tag: wanted.tag, name: wanted.name, body: wanted.body, draft: true, prerelease: false, targetCommitish: commit, htmlUrl: '', uploadUrl: '', assets: [], ...over };
}
const asset = (name: string, text: string, over = {}) => ({ id: nextId++, name, size: Buffer.byteLength(text), state: 'uploaded', sha256: releaseFile(name, Buffer.from(text)).sha256, ...over });
const marker = (sha: string, dataVersion: string) => renderMarker({ source_commit: sha, data_version: dataVersion, content_sha256: null });

describe('locate', () => {
  const published = (tag: string, sha: string, dataVersion: string) => release({ tag, draft: false, body: marker(sha, dataVersion), assets: [asset('pwc-data.json.gz', 'x')] });

  it('finds the previous release (GitHub\'s latest) and no release of ours for a new commit', () => {
    const old = published('v2024.03.01', 'a'.repeat(40), '2024-03-01T00:00:00Z');
    const latest = published('v2024.03.02', 'b'.repeat(40), '2024-03-02T00:00:00Z');
    const located = locate([latest, old], latest.id, commit, '2024-03-05T06:07:08Z');
    expect(located).toEqual({ ours: undefined, previous: latest, staleDrafts: [], refusal: undefined });
  });

  it('finds ours by the marker; on a re-run measures against the release before ours, not a later one', () => {
    const before = published('v2024.03.04', 'a'.repeat(40), '2024-03-04T00:00:00Z');
    const ours = published('v2024.03.05', commit, '2024-03-05T06:07:08Z');
    const later = published('v2024.03.06', 'b'.repeat(40), '2024-03-06T00:00:00Z');
    const located = locate([later, ours, before], later.id, commit, '2024-03-05T06:07:08Z');
    expect(located.ours).toBe(ours);
    expect(located.previous).toBe(before);
    expect(located.refusal).toMatch(/release v2024\.03\.06 holds newer data/);
  });

  it('never counts a release made by hand (no marker) as ours, even at the same commit', () => {
    const manual = release({ draft: false, body: 'hand-written', targetCommitish: commit, assets: [asset('pwc-data.json.gz', 'x')] });
    const located = locate([manual], manual.id, commit, '2024-03-05T06:07:08Z');
    expect(located.ours).toBeUndefined();
    expect(located.previous).toBe(manual);
  });

  it('marks drafts of older data and duplicate drafts of ours as stale, and refuses when a draft holds newer data', () => {
    const stale = release({ tag: 'v2024.03.04', body: marker('a'.repeat(40), '2024-03-04T00:00:00Z') });
    const ours = release({ body: marker(commit, '2024-03-05T06:07:08Z') });
    const twin = release({ body: marker(commit, '2024-03-05T06:07:08Z') });
    const foreign = release({ tag: 'v9', body: 'someone else\'s draft' });
    const located = locate([twin, ours, stale, foreign], undefined, commit, '2024-03-05T06:07:08Z');
    expect(located.ours).toBe(ours);
    expect(located.staleDrafts).toEqual([stale, twin].sort((a, b) => a.id - b.id));
    const newer = release({ tag: 'v2024.03.07', body: marker('b'.repeat(40), '2024-03-07T00:00:00Z') });
    expect(locate([newer], undefined, commit, '2024-03-05T06:07:08Z').refusal).toMatch(/draft v2024\.03\.07 holds newer data/);
  });

  it('chooses a tag after every tag in use, except those of drafts about to be deleted', () => {
    const stale = release({ tag: 'v2024.03.05' });
    const other = release({ tag: 'v2024.03.05.1', draft: false });
    expect(chooseTag('2024.03.05', [stale, other], [stale], [])).toBe('v2024.03.05.2');
    expect(chooseTag('2024.03.05', [stale], [stale], [])).toBe('v2024.03.05');
    expect(chooseTag('2024.03.05', [stale], [stale], ['v2024.03.05'])).toBe('v2024.03.05.1');
  });
});

describe('planActions', () => {
  it('creates a draft first (deleting stale drafts), and nothing else until it exists', () => {
    const stale = release({ tag: 'v2024.03.04' });
    expect(planActions(wanted, undefined, [stale]).map((a) => a.kind)).toEqual(['delete-release', 'create-draft']);
    expect(planActions(wanted, undefined)).toEqual([{ kind: 'create-draft', tag: wanted.tag, name: wanted.name, body: wanted.body, commit }]);
  });

  it('uploads what is missing, replaces what is wrong, and does not publish in the same breath', () => {
    const draft = release({ assets: [asset('a.json', 'X'), asset('b.gz', 'BB', { state: 'open' }), asset('stray.txt', '?')] });
    const actions = planActions(wanted, draft);
    expect(actions.map((a) => `${a.kind} ${'name' in a ? a.name : 'file' in a ? a.file.name : ''}`)).toEqual([
      'delete-asset a.json',
      'delete-asset b.gz',
      'delete-asset stray.txt',
      'upload-asset a.json',
      'upload-asset b.gz',
    ]);
  });

  it('publishes a draft only when every asset is present and verified, and then there is nothing left', () => {
    const complete = release({ assets: [asset('a.json', 'A'), asset('b.gz', 'BB')] });
    expect(planActions(wanted, complete)).toEqual([{ kind: 'publish', id: complete.id, tag: wanted.tag }]);
    expect(planActions(wanted, { ...complete, draft: false })).toEqual([]);
    const unchecked = release({ assets: [asset('a.json', 'A', { sha256: null }), asset('b.gz', 'BB')] });
    expect(planActions(wanted, unchecked).map((a) => a.kind)).toEqual(['delete-asset', 'upload-asset']);
    const oldNotes = release({ body: 'older notes', assets: [asset('a.json', 'A'), asset('b.gz', 'BB')] });
    expect(planActions(wanted, oldNotes).map((a) => a.kind)).toEqual(['update-draft']);
    const crlf = release({ body: wanted.body.replace(/\n/g, '\r\n'), assets: [asset('a.json', 'A'), asset('b.gz', 'BB')] });
    expect(planActions(wanted, crlf).map((a) => a.kind)).toEqual(['publish']);
  });

  it('says why an asset cannot stay', () => {
    const want = file('a.json', 'A');
    expect(assetProblem(asset('a.json', 'A'), want)).toBeUndefined();
    expect(assetProblem(asset('a.json', 'AB'), want)).toBe('2 bytes, expected 1');
    expect(assetProblem(asset('a.json', 'B'), want)).toMatch(/^sha256 [0-9a-f]{64}, expected [0-9a-f]{64}$/);
    expect(assetProblem(asset('a.json', 'A', { state: 'open' }), want)).toBe('its upload did not complete (state "open")');
    expect(assetProblem(asset('x', 'A'), undefined)).toBe('not a file of this release');
  });
});
