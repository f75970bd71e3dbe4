// The task page model: description, parent and subtasks, benchmarks with their current best, papers.
import type { Task } from '../../model/repository.ts';
import { markdownLinks, type LinkScheme } from '../links.ts';
import type { SiteIndex } from '../site-index.ts';
import { boardSummary, paperItems, taskLink, type BoardSummary, type Link, type PaperItem } from './common.ts';

export interface TaskPage {
  name: string;
  area: string;
  description: string;
  synonyms: string[];
  parent: Link | null;
  subtasks: Link[];
  boards: BoardSummary[];
  papers: PaperItem[];
}

export function taskPage(index: SiteIndex, task: Task, links: LinkScheme = markdownLinks): TaskPage {
  const path = { path: links.task(task.id), links };
  return {
    name: task.name,
    area: index.repo.areas.find((a) => a.id === task.area)?.name ?? task.area,
    description: task.description ?? '',
    synonyms: task.synonyms ?? [],
    parent: task.parent ? taskLink(index, path, task.parent) : null,
    subtasks: (index.subtasks.get(task.id) ?? []).map((id) => taskLink(index, path, id)),
    boards: (index.boardsByTask.get(task.id) ?? []).map((b) => boardSummary(index, path, b)),
    papers: paperItems(index, path, index.papersByTask.get(task.id) ?? []),
  };
}
