// Where each page lives under generated/, and relative links between pages (GitHub follows them).
import { posix } from 'node:path';

export const GENERATED_DIR = 'generated';

export const pagePaths = {
  readme: (): string => 'README.md',
  task: (task: string): string => `tasks/${task}.md`,
  dataset: (dataset: string): string => `datasets/${dataset}.md`,
  method: (method: string): string => `methods/${method}.md`,
  paper: (paper: string, date: string): string => `papers/${date.slice(0, 4)}/${paper}.md`,
  leaderboard: (task: string, dataset: string): string => `sota/${task}/${dataset}.md`,
  chart: (task: string, dataset: string): string => `sota/${task}/${dataset}.svg`,
};

/** The link from one page to another, both given relative to generated/. */
export function relativeHref(from: string, to: string): string {
  const href = posix.relative(posix.dirname(from), to);
  return href.startsWith('.') ? href : `./${href}`;
}
