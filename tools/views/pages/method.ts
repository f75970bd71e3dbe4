// The method page model: description, introducing paper, papers using it.
import type { Method } from '../../model/repository.ts';
import { markdownLinks, type LinkScheme } from '../links.ts';
import type { SiteIndex } from '../site-index.ts';
import { paperItems, paperLink, type Link, type PaperItem } from './common.ts';

export interface MethodPage {
  name: string;
  fullName: string;
  description: string;
  collections: string[];
  introducedBy: Link | null;
  introducedYear: string;
  papers: PaperItem[];
}

export function methodPage(index: SiteIndex, method: Method, links: LinkScheme = markdownLinks): MethodPage {
  const path = { path: links.method(method.id), links };
  return {
    name: method.name,
    fullName: method.full_name ?? '',
    description: method.description ?? '',
    collections: method.collections ?? [],
    introducedBy: method.introduced_by ? paperLink(index, path, method.introduced_by) : null,
    introducedYear: method.introduced_year === undefined ? '' : String(method.introduced_year),
    papers: paperItems(index, path, index.papersByMethod.get(method.id) ?? []),
  };
}
