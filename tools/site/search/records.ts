// The search records of one site unit: what the search box finds (names, titles, authors, arXiv
// ids, synonyms, model names) and the page it leads to. Pure and cheap: called for every unit.
import { count } from '../../model/count.ts';
import { periodStart } from '../../model/dates.ts';
import type { SiteContext, SiteUnit } from '../part.ts';
import { sitePaths } from '../paths.ts';

export type SearchKind = 'task' | 'dataset' | 'method' | 'leaderboard' | 'source' | 'paper';

export interface SearchRecord {
  kind: SearchKind;
  /** The page's site path (paths.ts), e.g. "paper/<id>/index.html". */
  path: string;
  /** The result's first line: a paper's title, a task's name, "<task> on <dataset>". */
  title: string;
  /** The result's second line: year and authors, a full name, a count of results. */
  detail: string;
  /** Words matched as the record's name (ranked higher): title, name, id, arXiv id. */
  names: string[];
  /** Words matched besides: authors, full names, synonyms, model names. */
  other: string[];
  /** A paper's date (start of its period): newer papers come first among equal matches. */
  date?: string;
}

/** Model names listed per record at most (a board's rows can run into the hundreds). */
const MAX_MODELS = 200;

export function searchRecords(context: SiteContext, unit: SiteUnit): SearchRecord[] {
  const repo = context.index.repo;
  switch (unit.kind) {
    case 'home':
      return [];
    case 'task': {
      const { task } = unit;
      const area = repo.areas.find((a) => a.id === task.area)?.name ?? task.area;
      return [{ kind: 'task', path: sitePaths.task(task.id), title: task.name, detail: area, names: [task.name, task.id], other: task.synonyms ?? [] }];
    }
    case 'dataset': {
      const { dataset } = unit;
      const full = dataset.full_name ?? '';
      return [{ kind: 'dataset', path: sitePaths.dataset(dataset.id), title: dataset.name, detail: full, names: [dataset.name, dataset.id], other: full ? [full] : [] }];
    }
    case 'method': {
      const { method } = unit;
      const full = method.full_name ?? '';
      return [{ kind: 'method', path: sitePaths.method(method.id), title: method.name, detail: full, names: [method.name, method.id], other: full ? [full] : [] }];
    }
    case 'source': {
      const { source } = unit;
      return [{ kind: 'source', path: sitePaths.source(source.id), title: source.name, detail: '', names: [source.name, source.id], other: [] }];
    }
    case 'paper': {
      const { paper } = unit;
      const authors = paper.authors ?? [];
      const date = periodStart(paper.date);
      const detail = [date.slice(0, 4), authors.join(', '), paper.arxiv ? `arXiv ${paper.arxiv}` : ''].filter(Boolean).join(' · ');
      // The models it reports results for, so a model's name also finds the paper that made it.
      const models = (context.index.resultsByPaper.get(paper.id) ?? []).flatMap((set) => set.results.map((r) => r.model));
      const other = [...authors, ...new Set(models)].slice(0, authors.length + MAX_MODELS);
      return [{ kind: 'paper', path: sitePaths.paper(paper.id), title: paper.title, detail, names: paper.arxiv ? [paper.title, paper.arxiv] : [paper.title], other, date }];
    }
    case 'leaderboard': {
      const { board } = unit;
      const task = repo.tasks.get(board.task)?.name ?? board.task;
      const dataset = repo.datasets.get(board.dataset)?.name ?? board.dataset;
      const models = [...new Set(board.entries.map((e) => e.result.model))].slice(0, MAX_MODELS);
      return [{ kind: 'leaderboard', path: sitePaths.leaderboard(board.task, board.dataset), title: `${task} on ${dataset}`, detail: count(board.entries.length, 'result'), names: [task, dataset], other: models }];
    }
  }
}
