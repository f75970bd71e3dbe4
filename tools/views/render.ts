// The Handlebars environment of the pages: a private instance, templates and partials read from
// templates/, and the escaping helpers that are the only way data reaches the output.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { markdownDescription, markdownLink, markdownText, xmlText } from '../markdown/escape.ts';
import type { ChartModel } from './chart.ts';
import type { Link } from './pages/common.ts';
import type { ParetoChartModel } from './pareto.ts';
import type { DatasetPage } from './pages/dataset.ts';
import type { LeaderboardPage } from './pages/leaderboard.ts';
import type { MethodPage } from './pages/method.ts';
import type { PaperPage } from './pages/paper.ts';
import type { ReadmePage } from './pages/readme.ts';
import type { TaskPage } from './pages/task.ts';

export const TEMPLATE_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

/** Each page kind, the model its template renders, and its template file. */
export interface PageModels {
  readme: ReadmePage;
  task: TaskPage;
  dataset: DatasetPage;
  method: MethodPage;
  paper: PaperPage;
  leaderboard: LeaderboardPage;
  chart: ChartModel;
  pareto: ParetoChartModel;
}
export type PageKind = keyof PageModels;

export const TEMPLATE_FILES: Record<PageKind, string> = {
  readme: 'readme.md.hbs',
  task: 'task.md.hbs',
  dataset: 'dataset.md.hbs',
  method: 'method.md.hbs',
  paper: 'paper.md.hbs',
  leaderboard: 'leaderboard.md.hbs',
  chart: 'chart.svg.hbs',
  pareto: 'pareto.svg.hbs',
};

/** The helpers that write data into Markdown pages, and the one for SVG. */
export const MARKDOWN_HELPERS = ['text', 'markdown', 'link', 'join'] as const;
export const SVG_HELPERS = ['xml'] as const;

function present<T>(value: T, helper: string): NonNullable<T> {
  if (value === undefined || value === null) throw new Error(`{{${helper}}} was given a missing field`);
  return value as NonNullable<T>;
}

function asText(value: unknown, helper: string): string {
  const v = present(value, helper);
  if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`{{${helper}}} expects text, got ${typeof v}`);
  return String(v);
}

function asLink(value: unknown): Link {
  const v = present(value, 'link') as Partial<Link>;
  if (typeof v.text !== 'string' || typeof v.href !== 'string') throw new Error('{{link}} expects a {text, href} object');
  return v as Link;
}

export type Renderer = <K extends PageKind>(kind: K, model: PageModels[K]) => string;

/** Builds the renderer: one private Handlebars instance, strict, no prototype access. */
export function createRenderer(dir = TEMPLATE_DIR): Renderer {
  const hb = Handlebars.create();
  // Values arrive through these helpers only; noEscape stops Handlebars' HTML escaping, which is
  // wrong for Markdown (it would turn "&" into "&amp;" in text GitHub shows).
  hb.registerHelper('text', (value: unknown) => markdownText(asText(value, 'text')));
  hb.registerHelper('markdown', (value: unknown) => markdownDescription(asText(value, 'markdown')));
  hb.registerHelper('link', (value: unknown) => {
    const link = asLink(value);
    return link.href === '' ? markdownText(link.text) : markdownLink(link.text, link.href);
  });
  hb.registerHelper('join', (values: unknown, separator: unknown) => {
    const list = present(values, 'join');
    if (!Array.isArray(list)) throw new Error('{{join}} expects a list');
    return list.map((v) => (typeof v === 'object' ? hb.helpers.link(v) : markdownText(asText(v, 'join')))).join(asText(separator, 'join'));
  });
  hb.registerHelper('xml', (value: unknown) => xmlText(asText(value, 'xml')));
  // Strict mode only checks plain {{field}} lookups; these make block helpers fail on a missing field too.
  for (const name of ['if', 'unless', 'each', 'with']) {
    const builtin = hb.helpers[name];
    hb.registerHelper(name, function (this: unknown, value: unknown, options: Handlebars.HelperOptions) {
      if (value === undefined) throw new Error(`{{#${name}}} was given a missing field`);
      return builtin.call(this, value, options);
    });
  }
  const knownHelpers = Object.fromEntries([...MARKDOWN_HELPERS, ...SVG_HELPERS].map((h) => [h, true]));
  const compileOptions = { noEscape: true, strict: true, knownHelpers, knownHelpersOnly: true } as const;
  for (const file of readdirSync(`${dir}/partials`).sort()) {
    if (file.endsWith('.hbs')) hb.registerPartial(file.slice(0, -'.hbs'.length), hb.compile(read(`${dir}/partials/${file}`), compileOptions));
  }
  const templates = Object.fromEntries(
    Object.entries(TEMPLATE_FILES).map(([kind, file]) => [kind, hb.compile(read(`${dir}/${file}`), compileOptions)]),
  ) as Record<PageKind, HandlebarsTemplateDelegate>;
  const runtime = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
  return (kind, model) => templates[kind](model, runtime);
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}
