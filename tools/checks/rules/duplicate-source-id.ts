// Rule: a source's id is not also a paper's: papers and sources share one namespace of ids.
import { presentIds } from '../present.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'duplicate-source-id',
  scope: 'repository',
  reads: ['publication-ids'],
  severity: 'error',
  title: 'A source does not take the id of a paper',
  description:
    'Results that do not come from a paper (an official leaderboard, a code repository, a reproduction) belong to a source in `data/sources/<id>.yaml`, and their result files are named after it exactly as a paper\'s are: `data/results/<task>/<dataset>/<id>.yaml`. The file name alone must therefore say whose results they are, so a source cannot have the id of a paper. Rename the source (and its result files), for example with a suffix such as `-leaderboard`.',
  check(repo, report, context) {
    const papers = presentIds(repo, context).paper;
    for (const source of repo.sources.values()) {
      if (!papers.has(source.id)) continue;
      const paper = repo.papers.get(source.id);
      report({
        file: source.path,
        at: [],
        message: `the id "${source.id}" is also that of the paper ${paper?.path ?? `data/papers/<yyyy>/${source.id}.yaml`}`,
        tip: `Rename the source, e.g. to data/sources/${source.id}-${source.kind}.yaml, and its result files with it.`,
      });
    }
  },
};
