// Which rows name the same paper: arXiv id (any version), then URL, then normalised title.

/** An arXiv id without its version: "1711.05568" or "hep-th/9901001". */
const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;
const ARXIV_URL = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/([a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?\/?(?:[?#].*)?$/i;

/** The arXiv id in an id ("1711.05568v2", "arXiv:1711.05568") or an arXiv URL, without version. */
export function arxivId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim().replace(/^arxiv:/i, '');
  const id = ARXIV_ID.exec(v)?.[1] ?? ARXIV_URL.exec(v)?.[1];
  return id;
}

/** The month an arXiv id was assigned, as YYYY-MM ("1711.05568" -> 2017-11, "hep-th/9901001" -> 1999-01). */
export function arxivMonth(id: string): string | undefined {
  const digits = /^(\d{2})(\d{2})\./.exec(id) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(id);
  if (!digits) return undefined;
  const yy = Number(digits[1]);
  const month = Number(digits[2]);
  if (month < 1 || month > 12) return undefined;
  // arXiv started in 1991: two-digit years from 91 are 19xx, the rest 20xx.
  return `${yy >= 91 ? 1900 + yy : 2000 + yy}-${digits[2]}`;
}

/** The year a model name ends with, as NLP-progress names models after their paper ("BiSET (2019)" -> 2019). */
export function modelNameYear(model: string | undefined): string | undefined {
  return model === undefined ? undefined : /\((19[5-9]\d|20\d\d)\)$/.exec(model.trim())?.[1];
}

/** A URL reduced to what identifies the page: no scheme, "www.", fragment or trailing slash; lowercase host. */
export function urlKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^https?:\/\/([^/?#]+)([^#]*)/i.exec(value.trim());
  if (!match) return undefined;
  const host = match[1].toLowerCase().replace(/^www\./, '');
  const rest = match[2].replace(/\/+$/, '');
  return `${host}${rest}`;
}

/** A title reduced to its words: case, accents, punctuation and spacing do not count. */
export function titleKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const key = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return key === '' ? undefined : key;
}

/** How a row or a dump entry names a paper. */
export interface PaperRef {
  arxiv?: string;
  /** urlKey of the paper's URLs (the row's paper_url, the dump's url_abs, its Papers With Code page). */
  urls: string[];
  title?: string;
}

export function paperRef(fields: { arxiv?: string; urls?: (string | undefined)[]; title?: string }): PaperRef {
  const urls = (fields.urls ?? []).map(urlKey).filter((u): u is string => u !== undefined);
  const arxiv = fields.arxiv ?? (fields.urls ?? []).map(arxivId).find((id) => id !== undefined);
  return { arxiv, urls, title: titleKey(fields.title) };
}

/**
 * Papers keyed by every way they are named. `find` tries the arXiv id first; a paper found by URL
 * or title is the same one only if its arXiv id (when both have one) agrees.
 */
export class PaperIndex<P extends { arxiv?: string }> {
  private readonly byArxiv = new Map<string, P>();
  private readonly byUrl = new Map<string, P>();
  private readonly byTitle = new Map<string, P>();

  find(ref: PaperRef): P | undefined {
    if (ref.arxiv) {
      const paper = this.byArxiv.get(ref.arxiv);
      if (paper) return paper;
    }
    const agrees = (p: P | undefined) => (p && (!ref.arxiv || !p.arxiv || p.arxiv === ref.arxiv) ? p : undefined);
    for (const u of ref.urls) {
      const paper = agrees(this.byUrl.get(u));
      if (paper) return paper;
    }
    return ref.title ? agrees(this.byTitle.get(ref.title)) : undefined;
  }

  /** Indexes the paper under the names in `ref` that are still free (the first paper to claim a name keeps it). */
  add(paper: P, ref: PaperRef): void {
    if (ref.arxiv && !this.byArxiv.has(ref.arxiv)) this.byArxiv.set(ref.arxiv, paper);
    for (const u of ref.urls) if (!this.byUrl.has(u)) this.byUrl.set(u, paper);
    if (ref.title && !this.byTitle.has(ref.title)) this.byTitle.set(ref.title, paper);
  }
}
