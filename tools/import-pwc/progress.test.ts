// Progress: a redrawn bar with counts and rate on a terminal, throttled plain lines elsewhere.
import { describe, expect, it } from 'vitest';
import { PlainProgress, TerminalProgress } from './progress.ts';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('TerminalProgress', () => {
  it('redraws one line with the bar, bytes, entries and rate, then ends it', () => {
    const out: string[] = [];
    const c = clock();
    const p = new TerminalProgress((s) => out.push(s), c);
    p.start('papers');
    c.advance(2000);
    p.update({ bytesRead: 5 * 1048576, totalBytes: 10 * 1048576, entries: 20000 });
    expect(out[0]).toBe('\rpapers [############............]  50% 5.0 MB/10.0 MB 20,000 entries 10,000/s\u001b[K');
    c.advance(10);
    p.update({ bytesRead: 6 * 1048576, totalBytes: 10 * 1048576, entries: 21000 });
    expect(out).toHaveLength(1); // throttled
    c.advance(1990);
    p.done(40000);
    expect(out.at(-1)).toBe('\rpapers: 40,000 entries in 4.0 s (10,000/s)\u001b[K\n');
  });
});

describe('PlainProgress', () => {
  it('prints a plain line every few seconds, and one at the end', () => {
    const out: string[] = [];
    const c = clock();
    const p = new PlainProgress((s) => out.push(s), c, 5000);
    p.start('papers');
    c.advance(1000);
    p.update({ bytesRead: 1048576, totalBytes: 4 * 1048576, entries: 100 });
    expect(out).toEqual([]);
    c.advance(5000);
    p.update({ bytesRead: 2 * 1048576, totalBytes: 4 * 1048576, entries: 600 });
    expect(out).toEqual(['papers: 50% (2.0 MB of 4.0 MB), 600 entries, 100/s\n']);
    p.done(1200);
    expect(out.at(-1)).toBe('papers: 1,200 entries in 6.0 s\n');
    expect(out.join('')).not.toMatch(/\r|\u001b/);
  });
});
