// Reads a Hub model card: the `model-index` in a README's YAML front matter (name, results of task, dataset and metrics).
import { parseZooYaml, yamlProblem } from './read-model-index.ts';
import { givenAnything, listOf, mapOf, textOf, type GivenPaper, type ZooEntry } from './zoo-entry.ts';

/** The YAML between a leading `---` line and the next `---` line; undefined when the text has none. */
export function frontMatter(text: string): string | undefined {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  return match?.[1];
}

/** Whether a README's front matter has a model-index (cheap: before parsing). */
export function hasModelIndex(text: string): boolean {
  const yaml = frontMatter(text);
  return yaml !== undefined && /^model-index\s*:/m.test(yaml);
}

/** The paper a card names by a single `arxiv:<id>` tag (the Hub's way); several tags name no one paper. */
function cardPaper(card: Record<string, unknown>): GivenPaper | undefined {
  const ids = listOf(card.tags)
    .map(textOf)
    .flatMap((tag) => (tag && /^arxiv:/i.test(tag) ? [tag.slice(6).trim()] : []));
  return ids.length === 1 ? { arxiv: ids[0] } : undefined;
}

export interface ModelCardFile {
  entries: ZooEntry[];
  problems: string[];
}

/** The entries of a model card's model-index; `file` is its absolute path. */
export function readModelCard(file: string, text: string): ModelCardFile {
  const yaml = frontMatter(text);
  if (yaml === undefined) return { entries: [], problems: ['no YAML front matter'] };
  let card: Record<string, unknown> | undefined;
  try {
    card = mapOf(parseZooYaml(yaml));
  } catch (error) {
    return { entries: [], problems: [`front matter is not valid YAML: ${yamlProblem(error)}`] };
  }
  if (!card) return { entries: [], problems: ['front matter is not a mapping'] };
  const paper = cardPaper(card);
  const entries: ZooEntry[] = [];
  const problems: string[] = [];
  listOf(card['model-index']).forEach((raw, m) => {
    const model = mapOf(raw);
    const name = textOf(model?.name);
    listOf(model?.results).forEach((r, i) => {
      const result = mapOf(r);
      const where = `model-index[${m}]${name ? ` "${name}"` : ''}, results[${i}]`;
      const task = mapOf(result?.task);
      const dataset = mapOf(result?.dataset);
      // The type is the Hub's id (imagenet-1k), the name its display name: both are tried.
      const datasetNames = [textOf(dataset?.type), textOf(dataset?.name)].filter((n): n is string => n !== undefined);
      if (datasetNames.length === 0) {
        problems.push(`${where} names no dataset`);
        return;
      }
      entries.push({
        file,
        format: 'model-card',
        where,
        model: name,
        task: [textOf(task?.type), textOf(task?.name)].filter((n): n is string => n !== undefined),
        dataset: datasetNames,
        metrics: listOf(result?.metrics).flatMap((x) => {
          const metric = mapOf(x);
          const names = [textOf(metric?.name), textOf(metric?.type)].filter((n): n is string => n !== undefined);
          return names.length > 0 ? [{ names, value: givenAnything(metric?.value) }] : [];
        }),
        paper,
      });
    });
  });
  return { entries, problems };
}
