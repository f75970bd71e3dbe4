// Where a zoo file comes from, for each row's source: its repository's web address and its path there (git's view, or --source-url).
import { basename, dirname, relative, sep } from 'node:path';
import { checkoutOf, type Checkout } from '../git/checkout.ts';
import type { StructuredSource } from '../model/types.ts';
import type { FoundFile } from './discover.ts';
import type { ZooEntry } from './zoo-entry.ts';

export interface FileOrigin {
  /** The repository's web address, when known. */
  url?: string;
  /** The file's path in it (POSIX). */
  path: string;
  /** The commit it was read at, when known. */
  commit?: string;
}

const posix = (path: string) => path.split(sep).join('/');

/** A GitHub or GitLab file link's repository (…/blob/v0.15.0/x.py -> https://github.com/owner/repo). */
export function repositoryOfLink(url: string | undefined): string | undefined {
  const match = url && /^(https:\/\/(?:github\.com|gitlab\.com)\/[^/\s]+\/[^/\s#?]+)/.exec(url);
  return match ? match[1].replace(/\.git$/, '') : undefined;
}

/** Finds the origin of files, asking git once per folder. */
export class Origins {
  private readonly checkouts = new Map<string, Promise<Checkout | undefined>>();

  constructor(private readonly sourceUrl?: string) {}

  /**
   * The origin of a file: with --source-url, that address and the path below the folder given on
   * the command line; in a git checkout whose remote has a web address, that address, the path in
   * the checkout and HEAD's commit; else the path below the folder given, and no address.
   */
  async of(file: FoundFile): Promise<FileOrigin> {
    const fromBase = posix(relative(file.base, file.path));
    if (this.sourceUrl) return { url: this.sourceUrl.replace(/\/+$/, ''), path: fromBase };
    const dir = dirname(file.path);
    if (!this.checkouts.has(dir)) this.checkouts.set(dir, checkoutOf(dir));
    const checkout = await this.checkouts.get(dir)!;
    if (checkout?.url) return { url: checkout.url, path: posix(relative(checkout.top, file.path)), commit: checkout.commit };
    return { path: fromBase };
  }
}

/** The row's source: kind code, the repository (or, failing that, the one the entry's code link is in) and the file's path and model. */
export function sourceOf(origin: FileOrigin, entry: ZooEntry): StructuredSource | undefined {
  const url = origin.url ?? repositoryOfLink(entry.code);
  if (!url) return undefined;
  const at = origin.commit ? ` at ${origin.commit.slice(0, 12)}` : '';
  return { kind: 'code', url, ref: `${origin.path}${at}, model "${entry.model ?? ''}"` };
}

/** The model an .eval_results file is about: its repository's id on the Hub (org/name), else the name of the folder holding .eval_results. */
export function evalResultsModel(origin: FileOrigin, file: string): string {
  const hub = origin.url && /^https:\/\/huggingface\.co\/(?!datasets\/|spaces\/)([^/]+\/[^/]+)$/.exec(origin.url);
  return hub ? hub[1] : basename(dirname(dirname(file)));
}
