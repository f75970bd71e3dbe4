// Every `pwc` command, in the order `pwc --help` lists them. A command's module (and all it
// imports) is loaded only when that command runs: `pwc validate` does not load octokit or the views.
import type { CommandEntry } from '../command.ts';

export const commands: CommandEntry[] = [
  {
    name: 'validate',
    summary: 'Check the data: every file alone and across files (--changed-since: only what a change touches)',
    load: async () => (await import('./validate.ts')).validateCommand,
  },
  {
    name: 'schemas',
    summary: 'Write the contributor JSON Schemas to schemas/ (--check: exit 1 when they are stale)',
    load: async () => (await import('./schemas.ts')).schemasCommand,
  },
  {
    name: 'fix',
    summary: 'Format data files canonically (key order, quoting, indentation, sorted id lists); --check only lists them',
    load: async () => (await import('./fix.ts')).fix,
  },
  {
    name: 'new',
    summary: 'Write a valid skeleton of a new paper, task, dataset, method or result file (asks for missing fields in a terminal)',
    load: async () => (await import('./new.ts')).newCommand,
  },
  {
    name: 'bundle',
    summary: 'Validate, then write the JSON bundle a release publishes (pwc-data.json[.gz], schema, types, manifest) to --out',
    load: async () => (await import('./bundle.ts')).bundleCommand,
  },
  {
    name: 'generate',
    summary: 'Write the pages and charts in generated/ from data/ (--check: exit 1 naming the stale files)',
    load: async () => (await import('./generate.ts')).generateCommand,
  },
  {
    name: 'site',
    summary: 'Build the static site (HTML pages, leaderboards, and the other parts) into --out; again: only what the data change touches',
    load: async () => (await import('./site.ts')).siteCommand,
  },
  {
    name: 'review',
    summary: 'Compare two commits: findings, leaderboard changes, new SOTA, pages affected, suspicious changes (JSON report)',
    load: async () => (await import('./review.ts')).reviewCommand,
  },
  {
    name: 'judge',
    summary: "Judge the pull request checked out at --root with these tools, not its own: validate, fix --check and review, each its own process (what validate.yml runs)",
    load: async () => (await import('./judge.ts')).judgeCommand,
  },
  {
    name: 'post-review',
    summary: 'Publish a review report on its pull request: sticky comment, inline comments, labels (env: GITHUB_TOKEN, GITHUB_REPOSITORY, HEAD_SHA, HEAD_REPO)',
    load: async () => (await import('./post-review.ts')).postReviewCommand,
  },
  {
    name: 'import-pwc',
    summary: 'Import the Papers With Code archive dumps (.json, .json.gz or .parquet) into --out, with a report of everything left out',
    load: async () => (await import('./import-pwc.ts')).importPwcCommand,
  },
  {
    name: 'import-model-index',
    summary: "Add the results in model zoos' files (model-index.yml/metafile.yml, model cards, .eval_results) to the repository, reporting what it cannot place",
    load: async () => (await import('./import-model-index.ts')).importModelIndexCommand,
  },
  {
    name: 'release',
    summary: 'Publish the bundle in --dist as a GitHub release (draft, assets checked, then published) with changes.json and notes (env: GITHUB_TOKEN, GITHUB_REPOSITORY)',
    load: async () => (await import('./release.ts')).releaseCommand,
  },
];
