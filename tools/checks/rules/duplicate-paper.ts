// Rule (warning): a paper is entered once: no two papers share an arXiv id or a title.
import type { Paper } from '../../model/repository.ts';
import { normaliseName } from '../nearest.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'duplicate-paper',
  scope: 'repository',
  reads: ['paper-identities'],
  severity: 'warning',
  title: 'No two papers share an arXiv id or a title',
  description:
    'Each paper should have one file, so that its results and links are in one place. Two papers with the same arXiv id, or the same title ignoring case, spaces and punctuation, are probably one paper entered twice (often the arXiv and the conference version); every occurrence is reported. Merge them into one file and move the results to its id. It is a warning because distinct papers do sometimes share a title.',
  check(repo, report) {
    const byArxiv = new Map<string, Paper[]>();
    const byTitle = new Map<string, Paper[]>();
    for (const paper of repo.papers.values()) {
      if (paper.arxiv) push(byArxiv, paper.arxiv, paper);
      const title = normaliseName(paper.title);
      if (title) push(byTitle, title, paper);
    }
    for (const group of byArxiv.values()) {
      for (const paper of group.length > 1 ? group : []) {
        report({
          file: paper.path,
          at: ['arxiv'],
          message: `the arXiv id ${paper.arxiv} is also that of ${others(group, paper)}`,
          tip: 'Keep one file for the paper, merge the other into it, and move its results to the kept id.',
        });
      }
    }
    for (const group of byTitle.values()) {
      for (const paper of group.length > 1 ? group : []) {
        report({
          file: paper.path,
          at: ['title'],
          message: `the title is also that of ${others(group, paper)}`,
          tip: 'If they are the same paper, keep one file and merge the other into it; if not, ignore this warning.',
        });
      }
    }
  },
};

function push(map: Map<string, Paper[]>, key: string, paper: Paper): void {
  const group = map.get(key);
  if (group) group.push(paper);
  else map.set(key, [paper]);
}

function others(group: Paper[], self: Paper): string {
  return group.filter((p) => p !== self).map((p) => p.path).join(', ');
}
