// SVG badges made with shields.io's badge-maker: a leaderboard's current best (value and model),
// and a paper's rank on a leaderboard ("#2 of 14"); plus the Markdown that embeds them.
import { makeBadge } from 'badge-maker';
import { ranks, type Leaderboard } from '../model/leaderboard.ts';
import { shownMetricValue } from '../model/printed.ts';
import { clip, markdownDestination, markdownText, xmlChars } from '../markdown/escape.ts';
import { leaderboardTitle } from '../views/pages/common.ts';
import { bestEntry, type SiteIndex } from '../views/site-index.ts';
import { boardFacts, valueWithUnit } from './board-facts.ts';
import type { SiteFile, SitePart } from './part.ts';
import { pageUrl, sitePaths } from './paths.ts';

/** Longest label or message, in characters: a badge is a line in a README, not a paragraph. */
const MAX_TEXT = 80;

export const badgePart: SitePart = ({ index }, unit) => {
  switch (unit.kind) {
    case 'leaderboard':
      return [leaderboardBadge(index, unit.board)];
    case 'paper':
      return paperBadges(index, unit.paper.id);
    case 'source':
      return paperBadges(index, unit.source.id);
    default:
      return [];
  }
};

function badge(label: string, message: string, color: string): string {
  return makeBadge({ label: clip(xmlChars(label), MAX_TEXT), message: clip(xmlChars(message), MAX_TEXT), color }) + '\n';
}

/** The message of a leaderboard's badge: "84.8% · SWSL ResNeXt-101", or why there is no best. */
export function leaderboardBadgeMessage(board: Leaderboard): string {
  if (!ranks(board.primary)) return 'unranked';
  const best = bestEntry(board);
  if (!best) return 'no results yet';
  return `${valueWithUnit(shownMetricValue(best.result, board.primary.name), board.primary.unit)} · ${best.result.model}`;
}

export function leaderboardBadge(index: SiteIndex, board: Leaderboard): SiteFile {
  const message = leaderboardBadgeMessage(board);
  return {
    path: sitePaths.badge.leaderboard(board.task, board.dataset),
    body: badge(leaderboardTitle(index, board), message, bestEntry(board) ? 'brightgreen' : 'lightgrey'),
  };
}

/** A paper's best rank on a board and the board's ranked rows, or undefined when none of its rows is ranked. */
export function paperRank(index: SiteIndex, paper: string, board: Leaderboard): { rank: number; of: number } | undefined {
  const facts = boardFacts(index);
  const set = index.repo.results.get(`${board.id}/${paper}`);
  let best: number | undefined;
  set?.results.forEach((_, row) => {
    const rank = facts.rowRanks.get(`${set.id}\n${row}`);
    if (typeof rank === 'number' && (best === undefined || rank < best)) best = rank;
  });
  return best === undefined ? undefined : { rank: best, of: facts.rankedCount(board) };
}

/** "#2 of 14", or "unranked" (an unranked board, or no row of the paper with the primary metric). */
export function paperBadgeMessage(index: SiteIndex, paper: string, board: Leaderboard): string {
  const place = paperRank(index, paper, board);
  return place ? `#${place.rank} of ${place.of}` : 'unranked';
}

/** One badge per leaderboard the paper (or source) has results on. */
export function paperBadges(index: SiteIndex, paper: string): SiteFile[] {
  const out: SiteFile[] = [];
  for (const set of index.resultsByPaper.get(paper) ?? []) {
    const board = index.leaderboards.get(`${set.task}/${set.dataset}`);
    // Results on a benchmark no dataset declares have no board and so no rank.
    if (!board) continue;
    const place = paperRank(index, paper, board);
    const color = place === undefined ? 'lightgrey' : place.rank === 1 ? 'brightgreen' : 'blue';
    out.push({ path: sitePaths.badge.paper(paper, board.task, board.dataset), body: badge(leaderboardTitle(index, board), paperBadgeMessage(index, paper, board), color) });
  }
  return out;
}

/** A URL as a Markdown link destination: as it is when plain, else in its escaped angle-bracket form. */
function destination(url: string): string {
  return /^[A-Za-z0-9:/._~%-]+$/.test(url) ? url : markdownDestination(url);
}

function badgeMarkdown(siteUrl: string, badgePath: string, page: string, title: string): string {
  return `[![${markdownText(title)}](${destination(siteUrl + badgePath)})](${destination(siteUrl + pageUrl(page))})`;
}

/** Markdown for a README: the leaderboard's badge, linking to its page (`title` is the image's alt text). */
export function leaderboardBadgeMarkdown(siteUrl: string, board: Pick<Leaderboard, 'task' | 'dataset'>, title: string): string {
  return badgeMarkdown(siteUrl, sitePaths.badge.leaderboard(board.task, board.dataset), sitePaths.leaderboard(board.task, board.dataset), title);
}

/** Markdown for a paper's README: its rank badge on one leaderboard, linking to the leaderboard. */
export function paperBadgeMarkdown(siteUrl: string, paper: string, board: Pick<Leaderboard, 'task' | 'dataset'>, title: string): string {
  return badgeMarkdown(siteUrl, sitePaths.badge.paper(paper, board.task, board.dataset), sitePaths.leaderboard(board.task, board.dataset), title);
}
