// The model of generated/README.md: the areas, their tasks with benchmarks and current bests, and counts.
import { compareText } from '../format.ts';
import { markdownLinks, type LinkScheme } from '../links.ts';
import type { SiteIndex } from '../site-index.ts';
import { boardSummary, taskLink, type BoardSummary, type Link } from './common.ts';

export interface ReadmeTask {
  task: Link;
  boards: BoardSummary[];
}

export interface ReadmeArea {
  name: string;
  description: string;
  tasks: ReadmeTask[];
}

export interface ReadmePage {
  counts: { papers: string; results: string; datasets: string; tasks: string; methods: string; benchmarks: string };
  areas: ReadmeArea[];
}

export function readmePage(index: SiteIndex, links: LinkScheme = markdownLinks): ReadmePage {
  const { repo } = index;
  const path = { path: links.readme(), links };
  const tasksByArea = new Map<string, string[]>();
  for (const task of repo.tasks.values()) {
    const list = tasksByArea.get(task.area);
    if (list) list.push(task.id);
    else tasksByArea.set(task.area, [task.id]);
  }
  const taskEntry = (id: string): ReadmeTask => ({
    task: taskLink(index, path, id),
    boards: (index.boardsByTask.get(id) ?? []).map((b) => boardSummary(index, path, b)),
  });
  const areas: ReadmeArea[] = repo.areas.map((area) => ({
    name: area.name,
    description: area.description ?? '',
    tasks: (tasksByArea.get(area.id) ?? []).sort(compareText).map(taskEntry),
  }));
  // Tasks naming an area that areas.yaml does not declare still appear (the validator reports them).
  const known = new Set(repo.areas.map((a) => a.id));
  const orphans = [...tasksByArea].filter(([area]) => !known.has(area)).flatMap(([, ids]) => ids).sort(compareText);
  if (orphans.length > 0) areas.push({ name: 'Other', description: '', tasks: orphans.map(taskEntry) });

  let results = 0;
  for (const set of repo.results.values()) results += set.results.length;
  return {
    counts: {
      papers: String(repo.papers.size),
      results: String(results),
      datasets: String(repo.datasets.size),
      tasks: String(repo.tasks.size),
      methods: String(repo.methods.size),
      benchmarks: String(index.leaderboards.size),
    },
    areas,
  };
}
