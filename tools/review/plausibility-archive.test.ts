// How often the review's plausibility rules would flag the real state-of-the-art steps in the Papers
// With Code archive excerpts (../shared): the measurement behind HEADROOM_SHARE and the history rule.
// Skipped, saying so, where ../shared is absent (a fresh clone has no shared/ beside it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDirectionTable, MetricDirections } from '../import-pwc/metric-direction.ts';
import { parseMetricValue } from '../import-pwc/metric-value.ts';
import { rankEntries, type Leaderboard, type LeaderboardEntry } from '../model/leaderboard.ts';
import type { MetricSpec } from '../model/types.ts';
import { HEADROOM_SHARE, judgeNewBest, MIN_HISTORY_STEPS, sotaSteps } from './plausibility.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARCHIVE = resolve(ROOT, '../shared/fixtures/pwc-archive/evaluation-tables');
const present = existsSync(ARCHIVE);
if (!present) console.warn(`review: skipping the archive measurement of plausibility rules: ${ARCHIVE} is absent`);

/**
 * The dump declares no bounds: a ranking metric counts as a percentage (0..100) when its name says
 * so and every value lies in 0..100 with some above 1, as a ratio (0..1) when every value lies in
 * 0..1 and its name is a rate-like score; otherwise it is unbounded.
 */
function boundsOf(name: string, direction: MetricSpec['direction'], values: number[]): Pick<MetricSpec, 'min' | 'max'> {
  const percent = values.every((v) => v >= 0 && v <= 100) && values.some((v) => v > 1) && /acc|f1|score|\bem\b|exact|precision|recall|bleu|rouge|map|auc|iou|hit|top|error|correct|match/i.test(name);
  const ratio = values.every((v) => v >= 0 && v <= 1) && /acc|f1|auc|precision|recall|map|iou|hit|mrr|ndcg/i.test(name);
  const limit = percent ? 100 : ratio ? 1 : undefined;
  if (limit === undefined) return {};
  return direction === 'higher' ? { max: limit } : { min: 0 };
}

/** Every (sub)dataset's table as a leaderboard ranked by its first metric, its rows dated by their paper. */
function archiveBoards(): Leaderboard[] {
  const directions = new MetricDirections(loadDirectionTable());
  const boards: Leaderboard[] = [];
  const dataset = (d: any, task: string) => {
    const name: string | undefined = d.sota?.metrics?.[0];
    const direction = name ? directions.decide(name, { task, dataset: d.dataset })?.direction : undefined;
    if (name && direction) {
      const entries: LeaderboardEntry[] = [];
      (d.sota.rows ?? []).forEach((r: any, row: number) => {
        const v = parseMetricValue(r.metrics?.[name]);
        if (v.ok) entries.push({ resultSet: `${task}/${d.dataset}`, row, paper: '', date: r.paper_date ?? '', result: { model: String(r.model_name), metrics: { [name]: v.value } } });
      });
      const primary = { name, direction, ...boundsOf(name, direction, entries.map((e) => e.result.metrics[name])) };
      const benchmark = { task, metrics: [primary], primary: name };
      boards.push({ id: `${task}/${d.dataset}`, task, dataset: d.dataset, benchmark, primary, entries: rankEntries(entries, primary) });
    }
    for (const s of d.subdatasets ?? []) dataset(s, task);
  };
  const task = (t: any) => {
    for (const d of t.datasets ?? []) dataset(d, t.task);
    for (const s of t.subtasks ?? []) task(s);
  };
  for (const file of readdirSync(ARCHIVE).filter((f) => f.endsWith('.json') && f !== 'example_json_format.json').sort()) {
    for (const t of JSON.parse(readFileSync(join(ARCHIVE, file), 'utf8'))) task(t);
  }
  return boards;
}

describe.skipIf(!present)('plausibility rules on the real SOTA steps of the archive excerpts', () => {
  it('flag few real steps: 10 of 120 on bounded metrics by the headroom cutoff, 1 of 70 by the history rule', () => {
    const tally = { headroom: 0, relative: 0, overCutoff: 0, withHistory: 0, overHistory: 0, flagged: 0 };
    for (const board of archiveBoards()) {
      const steps = sotaSteps(board);
      steps.forEach((step, i) => {
        tally[step.measure]++;
        const found = judgeNewBest(step.from, step.to, board.primary, steps.slice(0, i));
        if (found?.overCutoff && step.measure === 'headroom') tally.overCutoff++;
        if (i >= MIN_HISTORY_STEPS) tally.withHistory++;
        if (found?.overHistory) tally.overHistory++;
        if (found) tally.flagged++;
      });
    }
    console.info(`plausibility on the archive: ${JSON.stringify(tally)} (headroom cutoff ${HEADROOM_SHARE})`);
    // The figures CONTRIBUTING.md ("Worth a human look") and plausibility.ts quote; a change to the rules shows here.
    expect(tally).toEqual({ headroom: 120, relative: 3, overCutoff: 10, withHistory: 70, overHistory: 1, flagged: 10 });
    expect(tally.flagged / (tally.headroom + tally.relative)).toBeLessThan(0.1);
  });
});
