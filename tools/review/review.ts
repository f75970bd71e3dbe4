// `pwc review`: compares two commits with real git and builds the review report (validated against its schema).
import { createHash } from 'node:crypto';
import { validate } from '../checks/validate.ts';
import { fixedText } from '../format/format-source.ts';
import { buildLeaderboards } from '../model/leaderboard.ts';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { buildRepository, readValidFile, type Repository, type ValidFile } from '../model/repository.ts';
import { decodeSource } from '../model/source.ts';
import { GENERATED_DIR } from '../views/links.ts';
import { renderSite } from '../views/site.ts';
import { compareLeaderboards, entityChanges, suspiciousChanges, type ChangedPath } from './compare.ts';
import { replacementHunks } from './fixes.ts';
import { changedPaths, mergeBase, readTree, resolveCommit, withWorktree } from './git.ts';
import { parseReport } from './report.ts';
import { REPORT_SCHEMA_VERSION, type ReportFinding, type ReportFix, type ReviewReport } from './report-schema.ts';
import { toolChanges } from './tool-changes.ts';

export interface ReviewOptions {
  root: string;
  base: string;
  /** Default HEAD. */
  head?: string;
  /** Today's date (YYYY-MM-DD) for date rules; the CLI passes the clock's. */
  today?: string;
}

/** The report for the change from `base` to `head`. Throws only for bad refs or a broken git. */
export async function reviewChange(options: ReviewOptions): Promise<ReviewReport> {
  const headRef = options.head ?? 'HEAD';
  const [baseTip, headSha] = await Promise.all([resolveCommit(options.root, options.base), resolveCommit(options.root, headRef)]);
  // Like the pull request's own diff: what head changed since it branched, not what base did since.
  const baseSha = await mergeBase(options.root, baseTip, headSha);
  const changed = await changedPaths(options.root, baseSha, headSha);
  const [baseFiles, headFiles] = await Promise.all([readTree(options.root, baseSha, 'data'), readTree(options.root, headSha, 'data')]);
  const base = repositoryOf(baseFiles);
  const head = repositoryOf(headFiles);

  // The incremental validation runs on a real checkout of head, so it sees what a contributor's clone sees.
  const validation = await withWorktree(options.root, headSha, (dir) => validate({ root: dir, changedSince: baseSha, cache: false, ...(options.today ? { today: options.today } : {}) }));
  const findings: ReportFinding[] = validation.findings.map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.line, column: f.column, message: f.message, tip: f.tip }));

  const before = buildLeaderboards(base);
  const after = buildLeaderboards(head);
  const leaderboards = compareLeaderboards(base, head, before, after);
  const suspicious = suspiciousChanges(leaderboards, before);
  const report: ReviewReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    base: { ref: options.base, sha: baseSha },
    head: { ref: headRef, sha: headSha },
    status: findings.some((f) => f.severity === 'error') ? 'fail' : 'pass',
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      filesChecked: validation.checked.length,
      newSota: leaderboards.reduce((n, b) => n + b.changes.filter((c) => c.newSota).length, 0),
      suspicious: suspicious.length,
    },
    findings,
    fixes: fixesFor(changed, headFiles),
    leaderboards,
    entities: entityChanges(changed),
    pages: affectedPages(base, head),
    suspicious,
  };
  const tools = toolChanges(changed.map((c) => c.path));
  if (tools) report.toolChanges = tools;
  // What we publish must pass the schema we publish: a failure here is a bug in this module.
  const checked = parseReport(JSON.stringify(report));
  if (checked.error) throw new Error(`internal: the review report does not match its schema: ${checked.error}`);
  return report;
}

function repositoryOf(files: ReadonlyMap<string, Uint8Array>): Repository {
  const valid: ValidFile[] = [];
  for (const [path, bytes] of files) {
    const file = readValidFile(path, bytes);
    if (file) valid.push(file);
  }
  return buildRepository(valid);
}

/** What `pwc fix` would change in the added and changed data files, as line replacements of head. */
function fixesFor(changed: readonly ChangedPath[], headFiles: ReadonlyMap<string, Uint8Array>): ReportFix[] {
  const out: ReportFix[] = [];
  for (const { path, change } of changed) {
    if (change === 'removed') continue;
    const ref = classifyPath(path);
    const bytes = headFiles.get(path);
    if (isPathProblem(ref) || !bytes) continue;
    const text = decodeSource(bytes).text;
    if (text === undefined) continue;
    const fixed = fixedText(ref.kind, text);
    if (fixed !== undefined) out.push(...replacementHunks(path, text.replace(/\r\n?/g, '\n'), fixed));
  }
  return out;
}

/** Generated pages whose text differs between the two commits: both sites rendered by the views stage and compared. */
function affectedPages(base: Repository, head: Repository): string[] {
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
