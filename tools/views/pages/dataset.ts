// The dataset page model: description, links, licence, variants, benchmarks, papers that use it.
import type { Dataset } from '../../model/repository.ts';
import { markdownLinks, type LinkScheme } from '../links.ts';
import type { SiteIndex } from '../site-index.ts';
import { boardSummary, datasetLink, paperItems, paperLink, type BoardSummary, type Link, type PaperItem } from './common.ts';

export interface DatasetPage {
  name: string;
  fullName: string;
  description: string;
  homepage: Link | null;
  license: string;
  introducedBy: Link | null;
  introducedDate: string;
  modalities: string[];
  languages: string[];
  variantOf: Link | null;
  variants: Link[];
  boards: BoardSummary[];
  papers: PaperItem[];
}

export function datasetPage(index: SiteIndex, dataset: Dataset, links: LinkScheme = markdownLinks): DatasetPage {
  const path = { path: links.dataset(dataset.id), links };
  return {
    name: dataset.name,
    fullName: dataset.full_name ?? '',
    description: dataset.description ?? '',
    homepage: dataset.homepage ? { text: dataset.homepage, href: dataset.homepage } : null,
    license: dataset.license ?? '',
    introducedBy: dataset.introduced_by ? paperLink(index, path, dataset.introduced_by) : null,
    introducedDate: dataset.introduced_date ?? '',
    modalities: dataset.modalities ?? [],
    languages: dataset.languages ?? [],
    variantOf: dataset.variant_of ? datasetLink(index, path, dataset.variant_of) : null,
    variants: (index.variants.get(dataset.id) ?? []).map((id) => datasetLink(index, path, id)),
    boards: (index.boardsByDataset.get(dataset.id) ?? []).map((b) => boardSummary(index, path, b)),
    papers: paperItems(index, path, index.papersByDataset.get(dataset.id) ?? []),
  };
}
