// The review bench's pull request: 10 files of valid, canonical data once `pwc fix` has run, with a
// new state of the art (alone at rank 1) and an added row, on a small synthetic repository.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validate } from '../checks/validate.ts';
import { fixFiles } from '../format/fix-files.ts';
import { gitIn } from '../git/testing.ts';
import { buildLeaderboards } from '../model/leaderboard.ts';
import { pullRequestEdits } from './review-section.ts';
import { scaleBy, writeSyntheticRepository } from './synthetic-repo.ts';

const root = mkdtempSync(join(tmpdir(), 'pwc-bench-pr-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the review bench pull request', () => {
  it('changes 10 files, keeps the data valid, and makes a new SOTA and a new row', async () => {
    writeSyntheticRepository(root, scaleBy(0.01), 3);
    const git = gitIn(root);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'synthetic');

    const { files, notes } = pullRequestEdits(root, 3);
    expect(files).toHaveLength(10);
    expect((await fixFiles(root, files, { write: true })).map((o) => o.status).filter((s) => s !== 'canonical' && s !== 'changed')).toEqual([]);
    expect(git('status', '--porcelain', '--untracked-files=all').split('\n')).toHaveLength(10);

    const validation = await validate({ root, cache: false });
    expect(validation.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const [sota, row] = files.filter((f) => f.startsWith('data/results/'));
    expect(notes[0]).toMatch(/a new SOTA$/);
    const [, , task, dataset, paperFile] = sota.split('/');
    const board = buildLeaderboards(validation.repository).get(`${task}/${dataset}`)!;
    const top = board.entries.filter((e) => e.rank === 1);
    expect(top.map((e) => `${e.resultSet}#${e.row}`)).toEqual([`${task}/${dataset}/${paperFile.replace(/\.yaml$/, '')}#0`]);
    expect(readFileSync(join(root, row), 'utf8')).toMatch(/- model: Bench-PR-Model\n/);
  }, 60_000);
});
