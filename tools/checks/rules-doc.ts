// docs/rules.md from the catalogue and the examples: each rule with its anchor, explanation, failing and passing files, and what the check says.
import { existsSync } from 'node:fs';
import { rules } from './catalog.ts';
import { checkTree, EXAMPLE_TODAY, exampleContext, exampleDir, readTree, type SourceFile } from './examples.ts';
import { INTERNAL_RULE } from './finding.ts';
import { CROSS_FILE_READS, type Rule } from './rule.ts';

export const RULES_DOC_PATH = 'docs/rules.md';

/** Files above this are shown by their first lines only (the file-too-large example is over 1 MiB). */
const SHOWN_BYTES = 4096;
const SHOWN_LINES = 12;

const SCOPES: Record<Rule['scope'], { heading: string; intro: string }> = {
  source: {
    heading: 'Reading a file',
    intro: 'Decided while reading each file on its own: bytes, YAML, path and schema. A file with such an error is left out of the checks across files, so references to it are not reported again.',
  },
  file: {
    heading: 'One file',
    intro: 'Decided on one file that conforms to its schema.',
  },
  repository: {
    heading: 'Across files',
    intro: 'Decided on the whole repository: references, leaderboards, duplicates and plausibility.',
  },
};

export function renderRulesDoc(): string {
  const out: string[] = [
    '# Rules',
    '',
    '<!-- Generated from tools/checks/catalog.ts and tools/checks/examples/ by `npx tsx tools/checks/write-rules-doc.ts`. Do not edit by hand. -->',
    '',
    'Every finding of `pwc validate` names one of these rules, with the file, line and column of the offending value or key, a message and a tip. An **error** fails the check (exit code 1, a red pull request); a **warning** is shown but does not fail. Each rule below links to its examples in `tools/checks/examples/<rule>/`: a `fail` repository that triggers it (with `expected.json`, the positions the test asserts) and a `pass` repository that does not; the test suite runs every rule over both.',
    '',
    '| Rule | Severity | Demands |',
    '| --- | --- | --- |',
    ...rules.map((r) => `| [${r.id}](#${r.id}) | ${r.severity} | ${r.title} |`),
    `| [${INTERNAL_RULE}](#${INTERNAL_RULE}) | error | Every check runs to its end |`,
    '',
  ];
  for (const scope of ['source', 'file', 'repository'] as const) {
    out.push(`## ${SCOPES[scope].heading}`, '', SCOPES[scope].intro, '');
    if (scope === 'repository') out.push(...renderReads());
    for (const rule of rules.filter((r) => r.scope === scope)) out.push(...renderRule(rule));
  }
  out.push(
    '## When a check fails',
    '',
    `### ${INTERNAL_RULE}`,
    '',
    '**error** · Every check runs to its end',
    '',
    'A rule that throws an exception does not stop the run: its failure is reported as a finding of this rule, naming the rule that failed, and the other rules still report. It points at a bug in the checks (possibly triggered by unusual data), not necessarily in the data; please open an issue with the file it names.',
    '',
  );
  return out.join('\n');
}

/** The vocabulary of cross-file reads, from rule.ts. */
function renderReads(): string[] {
  return [
    'Each of these rules declares what it reads of files other than the one it reports on, in the terms below. `pwc validate --changed-since` and the pull-request review check again only the files a change can affect, and they know it from these declarations: a rule that read something it does not declare would be missed there.',
    '',
    '| Read | What the rule reads | Which files depend on which |',
    '| --- | --- | --- |',
    ...Object.entries(CROSS_FILE_READS).map(([name, read]) => `| \`${name}\` | ${capitalise(read.means)} | ${capitalise(read.dependsOn)} |`),
    '',
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function renderRule(rule: Rule): string[] {
  const fail = readTree(exampleDir(rule.id, 'fail'));
  const pass = readTree(exampleDir(rule.id, 'pass'));
  const findings = checkTree(fail, exampleContext(rule.id, fail)).filter((f) => f.rule === rule.id);
  const today =
    rule.id === 'future-paper'
      ? ` (checked with today = ${EXAMPLE_TODAY})`
      : existsSync(exampleDir(rule.id, 'base'))
        ? ` (as a change of [examples/${rule.id}/base](../tools/checks/examples/${rule.id}/base))`
        : '';
  return [
    `### ${rule.id}`,
    '',
    `**${rule.severity}** · ${rule.title}`,
    '',
    rule.description,
    '',
    ...(rule.scope === 'repository' ? [`Reads across files: ${rule.reads.length > 0 ? rule.reads.map((r) => `\`${r}\``).join(', ') : 'nothing but the file it reports on'}.`, ''] : []),
    `**Fails**${today} ([examples/${rule.id}/fail](../tools/checks/examples/${rule.id}/fail)):`,
    '',
    ...renderChanged(fail, pass),
    'The check says:',
    '',
    '```text',
    ...findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${f.message}\n  tip: ${f.tip}`),
    '```',
    '',
    `**Passes** ([examples/${rule.id}/pass](../tools/checks/examples/${rule.id}/pass)):`,
    '',
    ...renderChanged(pass, fail),
  ];
}

/** The files of `shown` that the other example lacks or has with other bytes; the shared ones are only named. */
function renderChanged(shown: SourceFile[], other: SourceFile[]): string[] {
  const otherByPath = new Map(other.map((f) => [f.path, f]));
  const same = shown.filter((f) => sameBytes(f.bytes, otherByPath.get(f.path)?.bytes));
  const out: string[] = [];
  for (const file of shown.filter((f) => !same.includes(f))) {
    out.push(`\`${file.path}\`${file.bytes.length === 0 ? ' (empty: 0 bytes)' : ''}`, '');
    if (file.bytes.length > 0) out.push(...fenced(showBytes(file.bytes)), '');
  }
  if (same.length > 0) out.push(`Unchanged: ${same.map((f) => `\`${f.path}\``).join(', ')}.`, '');
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

function fenced(text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}yaml`, text.replace(/\n$/, ''), fence];
}

/** The text of a file with what an editor would not show spelled out: <BOM>, <CR>, <TAB>, <NUL>, and bytes that are not UTF-8 as <0xE9>. */
export function showBytes(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const length = utf8Length(bytes, i);
    if (length === 0) {
      text += `<0x${bytes[i].toString(16).toUpperCase().padStart(2, '0')}>`;
      i += 1;
    } else {
      text += new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(i, i + length));
      i += length;
    }
  }
  text = text.replace(/\uFEFF/g, '<BOM>').replace(/\r/g, '<CR>').replace(/\t/g, '<TAB>').replace(/\0/g, '<NUL>');
  if (bytes.length <= SHOWN_BYTES) return text;
  const lines = text.split('\n');
  return `${lines.slice(0, SHOWN_LINES).join('\n')}\n# … ${lines.length - SHOWN_LINES - 1} more lines like these: ${bytes.length} bytes in all\n`;
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when the byte there does not start one. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length <= 1) return length;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
    return i + length <= bytes.length ? length : 0;
  } catch {
    return 0;
  }
}

