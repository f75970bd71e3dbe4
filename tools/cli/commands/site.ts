// `pwc site --out DIR [--site-url URL]`: validates, then builds the static site into DIR (only what
// changed since the last build in DIR, when it can tell). Wiring only: the build is tools/site/build.ts.
import { relative, resolve, sep } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../command.ts';
import { validate, validatorVersion } from '../../checks/validate.ts';
import { count } from '../../model/count.ts';
import { currentBase } from '../../views/data-base.ts';
import { buildSite, changeSinceLastBuild, trace } from '../../site/build.ts';
import { defaultSiteUrl, LOCAL_SITE_URL, normaliseSiteUrl } from '../../site/site-url.ts';

/** Errors listed before pointing to `pwc validate` for the rest. */
const SHOWN_ERRORS = 20;

export const siteCommand: Command = {
  usage:
    '--out DIR [--site-url URL]\n\n' +
    'Builds the static site (HTML pages, and the other parts of the site) into DIR. A second build into\n' +
    'the same DIR renders only what the data change since the first can touch, and makes the search\n' +
    'index (DIR/search-index/) again only when a search record changed. Files the build did not write\n' +
    'are never deleted; the list of those it wrote is DIR/.pwc-site.json.\n\n' +
    '--site-url URL  the absolute URL the site is served at (canonical links, feeds and badge Markdown\n' +
    '                name it). Default: https://<owner>.github.io/<repo>/ when the origin remote is on\n' +
    `                GitHub, else ${LOCAL_SITE_URL}`,
  options: { out: { type: 'string' }, 'site-url': { type: 'string' } },
  async run({ root, values, stdout, stderr }) {
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out DIR is required');
    const given = values['site-url'];
    if (given !== undefined && typeof given !== 'string') throw new UsageError('--site-url needs a URL');
    const siteUrl = given === undefined ? await defaultSiteUrl(root) : normaliseSiteUrl(given);
    if (siteUrl === undefined) throw new UsageError(`--site-url must be an absolute http(s) URL, e.g. https://example.org/pwc/ (got "${given}")`);
    const out = resolve(values.out);
    const repoRoot = resolve(root);
    if (out === repoRoot || repoRoot.startsWith(out + sep)) throw new UsageError(`--out ${values.out} would put the site over the repository itself: give a folder of its own, e.g. dist/site`);
    const validator = validatorVersion();
    const since = await changeSinceLastBuild(root, out, siteUrl, validator);
    trace(since ? `${since.change.paths.length} data files changed since the last build` : 'no last build to build on');
    const base = currentBase(root, validator);
    const validation = await validate(since?.validSince === undefined ? { root } : { root, changedSince: since.validSince });
    const errors = validation.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      for (const f of errors.slice(0, SHOWN_ERRORS)) stderr.write(`  ${f.file}:${f.line}:${f.column} ${f.rule}: ${f.message}\n`);
      if (errors.length > SHOWN_ERRORS) stderr.write(`  ... and ${errors.length - SHOWN_ERRORS} more\n`);
      stderr.write(`pwc site: the data has ${count(errors.length, 'error')}, so the site was not built. Run "npx pwc validate" for every finding and how to fix it.\n`);
      return EXIT_FINDINGS;
    }
    trace('validated');
    const report = buildSite({ out, siteUrl, repo: validation.repository, base: await base, ...(since ? { change: since.change } : {}) });
    const shown = relative(process.cwd(), out) || '.';
    stdout.write(
      `wrote ${shown}/ for ${siteUrl}: ${report.incremental ? `${count(report.built, 'unit')} of ${report.units} rebuilt after the data change` : `${count(report.units, 'unit')} built`}; ` +
        `${count(report.written.length, 'file')} written, ${count(report.removed.length, 'file')} removed, ${count(report.files, 'file')} in the site; search index ${report.searchIndex}\n`,
    );
    return EXIT_OK;
  },
};
