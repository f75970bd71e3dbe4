// The rule examples: tiny repositories under examples/<rule>/{fail,pass}/, read and checked like real data.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDataPath } from '../model/paths.ts';
import { buildRepository, repositoryOfFiles, type ValidFile } from '../model/repository.ts';
import { baseModelsOf } from './base-models.ts';
import { checkFile } from './check-file.ts';
import { checkRepository, locateReports } from './check-repository.ts';
import { compareFindings, type Finding } from './finding.ts';
import type { CheckContext } from './rule.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('./examples/', import.meta.url));

/** The date the examples are checked against (see the future-paper rule). */
export const EXAMPLE_TODAY = '2025-06-01';

export interface SourceFile {
  /** POSIX path relative to the example's root, e.g. data/tasks/x.yaml. */
  path: string;
  bytes: Uint8Array;
}

/** Where a fail example's findings of its rule must be: expected.json next to the fail folder. */
export interface ExpectedPosition {
  file: string;
  line: number;
  column: number;
}

export function exampleDir(ruleId: string, part: 'fail' | 'pass' | 'base'): string {
  return join(EXAMPLES_DIR, ruleId, part);
}

export function readExpected(ruleId: string): ExpectedPosition[] | undefined {
  const path = join(EXAMPLES_DIR, ruleId, 'expected.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ExpectedPosition[]) : undefined;
}

/** Every data file of an example (or any repository root) under data/, sorted by path. */
export function readTree(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const path = relative(root, full).split(sep).join('/');
        if (isDataPath(path)) out.push({ path, bytes: readFileSync(full) });
      }
    }
  };
  if (existsSync(join(root, 'data'))) walk(join(root, 'data'));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The context an example is checked in: today and, when the rule's folder has a `base` repository
 * (the state before a change, for rules on new rows such as missing-source), its result files' models.
 */
export function exampleContext(ruleId: string, files: readonly SourceFile[]): CheckContext {
  const baseDir = join(EXAMPLES_DIR, ruleId, 'base');
  if (!existsSync(baseDir)) return { today: EXAMPLE_TODAY };
  const base = repositoryOfFiles(readTree(baseDir).map((f) => [f.path, f.bytes] as const));
  return { today: EXAMPLE_TODAY, baseModels: baseModelsOf(base, files.map((f) => f.path)) };
}

/** Checks a set of files as a whole repository: each file alone, then across files. */
export function checkTree(files: readonly SourceFile[], context: CheckContext = { today: EXAMPLE_TODAY }): Finding[] {
  const findings: Finding[] = [];
  const valid: ValidFile[] = [];
  for (const file of files) {
    const result = checkFile(file.path, file.bytes);
    findings.push(...result.findings);
    if (result.valid) valid.push(result.valid);
  }
  const texts = new Map(files.map((f) => [f.path, new TextDecoder().decode(f.bytes)]));
  const reports = checkRepository(buildRepository(valid), { files: files.map((f) => f.path), ...context });
  findings.push(...locateReports(reports, (path) => texts.get(path)));
  return findings.sort(compareFindings);
}
