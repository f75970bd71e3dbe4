// The SVG badges read back with a real XML parser: the right text (best value and model, a
// paper's rank "#2 of 14"), valid XML on hostile names, the same bytes on every build; and the
// Markdown that embeds them.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteIndex } from '../views/site-index.ts';
import { hostileFiles } from '../views/test-support/fixture-repo.ts';
import { badgePart, leaderboardBadgeMarkdown, paperBadgeMarkdown } from './badges.ts';
import { fixtureIndex, partFiles, repositoryIndex, SITE_URL } from './part-testing.ts';

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

/** The badge's accessible text ("label: message"), after checking it is well-formed SVG. */
function badgeText(path: string, body: string | Uint8Array | undefined): string {
  expect(body, path).toBeDefined();
  expect(XMLValidator.validate(String(body)), path).toBe(true);
  const svg = parser.parse(String(body)).svg;
  expect(svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
  return String(svg.title);
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&apos;/g, "'").replace(/&amp;/g, '&');

describe('the badges on the repository\'s data', () => {
  let index: SiteIndex;
  let files: Map<string, string | Uint8Array>;
  beforeAll(async () => {
    index = await repositoryIndex();
    files = partFiles(badgePart, index);
  });

  it('shows each leaderboard\'s best value with its unit and model', () => {
    for (const board of index.leaderboards.values()) expect(files.has(`badges/sota/${board.id}.svg`)).toBe(true);
    expect(badgeText('imagenet', files.get('badges/sota/image-classification/imagenet.svg'))).toBe(
      'Image Classification on ImageNet: 84.8% · SWSL ResNeXt-101 32x16d',
    );
  });

  it('shows a paper\'s best rank on each board it reports on, out of the ranked rows', () => {
    let count = 0;
    for (const [paper, sets] of index.resultsByPaper) {
      for (const set of sets) {
        const board = index.leaderboards.get(`${set.task}/${set.dataset}`)!;
        const text = badgeText(paper, files.get(`badges/paper/${paper}/${set.task}/${set.dataset}.svg`));
        const ranks = board.entries.filter((e) => e.paper === paper && e.rank !== undefined).map((e) => e.rank!);
        const ranked = board.entries.filter((e) => e.rank !== undefined).length;
        expect(text).toBe(`${decode(text.split(': ')[0])}: ${ranks.length ? `#${Math.min(...ranks)} of ${ranked}` : 'unranked'}`);
        count++;
      }
    }
    expect(count).toBeGreaterThan(0);
    expect(badgeText('swsl', files.get('badges/paper/billion-scale-semi-supervised-learning-for-image-classification/image-classification/imagenet.svg'))).toMatch(/: #1 of \d+$/);
  });

  it('writes the same bytes from a second load', async () => {
    const again = partFiles(badgePart, await repositoryIndex());
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [path, body] of again) expect(body, path).toBe(files.get(path));
  });

  it('gives Markdown that shows the badge and links to the leaderboard', () => {
    const board = index.leaderboards.get('image-classification/imagenet')!;
    const md = leaderboardBadgeMarkdown(SITE_URL, board, 'Image Classification on ImageNet');
    expect(md).toBe(
      '[![Image Classification on ImageNet](https://example.org/pwc/badges/sota/image-classification/imagenet.svg)](https://example.org/pwc/sota/image-classification/imagenet/)',
    );
    const html = marked.parse(paperBadgeMarkdown(SITE_URL, 'p-x', board, 'Rank [on] *ImageNet*'), { async: false });
    expect(html).toContain('<a href="https://example.org/pwc/sota/image-classification/imagenet/"><img src="https://example.org/pwc/badges/paper/p-x/image-classification/imagenet.svg" alt="Rank [on] *ImageNet*"');
  });
});

describe('the badges on hostile names', () => {
  it('stay well-formed and carry the names as text', async () => {
    const hostile = hostileFiles();
    hostile['data/datasets/plain-data.yaml'] = { name: 'Plain', benchmarks: [{ task: 'evil-task', metrics: [{ name: 'Score' }] }] };
    hostile['data/results/evil-task/plain-data/evil-paper.yaml'] = { results: [{ model: 'x & "y" <z>', metrics: { Score: 1 } }] };
    const index = await fixtureIndex(hostile);
    const files = partFiles(badgePart, index);
    const task = index.repo.tasks.get('evil-task')!.name;
    const board = index.leaderboards.get('evil-task/evil-data')!;
    const best = board.entries[0];
    const text = badgeText('evil', files.get('badges/sota/evil-task/evil-data.svg'));
    expect(text).toContain(task);
    expect(text).toContain(`${best.result.metrics[board.primary.name]} <%> · ${best.result.model}`);
    expect(badgeText('evil paper', files.get('badges/paper/other-paper/evil-task/evil-data.svg'))).toMatch(/: #1 of 12$/);
    // A board whose primary metric has no direction ranks nobody, and says so.
    expect(badgeText('plain', files.get('badges/sota/evil-task/plain-data.svg'))).toMatch(/: unranked$/);
    expect(badgeText('plain paper', files.get('badges/paper/evil-paper/evil-task/plain-data.svg'))).toMatch(/: unranked$/);
    for (const [path, body] of files) badgeText(path, body);
  });
});
