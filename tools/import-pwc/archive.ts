// What the importer has learnt from the dumps, before ids are given and files written: drafts of every entity.
import type { CodeLink } from '../model/types.ts';
import type { DumpKind } from './dump-shapes.ts';
import { paperRef, PaperIndex, type PaperRef } from './paper-identity.ts';
import type { IgnoredField, Origin, Skipped } from './report.ts';

export interface TaskDraft {
  name: string;
  categories: string[];
  description?: string;
  synonyms: string[];
  parent?: TaskDraft;
  origin: Origin;
}

/** A dataset of the datasets dump. */
export interface CatalogDataset {
  name: string;
  /** Its slug on Papers With Code (from its URL), when valid. */
  pwcSlug?: string;
  full_name?: string;
  description?: string;
  homepage?: string;
  introduced_date?: string;
  introducedBy?: PaperDraft;
  modalities: string[];
  languages: string[];
  variants: string[];
  origin: Origin;
}

export interface DatasetDraft {
  /** The name as the evaluation tables or the datasets dump write it ("parent (subdataset)" for subdatasets). */
  name: string;
  /** A subdataset's dataset, or the catalogue dataset this one is a listed variant of. */
  variantOf?: DatasetDraft;
  /** Made from a subdataset ("<dataset> (<subdataset>)"): a name of ours, not one Papers With Code made a slug of. */
  subdataset?: boolean;
  description?: string;
  homepage?: string;
  catalog?: CatalogDataset;
  origin: Origin;
}

export interface ValueDraft {
  metric: string;
  raw: unknown;
}

export interface RowDraft {
  origin: Origin;
  model?: string;
  paper?: PaperDraft;
  values: ValueDraft[];
  code?: string;
  extraTrainingData?: boolean;
}

/** A link a table gives to where its rows come from (a leaderboard), by its title. */
export interface LeaderboardLink {
  name: string;
  url: string;
}

export interface BenchmarkDraft {
  task: TaskDraft;
  dataset: DatasetDraft;
  /** The dump's `sota.metrics`, in order (the first ranks). */
  metrics: string[];
  /** The evaluation tables' descriptions of this dataset under this task. */
  descriptions: string[];
  rows: RowDraft[];
  /** The leaderboard the table links: rows that name no paper are its submissions. */
  leaderboard?: LeaderboardLink;
  origin: Origin;
}

export interface MethodRef {
  name: string;
  full_name?: string;
  description?: string;
  introduced_year?: number;
  collections: string[];
}

/** A method of the methods dump. */
export interface CatalogMethod extends MethodRef {
  pwcSlug?: string;
  introducedBy?: PaperDraft;
  origin: Origin;
}

export interface PaperDraft {
  arxiv?: string;
  title?: string;
  url?: string;
  pdf?: string;
  date?: string;
  dateSource?: 'evaluation tables' | 'papers dump';
  abstract?: string;
  authors?: string[];
  venue?: string;
  pwcSlug?: string;
  /** Task names the papers dump lists for it. */
  taskNames: string[];
  methods: MethodRef[];
  code: CodeLink[];
  /** Some result row names it (as opposed to a paper only named as introducing a dataset or method). */
  hasRows: boolean;
  /** The first place that named it. */
  origin: Origin;
  /** Its entry in the papers dump, when it has one. */
  enrichedAt?: Origin;
  /** Identity for ordering and slug contests: arXiv id, else URL, else title. */
  identity: string;
}

export class Archive {
  readonly tasks = new Map<string, TaskDraft>();
  readonly datasets = new Map<string, DatasetDraft>();
  /** Keyed "task\0dataset". */
  readonly benchmarks = new Map<string, BenchmarkDraft>();
  readonly papers: PaperDraft[] = [];
  readonly paperIndex = new PaperIndex<PaperDraft>();
  readonly catalogDatasets: CatalogDataset[] = [];
  readonly catalogMethods: CatalogMethod[] = [];
  readonly skipped: Skipped[] = [];
  /** Rows reported before they became drafts (under a nameless task or dataset): the number of values of each. */
  readonly unreadRowValues: number[] = [];
  readonly ignored = new Map<string, IgnoredField>();
  readonly inputs: { file: string; kind: DumpKind; entries: number }[] = [];
  readonly unmatched: { file: string; kind: DumpKind; entries: number; reason: string }[] = [];

  skip(entry: Skipped): void {
    this.skipped.push(entry);
  }

  /** Counts a field the layout has no place for. */
  ignore(field: string, reason: string, count = 1): void {
    const entry = this.ignored.get(field);
    if (entry) entry.count += count;
    else this.ignored.set(field, { field, count, reason });
  }

  /** The paper a reference names, created when new; undefined when the reference names nothing. */
  paperFor(fields: { arxiv?: string; urls?: (string | undefined)[]; title?: string }, origin: Origin, create: boolean): PaperDraft | undefined {
    const ref = paperRef(fields);
    if (!ref.arxiv && ref.urls.length === 0 && !ref.title) return undefined;
    let paper = this.paperIndex.find(ref);
    if (!paper) {
      if (!create) return undefined;
      paper = {
        arxiv: ref.arxiv,
        taskNames: [],
        methods: [],
        code: [],
        hasRows: false,
        origin,
        identity: ref.arxiv ? `arxiv:${ref.arxiv}` : ref.urls[0] ? `url:${ref.urls[0]}` : `title:${ref.title}`,
      };
      this.papers.push(paper);
    } else if (!paper.arxiv && ref.arxiv) {
      paper.arxiv = ref.arxiv;
    }
    this.paperIndex.add(paper, withArxiv(ref, paper));
    return paper;
  }
}

function withArxiv(ref: PaperRef, paper: PaperDraft): PaperRef {
  return paper.arxiv && !ref.arxiv ? { ...ref, arxiv: paper.arxiv } : ref;
}
