// Measures the API, feed and badge parts over the synthetic archive-scale repository (tools/bench):
// the whole site's units, each part's time per unit kind, files and bytes. Run:
//   nice -n 10 npx tsx tools/site/measure-parts.ts [scale factor, default 1] [parts, default api,feeds,badges]
import { performance } from 'node:perf_hooks';
import { scaleBy, synthesize } from '../bench/synthetic-repo.ts';
import { repositoryOfFiles } from '../model/repository.ts';
import { buildSiteIndex } from '../views/site-index.ts';
import { apiPart } from './api.ts';
import { badgePart } from './badges.ts';
import { feedPart } from './feeds.ts';
import type { SitePart } from './part.ts';
import { allUnits } from './part-testing.ts';

const factor = Number(process.argv[2] ?? 1);
const encoder = new TextEncoder();
let t = performance.now();
const files: [string, Uint8Array][] = [];
for (const f of synthesize(scaleBy(factor))) files.push([f.path, encoder.encode(f.text)]);
const index = buildSiteIndex(repositoryOfFiles(files));
files.length = 0;
const units = [...allUnits(index)];
console.log(`scale ${factor}: ${index.repo.papers.size} papers, ${[...index.repo.results.values()].reduce((n, s) => n + s.results.length, 0)} results, ${index.leaderboards.size} leaderboards, ${units.length} units; loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const only = (process.argv[3] ?? 'api,feeds,badges').split(',');
const parts = ([['api', apiPart], ['feeds', feedPart], ['badges', badgePart]] as [string, SitePart][]).filter(([name]) => only.includes(name));
for (const [name, part] of parts) {
  const byKind = new Map<string, { units: number; ms: number; files: number; bytes: number; worst: number }>();
  const context = { index, siteUrl: 'https://example.org/pwc/' };
  const start = performance.now();
  for (const unit of units) {
    t = performance.now();
    const out = part(context, unit);
    const ms = performance.now() - t;
    const row = byKind.get(unit.kind) ?? { units: 0, ms: 0, files: 0, bytes: 0, worst: 0 };
    row.units++;
    row.ms += ms;
    row.worst = Math.max(row.worst, ms);
    row.files += out.length;
    for (const f of out) row.bytes += typeof f.body === 'string' ? Buffer.byteLength(f.body) : f.body.length;
    byKind.set(unit.kind, row);
  }
  const total = performance.now() - start;
  console.log(`\n${name}: ${(total / 1000).toFixed(2)} s for all units (the first call builds the per-index cache)`);
  console.log('kind        units   total ms  ms/unit  worst ms     files        MB');
  for (const [kind, r] of byKind) {
    console.log(
      `${kind.padEnd(10)} ${String(r.units).padStart(6)} ${r.ms.toFixed(0).padStart(10)} ${(r.ms / r.units).toFixed(3).padStart(8)} ${r.worst.toFixed(1).padStart(9)} ${String(r.files).padStart(9)} ${(r.bytes / 1e6).toFixed(1).padStart(9)}`,
    );
  }
}
