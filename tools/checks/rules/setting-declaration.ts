// Rule: a benchmark declares each setting once, and a choice with its values (only a choice has values).
import type { DatasetFile } from '../../model/types.ts';
import { normaliseName } from '../nearest.ts';
import type { FileRule } from '../rule.ts';

export const rule: FileRule = {
  id: 'setting-declaration',
  scope: 'file',
  severity: 'error',
  title: 'A benchmark declares each setting once, and a choice with its values',
  description:
    'A benchmark\'s `settings` list the evaluation settings its results state (test resolution, pre-training data, test-time augmentation...): each has a `name`, a `type` (`boolean`, `number`, `text` or `choice`) and optionally a `unit` and a `description`. A `choice` lists the values a result may state under `values`; the other types take no `values`. A setting declared twice (ignoring case, spaces and punctuation) leaves unclear which declaration applies, so the second one is reported.',
  check(file, report) {
    if (file.ref.kind !== 'dataset') return;
    ((file.data as DatasetFile).benchmarks ?? []).forEach((benchmark, b) => {
      const first = new Map<string, string>();
      (benchmark.settings ?? []).forEach((setting, s) => {
        const at = ['benchmarks', b, 'settings', s];
        if (setting.type === 'choice' && setting.values === undefined) {
          report({ at: [...at, 'type'], message: `the setting "${setting.name}" is a choice but lists no values`, tip: 'Add `values:` with the values a result may state, e.g. [center crop, full image].' });
        }
        if (setting.type !== 'choice' && setting.values !== undefined) {
          report({ at: [...at, 'values'], message: `the setting "${setting.name}" is of type ${setting.type}, which takes no values`, tip: 'Remove `values`, or make the setting `type: choice` if a result must state one of them.' });
        }
        const key = normaliseName(setting.name);
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, setting.name);
          return;
        }
        report({
          at: [...at, 'name'],
          message: `the setting "${setting.name}" is declared twice in the benchmark for "${benchmark.task}"${earlier === setting.name ? '' : ` (as "${earlier}" before)`}`,
          tip: 'Keep one declaration of the setting and delete the other.',
        });
      });
    });
  },
};
