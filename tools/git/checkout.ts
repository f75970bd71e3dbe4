// Which git checkout a folder is in: its top folder, the web address of its remote, and its HEAD commit.
import { headCommit } from './revision.ts';
import { git } from './run.ts';

export interface Checkout {
  /** The checkout's top folder, absolute. */
  top: string;
  /** The remote's web address (https, without credentials or ".git"), when it has one. */
  url?: string;
  /** HEAD's commit, when there is one. */
  commit?: string;
}

/**
 * A remote as a web address: https://host/path or git@host:path as https://host/path, without
 * user name, password or ".git"; undefined for anything else (a local path, file://).
 */
export function remoteWebUrl(remote: string): string | undefined {
  const text = remote.trim();
  const https = /^https?:\/\/(?:[^@/]*@)?([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(text);
  const scp = /^(?:ssh:\/\/)?[^@/\s]+@([^:/\s]+)[:/](.+?)(?:\.git)?\/?$/.exec(text);
  const match = https ?? scp;
  return match ? `https://${match[1].toLowerCase()}/${match[2]}` : undefined;
}

/** The checkout `dir` is in (the remote "origin", else the first one listed), or undefined outside one. */
export async function checkoutOf(dir: string): Promise<Checkout | undefined> {
  let top: string;
  try {
    top = (await git(dir, ['rev-parse', '--show-toplevel'], { ignoreGitEnv: true })).trim();
  } catch {
    return undefined;
  }
  const remotes = (await git(top, ['remote'], { ignoreGitEnv: true }).catch(() => '')).split('\n').filter(Boolean);
  const name = remotes.includes('origin') ? 'origin' : remotes[0];
  const remote = name ? (await git(top, ['remote', 'get-url', name], { ignoreGitEnv: true }).catch(() => '')).trim() : '';
  const url = remote ? remoteWebUrl(remote) : undefined;
  return { top, url, commit: await headCommit(top) };
}
