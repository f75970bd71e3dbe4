// Rule (warning): a result is not dated before its dataset existed.
import { periodEnd, periodStart } from '../../model/dates.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'result-before-dataset',
  scope: 'repository',
  reads: ['paper-dates'],
  severity: 'warning',
  title: 'A result is not dated before its dataset was introduced',
  description:
    'A paper cannot report results on a dataset published after it. The dataset\'s date is its `introduced_date`, or else the date of its `introduced_by` paper; the paper that introduces the dataset is exempt (its arXiv version may precede the official release date). A finding usually means a wrong paper date, a wrong dataset date, or results filed under the wrong dataset, so check both files. It is a warning because dates of old datasets are sometimes approximate.',
  check(repo, report) {
    for (const set of repo.results.values()) {
      const paper = repo.papers.get(set.paper);
      const dataset = repo.datasets.get(set.dataset);
      if (!paper || !dataset || dataset.introduced_by === set.paper) continue;
      const introduced = dataset.introduced_date ?? (dataset.introduced_by ? repo.papers.get(dataset.introduced_by)?.date : undefined);
      // With partial dates, only when the paper's whole period lies before the dataset's.
      if (!introduced || periodEnd(paper.date) >= periodStart(introduced)) continue;
      report({
        file: set.path,
        at: [],
        message: `the paper "${set.paper}" is dated ${paper.date}, before the dataset "${set.dataset}" was introduced (${introduced})`,
        tip: `Check the date in ${paper.path} and the introduction date in ${dataset.path}, and that the results belong to this dataset.`,
      });
    }
  },
};
