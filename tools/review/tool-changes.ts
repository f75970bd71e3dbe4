// Which changed paths are the tools rather than the data: code, schemas, workflows and package files
// run when the repository is checked, built and published, so a change to them needs a maintainer.
import type { ReviewReport } from './report-schema.ts';

export type ToolChanges = NonNullable<ReviewReport['toolChanges']>;

/** Paths listed in a report; the count says how many there were. */
export const MAX_TOOL_PATHS = 50;

/**
 * A path that is not data: anything but data/, generated/ (rewritten on merge), docs/ and the
 * Markdown and licence files at the top. Everything else may run (tools/, schemas/, .github/,
 * package.json, package-lock.json, nx.json, tsconfig.json, .ci/ ...), so it counts.
 */
export function isToolPath(path: string): boolean {
  if (/^(data|generated|docs)\//.test(path)) return false;
  return !/^[^/]+\.md$/i.test(path) && path !== 'LICENSE';
}

/** The tool paths among `paths` (sorted, the first MAX_TOOL_PATHS, and their count); undefined when none. */
export function toolChanges(paths: Iterable<string>): ToolChanges | undefined {
  const tools = [...new Set([...paths].filter(isToolPath))].sort();
  if (tools.length === 0) return undefined;
  return { count: tools.length, paths: tools.slice(0, MAX_TOOL_PATHS) };
}

/** What the report says and what GitHub lists for the pull request, together: neither alone is trusted to be complete. */
export function mergeToolChanges(reported: ToolChanges | undefined, listed: Iterable<string>): ToolChanges | undefined {
  const fromList = toolChanges(listed);
  if (!reported) return fromList;
  if (!fromList) return reported;
  const merged = toolChanges([...reported.paths, ...fromList.paths])!;
  return { count: Math.max(reported.count, fromList.count, merged.count), paths: merged.paths };
}
