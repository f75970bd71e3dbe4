// Reads an evaluation-tables dump into the archive: the task tree, datasets and subdatasets, benchmarks and their rows.
import type { Archive, BenchmarkDraft, DatasetDraft, LeaderboardLink, RowDraft, TaskDraft } from './archive.ts';
import { readDump, type ReadOptions } from './dump-reader.ts';
import { checkEntryShape } from './dump-shapes.ts';
import { isoDate, isRecord, line, lines, records, text, title as fieldTitle, url } from './fields.ts';
import type { Origin } from './report.ts';

type Json = Record<string, unknown>;

/** Streams one evaluation-tables file (a list of top-level tasks) into the archive. */
export async function readEvaluationTables(archive: Archive, file: string, options: ReadOptions = {}): Promise<void> {
  let entries = 0;
  for await (const entry of readDump(file, { ...options, kind: 'evaluation-tables' })) {
    checkEntryShape('evaluation-tables', file, entry);
    new TaskWalker(archive, file).task(entry.value as Json, `[${entry.index}]`, undefined);
    entries++;
  }
  archive.inputs.push({ file, kind: 'evaluation-tables', entries });
}

class TaskWalker {
  constructor(
    private readonly archive: Archive,
    private readonly file: string,
  ) {}

  task(node: Json, at: string, parent: TaskDraft | undefined): void {
    const name = line(node.task);
    if (name === undefined) {
      this.archive.skip({ kind: 'task', file: this.file, at, reason: 'the task has no name' });
      this.skipRows(node, at, undefined, 'its task has no name');
      return;
    }
    const task = this.taskDraft(name, node, at, parent);
    const leaderboard = linkOf(node.source_link);
    records(node.datasets).forEach((d, i) => this.dataset(d, `${at}.datasets[${i}]`, task, undefined, leaderboard));
    records(node.subtasks).forEach((s, i) => this.task(s, `${at}.subtasks[${i}]`, task));
  }

  private taskDraft(name: string, node: Json, at: string, parent: TaskDraft | undefined): TaskDraft {
    const origin: Origin = { file: this.file, at, task: name };
    let task = this.archive.tasks.get(name);
    if (!task) {
      task = { name, categories: [], synonyms: [], origin };
      this.archive.tasks.set(name, task);
    }
    for (const c of lines(node.categories)) if (!task.categories.includes(c)) task.categories.push(c);
    for (const s of lines(node.synonyms)) if (!task.synonyms.includes(s) && s !== name) task.synonyms.push(s);
    task.description ??= text(node.description);
    if (parent && parent !== task) {
      if (!task.parent) {
        if (isAncestor(task, parent)) {
          this.archive.skip({ kind: 'reference', ...origin, name: 'parent', value: parent.name, reason: `"${parent.name}" is already a subtask of "${name}": taking it as parent would make a cycle` });
        } else {
          task.parent = parent;
        }
      } else if (task.parent !== parent) {
        this.archive.skip({ kind: 'reference', ...origin, name: 'parent', value: parent.name, reason: `the task is also a subtask of "${task.parent.name}" (${task.parent.origin.at}), and a task has one parent: the first is kept` });
      }
    }
    return task;
  }

  /** `leaderboard`: the link of the task (or of the dataset above a subdataset); a dataset link titled as a leaderboard comes first. */
  private dataset(node: Json, at: string, task: TaskDraft, parent: DatasetDraft | undefined, taskLeaderboard: LeaderboardLink | undefined): void {
    const ownName = line(parent ? node.subdataset : node.dataset);
    const origin: Origin = { file: this.file, at, task: task.name };
    if (ownName === undefined) {
      this.archive.skip({ kind: 'dataset', ...origin, reason: 'the dataset has no name' });
      this.skipRows(node, at, task, 'its dataset has no name');
      return;
    }
    const name = parent ? `${parent.name} (${ownName})` : ownName;
    origin.dataset = name;
    let dataset = this.archive.datasets.get(name);
    if (!dataset) {
      dataset = { name, variantOf: parent, origin, ...(parent ? { subdataset: true } : {}) };
      this.archive.datasets.set(name, dataset);
    }
    const description = text(node.description);
    dataset.description ??= description;
    const links = records(node.dataset_links);
    const leaderboard = links.map(linkOf).find((l) => l !== undefined && /leader/i.test(l.name)) ?? taskLeaderboard;
    dataset.homepage ??= links.map((l) => url(l.url)).find((u) => u !== undefined);
    if (links.length > 1) this.archive.ignore('evaluation-tables: dataset.dataset_links after the first', 'a dataset has one homepage', links.length - 1);
    const citations = records(node.dataset_citations).filter((c) => text(c.url) || text(c.title));
    if (citations.length) this.archive.ignore('evaluation-tables: dataset.dataset_citations', 'datasets have no citations field', citations.length);

    const sota = isRecord(node.sota) ? node.sota : {};
    const metrics = lines(sota.metrics);
    const rows = records(sota.rows);
    if (metrics.length > 0 || rows.length > 0) {
      const benchmark = this.benchmark(task, dataset, origin);
      for (const m of metrics) if (!benchmark.metrics.includes(m)) benchmark.metrics.push(m);
      if (description && !benchmark.descriptions.includes(description)) benchmark.descriptions.push(description);
      benchmark.leaderboard ??= leaderboard;
      rows.forEach((row, i) => benchmark.rows.push(this.row(row, metrics, { ...origin, at: `${at}.sota.rows[${i}]`, row: i })));
    }
    records(node.subdatasets).forEach((s, i) => this.dataset(s, `${at}.subdatasets[${i}]`, task, dataset, leaderboard));
  }

  private benchmark(task: TaskDraft, dataset: DatasetDraft, origin: Origin): BenchmarkDraft {
    const key = `${task.name}\0${dataset.name}`;
    let benchmark = this.archive.benchmarks.get(key);
    if (!benchmark) {
      benchmark = { task, dataset, metrics: [], descriptions: [], rows: [], origin };
      this.archive.benchmarks.set(key, benchmark);
    }
    return benchmark;
  }

  /** A row; its values in the order of the table's `metrics`, then the others as the row gives them. */
  private row(row: Json, metrics: string[], origin: Origin): RowDraft {
    const model = line(row.model_name);
    if (model !== undefined) origin.model = model;
    const title = fieldTitle(row.paper_title);
    if (title === undefined && line(row.paper_title) !== undefined) {
      this.archive.skip({ kind: 'field', ...origin, name: 'paper_title', value: row.paper_title, reason: 'not a title (no letters)' });
    }
    const paperUrl = text(row.paper_url);
    const paper = this.archive.paperFor({ urls: [paperUrl], title }, origin, true);
    if (paper) {
      paper.hasRows = true;
      paper.title ??= title;
      paper.url ??= url(paperUrl);
      const date = isoDate(row.paper_date);
      if (date && !paper.date) {
        paper.date = date;
        paper.dateSource = 'evaluation tables';
      }
    }
    if (!paper && isoDate(row.paper_date)) this.archive.ignore('evaluation-tables: row.paper_date of a row that names no paper', 'a result row has no date field: only papers have dates');
    const codeLinks = records(row.code_links).map((l) => url(l.url)).filter((u): u is string => u !== undefined);
    if (paper) {
      for (const u of codeLinks) if (!paper.code.some((c) => c.url === u)) paper.code.push({ url: u });
    }
    if (codeLinks.length > 1) this.archive.ignore('evaluation-tables: row.code_links after the first', 'a result row has one code link (all are kept in the paper\'s code list)', codeLinks.length - 1);
    const modelLinks = records(row.model_links).filter((l) => text(l.url));
    if (modelLinks.length) this.archive.ignore('evaluation-tables: row.model_links', 'result rows have no model links field', modelLinks.length);
    // Names as the tables declare them: trimmed, one line ("" when there is none, reported later).
    const values = Object.entries(isRecord(row.metrics) ? row.metrics : {}).map(([metric, raw]) => ({ metric: line(metric) ?? '', raw }));
    // A dict's key order means nothing (Parquet's structs list every key in one order for all rows): the table's order stands.
    const place = (metric: string) => (metrics.includes(metric) ? metrics.indexOf(metric) : metrics.length);
    values.sort((a, b) => place(a.metric) - place(b.metric));
    return {
      origin,
      model,
      paper,
      values,
      code: codeLinks[0],
      extraTrainingData: typeof row.uses_additional_data === 'boolean' ? row.uses_additional_data : undefined,
    };
  }

  /** Rows under a node that cannot be imported at all (nameless task or dataset): each is reported. */
  private skipRows(node: Json, at: string, task: TaskDraft | undefined, why: string): void {
    const visit = (d: Json, dAt: string) => {
      const sota = isRecord(d.sota) ? d.sota : {};
      records(sota.rows).forEach((row, i) => {
        this.archive.skip({ kind: 'row', file: this.file, at: `${dAt}.sota.rows[${i}]`, task: task?.name, row: i, model: line(row.model_name), reason: `the row is not imported: ${why}` });
        this.archive.unreadRowValues.push(Object.keys(isRecord(row.metrics) ? row.metrics : {}).length);
      });
      records(d.subdatasets).forEach((s, i) => visit(s, `${dAt}.subdatasets[${i}]`));
    };
    if ('task' in node) {
      records(node.datasets).forEach((d, i) => visit(d, `${at}.datasets[${i}]`));
      records(node.subtasks).forEach((s, i) => this.skipRows(s, `${at}.subtasks[${i}]`, task, why));
    } else {
      visit(node, at);
    }
  }
}

/** A {title, url} link with both parts usable, else undefined. */
function linkOf(value: unknown): LeaderboardLink | undefined {
  if (!isRecord(value)) return undefined;
  const name = fieldTitle(value.title);
  const target = url(value.url);
  return name !== undefined && target !== undefined ? { name, url: target } : undefined;
}

function isAncestor(candidate: TaskDraft, of: TaskDraft): boolean {
  for (let t: TaskDraft | undefined = of; t; t = t.parent) if (t === candidate) return true;
  return false;
}
