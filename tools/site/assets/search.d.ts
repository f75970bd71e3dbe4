// Types of search.js's exports, for the index writer and the tests (the script itself is plain JavaScript served as is).
export declare const INDEX_VERSION: number;
export declare const KIND_CODES: Record<'task' | 'dataset' | 'method' | 'leaderboard' | 'source' | 'paper', number>;
export declare function tokenize(text: string): string[];
export declare function isStopWord(token: string): boolean;
export interface SearchResult {
  kind: string;
  /** Relative to the site's root. */
  url: string;
  title: string;
  detail: string;
}
export declare function createSearcher(load: (path: string) => Promise<unknown>): { search(query: string, limit?: number): Promise<SearchResult[]> };
