// Rule: a data file sits where its kind lives, named by its id.
import type { SourceRule } from '../rule.ts';

export const rule: SourceRule = {
  id: 'path',
  scope: 'source',
  severity: 'error',
  title: 'Files sit at `data/<kind>/<id>.yaml`, named by a slug id',
  description:
    'A file\'s path is its identity: tasks at `data/tasks/<task>.yaml`, datasets at `data/datasets/<dataset>.yaml`, methods at `data/methods/<method>.yaml`, papers at `data/papers/<yyyy>/<paper>.yaml`, results at `data/results/<task>/<dataset>/<paper>.yaml`, and the areas in `data/areas.yaml`. The file name (without `.yaml`) is the id, and every id is a lowercase slug: a-z, 0-9 and single hyphens, at most 120 characters, so an id never holds `/`, `..`, spaces or capitals. Move or rename the file as the message says.',
};
