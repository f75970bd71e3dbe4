// The paper page model, as Papers With Code showed it: metadata, links, abstract, results with
// the rank each holds on its leaderboard, and related papers.
import type { Leaderboard } from '../../model/leaderboard.ts';
import type { Paper } from '../../model/repository.ts';
import { count } from '../../model/count.ts';
import { compareText, formatValue, metricLabel } from '../format.ts';
import { markdownLinks, type LinkScheme, type PageAt } from '../links.ts';
import type { RelatedPaper } from '../related.ts';
import { entryKey, ranksByMetric, type SiteIndex } from '../site-index.ts';
import { datasetLink, leaderboardLink, methodLink, paperItem, taskLink, type Link } from './common.ts';

export interface PaperResult {
  task: Link;
  dataset: Link;
  model: string;
  metric: string;
  value: string;
  /** "2 of 14": the rank by this metric on the leaderboard, "—" when not ranked. */
  rank: string;
  extraData: string;
}

export interface CodeItem {
  link: Link;
  official: boolean;
  framework: string;
}

export interface PaperPage {
  title: string;
  authors: string[];
  date: string;
  venue: string;
  tasks: Link[];
  datasets: Link[];
  methods: Link[];
  links: Link[];
  code: CodeItem[];
  noLinks: boolean;
  abstract: string[];
  results: PaperResult[];
  related: { paper: Link; date: string; shared: string }[];
}

/**
 * Ranks by metric are computed per leaderboard once and shared by every paper on it
 * (a board with N papers would otherwise be ranked N times).
 */
export type BoardRanks = (board: Leaderboard, metric: string) => Map<string, number>;

export function boardRanksCache(): BoardRanks {
  const cache = new Map<string, Map<string, number>>();
  return (board, metric) => {
    const key = `${board.id}\u0000${metric}`;
    let ranks = cache.get(key);
    if (!ranks) {
      ranks = ranksByMetric(board, metric);
      cache.set(key, ranks);
    }
    return ranks;
  };
}

export function paperPage(index: SiteIndex, paper: Paper, related: RelatedPaper[], ranks: BoardRanks, scheme: LinkScheme = markdownLinks): PaperPage {
  const path = { path: scheme.paper(paper.id, paper.date), links: scheme };
  const links: Link[] = [];
  const arxiv = paper.arxiv ? `https://arxiv.org/abs/${paper.arxiv}` : undefined;
  if (paper.url && paper.url !== arxiv) links.push({ text: 'Paper', href: paper.url });
  if (arxiv) links.push({ text: `arXiv ${paper.arxiv}`, href: arxiv });
  const pdf = paper.pdf ?? (paper.arxiv ? `https://arxiv.org/pdf/${paper.arxiv}` : undefined);
  if (pdf) links.push({ text: 'PDF', href: pdf });
  const code = (paper.code ?? []).map((c) => ({
    link: { text: c.url.replace(/^https?:\/\//, ''), href: c.url },
    official: c.official === true,
    framework: c.framework ?? '',
  }));

  const results = resultsOf(index, path, paper.id, ranks);

  return {
    title: paper.title,
    authors: paper.authors ?? [],
    date: paper.date,
    venue: paper.venue ?? '',
    tasks: (index.paperTasks.get(paper.id) ?? []).map((id) => taskLink(index, path, id)),
    datasets: (index.paperDatasets.get(paper.id) ?? []).map((id) => datasetLink(index, path, id)),
    methods: (index.paperMethods.get(paper.id) ?? []).map((id) => methodLink(index, path, id)),
    links,
    code,
    noLinks: links.length === 0 && code.length === 0,
    abstract: (paper.abstract ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== ''),
    results,
    related: related.map((r) => ({
      ...paperItem(index, path, r.paper),
      shared: [
        r.shared.tasks ? count(r.shared.tasks, 'task') : '',
        r.shared.datasets ? count(r.shared.datasets, 'dataset') : '',
        r.shared.methods ? count(r.shared.methods, 'method') : '',
      ]
        .filter((s) => s !== '')
        .join(', '),
    })),
  };
}

/** The results a paper (or a source) reports, one row per metric, each with its rank on its leaderboard. */
export function resultsOf(index: SiteIndex, path: PageAt, id: string, ranks: BoardRanks): PaperResult[] {
  const results: PaperResult[] = [];
  for (const set of index.resultsByPaper.get(id) ?? []) {
    const board = index.leaderboards.get(`${set.task}/${set.dataset}`);
    const declared = board?.benchmark.metrics ?? [];
    const task = taskLink(index, path, set.task);
    const dataset = board ? { ...leaderboardLink(index, path, board), text: datasetLink(index, path, set.dataset).text } : datasetLink(index, path, set.dataset);
    set.results.forEach((row, i) => {
      // Declared metrics in their declared order, then any others by name.
      const names = [
        ...declared.map((m) => m.name).filter((n) => n in row.metrics),
        ...Object.keys(row.metrics).filter((n) => !declared.some((m) => m.name === n)).sort(compareText),
      ];
      for (const name of names) {
        const spec = declared.find((m) => m.name === name);
        const boardRanks = board && spec ? ranks(board, name) : undefined;
        const rank = boardRanks?.get(entryKey({ resultSet: set.id, row: i }));
        results.push({
          task,
          dataset,
          model: row.model,
          metric: spec ? metricLabel(spec) : name,
          value: formatValue(row, name),
          rank: rank === undefined || !boardRanks ? '—' : `${rank} of ${boardRanks.size}`,
          extraData: row.extra_training_data ? 'Yes' : 'No',
        });
      }
    });
  }
  return results;
}
