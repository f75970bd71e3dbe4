// `npm run bench [-- --scale 0.1] [--papers N] [--seed N] [--only a,b] [--dir DIR] [--keep]`: runs the
// benchmark sections on a synthetic repository at archive scale (or a fraction) and prints a Markdown
// table. --papers overrides the scale's paper count (576261: the full archive's), the rest unchanged.
import { rmSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { BenchContext, type BenchRow } from './section.ts';
import { sections } from './sections.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    papers: { type: 'string' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const factor = Number(values.scale);
const seed = Number(values.seed);
const papers = values.papers === undefined ? undefined : Number(values.papers);
if (!(factor > 0) || !Number.isInteger(seed) || (papers !== undefined && !(Number.isInteger(papers) && papers >= 4))) {
  process.stderr.write('usage: npm run bench -- [--scale 0.1] [--papers 576261] [--seed N] [--only validate] [--dir DIR] [--keep]\n');
  process.exit(2);
}
const only = values.only?.split(',');
const chosen = sections.filter((s) => !only || only.includes(s.name));
const log = (line: string) => process.stderr.write(`${line}\n`);
const ctx = new BenchContext(factor, seed, values.dir, log, papers);

log(`pwc bench: scale ${factor}${papers !== undefined ? ` with ${papers} papers` : ''}, seed ${seed}; node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB; load ${ctx.load()}`);
const results: { section: string; rows: BenchRow[] }[] = [];
try {
  for (const section of chosen) {
    log(`\n## ${section.name}: ${section.description}`);
    results.push({ section: section.name, rows: await section.run(ctx) });
  }
} finally {
  if (!values.keep && !values.dir && ctx.generated) rmSync(ctx.generated.root, { recursive: true, force: true });
}

const repo = ctx.generated;
// Sections such as import-pwc make their own data: the synthetic repository is described only when one was generated.
const heading = results.every((r) => r.rows.length === 0)
  ? 'No section ran.'
  : repo
    ? `Synthetic repository: ${repo.files} files, ${(repo.bytes / 2 ** 20).toFixed(0)} MB (${repo.scale.papers} papers, ${repo.scale.results} results, ${repo.scale.datasets} datasets, ${repo.scale.tasks} tasks, ${repo.scale.methods} methods); generated in ${repo.generateSeconds.toFixed(1)} s, committed in ${repo.commitSeconds.toFixed(1)} s. Load average at the end: ${ctx.load()}.`
    : `Sections run: ${results.map((r) => r.section).join(', ')} (no synthetic repository was needed). Load average at the end: ${ctx.load()}.`;
const out: string[] = [
  heading,
  '',
  '| section | measurement | time in process | process wall | peak memory | target | |',
  '| --- | --- | ---: | ---: | ---: | --- | --- |',
];
for (const { section, rows } of results) {
  for (const r of rows) {
    const time = r.seconds > 0 ? `${r.seconds.toFixed(2)} s` : '';
    const wall = r.wallSeconds !== undefined ? `${r.wallSeconds.toFixed(2)} s` : '';
    const peak = r.peakMB !== undefined ? `${r.peakMB} MB` : '';
    const verdict = r.met === undefined ? '' : r.met ? 'met' : '**missed**';
    out.push(`| ${section} | ${r.name}${r.note ? ` (${r.note})` : ''} | ${time} | ${wall} | ${peak} | ${r.target ?? ''} | ${verdict} |`);
  }
}
process.stdout.write(`${out.join('\n')}\n`);
if (repo && (values.keep || values.dir)) log(`repository kept in ${repo.root}`);
