// The /search/ page: at search/index.html, its assets linked relatively, a clear word without JavaScript.
import { describe, expect, it } from 'vitest';
import { SEARCH_PAGE_PATH, searchPageFile, searchPageMain } from './page.ts';

describe('the search page', () => {
  it('lives at search/index.html, links up one folder, and says search needs JavaScript', () => {
    const page = searchPageFile();
    expect(page.path).toBe(SEARCH_PAGE_PATH);
    const html = String(page.body);
    expect(html).toContain('<script type="module" src="../assets/search.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="../assets/search.css">');
    expect(html).toContain('<form class="search" role="search" action="../search/"><input type="search" name="q" id="search-input"');
    expect(html).toMatch(/<noscript><p>Search runs in your browser and needs JavaScript\..*<a href="\.\.\/">home page<\/a>/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(searchPageMain('../')).toContain('<ol id="search-page-results"></ol>');
  });
});
