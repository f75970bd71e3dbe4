// Atom feeds (RFC 4287), made with the `feed` library: new states of the art per leaderboard and
// per task, new results per area. Deterministic: a feed's `updated` is its newest entry's date,
// entry ids name the row (task, dataset, paper, model), never its rank or the build's clock.
import { Feed, type Item } from 'feed';
import { periodStart } from '../model/dates.ts';
import { directionText, type Leaderboard, type LeaderboardEntry } from '../model/leaderboard.ts';
import { shownMetricValue } from '../model/printed.ts';
import type { Task } from '../model/repository.ts';
import { xmlChars, xmlText } from '../markdown/escape.ts';
import { compareText } from '../views/format.ts';
import { leaderboardTitle } from '../views/pages/common.ts';
import type { SiteIndex } from '../views/site-index.ts';
import { boardFacts, valueWithUnit } from './board-facts.ts';
import type { SiteFile, SitePart } from './part.ts';
import { pageUrl, sitePaths } from './paths.ts';

/** The most entries a task's or an area's feed carries (the newest). */
export const FEED_CAP = 50;
/** A feed without entries still needs an `updated`: the epoch, never the build's clock. */
const NO_ENTRIES = new Date(0);
const AUTHOR = { name: 'pwc-data contributors' };

export const feedPart: SitePart = ({ index, siteUrl }, unit) => {
  switch (unit.kind) {
    case 'leaderboard':
      return [leaderboardFeed(index, siteUrl, unit.board)];
    case 'task':
      return [taskFeed(index, siteUrl, unit.task)];
    case 'home':
      return index.repo.areas.map((area) => areaFeed(index, siteUrl, area.id, area.name));
    default:
      return [];
  }
};

/** A point in time for a paper's date: the start of its period, at midnight UTC. */
export function dateTime(date: string): Date {
  return new Date(`${periodStart(date)}T00:00:00Z`);
}

interface FeedSpec {
  path: string;
  title: string;
  description: string;
  /** The page the feed is about. */
  page: string;
  /** Newest first. */
  items: Item[];
}

function atomFile(siteUrl: string, spec: FeedSpec): SiteFile {
  const self = siteUrl + spec.path;
  const feed = new Feed({
    id: self,
    title: xmlChars(spec.title),
    description: xmlChars(spec.description),
    link: siteUrl + pageUrl(spec.page),
    feed: self,
    updated: spec.items[0]?.date ?? NO_ENTRIES,
    author: AUTHOR,
    generator: false,
  });
  for (const item of spec.items) feed.addItem(item);
  return { path: spec.path, body: feed.atom1() + '\n' };
}

/** An entry's id: the leaderboard page's URL with a fragment naming the row; `what` tells a new SOTA from a new result. */
function entryId(siteUrl: string, board: Leaderboard, e: LeaderboardEntry, what: 'sota' | 'result'): string {
  return `${siteUrl}${pageUrl(sitePaths.leaderboard(board.task, board.dataset))}#${what}:${e.paper}:${encodeURIComponent(e.result.model)}`;
}

function reporterName(index: SiteIndex, id: string): string {
  return index.repo.sources.get(id)?.name ?? index.repo.papers.get(id)?.title ?? id;
}

function shownValue(board: Leaderboard, e: LeaderboardEntry): string {
  return valueWithUnit(shownMetricValue(e.result, board.primary.name), board.primary.unit);
}

/** Entry text is HTML (the library marks it so): data is escaped into it, never taken as markup. */
function html(text: string): string {
  return xmlText(text);
}

/** One new state of the art: `previous` is the step it beat (none for the first). */
function sotaItem(index: SiteIndex, siteUrl: string, board: Leaderboard, e: LeaderboardEntry, previous: LeaderboardEntry | undefined): Item {
  const title = leaderboardTitle(index, board);
  const metric = board.primary.name;
  const value = shownValue(board, e);
  const paper = reporterName(index, e.paper);
  const extra = e.result.extra_training_data ? ' (with extra training data)' : '';
  const before = previous ? `Previous best: ${previous.result.model}, ${shownValue(board, previous)} (${previous.date}).` : 'The first ranked result.';
  return {
    title: html(`${title}: ${e.result.model}, ${value}`),
    id: entryId(siteUrl, board, e, 'sota'),
    link: siteUrl + pageUrl(sitePaths.leaderboard(board.task, board.dataset)),
    date: dateTime(e.date),
    content:
      `<p>${html(`New state of the art on ${title}: ${e.result.model}${extra} reaches ${value} ${metric} (${directionText(board.primary.direction)}).`)}</p>` +
      `<p>${html(`Reported by ${paper} (${e.date}). ${before}`)}</p>`,
  };
}

/** The board's SOTA steps as entries, newest first. */
function sotaItems(index: SiteIndex, siteUrl: string, board: Leaderboard): Item[] {
  const steps = boardFacts(index).sotaSteps(board);
  return steps.map((e, i) => sotaItem(index, siteUrl, board, e, steps[i - 1])).reverse();
}

export function leaderboardFeed(index: SiteIndex, siteUrl: string, board: Leaderboard): SiteFile {
  const title = leaderboardTitle(index, board);
  return atomFile(siteUrl, {
    path: sitePaths.feed.leaderboard(board.task, board.dataset),
    title: `${title}: new states of the art`,
    description: `Each result that beat every earlier one on ${title}, by ${board.primary.name}.`,
    page: sitePaths.leaderboard(board.task, board.dataset),
    items: sotaItems(index, siteUrl, board),
  });
}

/** Newest first; same day: by id, so the order never depends on the build. */
function newestFirst(items: Item[]): Item[] {
  return items.sort((a, b) => b.date.getTime() - a.date.getTime() || compareText(a.id!, b.id!));
}

export function taskFeed(index: SiteIndex, siteUrl: string, task: Task): SiteFile {
  const items = (index.boardsByTask.get(task.id) ?? []).flatMap((board) => sotaItems(index, siteUrl, board));
  return atomFile(siteUrl, {
    path: sitePaths.feed.task(task.id),
    title: `${task.name}: new states of the art`,
    description: `New states of the art on the leaderboards of ${task.name} (the newest ${FEED_CAP}).`,
    page: sitePaths.task(task.id),
    items: newestFirst(items).slice(0, FEED_CAP),
  });
}

export function areaFeed(index: SiteIndex, siteUrl: string, area: string, name: string): SiteFile {
  // Rows first, compared by cheap keys; entries only for the newest: an area may have tens of thousands of results.
  const rows: { board: Leaderboard; e: LeaderboardEntry; start: string }[] = [];
  for (const task of index.repo.tasks.values()) {
    if (task.area !== area) continue;
    for (const board of index.boardsByTask.get(task.id) ?? []) {
      for (const e of board.entries) {
        // A result without a date (a source that is not a paper) cannot be placed in time.
        if (e.date !== '') rows.push({ board, e, start: periodStart(e.date) });
      }
    }
  }
  // Newest first; the same day by leaderboard, paper and model, so the order never depends on the build.
  rows.sort((a, b) => compareText(b.start, a.start) || compareText(a.board.id, b.board.id) || compareText(a.e.paper, b.e.paper) || compareText(a.e.result.model, b.e.result.model));
  const items = rows
    .slice(0, FEED_CAP)
    .map(({ board, e }): Item => {
      const title = leaderboardTitle(index, board);
      const metric = board.primary.name;
      const value = Number.isFinite(e.result.metrics[metric]) ? `${shownValue(board, e)} ${metric}` : `no ${metric} value`;
      return {
        title: html(`${title}: ${e.result.model}, ${value}`),
        id: entryId(siteUrl, board, e, 'result'),
        link: siteUrl + pageUrl(sitePaths.leaderboard(board.task, board.dataset)),
        date: dateTime(e.date),
        content: `<p>${html(`${e.result.model} on ${title}: ${value}. Reported by ${reporterName(index, e.paper)} (${e.date}).`)}</p>`,
      };
    });
  return atomFile(siteUrl, {
    path: sitePaths.feed.area(area),
    title: `${name}: new results`,
    description: `New results on the leaderboards of the tasks of ${name} (the newest ${FEED_CAP}).`,
    page: sitePaths.home(),
    items,
  });
}
