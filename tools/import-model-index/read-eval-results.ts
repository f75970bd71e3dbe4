// Reads a Hub `.eval_results/*.yaml` file: a list of {dataset: {id, task_id}, value, date, source, notes}, one score per benchmark.
import { arxivId } from '../import-pwc/paper-identity.ts';
import { parseZooYaml, yamlProblem } from './read-model-index.ts';
import { givenValue, listOf, mapOf, textOf, type ZooEntry } from './zoo-entry.ts';

export interface EvalResultsFile {
  entries: ZooEntry[];
  problems: string[];
}

/**
 * The entries of an .eval_results file. The format names no metric (the Hub benchmark's own
 * score) and no task, and the model is the repository holding the file: `model` names it.
 * The dataset is tried by its Hub id (Idavidrein/gpqa) and by the name after the owner (gpqa).
 */
export function readEvalResults(file: string, text: string, model: string | undefined): EvalResultsFile {
  let data: unknown;
  try {
    data = parseZooYaml(text);
  } catch (error) {
    return { entries: [], problems: [`not valid YAML: ${yamlProblem(error)}`] };
  }
  if (!Array.isArray(data)) return { entries: [], problems: ['not an .eval_results file: its top is not a list'] };
  const entries: ZooEntry[] = [];
  const problems: string[] = [];
  data.forEach((raw, i) => {
    const item = mapOf(raw);
    const id = textOf(mapOf(item?.dataset)?.id);
    const value = givenValue(item?.value);
    if (!id || !value) {
      problems.push(`[${i}] has no dataset id or no value`);
      return;
    }
    const sourceUrl = textOf(mapOf(item?.source)?.url);
    const arxiv = arxivId(sourceUrl);
    const taskId = textOf(mapOf(item?.dataset)?.task_id);
    entries.push({
      file,
      format: 'eval-results',
      where: `[${i}] ${id}${taskId ? ` (${taskId})` : ''}`,
      model,
      task: [],
      dataset: [...new Set([id, id.split('/').pop()!])],
      metrics: [{ names: [], value }],
      paper: arxiv ? { arxiv } : undefined,
    });
  });
  return { entries, problems };
}
