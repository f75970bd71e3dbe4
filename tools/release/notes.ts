// The release notes: Markdown for the GitHub release page, made from changes.json (counts, new
// states of the art, added papers). Data is untrusted text: escaped so it renders as itself and
// mentions no one. Ends with a hidden marker that lets a later run find the release again.
import { ENTITY_KINDS } from '../bundle/index.ts';
import { code, plain } from '../markdown/escape.ts';
import { count as plural } from '../model/count.ts';
import type { Changes, SotaChange } from './changes-schema.ts';
import type { Collections } from './changes.ts';
import type { Entity } from './renames.ts';

/** At most this many lines per list; the rest is in changes.json. */
export const LIST_LIMIT = 50;
/** GitHub refuses release bodies over 125,000 characters; stay well below. */
const BODY_LIMIT = 100_000;

export const MARKER_PREFIX = '<!-- pwc-release ';

/** What a release of ours records about itself, in its body's marker. */
export interface ReleaseMarker {
  source_commit: string;
  data_version: string | null;
  content_sha256: string | null;
}

export function renderMarker(marker: ReleaseMarker): string {
  const { source_commit, data_version, content_sha256 } = marker;
  return `${MARKER_PREFIX}${JSON.stringify({ source_commit, data_version, content_sha256 })} -->`;
}

/** The marker in a release body, if it has a well-formed one. */
export function parseMarker(body: string | null | undefined): ReleaseMarker | undefined {
  const match = /<!-- pwc-release (\{[^\n]*?\}) -->/.exec(body ?? '');
  if (!match) return undefined;
  try {
    const value = JSON.parse(match[1]) as Partial<ReleaseMarker>;
    if (typeof value.source_commit !== 'string' || !/^[0-9a-f]{40,64}$/.test(value.source_commit)) return undefined;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return { source_commit: value.source_commit, data_version: str(value.data_version), content_sha256: str(value.content_sha256) };
  } catch {
    return undefined;
  }
}

/** Dates and versions need no escaping mid-line; anything else from the data goes through plain(). */
const literal = (text: string, max: number) => (/^[0-9A-Za-z.:-]{1,40}$/.test(text) ? text : plain(text, max));

function formatValue(value: number | null, unit: string | undefined): string {
  if (value === null) return 'no ranked result';
  return `${value}${unit ? (unit === '%' ? '%' : ` ${plain(unit, 40)}`) : ''}`;
}

interface Lookup {
  benchmarks: Map<string, Entity>;
  results: Map<string, Entity>;
  papers: Map<string, Entity>;
  sources: Map<string, Entity>;
}

function sotaLine(s: SotaChange, { benchmarks, results: rows, papers, sources }: Lookup): string {
  const benchmark = benchmarks.get(s.benchmark) as { metrics?: Array<{ name: string; unit?: string }> } | undefined;
  const unit = benchmark?.metrics?.find((m) => m.name === s.current.metric)?.unit;
  const by = s.current.results
    .slice(0, 3)
    .map((id) => {
      const row = rows.get(id);
      // A row names its paper, or a source that is not a paper.
      const reporter = row && (row.paper !== undefined ? papers.get(String(row.paper))?.title : sources.get(String(row.source))?.name);
      return `${code(String(row?.model ?? id), 120)}${reporter ? ` (${plain(String(reporter), 200)})` : ''}`;
    })
    .join(', ');
  const more = s.current.results.length > 3 ? ` and ${s.current.results.length - 3} more` : '';
  const before = s.previous
    ? s.previous.value === null
      ? '; no ranked result before'
      : `; before: ${formatValue(s.previous.value, unit)}${s.previous.metric !== s.current.metric ? ` ${plain(s.previous.metric, 120)}` : ''}`
    : '; a new leaderboard';
  return `- ${code(s.benchmark)}: **${formatValue(s.current.value, unit)}** ${plain(s.current.metric, 120)} (${s.direction} is better)${by ? ` by ${by}${more}` : ''}${before}`;
}

function capped<T>(items: readonly T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, LIST_LIMIT).map(line);
  if (items.length > LIST_LIMIT) lines.push(`- … and ${items.length - LIST_LIMIT} more (see \`changes.json\`)`);
  return lines;
}

/** The release body: notes in Markdown, then the marker. Pure. */
export function renderNotes(changes: Changes, data: Collections): string {
  const { current, previous } = changes;
  const out: string[] = [
    `Data of commit \`${current.source_commit.slice(0, 12)}\`${current.data_version ? ` (committed ${current.data_version})` : ''}, bundle schema ${literal(current.schema_version, 40)}; ` +
      (changes.previous_release ? `changes since ${code(changes.previous_release)}.` : 'the first release.'),
    '',
  ];
  const kinds = ENTITY_KINDS.filter((k) => Object.values(changes.summary[k]).some((n) => n > 0));
  if (kinds.length > 0) {
    out.push('| | Added | Changed | Removed | Renamed |', '| --- | ---: | ---: | ---: | ---: |');
    for (const k of kinds) {
      const s = changes.summary[k];
      out.push(`| ${k} | ${s.added} | ${s.changed} | ${s.removed} | ${s.renamed} |`);
    }
    out.push('');
  } else {
    out.push(`No entity changed; the bundle's schema changed from ${literal(previous?.schema_version ?? '', 40)} to ${literal(current.schema_version, 40)}.`, '');
  }
  const byId = (list: readonly Entity[]) => new Map(list.map((e) => [e.id, e]));
  const lookup: Lookup = { benchmarks: byId(data.benchmarks), results: byId(data.results), papers: byId(data.papers), sources: byId(data.sources) };
  const improved = changes.new_sota.filter((s) => s.improved);
  const otherTops = changes.new_sota.filter((s) => !s.improved);
  if (improved.length > 0) out.push(`### New states of the art (${improved.length})`, '', ...capped(improved, (s) => sotaLine(s, lookup)), '');
  if (otherTops.length > 0) out.push(`### Other changes at the top of a leaderboard (${otherTops.length})`, '', ...capped(otherTops, (s) => sotaLine(s, lookup)), '');
  const addedPapers = changes.changes.filter((c) => c.kind === 'papers' && c.change === 'added');
  if (addedPapers.length > 0) {
    out.push(`### Added papers (${addedPapers.length})`, '');
    out.push(
      ...capped(addedPapers, (c) => {
        const p = (c as { value: Record<string, unknown> }).value;
        return `- ${plain(String(p.title), 300)} (${literal(String(p.date), 20)}) ${code(c.id)}`;
      }),
      '',
    );
  }
  const counted = ENTITY_KINDS.map((k) => changes.summary[k]).reduce((n, s) => n + s.added + s.changed + s.removed + s.renamed, 0);
  out.push(
    '### Files',
    '',
    '`pwc-data.json.gz` is the data (`pwc-data.schema.json` its schema, `pwc-data.d.ts` TypeScript types, `manifest.json` sizes, digests and counts). ' +
      `\`changes.json\` lists ${plural(counted, 'change')} entity by entity (its schema: \`changes.schema.json\`). Check downloads with \`sha256sum -c SHA256SUMS\`. ` +
      'How to fetch, verify and sync: `docs/bundle.md` in the repository.',
  );
  let text = out.join('\n');
  if (text.length > BODY_LIMIT) text = `${text.slice(0, BODY_LIMIT)}\n\n… (cut; see \`changes.json\`)`;
  const marker = renderMarker({ source_commit: current.source_commit, data_version: current.data_version, content_sha256: current.content_sha256 });
  return `${text}\n\n${marker}\n`;
}
