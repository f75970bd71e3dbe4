// Benchmark probe, the floor: list the data files, read each and parse it with `yaml`, in one thread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { listDataFiles } from '../model/repository.ts';
import { reportProbe } from './section.ts';

const root = process.argv[2];
const started = performance.now();
const paths = await listDataFiles(root);
let documents = 0;
for (const path of paths) {
  if (parse(readFileSync(join(root, path), 'utf8')) !== undefined) documents++;
}
reportProbe({ seconds: (performance.now() - started) / 1000, files: paths.length, documents });
