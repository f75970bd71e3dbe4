// Which generated pages a change touches: the pages whose text differs between two commits.
import { createHash } from 'node:crypto';
import { readTree } from '../git/commits.ts';
import { repositoryOfFiles, type Repository } from '../model/repository.ts';
import { GENERATED_DIR } from './links.ts';
import { renderSite } from './site.ts';

/**
 * The generated pages (sorted `generated/...` paths) whose text differs between the commits
 * `base` and `head` of the repository at root; `changed` is what differs between them (today both
 * sites are rendered whole, so it is not needed yet).
 */
export async function changedPages(root: string, base: string, head: string, changed: readonly { path: string; change: 'added' | 'removed' | 'changed' }[]): Promise<string[]> {
  const [before, after] = await Promise.all([readTree(root, base, 'data'), readTree(root, head, 'data')]);
  return differingPages(repositoryOfFiles(before), repositoryOfFiles(after));
}

/** Both sites rendered by the views stage and compared by digest. */
function differingPages(base: Repository, head: Repository): string[] {
  const digest = (repo: Repository) => {
    const out = new Map<string, string>();
    for (const page of renderSite(repo)) out.set(page.path, createHash('sha256').update(page.text).digest('hex'));
    return out;
  };
  const before = digest(base);
  const after = digest(head);
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths]
    .filter((p) => before.get(p) !== after.get(p))
    .map((p) => `${GENERATED_DIR}/${p}`)
    .sort();
}
