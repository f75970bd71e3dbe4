// The site URL: GitHub Pages' address of a GitHub remote, and --site-url checked and ending in "/".
import { describe, expect, it } from 'vitest';
import { normaliseSiteUrl, pagesUrlOfRemote } from './site-url.ts';

describe('pagesUrlOfRemote', () => {
  it('maps GitHub remotes (https, ssh) to their project site', () => {
    expect(pagesUrlOfRemote('https://github.com/Paper-Data/pwc-data.git\n')).toBe('https://paper-data.github.io/pwc-data/');
    expect(pagesUrlOfRemote('git@github.com:owner/repo.git')).toBe('https://owner.github.io/repo/');
    expect(pagesUrlOfRemote('ssh://git@github.com/owner/repo')).toBe('https://owner.github.io/repo/');
    expect(pagesUrlOfRemote('https://github.com/owner/owner.github.io')).toBe('https://owner.github.io/');
  });
  it('knows no site for other hosts', () => {
    expect(pagesUrlOfRemote('https://gitlab.com/owner/repo.git')).toBeUndefined();
    expect(pagesUrlOfRemote('/srv/git/repo.git')).toBeUndefined();
  });
});

describe('normaliseSiteUrl', () => {
  it('accepts absolute http(s) URLs and ends them with "/"', () => {
    expect(normaliseSiteUrl('https://example.org/pwc')).toBe('https://example.org/pwc/');
    expect(normaliseSiteUrl('http://localhost:8080')).toBe('http://localhost:8080/');
  });
  it('refuses the rest', () => {
    expect(normaliseSiteUrl('example.org/pwc')).toBeUndefined();
    expect(normaliseSiteUrl('javascript:alert(1)')).toBeUndefined();
    expect(normaliseSiteUrl('file:///tmp/site')).toBeUndefined();
  });
});
