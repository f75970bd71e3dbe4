// The site's HTML pages: one page per unit, its model built by the same page-model code as
// generated/ (tools/views/pages, with the site's link scheme) plus what only the site shows
// (the chart inline, the data the leaderboard's script sorts and filters by, feeds, badge Markdown).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ranks as ranksPrimary, type Leaderboard } from '../model/leaderboard.ts';
import { chartModel } from '../views/chart.ts';
import { compareText, metricLabel } from '../views/format.ts';
import { datasetPage } from '../views/pages/dataset.ts';
import { leaderboardTitle } from '../views/pages/common.ts';
import { leaderboardPage } from '../views/pages/leaderboard.ts';
import { methodPage } from '../views/pages/method.ts';
import { boardRanksCache, paperPage, resultsOf, type BoardRanks } from '../views/pages/paper.ts';
import { readmePage } from '../views/pages/readme.ts';
import { taskPage } from '../views/pages/task.ts';
import { relatedPapers, relatedPapersOf, type RelatedPaper } from '../views/related.ts';
import type { SiteIndex } from '../views/site-index.ts';
import { siteLinks } from './links.ts';
import type { SiteContext, SiteFile, SitePart, SiteUnit } from './part.ts';
import { pageUrl, rootPrefix, sitePaths } from './paths.ts';
import { createHtmlRenderer, type HtmlKind, type HtmlRenderer } from './render.ts';
import { SEARCH_PAGE_PATH } from './search/page.ts';

/** The site's name, in every page's header and title. */
export const SITE_NAME = 'Papers With Code data';

const ASSET_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

/** What every page's layout needs besides its own model. */
export interface Layout {
  /** The page's <title>. */
  title: string;
  siteName: string;
  /** The way up to the site's root ("" at the root). */
  root: string;
  canonical: string;
  /** The page's Atom feed (relative), "" when it has none. */
  feed: string;
  feedTitle: string;
  /** Search's assets, linked only once site-search has put them in assets/ (no failed request before). */
  searchCss: boolean;
  searchJs: boolean;
  /** The page's own module scripts (relative). */
  scripts: string[];
}

/** What one build's pages share: the renderer, and per site index the rank and related-paper finders. */
interface PageTools extends SearchAssets {
  render: HtmlRenderer;
  index?: SiteIndex;
  ranks?: BoardRanks;
  related?: (paper: string) => RelatedPaper[];
}

/**
 * The HTML pages part. `few`: only a few units will be asked for (an incremental build), so related
 * papers are found per paper instead of indexing every paper first.
 */
export function htmlPages(options: { few?: boolean } = {}): SitePart {
  let tools: PageTools | undefined;
  return (context, unit) => {
    tools ??= { render: createHtmlRenderer(), ...searchAssets() };
    if (tools.index !== context.index) {
      tools.index = context.index;
      tools.ranks = boardRanksCache();
      tools.related = undefined;
    }
    const page = pageOf(context, unit, tools, options.few === true);
    return [{ path: page.path, body: tools.render(page.kind, { layout: page.layout, page: page.model }) }];
  };
}

interface HtmlPage {
  path: string;
  kind: HtmlKind;
  layout: Layout;
  model: object;
}

interface Feed {
  href: string;
  title: string;
}

/** A page's layout: `path` is its site path, `feed` and `scripts` relative to the site's root. */
function pageLayout(context: SiteContext, assets: SearchAssets, path: string, title: string, feed?: Feed, scripts: string[] = []): Layout {
  return {
    title: path === sitePaths.home() ? title : `${title} · ${SITE_NAME}`,
    siteName: SITE_NAME,
    root: rootPrefix(path),
    canonical: context.siteUrl + pageUrl(path),
    feed: feed ? rootPrefix(path) + feed.href : '',
    feedTitle: feed?.title ?? '',
    searchCss: assets.searchCss,
    searchJs: assets.searchJs,
    scripts: scripts.map((s) => rootPrefix(path) + s),
  };
}

/** Whether search's assets are there to link. */
interface SearchAssets {
  searchCss: boolean;
  searchJs: boolean;
}

function searchAssets(): SearchAssets {
  return { searchCss: existsSync(`${ASSET_DIR}search.css`), searchJs: existsSync(`${ASSET_DIR}search.js`) };
}

/**
 * The /search/ page, where the search box's form goes (?q=): search/page.ts's content (searchPageMain)
 * in the site's layout, which search.js fills with the full results. One per site, not a unit's.
 */
export function searchPage(context: SiteContext, render: HtmlRenderer = createHtmlRenderer()): SiteFile {
  const layout = pageLayout(context, searchAssets(), SEARCH_PAGE_PATH, 'Search');
  return { path: SEARCH_PAGE_PATH, body: render('search', { layout, page: {} }) };
}

function pageOf(context: SiteContext, unit: SiteUnit, tools: PageTools, few: boolean): HtmlPage {
  const { index } = context;
  const layout = (path: string, title: string, feed?: Feed, scripts: string[] = []): Layout => pageLayout(context, tools, path, title, feed, scripts);
  switch (unit.kind) {
    case 'home': {
      const path = sitePaths.home();
      return { path, kind: 'home', layout: layout(path, `${SITE_NAME}: leaderboards`), model: homeModel(index, path) };
    }
    case 'leaderboard': {
      const { board } = unit;
      const path = sitePaths.leaderboard(board.task, board.dataset);
      const title = leaderboardTitle(index, board);
      const feed: Feed = { href: sitePaths.feed.leaderboard(board.task, board.dataset), title: `${title}: new state of the art` };
      return { path, kind: 'leaderboard', layout: layout(path, title, feed, ['assets/leaderboard.js']), model: leaderboardModel(context, board, path) };
    }
    case 'task': {
      const path = sitePaths.task(unit.task.id);
      const feed: Feed = { href: sitePaths.feed.task(unit.task.id), title: `${unit.task.name}: new state of the art` };
      return { path, kind: 'task', layout: layout(path, unit.task.name, feed), model: described(taskPage(index, unit.task, siteLinks)) };
    }
    case 'dataset': {
      const path = sitePaths.dataset(unit.dataset.id);
      return { path, kind: 'dataset', layout: layout(path, unit.dataset.name), model: described(datasetPage(index, unit.dataset, siteLinks)) };
    }
    case 'method': {
      const path = sitePaths.method(unit.method.id);
      return { path, kind: 'method', layout: layout(path, unit.method.name), model: described(methodPage(index, unit.method, siteLinks)) };
    }
    case 'paper': {
      const { paper } = unit;
      const path = sitePaths.paper(paper.id);
      tools.related ??= (few ? relatedPapersOf : relatedPapers)(index);
      const model = paperPage(index, paper, tools.related(paper.id), tools.ranks!, siteLinks);
      // The official implementation first, then the others as listed.
      model.code = [...model.code.filter((c) => c.official), ...model.code.filter((c) => !c.official)];
      return { path, kind: 'paper', layout: layout(path, paper.title), model };
    }
    case 'source': {
      const { source } = unit;
      const path = sitePaths.source(source.id);
      const model = {
        name: source.name,
        kind: source.kind,
        url: source.url,
        description: paragraphs(source.description ?? ''),
        results: resultsOf(index, { path, links: siteLinks }, source.id, tools.ranks!),
      };
      return { path, kind: 'source', layout: layout(path, source.name), model };
    }
  }
}

/** A model whose description (Markdown) is shown as paragraphs of text. */
function described<T extends { description: string }>(model: T): Omit<T, 'description'> & { description: string[] } {
  return { ...model, description: paragraphs(model.description) };
}

/** The home page: the README's model, each area with its feed of new results ("Other", the undeclared areas' tasks, has none). */
function homeModel(index: SiteIndex, path: string) {
  const model = readmePage(index, siteLinks);
  const ids = index.repo.areas.map((a) => a.id);
  const areas = model.areas.map((area, i) => ({ ...described(area), feed: i < ids.length ? rootPrefix(path) + sitePaths.feed.area(ids[i]) : '' }));
  // Areas with tasks lead the page; the others are one short list after them.
  return { ...model, areas: areas.filter((a) => a.tasks.length > 0), emptyAreas: areas.filter((a) => a.tasks.length === 0) };
}

/** A text's paragraphs (split at blank lines): the site shows descriptions as plain text. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The leaderboard page: the shared model, plus per row the data the script sorts, hides and filters by. */
function leaderboardModel(context: SiteContext, board: Leaderboard, path: string) {
  const { index, siteUrl } = context;
  const base = leaderboardPage(index, board, siteLinks);
  const metrics = board.benchmark.metrics;
  const settings = board.benchmark.settings ?? [];
  const root = rootPrefix(path);
  const title = base.title;
  const badge = `[![${title.replace(/[[\]\\]/g, '\\$&')}](${siteUrl}${sitePaths.badge.leaderboard(board.task, board.dataset)})](${siteUrl}${pageUrl(path)})`;
  const settingValues = base.rows.map((row) => row.settings);
  return {
    ...base,
    protocol: paragraphs(base.protocol),
    primaryIndex: String(metrics.findIndex((m) => m.name === board.primary.name)),
    ranked: ranksPrimary(board.primary),
    chart: ranksPrimary(board.primary) ? chartModel(board, title) : null,
    metricColumns: metrics.map((m, i) => ({ label: metricLabel(m), direction: m.direction ?? '', index: String(i) })),
    settingFilters: settings.map((s, i) => ({
      label: metricLabel(s),
      index: String(i),
      options: [...new Set(settingValues.map((v) => v[i]).filter((v) => v !== ''))].sort(compareText),
    })),
    hasExtraData: board.entries.some((e) => e.result.extra_training_data === true),
    rows: base.rows.map((row, i) => {
      const entry = board.entries[i];
      return {
        ...row,
        extra: entry.result.extra_training_data === true,
        // Numbers for sorting; null where the row has no value.
        valuesData: JSON.stringify(metrics.map((m) => (Number.isFinite(entry.result.metrics[m.name]) ? entry.result.metrics[m.name] : null))),
        settingsData: JSON.stringify(settingValues[i]),
      };
    }),
    badgeMarkdown: badge,
    badge: root + sitePaths.badge.leaderboard(board.task, board.dataset),
    feed: root + sitePaths.feed.leaderboard(board.task, board.dataset),
    api: root + sitePaths.api.leaderboard(board.task, board.dataset),
  };
}
