// Turns the archive into the repository's layout: decisions on rows and entities, ids, then the data of every file.
import { AREAS_PATH, datasetPath, methodPath, paperPath, resultPath, sourcePath, taskPath, toSlug } from '../model/paths.ts';
import type { PrintedValues } from '../model/printed.ts';
import type { FileKind } from '../model/schemas.ts';
import type { Benchmark, CodeLink, DatasetFile, MethodFile, PaperFile, ResultFile, ResultRow, SourceFile, TaskFile } from '../model/types.ts';
import { normaliseModel } from '../checks/nearest.ts';
import type { Archive, CatalogDataset, CatalogMethod, DatasetDraft, LeaderboardLink, MethodRef, PaperDraft, TaskDraft } from './archive.ts';
import { decideBenchmark, type BenchmarkDecision, type RowDecision } from './benchmark-decision.ts';
import type { MetricDirections } from './metric-direction.ts';
import { arxivMonth, modelNameYear } from './paper-identity.ts';
import type { Counts, Note, Skipped } from './report.ts';
import { allocateSlugs, pwcSlugify, recordedPwcSlugs, slugFor, type SlugRequest } from './slugs.ts';

/** One file of the layout, before it is written. */
export interface OutputFile {
  path: string;
  kind: FileKind;
  data: unknown;
  /** For a result file: each row's values as the dumps print them (95.50), for stringifyData. */
  printedRows?: (PrintedValues | undefined)[];
}

/** A result file and the row decisions its rows come from (index i of `results` is `rows[i]`). */
export interface ResultGroup {
  path: string;
  rows: RowDecision[];
}

/** The object without its undefined fields (data files leave out what is unknown). */
function compact<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as T;
}

/** Category names of the dumps that name an area of the repository differently. */
const AREA_ALIASES: Record<string, string> = { NLP: 'Natural Language Processing' };
const DEFAULT_AREA = 'Miscellaneous';

interface MethodEntry extends MethodRef {
  pwcSlug?: string;
  introducedBy?: PaperDraft;
}

/**
 * The layout decided from an archive. Construct it, then `files()` gives every file but results,
 * and `resultFiles()` the result files from the row decisions as they stand (the pre-flight check
 * may take rows and values out and ask again).
 */
export class Layout {
  readonly benchmarks: BenchmarkDecision[] = [];
  readonly notes: Note[] = [];
  readonly taskIds = new Map<TaskDraft, string>();
  readonly datasetIds = new Map<DatasetDraft, string>();
  readonly paperIds = new Map<PaperDraft, string>();
  /** Leaderboards credited with rows that name no paper, by URL, and their ids (in the papers' namespace). */
  private readonly sources = new Map<string, LeaderboardLink>();
  private readonly sourceIds = new Map<LeaderboardLink, string>();
  private readonly rowSources = new Map<RowDecision, LeaderboardLink>();
  private readonly methodIds = new Map<string, string>(); // method name -> id
  private readonly methods = new Map<string, MethodEntry>();
  private readonly datasets: DatasetDraft[] = [];
  private readonly areas = new Map<string, string>(); // id -> name
  private readonly taskAreas = new Map<TaskDraft, string>();
  private readonly papers: PaperDraft[] = [];
  /** Papers With Code's slug of each entity where it differs from the id given: the site answers the old addresses with them. */
  private readonly pwcSlugs = new Map<TaskDraft | DatasetDraft | MethodEntry | PaperDraft, string>();
  /** Dates the dumps do not give, derived (partial), and from what: for the report's notes. */
  private readonly paperDates = new Map<PaperDraft, { date: string; from: string }>();

  constructor(
    private readonly archive: Archive,
    directions: MetricDirections,
  ) {
    const skip = (s: Skipped) => archive.skip(s);
    for (const draft of archive.benchmarks.values()) {
      this.benchmarks.push(decideBenchmark(draft, directions, skip, (n) => this.notes.push({ ...n, path: draft.origin.file })));
    }
    this.decideDatasets();
    this.decidePapers();
    this.decideDuplicateModels();
    this.decideMethods();
    this.decideAreas();
    this.allocateIds();
  }

  private get liveRows(): RowDecision[] {
    return this.benchmarks.flatMap((b) => b.rows.filter((r) => !r.skipped));
  }

  /** Matches the tables' datasets with the datasets dump: same name, else listed as one of its variants. */
  private decideDatasets(): void {
    const byName = new Map<string, CatalogDataset>();
    const byVariant = new Map<string, CatalogDataset>();
    for (const c of this.archive.catalogDatasets) if (!byName.has(c.name)) byName.set(c.name, c);
    for (const c of this.archive.catalogDatasets) for (const v of c.variants) if (!byVariant.has(v) && !byName.has(v)) byVariant.set(v, c);
    const drafts = new Map<CatalogDataset, DatasetDraft>();
    for (const draft of this.archive.datasets.values()) {
      const catalog = byName.get(draft.name);
      if (catalog && !drafts.has(catalog)) {
        draft.catalog = catalog;
        drafts.set(catalog, draft);
      }
    }
    const catalogOnly: DatasetDraft[] = [];
    const fromCatalog = (c: CatalogDataset): DatasetDraft => {
      let draft = drafts.get(c);
      if (!draft) {
        draft = { name: c.name, catalog: c, origin: c.origin };
        drafts.set(c, draft);
        catalogOnly.push(draft);
      }
      return draft;
    };
    for (const draft of this.archive.datasets.values()) {
      if (draft.catalog || draft.variantOf) continue;
      const parent = byVariant.get(draft.name);
      if (parent) draft.variantOf = fromCatalog(parent);
    }
    for (const c of this.archive.catalogDatasets) fromCatalog(c);
    this.datasets.push(...this.archive.datasets.values(), ...catalogOnly);
    let unusedVariants = 0;
    for (const c of this.archive.catalogDatasets) unusedVariants += c.variants.filter((v) => v !== c.name && !this.archive.datasets.has(v)).length;
    if (unusedVariants) this.archive.ignore('datasets: variants with no results', 'a variant becomes a dataset only when a table has results on it', unusedVariants);
  }

  /** A paper is written when a row or an imported dataset or method needs it, and it has a title and a date. */
  private decidePapers(): void {
    const needed = new Set<PaperDraft>();
    for (const decision of this.liveRows) if (decision.row.paper) needed.add(decision.row.paper);
    for (const c of this.archive.catalogDatasets) if (c.introducedBy) needed.add(c.introducedBy);
    for (const m of this.archive.catalogMethods) if (m.introducedBy) needed.add(m.introducedBy);
    const modelsOf = new Map<PaperDraft, string[]>();
    for (const decision of this.liveRows) {
      const { paper, model } = decision.row;
      if (paper && model !== undefined) modelsOf.set(paper, [...(modelsOf.get(paper) ?? []), model]);
    }
    const problem = new Map<PaperDraft, string>();
    for (const paper of this.archive.papers) {
      if (!needed.has(paper)) continue;
      if (!paper.title) {
        problem.set(paper, 'its paper has no title (the row gives none; with --papers the papers dump can give it)');
        continue;
      }
      // A derived date is partial: the schema says the day (or month) is not known rather than make one up.
      const derived = paper.date ? undefined : this.derivedDate(paper, modelsOf.get(paper) ?? []);
      if (derived) this.paperDates.set(paper, derived);
      if (!paper.date && !derived) {
        problem.set(paper, 'its paper has no date (the row gives none and it is not in the papers dump)');
        continue;
      }
      this.papers.push(paper);
    }
    // A row whose paper cannot be written (or that names none) is still the number its table's source lists.
    for (const b of this.benchmarks) {
      for (const decision of b.rows) {
        if (decision.skipped) continue;
        const paper = decision.row.paper;
        const why = paper ? problem.get(paper) : 'the row names no paper (paper_url and paper_title are empty)';
        if (why) this.creditToSource(decision, b.draft.leaderboard, why);
      }
    }
    for (const [paper, why] of problem) {
      if (!paper.hasRows) this.archive.skip({ kind: 'paper', ...paper.origin, name: paper.title, reason: why.replace(/^its paper/, 'the introducing paper').replace(/\(the row gives none[^)]*\)/, '(it is not in the papers dump)') });
    }
  }

  /** The month of the paper's arXiv id, else the one year its rows' model names end with ("BiSET (2019)"). */
  private derivedDate(paper: PaperDraft, models: string[]): { date: string; from: string } | undefined {
    const month = paper.arxiv ? arxivMonth(paper.arxiv) : undefined;
    if (month) return { date: month, from: `${month} (year and month only), derived from its arXiv id ${paper.arxiv}` };
    const named = models.filter((m) => modelNameYear(m) !== undefined);
    const years = new Set(named.map(modelNameYear));
    if (years.size !== 1) return undefined; // none, or rows that disagree: no date is better than a guess
    const year = modelNameYear(named[0])!;
    return { date: year, from: `${year} (year only), derived from the year its rows name in the model name: ${[...new Set(named)].map((m) => JSON.stringify(m)).join(', ')}` };
  }

  /** A row with no paper to belong to is credited to the leaderboard its table links; without one it is reported with `why`. */
  private creditToSource(decision: RowDecision, link: LeaderboardLink | undefined, why: string): void {
    if (!link) {
      decision.skipped = `${why}, and its table links no leaderboard or other source to credit it to`;
      return;
    }
    let source = this.sources.get(link.url);
    if (!source) this.sources.set(link.url, (source = link));
    this.rowSources.set(decision, source);
  }

  /**
   * The validator allows a model once per leaderboard (ignoring case, spaces, hyphens, underscores):
   * the first row stands, a paper's row before a row credited to the table's source (the paper is
   * the better source of the same number).
   */
  private decideDuplicateModels(): void {
    for (const b of this.benchmarks) {
      const first = new Map<string, RowDecision>();
      const papersFirst = [...b.rows.filter((d) => !this.rowSources.has(d)), ...b.rows.filter((d) => this.rowSources.has(d))];
      for (const decision of papersFirst) {
        if (decision.skipped) continue;
        const key = normaliseModel(decision.row.model!);
        const earlier = first.get(key);
        if (earlier) decision.skipped = `the model "${decision.row.model}" is already on this leaderboard${earlier.row.origin.row === undefined ? '' : ` (row ${earlier.row.origin.row + 1})`}, and a model appears once per leaderboard`;
        else first.set(key, decision);
      }
    }
  }

  private decideMethods(): void {
    for (const m of this.archive.catalogMethods) if (!this.methods.has(m.name)) this.methods.set(m.name, m);
    for (const paper of this.papers) for (const m of paper.methods) if (!this.methods.has(m.name)) this.methods.set(m.name, m);
  }

  private decideAreas(): void {
    const areaOf = (name: string) => AREA_ALIASES[name] ?? name;
    const ensure = (name: string): string => {
      const id = toSlug(name) || 'miscellaneous';
      if (!this.areas.has(id)) this.areas.set(id, name);
      return id;
    };
    for (const task of this.archive.tasks.values()) for (const c of task.categories) ensure(areaOf(c));
    for (const task of this.archive.tasks.values()) {
      let from: TaskDraft | undefined = task;
      while (from && from.categories.length === 0) from = from.parent;
      if (from) {
        this.taskAreas.set(task, ensure(areaOf(from.categories[0])));
        if (from !== task) this.notes.push({ kind: 'area', path: task.origin.file, note: `"${task.name}" has no category: it takes the area of its parent "${from.name}"` });
        if (task.categories.length > 1) this.notes.push({ kind: 'area', path: task.origin.file, note: `"${task.name}" is in ${task.categories.length} categories; a task has one area, the first: ${task.categories[0]}` });
      } else {
        this.taskAreas.set(task, ensure(DEFAULT_AREA));
        this.notes.push({ kind: 'area', path: task.origin.file, note: `"${task.name}" and its parents have no category: area ${DEFAULT_AREA}` });
      }
    }
  }

  private allocateIds(): void {
    const assign = <T>(items: Iterable<T>, request: (item: T) => SlugRequest, ids: Map<T, string>, pathOf: (id: string) => string) => {
      const list = [...items];
      const seen = new Map<string, number>();
      const requests = list.map((item) => {
        const r = request(item);
        // Two entities of one name (a dataset listed twice in the dump) still need distinct identities.
        const n = (seen.get(r.identity) ?? 0) + 1;
        seen.set(r.identity, n);
        return n === 1 ? r : { ...r, identity: `${r.identity} #${n}` };
      });
      const { ids: given, collisions } = allocateSlugs(requests);
      list.forEach((item, i) => ids.set(item, given.get(requests[i].identity)!));
      for (const c of collisions) {
        this.notes.push({ kind: 'id', path: pathOf(c.given), note: `"${c.wanted}" was taken by ${c.keptBy}, so ${c.identity} is "${c.given}"` });
      }
    };
    assign(this.archive.tasks.values(), (t) => ({ identity: `task "${t.name}"`, wanted: slugFor(t.name, t.name, 'task') }), this.taskIds, taskPath);
    assign(
      this.datasets,
      (d) => ({ identity: `dataset "${d.name}"`, wanted: d.catalog?.pwcSlug ?? slugFor(d.name, d.name, 'dataset'), rank: d.catalog?.pwcSlug ? 0 : 1 }),
      this.datasetIds,
      datasetPath,
    );
    const methodIds = new Map<MethodEntry, string>();
    assign(this.methods.values(), (m) => ({ identity: `method "${m.name}"`, wanted: m.pwcSlug ?? slugFor(m.name, m.name, 'method'), rank: m.pwcSlug ? 0 : 1 }), methodIds, methodPath);
    for (const [m, id] of methodIds) this.methodIds.set(m.name, id);
    // Papers and sources share one namespace: their ids are allocated together, papers first.
    const owners = new Map<PaperDraft | LeaderboardLink, string>();
    const isPaper = (o: PaperDraft | LeaderboardLink): o is PaperDraft => 'identity' in o;
    assign<PaperDraft | LeaderboardLink>(
      [...this.papers, ...[...this.sources.values()].filter((link) => this.usedSources().has(link))],
      (o) =>
        isPaper(o)
          ? { identity: `paper ${o.identity}`, wanted: o.pwcSlug ?? slugFor(o.title!, o.identity, 'paper'), rank: o.pwcSlug ? 0 : 1 }
          : { identity: `source ${o.url}`, wanted: slugFor(o.name, o.url, 'source'), rank: 2 },
      owners,
      (id) => `data/papers/<yyyy>/${id}.yaml or ${sourcePath(id)}`,
    );
    for (const [owner, id] of owners) {
      if (isPaper(owner)) this.paperIds.set(owner, id);
      else this.sourceIds.set(owner, id);
    }
    for (const [paper, { date, from }] of this.paperDates) {
      this.notes.push({ kind: 'date', path: paperPath(this.paperIds.get(paper)!, date), note: `no date in the dumps: ${from}` });
    }
    this.decidePwcSlugs(methodIds);
  }

  /**
   * The slugs of the old addresses: a paper's, dataset's or method's from its page URL in the dumps;
   * a task's, and a table dataset's without a catalogue entry, made from the name as Papers With
   * Code made them (its leaderboard addresses /sota/<task>-on-<dataset> are built from those names).
   */
  private decidePwcSlugs(methodIds: ReadonlyMap<MethodEntry, string>): void {
    const record = <T extends TaskDraft | DatasetDraft | MethodEntry | PaperDraft>(ids: ReadonlyMap<T, string>, slugOf: (item: T) => string | undefined, pathOf: (item: T, id: string) => string) => {
      const slugs = recordedPwcSlugs(ids, slugOf, (item, slug, why) =>
        this.notes.push({ kind: 'id', path: pathOf(item, ids.get(item)!), note: `the Papers With Code slug "${slug}" is not recorded: ${why}` }),
      );
      for (const [item, slug] of slugs) this.pwcSlugs.set(item, slug);
    };
    record(this.taskIds, (t) => pwcSlugify(t.name), (_t, id) => taskPath(id));
    record(this.datasetIds, (d) => (d.catalog ? d.catalog.pwcSlug : d.subdataset ? undefined : pwcSlugify(d.name)), (_d, id) => datasetPath(id));
    record(methodIds, (m) => m.pwcSlug, (_m, id) => methodPath(id));
    record(this.paperIds, (p) => p.pwcSlug, (p, id) => paperPath(id, this.paperDate(p)));
  }

  /** Sources with a row still taken (a row may be dropped after it was credited, as a duplicate model). */
  private usedSources(): Set<LeaderboardLink> {
    const used = new Set<LeaderboardLink>();
    for (const [decision, source] of this.rowSources) if (!decision.skipped) used.add(source);
    return used;
  }

  private paperDate(paper: PaperDraft): string {
    return paper.date ?? this.paperDates.get(paper)!.date;
  }

  private built?: OutputFile[];

  /** Every file but the results, in path order (built once: building reports the references it leaves out). */
  files(): OutputFile[] {
    this.built ??= this.buildFiles();
    return this.built;
  }

  private buildFiles(): OutputFile[] {
    const out: OutputFile[] = [];
    if (this.areas.size) {
      const areas = [...this.areas].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, name]) => ({ id, name }));
      out.push({ path: AREAS_PATH, kind: 'areas', data: { areas } });
    }
    for (const [task, id] of this.taskIds) out.push({ path: taskPath(id), kind: 'task', data: compact(this.taskData(task)) });
    const benchmarksOf = new Map<DatasetDraft, Benchmark[]>();
    for (const b of this.benchmarks) {
      if (b.skipped) continue;
      const list = benchmarksOf.get(b.draft.dataset) ?? [];
      const description = b.draft.descriptions.find((d) => d !== this.datasetDescription(b.draft.dataset));
      list.push(compact({ task: this.taskIds.get(b.draft.task)!, metrics: b.metrics, description }));
      benchmarksOf.set(b.draft.dataset, list);
    }
    for (const [dataset, id] of this.datasetIds) {
      out.push({ path: datasetPath(id), kind: 'dataset', data: compact(this.datasetData(dataset, benchmarksOf.get(dataset) ?? [])) });
    }
    for (const [name, id] of this.methodIds) out.push({ path: methodPath(id), kind: 'method', data: compact(this.methodData(this.methods.get(name)!)) });
    const paperUse = this.paperUse();
    for (const [paper, id] of this.paperIds) {
      out.push({ path: paperPath(id, this.paperDate(paper)), kind: 'paper', data: compact(this.paperData(paper, paperUse.get(paper))) });
    }
    for (const [source, id] of this.sourceIds) out.push({ path: sourcePath(id), kind: 'source', data: this.sourceData(source) });
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private sourceData(source: LeaderboardLink): SourceFile {
    // The link is the table's source: a leaderboard when its title says so, else some other compilation.
    const kind = /leader/i.test(source.name) ? 'leaderboard' : 'other';
    return { name: source.name, kind, url: source.url, description: `Results the Papers With Code archive lists from this ${kind === 'leaderboard' ? 'leaderboard' : 'source'} that it credits to no paper with a title and a date.` };
  }

  /** Result files from the rows still taken, in path order; rows keep the tables' order. */
  resultGroups(): ResultGroup[] {
    const groups = new Map<string, ResultGroup>();
    for (const b of this.benchmarks) {
      if (b.skipped) continue;
      for (const decision of b.rows) {
        if (decision.skipped || decision.values.length === 0) continue;
        const source = this.rowSources.get(decision);
        const owner = source ? this.sourceIds.get(source)! : this.paperIds.get(decision.row.paper!)!;
        const path = resultPath(this.taskIds.get(b.draft.task)!, this.datasetIds.get(b.draft.dataset)!, owner);
        const group = groups.get(path) ?? { path, rows: [] };
        group.rows.push(decision);
        groups.set(path, group);
      }
    }
    return [...groups.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  resultFile(group: ResultGroup): OutputFile {
    const results: ResultRow[] = group.rows.map((decision) => {
      const { row, values } = decision;
      const notes = values.filter((v) => v.note).map((v) => `${v.metric}: ${v.note}`);
      // A row credited to a leaderboard that names a paper keeps the paper: its link as the row's source, its title in the notes.
      const paper = this.rowSources.has(decision) ? row.paper : undefined;
      if (paper?.title) notes.unshift(`from the paper "${paper.title}", whose date is not known`);
      return compact({
        model: row.model!,
        metrics: Object.fromEntries(values.map((v) => [v.metric, v.value])),
        extra_training_data: row.extraTrainingData,
        code: row.code,
        notes: notes.length ? notes.join('; ') : undefined,
        source: paper?.url ? { kind: 'paper' as const, url: paper.url } : undefined,
      });
    });
    const printedRows = group.rows.map(({ values }) => {
      const printed = values.filter((v) => v.printed !== undefined);
      return printed.length > 0 ? (Object.fromEntries(printed.map((v) => [v.metric, v.printed!])) as PrintedValues) : undefined;
    });
    return { path: group.path, kind: 'result', data: { results } satisfies ResultFile, ...(printedRows.some(Boolean) ? { printedRows } : {}) };
  }

  counts(resultGroups: ResultGroup[]): Counts {
    const rows = resultGroups.reduce((n, g) => n + g.rows.length, 0);
    return {
      areas: this.areas.size,
      tasks: this.taskIds.size,
      datasets: this.datasetIds.size,
      benchmarks: this.benchmarks.filter((b) => !b.skipped).length,
      methods: this.methodIds.size,
      papers: this.paperIds.size,
      sources: this.sourceIds.size,
      resultFiles: resultGroups.length,
      rows,
      values: resultGroups.reduce((n, g) => n + g.rows.reduce((m, r) => m + r.values.length, 0), 0),
    };
  }

  private taskData(task: TaskDraft): TaskFile {
    return {
      name: task.name,
      area: this.taskAreas.get(task)!,
      parent: task.parent ? this.taskIds.get(task.parent) : undefined,
      description: task.description,
      synonyms: task.synonyms.length ? task.synonyms : undefined,
      pwc_slug: this.pwcSlugs.get(task),
    };
  }

  private datasetDescription(d: DatasetDraft): string | undefined {
    return d.catalog?.description ?? d.description;
  }

  private datasetData(d: DatasetDraft, benchmarks: Benchmark[]): DatasetFile {
    const c = d.catalog;
    const introducedBy = c?.introducedBy ? this.paperIds.get(c.introducedBy) : undefined;
    if (c?.introducedBy && !introducedBy) {
      this.archive.skip({ kind: 'reference', ...c.origin, name: 'introduced_by', value: c.introducedBy.title, reason: 'the introducing paper is not imported (see its entry)' });
    }
    benchmarks.sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : 0));
    return {
      name: d.name,
      full_name: c?.full_name,
      description: this.datasetDescription(d),
      homepage: c?.homepage ?? d.homepage,
      introduced_by: introducedBy,
      introduced_date: c?.introduced_date,
      modalities: c?.modalities.length ? c.modalities : undefined,
      languages: c?.languages.length ? c.languages : undefined,
      variant_of: d.variantOf ? this.datasetIds.get(d.variantOf) : undefined,
      benchmarks: benchmarks.length ? benchmarks : undefined,
      pwc_slug: this.pwcSlugs.get(d),
    };
  }

  private methodData(m: MethodEntry): MethodFile {
    const introducedBy = m.introducedBy ? this.paperIds.get(m.introducedBy) : undefined;
    if (m.introducedBy && !introducedBy && 'origin' in m) {
      this.archive.skip({ kind: 'reference', ...(m as CatalogMethod).origin, name: 'introduced_by', value: m.introducedBy.title, reason: 'the introducing paper is not imported (see its entry)' });
    }
    return {
      name: m.name,
      full_name: m.full_name,
      description: m.description,
      collections: m.collections.length ? m.collections : undefined,
      introduced_by: introducedBy,
      introduced_year: m.introduced_year,
      pwc_slug: this.pwcSlugs.get(m),
    };
  }

  /** The tasks and datasets each paper has results on. */
  private paperUse(): Map<PaperDraft, { tasks: Set<string>; datasets: Set<string> }> {
    const use = new Map<PaperDraft, { tasks: Set<string>; datasets: Set<string> }>();
    for (const b of this.benchmarks) {
      for (const decision of b.rows) {
        if (decision.skipped || !decision.row.paper) continue;
        const u = use.get(decision.row.paper) ?? { tasks: new Set(), datasets: new Set() };
        u.tasks.add(this.taskIds.get(b.draft.task)!);
        u.datasets.add(this.datasetIds.get(b.draft.dataset)!);
        use.set(decision.row.paper, u);
      }
    }
    return use;
  }

  private paperData(p: PaperDraft, use: { tasks: Set<string>; datasets: Set<string> } | undefined): PaperFile {
    const tasks = new Set(use?.tasks);
    for (const name of p.taskNames) {
      const task = this.archive.tasks.get(name);
      if (task) tasks.add(this.taskIds.get(task)!);
      else this.archive.skip({ kind: 'reference', ...(p.enrichedAt ?? p.origin), name: p.title, value: name, reason: 'the papers dump lists this task for the paper, and it is not among the imported tasks (only the evaluation tables\' tasks are)' });
    }
    const methods = p.methods.map((m) => this.methodIds.get(m.name)!);
    const code: CodeLink[] = p.code.map((c) => compact({ url: c.url, official: c.official, framework: c.framework }));
    return {
      title: p.title!,
      authors: p.authors,
      date: this.paperDate(p),
      arxiv: p.arxiv,
      url: p.url,
      pdf: p.pdf,
      venue: p.venue,
      abstract: p.abstract,
      tasks: tasks.size ? [...tasks].sort() : undefined,
      methods: methods.length ? [...new Set(methods)].sort() : undefined,
      datasets: use?.datasets.size ? [...use.datasets].sort() : undefined,
      code: code.length ? code : undefined,
      pwc_slug: this.pwcSlugs.get(p),
    };
  }
}
