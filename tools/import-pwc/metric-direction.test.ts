// Metric directions: the curated table is consistent with its own review notes, and name rules never guess.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DIRECTION_TABLE_PATH, loadDirectionTable, metricKey, MetricDirections } from './metric-direction.ts';

const table = loadDirectionTable();
const directions = new MetricDirections(table);
const file = parse(readFileSync(DIRECTION_TABLE_PATH, 'utf8')) as {
  corrections: { metric: string; direction: string; reason: string }[];
  removed: { metric: string; reason: string }[];
  added: { metric: string; direction: string; reason: string }[];
};

describe('the curated table', () => {
  it('never lists a metric (even written differently) as both higher and lower', () => {
    const lower = new Set(table.lower.map(metricKey));
    expect(table.higher.filter((name) => lower.has(metricKey(name)))).toEqual([]);
  });

  it('applies every recorded correction, with a reason', () => {
    expect(file.corrections.length).toBeGreaterThan(20);
    for (const c of file.corrections) {
      expect(c.reason, c.metric).toMatch(/\w/);
      expect(table[c.direction as 'higher' | 'lower'], c.metric).toContain(c.metric);
    }
    expect(directions.decide('Abs Rel')?.direction).toBe('lower');
    expect(directions.decide('Hamming Loss')?.direction).toBe('lower');
    expect(directions.decide('GAR @1% FAR Overall')?.direction).toBe('higher');
    expect(directions.decide('minFDE (K=6)')?.direction).toBe('lower');
    expect(directions.decide('OOB Rate (10^−3)')?.direction).toBe('lower');
  });

  it('drops every removed entry, with a reason', () => {
    for (const r of file.removed) {
      expect(r.reason, r.metric).toMatch(/\w/);
      expect([...table.higher, ...table.lower], r.metric).not.toContain(r.metric);
    }
    expect(directions.decide('01.Jän')).toBeUndefined();
    expect(directions.decide('Average')).toBeUndefined();
  });

  it('says why each metric was added by hand', () => {
    for (const a of file.added) expect(a.reason, a.metric).toMatch(/\w/);
    expect(directions.decide('ELO rating')).toEqual({ direction: 'higher', source: 'table' });
  });
});

describe('MetricDirections.decide', () => {
  it('matches the table exactly, then ignoring case and punctuation', () => {
    expect(directions.decide('Accuracy')).toEqual({ direction: 'higher', source: 'table' });
    expect(directions.decide('top 1 accuracy')).toEqual({ direction: 'higher', source: 'table' });
    expect(directions.decide('TEST ERROR')?.direction).toBe('lower');
  });

  it('applies scoped entries only in their task and dataset', () => {
    expect(directions.decide('Dev', { task: 'Common Sense', dataset: 'Event2Mind' })?.direction).toBe('lower');
    expect(directions.decide('Dev', { task: 'Common Sense', dataset: 'SWAG' })?.direction).toBe('higher');
    expect(directions.decide('Dev', { task: 'Common Sense', dataset: 'Other' })).toBeUndefined();
    expect(directions.decide('Joint', { task: 'Dialogue State Tracking', dataset: 'Anything' })?.direction).toBe('higher');
  });

  it('decides lower-is-better names by rule', () => {
    for (const name of ['Validation perplexity', 'Number of params', 'Params (M)', 'Latency (ms)', 'FID-30k', 'WER (%)', 'Training loss',
      'Top-3 Error', 'Inference Time', 'GFLOPs', 'Bits per byte', 'Median Rank', 'RMSE (test)', 'Chamfer distance (mm)']) {
      expect(directions.decide(name)?.direction, name).toBe('lower');
    }
  });

  it('decides higher-is-better names by rule', () => {
    for (const name of ['Validation Accuracy', 'Test F1 score', 'Macro F1 (dev)', 'BLEU-2', 'Test ROC-AUC', 'box mAP', 'mIoU (val)', 'PSNR (dB)',
      'R_100@1', 'Test Hits@20', 'Spearman rho']) {
      expect(directions.decide(name)?.direction, name).toBe('higher');
    }
  });

  it('leaves unknown or contradictory names undecided', () => {
    expect(directions.decide('Bias (F/M)')).toBeUndefined();
    expect(directions.decide('Score variance')).toBeUndefined();
    expect(directions.decide('Accuracy error')).toBeUndefined();
  });
});
