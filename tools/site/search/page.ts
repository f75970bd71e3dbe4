// The /search/ page: where the search form goes when submitted (?q=...). search.js fills it with
// the full results; without JavaScript it says that search needs it and where to browse instead.
import type { SiteFile } from '../part.ts';
import { rootPrefix } from '../paths.ts';

export const SEARCH_PAGE_PATH = 'search/index.html';

/** The page's main content, for a layout that wraps it (the layout brings the box, search.js and search.css). */
export function searchPageMain(root: string): string {
  return `<h1 id="search-page-status">Search</h1>
<noscript><p>Search runs in your browser and needs JavaScript. Without it, browse from the <a href="${root}">home page</a>: areas, tasks, datasets and leaderboards.</p></noscript>
<ol id="search-page-results"></ol>`;
}

/** A standalone page (the site's layout may wrap searchPageMain instead). */
export function searchPageFile(): SiteFile {
  const root = rootPrefix(SEARCH_PAGE_PATH);
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${root}assets/search.css">
<script type="module" src="${root}assets/search.js"></script>
</head>
<body>
<header><a href="${root}">Home</a>
<form class="search" role="search" action="${root}search/"><input type="search" name="q" id="search-input" aria-label="Search papers, tasks, datasets, methods and models" placeholder="Search papers, tasks, datasets, methods, models"></form>
</header>
<main>
${searchPageMain(root)}
</main>
</body>
</html>
`;
  return { path: SEARCH_PAGE_PATH, body };
}
