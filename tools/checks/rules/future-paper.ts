// Rule (warning): a paper is not dated after today (today is given to the checks, never read from the clock).
import { periodStart } from '../../model/dates.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'future-paper',
  scope: 'repository',
  // Only the paper it reports on.
  reads: [],
  severity: 'warning',
  title: 'A paper is not dated in the future',
  description:
    'A paper\'s `date` is when it was first made public, so it cannot lie after today. Usually the year or the month and day are swapped or mistyped. "Today" is an input of the checks, not read from the clock inside them: `pwc validate` passes the current date (UTC), so the same data and date always give the same findings; the examples below are checked with today = 2025-06-01.',
  check(repo, report, context) {
    const today = context.today;
    if (!today) return;
    for (const paper of repo.papers.values()) {
      // A partial date (2025-06) is in the future only when its whole period is.
      if (periodStart(paper.date) <= today) continue;
      report({
        file: paper.path,
        at: ['date'],
        message: `the paper is dated ${paper.date}, after today (${today})`,
        tip: 'Write the date of the first public version (e.g. arXiv v1) as YYYY-MM-DD.',
      });
    }
  },
};
