// .pwc-cache/bundle: what one `pwc bundle` leaves the next. For each unit (a data file, or the
// result files of one leaderboard folder) the content key it was built from and where each of its
// entities' lines sits in the last pwc-data.json (kept whole as the fragment store); and where
// each gzip piece sits in the last .gz, and in the last pwc-results.csv.gz. Never trusted across tool versions; a cache that cannot be
// read or written only costs time.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUNDLE_CACHE_DIR = '.pwc-cache/bundle';
const INDEX = 'index.json';
const FORMAT = 2;

/**
 * A cache as read back. Entities are listed in the order of the last pwc-data.json (by kind, then
 * id), each with its unit, id, and where its line sits in `fragments` (that file, kept whole).
 * Parallel arrays, not objects: 300,000 entities load in a fraction of the time.
 */
export interface BundleCache {
  /** Unit ids and the key each was built from. */
  units: string[];
  keys: string[];
  /** How many entities of each kind (ENTITY_KINDS order). */
  counts: number[];
  unit: number[];
  ids: string[];
  offsets: number[];
  lengths: number[];
  fragments: Buffer;
  /** gzip pieces: sha1 of the uncompressed bytes, and where the compressed bytes sit in `pieces` (the last .gz). */
  pieceKeys: string[];
  pieceOffsets: number[];
  pieceLengths: number[];
  pieces: Buffer;
  /** The same for the flat table's CSV: where each piece sits in `flatPieces` (the last pwc-results.csv.gz). */
  flatPieceKeys: string[];
  flatPieceOffsets: number[];
  flatPieceLengths: number[];
  flatPieces: Buffer;
}

type Stored = Omit<BundleCache, 'fragments' | 'pieces' | 'flatPieces'>;

interface IndexFile extends Stored {
  format: number;
  tools: string;
  fragmentsFile: string;
  piecesFile: string;
  flatPiecesFile: string;
}

/** The version of everything a cached line depends on: the bundle's and the model's code, and the packages that read and compress. */
export function bundleToolsKey(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha1').update(`bundle cache ${FORMAT}\n`);
  for (const dir of [here, join(here, '..', 'model')]) {
    for (const file of (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
      hash.update(`${file}\n`).update(readFileSync(join(dir, file))).update('\n');
    }
  }
  for (const pkg of ['fflate', 'yaml', 'ajv', 'hyparquet-writer']) {
    let version = '?';
    try {
      version = JSON.parse(readFileSync(join(here, '..', '..', 'node_modules', pkg, 'package.json'), 'utf8')).version;
    } catch {
      // not found: the key still changes when it appears
    }
    hash.update(`${pkg}@${version}\n`);
  }
  return hash.digest('hex');
}

/** The cache of `root` for these tools, or undefined when there is none usable. Never throws. */
export function loadBundleCache(root: string, tools: string): BundleCache | undefined {
  const dir = join(root, BUNDLE_CACHE_DIR);
  try {
    const index = JSON.parse(readFileSync(join(dir, INDEX), 'utf8')) as IndexFile;
    if (index.format !== FORMAT || index.tools !== tools) return undefined;
    const { format: _format, tools: _tools, fragmentsFile, piecesFile, flatPiecesFile, ...stored } = index;
    return { ...stored, fragments: readFileSync(join(dir, fragmentsFile)), pieces: readFileSync(join(dir, piecesFile)), flatPieces: readFileSync(join(dir, flatPiecesFile)) };
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache: the two stores under fresh names, then the index that names them (renamed in
 * last, so a reader sees the old cache or the new one whole), then the old stores are removed.
 */
export function writeBundleCache(root: string, tools: string, cache: BundleCache): void {
  const dir = join(root, BUNDLE_CACHE_DIR);
  try {
    mkdirSync(dir, { recursive: true });
    const generation = randomBytes(6).toString('hex');
    const { fragments, pieces, flatPieces, ...stored } = cache;
    const index: IndexFile = {
      format: FORMAT,
      tools,
      fragmentsFile: `fragments-${generation}.bin`,
      piecesFile: `pieces-${generation}.bin`,
      flatPiecesFile: `flat-pieces-${generation}.bin`,
      ...stored,
    };
    writeFileSync(join(dir, index.fragmentsFile), fragments);
    writeFileSync(join(dir, index.piecesFile), pieces);
    writeFileSync(join(dir, index.flatPiecesFile), flatPieces);
    const temporary = join(dir, `${INDEX}.${generation}`);
    writeFileSync(temporary, JSON.stringify(index));
    renameSync(temporary, join(dir, INDEX));
    for (const name of readdirSync(dir)) {
      if (name !== INDEX && name !== index.fragmentsFile && name !== index.piecesFile && name !== index.flatPiecesFile) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // A read-only checkout or a full disk: the next build starts cold.
  }
}
