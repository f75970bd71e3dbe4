// Related papers: the papers sharing the most tasks, datasets and methods with a paper.
import { comparePapers, type SiteIndex } from './site-index.ts';

export interface RelatedPaper {
  paper: string;
  shared: { tasks: number; datasets: number; methods: number };
}

/** How many related papers a page lists. */
export const RELATED_LIMIT = 10;
/**
 * How many papers per shared item are considered: the newest ones. Without a bound, an item
 * shared by tens of thousands of papers (a common method) would make this quadratic; with it,
 * every item shared by at most this many papers is counted exactly.
 */
export const RELATED_PER_ITEM = 100;

type Kind = 'tasks' | 'datasets' | 'methods';
const KINDS: Kind[] = ['tasks', 'datasets', 'methods'];

/**
 * A finder of related papers: ranked by the number of shared tasks, datasets and methods (each
 * shared one counts 1), then newest first, then by id. Deterministic: papers are numbered in page
 * order (newest first, then id), never in insertion order. The finder reuses its scratch arrays,
 * so one paper costs only its candidates, not the size of the repository.
 */
export function relatedPapers(index: SiteIndex, limit = RELATED_LIMIT, perItem = RELATED_PER_ITEM): (paper: string) => RelatedPaper[] {
  const papers = [...index.repo.papers.values()].sort(comparePapers);
  const ordinal = new Map(papers.map((p, i) => [p.id, i]));
  const itemMaps = [index.paperTasks, index.paperDatasets, index.paperMethods];
  // Posting lists hold ordinals in ascending order, i.e. newest first, cut to the newest perItem + 1
  // (the paper itself may be among them).
  const postings = [index.papersByTask, index.papersByDataset, index.papersByMethod].map((byItem) => {
    const out = new Map<string, Int32Array>();
    for (const [item, ids] of byItem) {
      const known = ids.map((id) => ordinal.get(id)).filter((n): n is number => n !== undefined);
      out.set(item, Int32Array.from(known.slice(0, perItem + 1)));
    }
    return out;
  });
  const counts = KINDS.map(() => new Int32Array(papers.length));
  const total = new Int32Array(papers.length);
  const seen = new Int32Array(papers.length).fill(-1);

  return (paperId: string): RelatedPaper[] => {
    const self = ordinal.get(paperId);
    if (self === undefined) return [];
    const candidates: number[] = [];
    for (let k = 0; k < KINDS.length; k++) {
      const count = counts[k];
      for (const item of itemMaps[k].get(paperId) ?? []) {
        const list = postings[k].get(item);
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          const other = list[i];
          if (other === self) continue;
          if (seen[other] !== self) {
            seen[other] = self;
            counts[0][other] = counts[1][other] = counts[2][other] = total[other] = 0;
            candidates.push(other);
          }
          count[other]++;
          total[other]++;
        }
      }
    }
    // Ordinals already encode "newest first, then id", so they break ties.
    const better = (a: number, b: number) => total[a] > total[b] || (total[a] === total[b] && a < b);
    const top: number[] = [];
    for (const c of candidates) {
      if (top.length === limit && !better(c, top[limit - 1])) continue;
      let i = Math.min(top.length, limit - 1);
      top[i] = c;
      while (i > 0 && better(top[i], top[i - 1])) {
        [top[i], top[i - 1]] = [top[i - 1], top[i]];
        i--;
      }
    }
    return top.map((n) => ({
      paper: papers[n].id,
      shared: { tasks: counts[0][n], datasets: counts[1][n], methods: counts[2][n] },
    }));
  };
}

/**
 * The same finder without indexing every paper first: each call reads only its paper's items'
 * newest papers (the index's lists are already in page order). For a few pages, e.g. the pages a
 * change touches, this saves sorting the whole repository's papers.
 */
export function relatedPapersOf(index: SiteIndex, limit = RELATED_LIMIT, perItem = RELATED_PER_ITEM): (paper: string) => RelatedPaper[] {
  const itemMaps = [index.paperTasks, index.paperDatasets, index.paperMethods];
  const byItem = [index.papersByTask, index.papersByDataset, index.papersByMethod];
  return (paperId: string): RelatedPaper[] => {
    if (!index.repo.papers.has(paperId)) return [];
    const found = new Map<string, RelatedPaper & { total: number }>();
    for (let k = 0; k < KINDS.length; k++) {
      for (const item of itemMaps[k].get(paperId) ?? []) {
        const list = byItem[k].get(item) ?? [];
        for (let i = 0; i < list.length && i <= perItem; i++) {
          const other = list[i];
          if (other === paperId) continue;
          let r = found.get(other);
          if (!r) found.set(other, (r = { paper: other, shared: { tasks: 0, datasets: 0, methods: 0 }, total: 0 }));
          r.shared[KINDS[k]]++;
          r.total++;
        }
      }
    }
    const papers = index.repo.papers;
    return [...found.values()]
      .sort((a, b) => b.total - a.total || comparePapers(papers.get(a.paper)!, papers.get(b.paper)!))
      .slice(0, limit)
      .map(({ paper, shared }) => ({ paper, shared }));
  };
}
