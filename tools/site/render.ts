// The Handlebars environment of the site's HTML pages: a private instance WITH Handlebars' HTML
// escaping (every {{value}} is escaped; templates never use the triple-stash), strict, templates
// and partials read from templates/.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

export const HTML_TEMPLATE_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

export type HtmlKind = 'home' | 'leaderboard' | 'task' | 'dataset' | 'method' | 'paper' | 'source' | 'search';
const KINDS: readonly HtmlKind[] = ['home', 'leaderboard', 'task', 'dataset', 'method', 'paper', 'source', 'search'];

export type HtmlRenderer = (kind: HtmlKind, model: object) => string;

/** A link target the page may carry: relative, or http(s)/mailto; anything else (javascript:, data:) is dropped. */
export function safeUrl(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return !scheme || /^(https?|mailto)$/i.test(scheme[1]) ? url : '';
}

export function createHtmlRenderer(dir = HTML_TEMPLATE_DIR): HtmlRenderer {
  const hb = Handlebars.create();
  hb.registerHelper('url', (value: unknown) => (typeof value === 'string' ? safeUrl(value) : ''));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('json', (value: unknown) => JSON.stringify(value));
  // Strict mode only checks plain {{field}} lookups; these make block helpers fail on a missing field too.
  for (const name of ['if', 'unless', 'each', 'with']) {
    const builtin = hb.helpers[name];
    hb.registerHelper(name, function (this: unknown, value: unknown, options: Handlebars.HelperOptions) {
      if (value === undefined) throw new Error(`{{#${name}}} was given a missing field`);
      return builtin.call(this, value, options);
    });
  }
  const knownHelpers = { url: true, eq: true, json: true };
  const options = { strict: true, knownHelpers, knownHelpersOnly: true } as const;
  for (const file of readdirSync(`${dir}/partials`).sort()) {
    if (file.endsWith('.hbs')) hb.registerPartial(file.slice(0, -'.hbs'.length), hb.compile(read(`${dir}/partials/${file}`), options));
  }
  const templates = Object.fromEntries(KINDS.map((kind) => [kind, hb.compile(read(`${dir}/${kind}.html.hbs`), options)])) as Record<
    HtmlKind,
    HandlebarsTemplateDelegate
  >;
  const runtime = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
  return (kind, model) => templates[kind](model, runtime);
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}
