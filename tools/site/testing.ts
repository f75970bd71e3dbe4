// For the site's tests: a built site's files as a map, to compare two builds byte for byte.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` (relative POSIX path -> bytes), in path order. */
export function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const path of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = join(dir, path);
    if (statSync(full).isFile()) out.set(path.split('\\').join('/'), readFileSync(full));
  }
  return out;
}
