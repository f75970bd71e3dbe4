// Each repository rule's declared reads suffice on their own: over every rule's examples, turned from
// pass to fail and back, with each file removed and put back (and a tip change), a planner that
// follows only the rule's declaration re-checks every file whose findings of that rule change, and a
// partial run gives on the planned files the rule's full findings.
import { describe, expect, it } from 'vitest';
import { classifyPath, isPathProblem } from '../model/paths.ts';
import { buildRepository, type ValidFile } from '../model/repository.ts';
import { repositoryRules, rules } from './catalog.ts';
import { checkFile } from './check-file.ts';
import { checkRepository } from './check-repository.ts';
import { exampleContext, exampleDir, readTree, type SourceFile } from './examples.ts';
import type { Report } from './finding.ts';
import { MemoryIndex, plannerFor, type Change, type FileState, type Planner } from './plan.ts';
import { readsOf, type CheckContext, type RepositoryRule } from './rule.ts';

interface Tree {
  bytes: Map<string, Uint8Array>;
  valid: Map<string, ValidFile>;
  states: Map<string, FileState>;
}

function treeOf(files: readonly SourceFile[], planner: Planner): Tree {
  const bytes = new Map(files.map((f) => [f.path, f.bytes]));
  const valid = new Map<string, ValidFile>();
  const states = new Map<string, FileState>();
  for (const f of files) {
    const file = checkFile(f.path, f.bytes).valid;
    if (file) valid.set(f.path, file);
    states.set(f.path, { valid: file !== undefined, uses: file ? planner.usesOf(file) : [] });
  }
  return { bytes, valid, states };
}

/** The rule's reports on each file, as text (a file without any is absent). */
function reportsByFile(reports: readonly Report[]): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const r of reports) out.set(r.file, [...(out.get(r.file) ?? []), JSON.stringify(r)]);
  return new Map([...out].map(([file, list]) => [file, list.sort().join('\n')]));
}

/** The example's context for the tree (today, and a base for rules on new rows). */
function contextOf(tree: Tree, rule: RepositoryRule): CheckContext {
  return exampleContext(rule.id, [...tree.bytes].map(([path, bytes]) => ({ path, bytes })));
}

function fullRun(tree: Tree, rule: RepositoryRule): Map<string, string> {
  return reportsByFile(checkRepository(buildRepository(tree.valid.values()), { ...contextOf(tree, rule), files: [...tree.bytes.keys()] }, [rule]));
}

/** What validate does for --changed-since: the neighbourhood in full, stand-ins around it, the rule on that. */
function partialRun(tree: Tree, plan: readonly string[], index: MemoryIndex, planner: Planner, rule: RepositoryRule): Map<string, string> {
  const around = planner.neighbourhood(plan, index);
  const full = new Set(around.full);
  const standIns = new Set(around.entities);
  for (const kind of around.allOf) {
    for (const path of tree.valid.keys()) {
      const ref = classifyPath(path);
      // Sources share the papers' ids and, like papers, are loaded in full.
      if (!isPathProblem(ref) && (ref.kind === kind || (kind === 'paper' && ref.kind === 'source'))) (kind === 'paper' ? full : standIns).add(path);
    }
  }
  const files: ValidFile[] = [...full].map((p) => tree.valid.get(p)!);
  for (const path of standIns) {
    const stub = full.has(path) ? undefined : planner.stubOf(tree.valid.get(path)!);
    if (stub) files.push({ ref: tree.valid.get(path)!.ref, data: stub });
  }
  const planned = new Set(plan);
  const reports = checkRepository(buildRepository(files), { ...contextOf(tree, rule), files: around.present }, [rule]);
  return reportsByFile(reports.filter((r) => planned.has(r.file)));
}

const onPlan = (byFile: Map<string, string>, plan: readonly string[]) => new Map(plan.filter((p) => byFile.has(p)).map((p) => [p, byFile.get(p)!]));

/**
 * A task appears next to ids that do not exist: the tips of the paper and the result naming them
 * change (their "did you mean" lists every task), though neither names the new task.
 */
function tipChange(): Case {
  const text = (s: string) => new TextEncoder().encode(s);
  const base = readTree(exampleDir('unknown-reference', 'pass'));
  const paper = base.find((f) => f.path.startsWith('data/papers/'))!;
  const result = base.find((f) => f.path.startsWith('data/results/'))!;
  const before = [
    ...base.filter((f) => f !== paper),
    { path: paper.path, bytes: text(`${new TextDecoder().decode(paper.bytes)}  - object-detectoin\n`) },
    { path: result.path.replace('/image-classification/', '/object-detectio/'), bytes: result.bytes },
  ];
  const after = [...before, { path: 'data/tasks/object-detection.yaml', bytes: text('name: Object Detection\narea: computer-vision\n') }];
  return ['a task near missing ids appears', before, after];
}

type Case = [name: string, from: SourceFile[], to: SourceFile[]];

/** Each example turned from pass to fail, and each example without one of its files. */
function exampleCases(): Case[] {
  const out: Case[] = [];
  for (const r of rules) {
    const pass = readTree(exampleDir(r.id, 'pass'));
    const fail = readTree(exampleDir(r.id, 'fail'));
    out.push([r.id, pass, fail]);
    for (const [part, tree] of [['pass', pass], ['fail', fail]] as const) {
      for (const file of tree) out.push([`${r.id}/${part} without ${file.path}`, tree, tree.filter((f) => f !== file)]);
    }
  }
  return out;
}

const cases: Case[] = [...exampleCases(), tipChange()];

describe.each(repositoryRules.map((r) => [r.id, r] as const))('the reads %s declares', (_id, rule) => {
  const planner = plannerFor(readsOf([rule]));

  it('plan every file whose findings change, and a partial run finds what a full run finds on them', () => {
    let exercised = 0;
    for (const [name, one, other] of cases) {
      for (const [from, to] of [[one, other], [other, one]]) {
        const before = treeOf(from, planner);
        const after = treeOf(to, planner);
        const paths = [...new Set([...before.bytes.keys(), ...after.bytes.keys()])].sort();
        const changes: Change[] = paths
          .filter((p) => !sameBytes(before.bytes.get(p), after.bytes.get(p)))
          .map((path) => ({ path, before: before.states.get(path), after: after.states.get(path) }));
        const index = new MemoryIndex(after.states);
        const plan = planner.planCheck(changes, index);
        const then = fullRun(before, rule);
        const now = fullRun(after, rule);
        const moved = [...after.bytes.keys()].filter((p) => then.get(p) !== now.get(p));
        if (moved.length > 0) exercised++;
        const where = `${name}: ${from === one ? 'forth' : 'back'}`;
        expect(moved.filter((p) => !plan.includes(p)), `${where}: findings changed outside the plan`).toEqual([]);
        expect(partialRun(after, plan, index, planner, rule), `${where}: the partial run`).toEqual(onPlan(now, plan));
      }
    }
    // Some change makes its findings change, else this would prove nothing for it.
    expect(exercised).toBeGreaterThan(0);
  });
});

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
