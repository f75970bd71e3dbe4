// The one Octokit factory: every GitHub call in the tools goes through a client made here,
// with retries (5xx, with backoff) and throttling (primary and secondary rate limits).
import Bottleneck from 'bottleneck';
import { Octokit } from 'octokit';

export type GitHub = InstanceType<typeof Octokit>;

export interface GitHubOptions {
  /** A token (GITHUB_TOKEN in Actions). */
  token: string;
  /** REST API root; default GITHUB_API_URL, else https://api.github.com (GHES and the tests' fake server set it). */
  baseUrl?: string;
  /** How often a failed request (5xx, 429, rate limit) is tried again. Default 3. */
  retries?: number;
  /**
   * Milliseconds one unit of back-off lasts. GitHub's headers count in seconds, so the default is
   * 1000; tests against the local fake server shrink it so a retry takes milliseconds, not seconds.
   */
  backoffUnitMs?: number;
  /** Where warnings about retries go; default stderr. */
  log?: (message: string) => void;
}

const DEFAULT_API = 'https://api.github.com';

/** Reads PWC_GITHUB_BACKOFF_MS so the end-to-end tests can run the real CLI with short waits. */
export function backoffFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.PWC_GITHUB_BACKOFF_MS;
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

export function createGitHub(options: GitHubOptions): GitHub {
  const retries = options.retries ?? 3;
  const unit = options.backoffUnitMs ?? backoffFromEnv() ?? 1000;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  // Rate limits: wait as GitHub says (Retry-After / X-RateLimit-Reset), up to `retries` times.
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string; request: { retryCount: number } }): boolean => {
      const again = request.request.retryCount < retries;
      log(`github: ${kind} on ${request.method} ${request.url}; ${again ? `retrying after ${retryAfter}s` : 'giving up'}`);
      return again;
    };
  return new Octokit({
    auth: options.token,
    baseUrl: (options.baseUrl || process.env.GITHUB_API_URL || DEFAULT_API).replace(/\/+$/, ''),
    userAgent: 'pwc-tools',
    // 5xx and other retryable errors: plugin-retry waits unit * (attempt + 1)^2 between tries.
    retry: { retries, retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      // GitHub asks for >= 1 s between writes and >= 3 s between notifying ones (comments, reviews);
      // the throttling plugin's groups do that, spaced by the same unit so tests can shrink it.
      ...(unit === 1000 ? {} : spacedGroups(unit)),
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
  });
}

function spacedGroups(unit: number) {
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: unit }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * unit }),
  };
}

/** The repository a workflow runs in, from GITHUB_REPOSITORY ("owner/name"). */
export function parseRepository(full: string | undefined): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(full ?? '');
  if (!match) throw new Error(`GITHUB_REPOSITORY must be "owner/name", got ${JSON.stringify(full ?? '')}`);
  return { owner: match[1], repo: match[2] };
}
