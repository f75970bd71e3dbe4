// Which lines of a pull request's files GitHub accepts review comments on, from the files' `patch` hunks.

export interface PullFile {
  filename: string;
  status?: string;
  /** The unified-diff hunks; absent for binary files and for diffs too large for the API. */
  patch?: string;
}

/** Line numbers on the new side (RIGHT) that a hunk shows: added lines and the context around them. */
export function rightSideLines(patch: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!patch) return out;
  let next = 0;
  let inHunk = false;
  for (const line of patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (header) {
      next = Number(header[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const kind = line[0];
    if (kind === '+' || kind === ' ') out.add(next++);
    // '-' removed lines and '\' ("No newline at end of file") take no line on the new side.
  }
  return out;
}

/** For each file of the pull request, the lines a review comment may sit on. */
export function commentableLines(files: readonly PullFile[]): Map<string, Set<number>> {
  return new Map(files.map((f) => [f.filename, rightSideLines(f.patch)]));
}
