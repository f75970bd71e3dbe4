// Checks one file alone, from its path and bytes to located findings: pure, no I/O, safe in a worker.
import { checkSchema } from '../model/check-schema.ts';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { addPrintedValues } from '../model/printed.ts';
import type { ValidFile } from '../model/repository.ts';
import { decodeSource, LocatedDocument, parseSource, type PathSegment, type SourceProblem } from '../model/source.ts';
import { fileRules, ruleById } from './catalog.ts';
import type { FileRule } from './rule.ts';
import { compareFindings, internalReport, type Finding, type Report, type Severity } from './finding.ts';

export interface FileCheck {
  findings: Finding[];
  /** Set only when the data conforms to its schema (and holds no forbidden key), so repository rules can trust its types. */
  valid?: ValidFile;
}

/** Keys that reach JavaScript object internals; refused anywhere in a file. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `rules` is for tests; callers use the catalogue's file rules. */
export function checkFile(path: string, bytes: Uint8Array, rules: readonly FileRule[] = fileRules): FileCheck {
  try {
    return readAndCheck(path, bytes, rules);
  } catch (error) {
    // Whatever went wrong (a parser bug, a stack overflow on absurd nesting), the run goes on.
    return { findings: locateInText([internalReport(path, 'reading the file', error)], undefined) };
  }
}

function readAndCheck(path: string, bytes: Uint8Array, rules: readonly FileRule[]): FileCheck {
  const findings: Finding[] = [];
  const ref = classifyPath(path);
  if (isPathProblem(ref)) {
    findings.push({ rule: 'path', severity: severityOf('path'), file: path, line: 1, column: 1, message: ref.message, tip: ref.tip });
    // A README or an image in data/ is misplaced, not malformed YAML: only the path is reported.
    if (!/\.ya?ml$/.test(path)) return done(findings);
  }
  const decoded = decodeSource(bytes);
  findings.push(...decoded.problems.map((p) => sourceFinding(path, p)));
  if (decoded.text === undefined) return done(findings);
  const results = !isPathProblem(ref) && ref.kind === 'result';
  const parsed = parseSource(decoded.text, { numberTexts: results });
  findings.push(...parsed.problems.map((p) => sourceFinding(path, p)));
  if (parsed.data === undefined) return done(findings);

  const reports: Report[] = forbiddenKeys(path, parsed.data);
  let valid: ValidFile | undefined;
  if (!isPathProblem(ref)) {
    for (const p of checkSchema(ref.kind, parsed.data)) {
      reports.push({ rule: 'schema', severity: severityOf('schema'), file: path, at: p.at, part: p.part, message: p.message, tip: p.tip });
    }
    if (reports.length === 0) {
      valid = { ref, data: parsed.data };
      for (const rule of rules) {
        try {
          rule.check(valid, (r) => reports.push({ ...r, rule: rule.id, severity: rule.severity, file: path }));
        } catch (error) {
          reports.push(internalReport(path, rule.id, error));
        }
      }
      // After the rules, which check the file's own data; what reads the valid data shows values as printed.
      if (results) addPrintedValues(parsed.data, parsed.numberTexts ?? []);
    }
  }
  // Only files with findings pay for the full-fidelity parse that turns data paths into positions.
  if (reports.length > 0) for (const f of locateInText(reports, decoded.text)) findings.push(f);
  return done(findings, valid);
}

function done(findings: Finding[], valid?: ValidFile): FileCheck {
  findings.sort(compareFindings);
  return valid ? { findings, valid } : { findings };
}

function severityOf(ruleId: string): Severity {
  return ruleById.get(ruleId)?.severity ?? 'error';
}

function sourceFinding(file: string, p: SourceProblem): Finding {
  return { rule: p.rule, severity: severityOf(p.rule), file, line: p.line, column: p.column, message: p.message, tip: p.tip };
}

/**
 * Finds forbidden keys anywhere in the data. Recursion is safe: parseSource refuses nesting deeper
 * than 100 levels. The path is one shared stack, copied only for a report (this runs on every file).
 */
function forbiddenKeys(file: string, data: unknown): Report[] {
  const out: Report[] = [];
  const path: PathSegment[] = [];
  const walk = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      path.push(key);
      if (FORBIDDEN_KEYS.has(key)) {
        out.push({
          rule: 'forbidden-key',
          severity: severityOf('forbidden-key'),
          file,
          at: [...path],
          part: 'key',
          message: `the key "${key}" is not allowed`,
          tip: `"${key}" can tamper with the tools that read the data: remove the key, or rename it (a metric could be called e.g. "${key.replace(/_/g, '')} score").`,
        });
      }
      walk((value as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  walk(data);
  return out;
}

/** Positions for reports on one file, from one full-fidelity parse of its text. */
export function locateInText(reports: readonly Report[], text: string | undefined): Finding[] {
  let doc: LocatedDocument | undefined;
  if (text !== undefined) {
    try {
      doc = new LocatedDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      doc = undefined; // positions fall back to the file start; the findings themselves are kept
    }
  }
  return reports.map(({ at, part, ...rest }) => {
    let position = { line: 1, column: 1 };
    if (doc && at && at.length > 0) {
      try {
        position = doc.locate(at, part ?? 'value');
      } catch {
        // keep the file start
      }
    }
    return { ...rest, ...position };
  });
}
