// Rule: every setting value a result states has its setting's type, and a choice one of its values.
import type { SettingSpec, SettingValue } from '../../model/types.ts';
import { entryFile, leaderboardsOf, rowPath } from '../leaderboards.ts';
import type { RepositoryRule } from '../rule.ts';

export const rule: RepositoryRule = {
  id: 'setting-value',
  scope: 'repository',
  reads: ['leaderboard'],
  severity: 'error',
  title: 'Every setting value in a result fits its declaration',
  description:
    'A setting\'s declaration in the benchmark says what its values are: `boolean` takes true or false, `number` a plain number (in the declared `unit`, without it: `resolution: 224`, not `224px`), `text` any text, and `choice` exactly one of the declared `values`. A value of another kind cannot be compared with the other rows, so it is reported with the values the setting allows.',
  check(repo, report) {
    for (const board of leaderboardsOf(repo).values()) {
      const specs = new Map((board.benchmark.settings ?? []).map((s) => [s.name, s]));
      for (const entry of board.entries) {
        for (const [name, value] of Object.entries(entry.result.settings ?? {})) {
          const spec = specs.get(name);
          const problem = spec && misfit(spec, value);
          if (!problem) continue;
          report({ file: entryFile(repo, entry), at: rowPath(entry, 'settings', name), message: `the setting "${name}" ${problem.message}`, tip: problem.tip });
        }
      }
    }
  },
};

/** Why a value does not fit its declaration, or undefined when it does. */
function misfit(spec: SettingSpec, value: SettingValue): { message: string; tip: string } | undefined {
  const shown = JSON.stringify(value);
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { message: `must be true or false, not ${shown}`, tip: 'Write true or false.' };
    case 'number':
      return typeof value === 'number'
        ? undefined
        : { message: `must be a number${spec.unit ? ` (in ${spec.unit})` : ''}, not ${shown}`, tip: `Write a plain number${spec.unit ? ` without the unit, e.g. ${spec.name}: 224 for 224 ${spec.unit}` : ''}.` };
    case 'text':
      return typeof value === 'string' ? undefined : { message: `must be text, not ${shown}`, tip: `Quote the value, e.g. "${String(value)}", so YAML reads it as text.` };
    case 'choice': {
      const allowed = spec.values ?? [];
      if (typeof value === 'string' && allowed.includes(value)) return undefined;
      const list = allowed.map((v) => `"${v}"`).join(', ');
      return {
        message: `must be one of ${list || 'no values (the declaration lists none)'}, not ${shown}`,
        tip: allowed.length ? `Write one of ${list}, exactly as declared; or add the value to the setting's values in the benchmark.` : 'Declare the values of the choice in the benchmark first.',
      };
    }
  }
}
