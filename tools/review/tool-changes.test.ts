// Tool changes: which paths count, the report field, and merging the report's word with GitHub's
// list of files (publish.test.ts publishes the label and notice on the fake GitHub).
import { describe, expect, it } from 'vitest';
import { parseReport } from './report.ts';
import { smallReport } from './testing.ts';
import { isToolPath, MAX_TOOL_PATHS, mergeToolChanges, toolChanges } from './tool-changes.ts';

describe('isToolPath and toolChanges', () => {
  it('counts everything that may run, not the data, the generated pages, the docs or the top Markdown files', () => {
    const tools = ['tools/checks/rules/metric-out-of-range.ts', 'schemas/paper.schema.json', '.github/workflows/validate.yml', 'package.json', 'package-lock.json', 'nx.json', 'tsconfig.json', '.ci/run', 'tools/package.json'];
    const data = ['data/papers/2020/x.yaml', 'generated/README.md', 'docs/rules.md', 'README.md', 'CONTRIBUTING.md', 'LICENSE'];
    expect(tools.filter(isToolPath)).toEqual(tools);
    expect(data.filter(isToolPath)).toEqual([]);
  });

  it('lists the first paths sorted with the full count, and nothing for a data-only change', () => {
    expect(toolChanges(['data/a.yaml', 'README.md'])).toBeUndefined();
    const many = Array.from({ length: 70 }, (_, i) => `tools/x/${String(i).padStart(2, '0')}.ts`).reverse();
    const listed = toolChanges(['data/a.yaml', ...many])!;
    expect(listed.count).toBe(70);
    expect(listed.paths).toHaveLength(MAX_TOOL_PATHS);
    expect(listed.paths[0]).toBe('tools/x/00.ts');
    expect(parseReport(JSON.stringify(smallReport({ toolChanges: listed }))).error).toBeUndefined();
  });

  it('merges what the report says with what GitHub lists, so neither can hide the other', () => {
    expect(mergeToolChanges(undefined, ['data/a.yaml'])).toBeUndefined();
    expect(mergeToolChanges({ count: 1, paths: ['tools/a.ts'] }, ['.github/workflows/validate.yml'])).toEqual({ count: 2, paths: ['.github/workflows/validate.yml', 'tools/a.ts'] });
    expect(mergeToolChanges(undefined, ['package-lock.json'])).toEqual({ count: 1, paths: ['package-lock.json'] });
  });
});
