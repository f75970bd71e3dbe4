// Reads the papers, links, datasets and methods dumps: the first two enrich papers already named, the others are catalogues.
import type { Archive, CatalogDataset, CatalogMethod, MethodRef, PaperDraft } from './archive.ts';
import { readDump, type ReadOptions } from './dump-reader.ts';
import { checkEntryShape, type DumpKind } from './dump-shapes.ts';
import { isoDate, isRecord, line, lines, records, text, title, url } from './fields.ts';
import { arxivId, paperRef } from './paper-identity.ts';
import type { Origin } from './report.ts';
import { isPwcSlug } from './slugs.ts';

type Json = Record<string, unknown>;

/** The slug in a Papers With Code page URL (".../paper/<slug>", ".../dataset/<slug>", ".../method/<slug>"), underscores and all. */
export function pwcSlug(value: unknown, kind: 'paper' | 'dataset' | 'method'): string | undefined {
  const t = text(value);
  const match = t === undefined ? null : new RegExp(`^https?://(?:www\\.)?paperswithcode\\.com/${kind}/([^/?#]+)/?$`).exec(t);
  return match && isPwcSlug(match[1]) ? match[1] : undefined;
}

async function readEntries(archive: Archive, kind: DumpKind, file: string, options: ReadOptions, take: (entry: Json, origin: Origin) => boolean, unmatchedReason?: string): Promise<void> {
  let entries = 0;
  let unmatched = 0;
  for await (const entry of readDump(file, { ...options, kind })) {
    checkEntryShape(kind, file, entry);
    entries++;
    if (!take(entry.value as Json, { file, at: `[${entry.index}]` })) unmatched++;
  }
  archive.inputs.push({ file, kind, entries });
  if (unmatchedReason && unmatched > 0) archive.unmatched.push({ file, kind, entries: unmatched, reason: unmatchedReason });
}

/**
 * Enriches the papers that rows, datasets or methods name; other entries are only counted (576,000
 * papers do not all have results). A paper enriched before, by this file or another shard of the
 * dump, keeps its first entry.
 */
export async function readPapers(archive: Archive, file: string, options: ReadOptions = {}): Promise<void> {
  await readEntries(archive, 'papers', file, options, (entry, origin) => {
    const fields = { arxiv: arxivId(text(entry.arxiv_id)), urls: [text(entry.paper_url), text(entry.url_abs)], title: title(entry.title) };
    const paper = archive.paperFor(fields, origin, false);
    if (!paper) return false;
    if (paper.enrichedAt) {
      archive.skip({ kind: 'paper', ...origin, name: fields.title, reason: 'the papers dump lists this paper again: the first entry was used' });
      return true;
    }
    paper.enrichedAt = origin;
    archive.paperIndex.add(paper, paperRef(fields));
    paper.arxiv ??= fields.arxiv;
    paper.title ??= fields.title;
    const date = isoDate(entry.date);
    if (!paper.date && date) {
      paper.date = date;
      paper.dateSource = 'papers dump';
    }
    paper.url ??= url(entry.url_abs);
    paper.pdf ??= url(entry.url_pdf);
    paper.abstract ??= text(entry.abstract);
    const authors = lines(entry.authors);
    if (!paper.authors && authors.length) paper.authors = authors;
    paper.venue ??= line(entry.proceeding) ?? line(entry.conference);
    paper.pwcSlug ??= pwcSlug(entry.paper_url, 'paper');
    for (const name of lines(entry.tasks)) if (!paper.taskNames.includes(name)) paper.taskNames.push(name);
    for (const m of records(entry.methods)) {
      const method = methodRef(m);
      if (method && !paper.methods.some((x) => x.name === method.name)) paper.methods.push(method);
    }
    if (text(entry.short_abstract)) archive.ignore('papers: short_abstract', 'papers keep the full abstract');
    return true;
  }, 'entries name no paper that a result row, dataset or method refers to, so they are not imported');
}

/** Adds code links (official, framework) to the papers they belong to. */
export async function readLinks(archive: Archive, file: string, options: ReadOptions = {}): Promise<void> {
  await readEntries(archive, 'links', file, options, (entry, origin) => {
    const paper = archive.paperFor(
      { arxiv: arxivId(text(entry.paper_arxiv_id)), urls: [text(entry.paper_url), text(entry.paper_url_abs)], title: title(entry.paper_title) },
      origin,
      false,
    );
    if (!paper) return false;
    const repo = url(entry.repo_url);
    if (!repo) {
      archive.skip({ kind: 'link', ...origin, name: line(entry.paper_title), value: entry.repo_url, reason: 'the repository URL is missing or not an http(s) URL' });
      return true;
    }
    const framework = line(entry.framework);
    const link = paper.code.find((c) => c.url === repo) ?? { url: repo };
    if (!paper.code.includes(link)) paper.code.push(link);
    if (typeof entry.is_official === 'boolean') link.official = entry.is_official;
    if (framework && framework !== 'none') link.framework = framework;
    return true;
  }, 'links belong to no imported paper, so they are not imported');
}

function methodRef(m: Json): MethodRef | undefined {
  const name = line(m.name);
  if (!name) return undefined;
  const year = typeof m.introduced_year === 'number' && Number.isInteger(m.introduced_year) && m.introduced_year >= 1900 && m.introduced_year <= 2100 ? m.introduced_year : undefined;
  const collection = isRecord(m.main_collection) ? line(m.main_collection.name) : undefined;
  const fullName = line(m.full_name);
  return {
    name,
    full_name: fullName === name ? undefined : fullName,
    description: text(m.description),
    introduced_year: year,
    collections: collection ? [collection] : [],
  };
}

/** The paper a dataset or method names as introducing it ({title, url}), created when new. */
function introducingPaper(archive: Archive, value: unknown, origin: Origin): PaperDraft | undefined {
  if (!isRecord(value)) return undefined;
  const name = title(value.title);
  const paper = archive.paperFor({ urls: [text(value.url)], title: name }, origin, true);
  if (paper) paper.title ??= name;
  return paper;
}

export async function readDatasets(archive: Archive, file: string, options: ReadOptions = {}): Promise<void> {
  await readEntries(archive, 'datasets', file, options, (entry, origin) => {
    const name = line(entry.name)!;
    const dataset: CatalogDataset = {
      name,
      pwcSlug: pwcSlug(entry.url, 'dataset'),
      full_name: line(entry.full_name),
      description: text(entry.description),
      homepage: url(entry.homepage),
      introduced_date: isoDate(entry.introduced_date),
      introducedBy: introducingPaper(archive, entry.paper, { ...origin, dataset: name }),
      modalities: lines(entry.modalities),
      languages: lines(entry.languages),
      variants: lines(entry.variants),
      origin: { ...origin, dataset: name },
    };
    if (dataset.full_name === name) dataset.full_name = undefined;
    archive.catalogDatasets.push(dataset);
    for (const field of ['tasks', 'data_loaders', 'warning'] as const) {
      const v = entry[field];
      if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '') archive.ignore(`datasets: ${field}`, 'datasets have no such field');
    }
    return true;
  });
}

export async function readMethods(archive: Archive, file: string, options: ReadOptions = {}): Promise<void> {
  await readEntries(archive, 'methods', file, options, (entry, origin) => {
    const ref = methodRef({ ...entry, main_collection: undefined })!;
    const method: CatalogMethod = {
      ...ref,
      collections: lines(records(entry.collections).map((c) => c.collection)),
      pwcSlug: pwcSlug(entry.url, 'method'),
      introducedBy: introducingPaper(archive, entry.paper, origin),
      origin,
    };
    archive.catalogMethods.push(method);
    for (const field of ['source_url', 'code_snippet_url'] as const) {
      if (text(entry[field])) archive.ignore(`methods: ${field}`, 'methods have no such field');
    }
    return true;
  });
}
