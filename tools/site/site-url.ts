// The absolute URL the site is served at: given with --site-url, or GitHub Pages' address of the
// repository's GitHub remote (https://<owner>.github.io/<repo>/), or a local server's.
import { git } from '../git/run.ts';

export const LOCAL_SITE_URL = 'http://localhost:8080/';

/** The GitHub Pages URL of a GitHub remote URL (https or ssh form); undefined for any other remote. */
export function pagesUrlOfRemote(remote: string): string | undefined {
  const m = /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/.exec(remote.trim());
  if (!m) return undefined;
  const [, owner, repo] = m;
  const host = `${owner.toLowerCase()}.github.io`;
  // A repository named <owner>.github.io is served at the root of that host.
  return repo.toLowerCase() === host ? `https://${host}/` : `https://${host}/${repo}/`;
}

/** A site URL as given, checked and ending in "/"; undefined when it is not an absolute http(s) URL. */
export function normaliseSiteUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.search = '';
  url.hash = '';
  const text = url.toString();
  return text.endsWith('/') ? text : `${text}/`;
}

/** The default site URL of the repository at `root`: its origin remote's GitHub Pages URL, else the local one. */
export async function defaultSiteUrl(root: string): Promise<string> {
  try {
    return pagesUrlOfRemote(await git(root, ['remote', 'get-url', 'origin'], { ignoreGitEnv: true })) ?? LOCAL_SITE_URL;
  } catch {
    return LOCAL_SITE_URL;
  }
}
