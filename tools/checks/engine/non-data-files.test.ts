import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitFiles } from '../../git/testing.ts';
import { validate } from './validate.ts';

const root = mkdtempSync(join(tmpdir(), 'pwc-worktree-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('files under data/ that are not data files (licence, Nx project)', () => {
  it('are left out of what git lists, cold and warm, with --changed-since too', async () => {
    commitFiles(
      root,
      {
        'data/areas.yaml': 'areas:\n  - id: computer-vision\n    name: Computer Vision\n',
        'data/tasks/image-classification.yaml': 'name: Image Classification\narea: computer-vision\n',
        'data/LICENSE': 'CC BY-SA 4.0\n',
        'data/project.json': '{}\n',
      },
      'base',
    );
    writeFileSync(join(root, 'data/LICENSE'), 'changed\n');
    // The cold run fills the cache from git; the warm run reads it: neither may call the licence a data file.
    for (let run = 0; run < 2; run++) {
      const { findings, checked } = await validate({ root, workers: 1 });
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(checked).toEqual(['data/areas.yaml', 'data/tasks/image-classification.yaml']);
    }
    expect((await validate({ root, changedSince: 'HEAD', workers: 1 })).checked).toEqual([]);
  });
});
