// A local HTTP server answering GitHub's REST shapes for what the tools use, with in-memory state
// that tests assert on. Routes live in a table (`route`), so other stages add the endpoints they need.
//
//   const gh = new FakeGitHub(); await gh.start();          // gh.url is the baseUrl / GITHUB_API_URL
//   gh.route('POST', '/repos/{owner}/{repo}/releases', (req, gh) => ({ status: 201, body: {...} }));
//   gh.fail({ kind: 'server-error', status: 502, path: /releases/, times: 2 });   // or 'rate-limit'
//   const octokit = createGitHub({ token: 'test-token', baseUrl: gh.url, backoffUnitMs: 1 });
//   ... gh.requests / gh.writes() / gh.repo('o/r') ...; await gh.close();
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';
import { createRequire } from 'node:module';
import { emptyReleases, registerReleaseRoutes, type RepoReleases } from './fake-releases.ts';

type Schemas = components['schemas'];
export type SimpleUser = Schemas['simple-user'];
export type IssueComment = Schemas['issue-comment'];
export type ReviewComment = Schemas['pull-request-review-comment'];
export type PullRequestReview = Schemas['pull-request-review'];
export type DiffEntry = Schemas['diff-entry'];
export type Label = Schemas['label'];
/** A pull request as the API returns it (we keep the full object and answer lists with it too). */
export type PullRequest = Record<string, unknown> & {
  number: number;
  state: 'open' | 'closed';
  head: { ref: string; sha: string; label: string; repo: { full_name: string; fork: boolean } & Record<string, unknown> };
  base: { ref: string; sha: string; label: string; repo: { full_name: string } & Record<string, unknown> };
};

export interface FakeRequest {
  method: string;
  /** Path without the query, e.g. /repos/o/r/pulls/1/files. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  /** The body's bytes as sent (asset uploads are binary, not JSON). */
  raw: Buffer;
  headers: IncomingMessage['headers'];
  /** The user the token belongs to; undefined for anonymous requests. */
  user?: SimpleUser;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: FakeRequest, github: FakeGitHub) => FakeResponse | Promise<FakeResponse>;

/** A failure served instead of the real answer, for the next `times` matching requests. */
export interface Fault {
  method?: string;
  path?: RegExp;
  times: number;
  kind: 'server-error' | 'rate-limit' | 'secondary-rate-limit';
  status?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  status: number;
}

export interface PullRequestSeed {
  number: number;
  headSha: string;
  /** "owner/name" of the head repository; a fork when it differs from the base repository. */
  headRepo?: string;
  headRef?: string;
  baseSha?: string;
  baseRef?: string;
  title?: string;
  state?: 'open' | 'closed';
  files?: Array<{ filename: string; status?: DiffEntry['status']; patch?: string }>;
  labels?: string[];
}

interface RepoState {
  owner: string;
  name: string;
  pulls: Map<number, PullRequest>;
  files: Map<number, DiffEntry[]>;
  issueComments: IssueComment[];
  reviewComments: ReviewComment[];
  reviews: PullRequestReview[];
  /** Labels defined on the repository. */
  labels: Map<string, Label>;
  /** Labels on each issue or pull request, by number. */
  issueLabels: Map<number, string[]>;
  /** Releases, their assets' bytes and git tags (fake-releases.ts). */
  releases: RepoReleases;
}

const ERROR_DOCS = 'https://docs.github.com/rest';
// GitHub's recorded webhook payloads (a JSON file: loaded with require, which needs no import attributes).
const webhookExamples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: any[] }>;

/** The recorded example payloads of one webhook event, e.g. "workflow_run" or "pull_request" (copies: safe to edit). */
export function webhookExample(name: string): any[] {
  const event = webhookExamples.find((e) => e.name === name);
  if (!event) throw new Error(`no webhook examples for "${name}"`);
  return structuredClone(event.examples);
}
const example = webhookExample;
const clone = <T>(value: T): T => structuredClone(value);

/** GitHub's own example payloads: a real pull request and repository object to build on. */
const PR_TEMPLATE = example('pull_request').find((e) => e.action === 'opened');

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  readonly repos = new Map<string, RepoState>();
  readonly tokens = new Map<string, SimpleUser>();
  private readonly routes: Array<{ method: string; pattern: RegExp; keys: string[]; handler: RouteHandler }> = [];
  private server?: Server;
  private nextId = 1000;
  /** A fixed clock, so the state the tests read is deterministic. */
  now = '2026-01-02T03:04:05Z';
  url = '';

  constructor() {
    this.tokens.set('test-token', this.user('github-actions[bot]', 'Bot'));
    registerCoreRoutes(this);
    registerReleaseRoutes(this);
  }

  /** Adds an endpoint; `pattern` uses GitHub's docs notation, e.g. "/repos/{owner}/{repo}/releases". */
  route(method: string, pattern: string, handler: RouteHandler): this {
    const keys: string[] = [];
    const source = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    // Later routes win, so a test can override a core route.
    this.routes.unshift({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /** Serves a failure for the next `times` matching requests. */
  fail(fault: Omit<Fault, 'times'> & { times?: number }): this {
    this.faults.push({ times: 1, ...fault });
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  id(): number {
    return this.nextId++;
  }

  user(login: string, type: 'User' | 'Bot' = 'User'): SimpleUser {
    const api = `https://api.github.com/users/${login}`;
    return {
      login,
      id: login.length * 7919,
      node_id: `U_${login}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${login.length}`,
      gravatar_id: '',
      url: api,
      html_url: `https://github.com/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type,
      site_admin: false,
    };
  }

  /** A token that acts as `login` (e.g. a contributor who writes a comment by hand). */
  addToken(token: string, login: string, type: 'User' | 'Bot' = 'User'): SimpleUser {
    const user = this.user(login, type);
    this.tokens.set(token, user);
    return user;
  }

  repo(fullName: string): RepoState {
    let state = this.repos.get(fullName.toLowerCase());
    if (!state) {
      const [owner, name] = fullName.split('/');
      state = { owner, name, pulls: new Map(), files: new Map(), issueComments: [], reviewComments: [], reviews: [], labels: new Map(), issueLabels: new Map(), releases: emptyReleases() };
      this.repos.set(fullName.toLowerCase(), state);
    }
    return state;
  }

  /** Opens a pull request on `baseRepo` (owner/name); `files` are its diff entries with GitHub's `patch` text. */
  addPullRequest(baseRepo: string, seed: PullRequestSeed): PullRequest {
    const state = this.repo(baseRepo);
    const headRepo = seed.headRepo ?? baseRepo;
    const pr = clone(PR_TEMPLATE.pull_request) as PullRequest;
    const api = `${this.url || 'https://api.github.com'}/repos/${baseRepo}`;
    Object.assign(pr, {
      id: this.id(),
      number: seed.number,
      state: seed.state ?? 'open',
      title: seed.title ?? `Pull request ${seed.number}`,
      url: `${api}/pulls/${seed.number}`,
      html_url: `https://github.com/${baseRepo}/pull/${seed.number}`,
      issue_url: `${api}/issues/${seed.number}`,
      labels: [],
    });
    const repoObject = (full: string, fork: boolean) => ({
      ...clone(PR_TEMPLATE.repository),
      id: this.id(),
      name: full.split('/')[1],
      full_name: full,
      fork,
      owner: this.user(full.split('/')[0]),
      url: `https://api.github.com/repos/${full}`,
      html_url: `https://github.com/${full}`,
    });
    const headRef = seed.headRef ?? `pr-${seed.number}`;
    pr.head = { ...pr.head, label: `${headRepo.split('/')[0]}:${headRef}`, ref: headRef, sha: seed.headSha, repo: repoObject(headRepo, headRepo.toLowerCase() !== baseRepo.toLowerCase()) };
    const baseRef = seed.baseRef ?? 'main';
    pr.base = { ...pr.base, label: `${baseRepo.split('/')[0]}:${baseRef}`, ref: baseRef, sha: seed.baseSha ?? '0'.repeat(40), repo: repoObject(baseRepo, false) };
    state.pulls.set(seed.number, pr);
    this.setFiles(baseRepo, seed.number, seed.files ?? []);
    for (const name of seed.labels ?? []) this.ensureLabel(state, name);
    state.issueLabels.set(seed.number, [...(seed.labels ?? [])]);
    return pr;
  }

  /** A new push to the pull request: a new head commit and its files. */
  pushToPullRequest(baseRepo: string, number: number, headSha: string, files: PullRequestSeed['files']): void {
    const pr = this.repo(baseRepo).pulls.get(number)!;
    pr.head.sha = headSha;
    this.setFiles(baseRepo, number, files ?? []);
  }

  setFiles(baseRepo: string, number: number, files: NonNullable<PullRequestSeed['files']>): void {
    const entries = files.map((f): DiffEntry => {
      const lines = (f.patch ?? '').split('\n');
      const additions = lines.filter((l) => l.startsWith('+')).length;
      const deletions = lines.filter((l) => l.startsWith('-')).length;
      const blob = `https://github.com/${baseRepo}/blob/HEAD/${f.filename}`;
      return {
        sha: null,
        filename: f.filename,
        status: f.status ?? 'modified',
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: blob,
        raw_url: blob.replace('/blob/', '/raw/'),
        contents_url: `https://api.github.com/repos/${baseRepo}/contents/${f.filename}`,
        ...(f.patch === undefined ? {} : { patch: f.patch }),
      };
    });
    this.repo(baseRepo).files.set(number, entries);
  }

  ensureLabel(state: RepoState, name: string): Label {
    let label = state.labels.get(name.toLowerCase());
    if (!label) {
      label = { id: this.id(), node_id: `LA_${name}`, url: `https://api.github.com/repos/${state.owner}/${state.name}/labels/${encodeURIComponent(name)}`, name, description: null, color: 'ededed', default: false };
      state.labels.set(name.toLowerCase(), label);
    }
    return label;
  }

  /** Requests that changed state (POST, PATCH, PUT, DELETE) and were answered with success. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.status < 300);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown;
    let response: FakeResponse;
    try {
      const raw = await readBody(req);
      // Uploads carry the file's bytes, whatever their content type; everything else is JSON.
      body = raw.length > 0 && !url.pathname.startsWith(UPLOADS_PREFIX) ? JSON.parse(raw.toString('utf8')) : undefined;
      response = await this.answer(method, url, body, raw, req.headers);
    } catch (error) {
      response = { status: 400, body: { message: `Problems parsing JSON: ${(error as Error).message}`, documentation_url: ERROR_DOCS } };
    }
    this.requests.push({ method, path: url.pathname + url.search, body, status: response.status });
    const binary = Buffer.isBuffer(response.body);
    const text = binary ? (response.body as Buffer) : response.status === 204 || response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, {
      'content-type': binary ? 'application/octet-stream' : 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      ...response.headers,
    });
    res.end(text);
  }

  private async answer(method: string, url: URL, body: unknown, raw: Buffer, headers: IncomingMessage['headers']): Promise<FakeResponse> {
    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(url.pathname)));
    if (fault) {
      fault.times--;
      return faultResponse(fault);
    }
    const auth = /^(?:token|bearer)\s+(.+)$/i.exec(headers.authorization ?? '');
    const user = auth ? this.tokens.get(auth[1]) : undefined;
    if (auth && !user) return { status: 401, body: { message: 'Bad credentials', documentation_url: ERROR_DOCS, status: '401' } };
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(match[i + 1])]));
      if (!user && method !== 'GET') {
        return { status: 401, body: { message: 'Requires authentication', documentation_url: ERROR_DOCS, status: '401' } };
      }
      return route.handler({ method, path: url.pathname, params, query: url.searchParams, body, raw, headers, user }, this);
    }
    return notFound();
  }
}

function faultResponse(fault: Fault): FakeResponse {
  const reset = String(Math.floor(Date.now() / 1000) + 1);
  switch (fault.kind) {
    case 'rate-limit':
      return {
        status: fault.status ?? 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'x-ratelimit-limit': '5000' },
        body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: `${ERROR_DOCS}/overview/rate-limits-for-the-rest-api`, status: String(fault.status ?? 403) },
      };
    case 'secondary-rate-limit':
      return {
        status: fault.status ?? 403,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: `${ERROR_DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`, status: String(fault.status ?? 403) },
      };
    default:
      return { status: fault.status ?? 502, body: { message: 'Server Error' } };
  }
}

/** Where release assets are uploaded (GitHub Enterprise's layout; github.com uses the host uploads.github.com). */
export const UPLOADS_PREFIX = '/api/uploads/';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function notFound(): FakeResponse {
  return { status: 404, body: { message: 'Not Found', documentation_url: ERROR_DOCS, status: '404' } };
}

export function unprocessable(message: string, errors: unknown[] = []): FakeResponse {
  return { status: 422, body: { message, errors, documentation_url: ERROR_DOCS, status: '422' } };
}

/** One page of a list, with GitHub's Link header (per_page default 30, at most 100). */
export function page<T>(request: FakeRequest, github: FakeGitHub, items: T[]): FakeResponse {
  const perPage = Math.min(Math.max(Number(request.query.get('per_page')) || 30, 1), 100);
  const number = Math.max(Number(request.query.get('page')) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (p: number) => {
    const q = new URLSearchParams(request.query);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    return `${github.url}${request.path}?${q}`;
  };
  const links: string[] = [];
  if (number < last) links.push(`<${link(number + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
  if (number > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(number - 1)}>; rel="prev"`);
  return { status: 200, body: items.slice((number - 1) * perPage, number * perPage), headers: links.length ? { link: links.join(', ') } : {} };
}

/** The RIGHT-side line numbers a unified-diff `patch` shows (added and context lines): what GitHub accepts for a review comment. */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  let right = 0;
  for (const text of (patch ?? '').split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) right = Number(hunk[1]);
    else if (text.startsWith('+') || text.startsWith(' ')) lines.add(right++);
  }
  return lines;
}

function registerCoreRoutes(gh: FakeGitHub): void {
  const repoOf = (r: FakeRequest) => gh.repos.get(`${r.params.owner}/${r.params.repo}`.toLowerCase());
  const pullOf = (r: FakeRequest) => repoOf(r)?.pulls.get(Number(r.params.number));
  const issueExists = (r: FakeRequest) => pullOf(r) !== undefined;
  const apiBase = (r: FakeRequest) => `${gh.url}/repos/${r.params.owner}/${r.params.repo}`;

  gh.route('GET', '/rate_limit', () => {
    const core = { limit: 5000, used: 1, remaining: 4999, reset: Math.floor(Date.now() / 1000) + 3600 };
    return { status: 200, body: { resources: { core, search: { ...core, limit: 30, remaining: 30, used: 0 } }, rate: core } };
  });

  gh.route('GET', '/repos/{owner}/{repo}/pulls/{number}', (r) => {
    const pr = pullOf(r);
    return pr ? { status: 200, body: pr } : notFound();
  });

  gh.route('GET', '/repos/{owner}/{repo}/pulls', (r) => {
    const state = r.query.get('state') ?? 'open';
    const head = r.query.get('head');
    const pulls = [...(repoOf(r)?.pulls.values() ?? [])].filter((p) => (state === 'all' || p.state === state) && (!head || p.head.label === head));
    return page(r, gh, pulls.sort((a, b) => b.number - a.number));
  });

  // Like GitHub: a commit that only exists in a fork is not found through the base repository's
  // commit index, so fork pull requests are not listed here (callers must fall back to the pulls list).
  gh.route('GET', '/repos/{owner}/{repo}/commits/{sha}/pulls', (r) => {
    const repo = repoOf(r);
    if (!repo) return notFound();
    const full = `${repo.owner}/${repo.name}`.toLowerCase();
    const pulls = [...repo.pulls.values()].filter((p) => p.head.sha === r.params.sha && p.head.repo.full_name.toLowerCase() === full);
    return page(r, gh, pulls);
  });

  gh.route('GET', '/repos/{owner}/{repo}/pulls/{number}/files', (r) => {
    const files = repoOf(r)?.files.get(Number(r.params.number));
    return files ? page(r, gh, files) : notFound();
  });

  // Issue comments (the sticky comment).
  gh.route('GET', '/repos/{owner}/{repo}/issues/{number}/comments', (r) => {
    if (!issueExists(r)) return notFound();
    const url = `${apiBase(r)}/issues/${r.params.number}`;
    return page(r, gh, repoOf(r)!.issueComments.filter((c) => c.issue_url === url));
  });
  gh.route('POST', '/repos/{owner}/{repo}/issues/{number}/comments', (r) => {
    if (!issueExists(r)) return notFound();
    if (typeof r.body?.body !== 'string' || r.body.body === '') return unprocessable('Validation Failed', [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
    if (r.body.body.length > 65536) return unprocessable('Validation Failed', [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }]);
    const id = gh.id();
    const comment: IssueComment = {
      id,
      node_id: `IC_${id}`,
      url: `${apiBase(r)}/issues/comments/${id}`,
      html_url: `https://github.com/${r.params.owner}/${r.params.repo}/pull/${r.params.number}#issuecomment-${id}`,
      body: r.body.body,
      user: r.user!,
      created_at: gh.now,
      updated_at: gh.now,
      issue_url: `${apiBase(r)}/issues/${r.params.number}`,
      author_association: r.user!.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR',
    };
    repoOf(r)!.issueComments.push(comment);
    return { status: 201, body: comment };
  });
  gh.route('PATCH', '/repos/{owner}/{repo}/issues/comments/{id}', (r) => {
    const comment = repoOf(r)?.issueComments.find((c) => c.id === Number(r.params.id));
    if (!comment) return notFound();
    if (comment.user?.login !== r.user?.login) return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: ERROR_DOCS, status: '403' } };
    if (typeof r.body?.body !== 'string' || r.body.body.length > 65536) return unprocessable('Validation Failed');
    comment.body = r.body.body;
    comment.updated_at = gh.now;
    return { status: 200, body: comment };
  });

  // Review comments (inline) and reviews.
  gh.route('GET', '/repos/{owner}/{repo}/pulls/{number}/comments', (r) => {
    if (!issueExists(r)) return notFound();
    const url = `${apiBase(r)}/pulls/${r.params.number}`;
    return page(r, gh, repoOf(r)!.reviewComments.filter((c) => c.pull_request_url === url));
  });
  const addReviewComment = (r: FakeRequest, input: any, reviewId: number | null): ReviewComment | FakeResponse => {
    const pr = pullOf(r)!;
    const file = repoOf(r)!.files.get(pr.number)?.find((f) => f.filename === input.path);
    const side = input.side ?? 'RIGHT';
    if (typeof input.body !== 'string' || !input.path || !Number.isInteger(input.line)) return unprocessable('Validation Failed', [{ resource: 'PullRequestReviewComment', code: 'missing_field' }]);
    const lines = commentableLines(file?.patch);
    const range = input.start_line === undefined ? [input.line] : Array.from({ length: input.line - input.start_line + 1 }, (_, i) => input.start_line + i);
    if (!file || side !== 'RIGHT' || range.length === 0 || !range.every((l: number) => lines.has(l))) {
      return unprocessable('Unprocessable Entity', ['pull_request_review_thread.line must be part of the diff']);
    }
    const id = gh.id();
    const url = `${apiBase(r)}/pulls/comments/${id}`;
    const prUrl = `${apiBase(r)}/pulls/${pr.number}`;
    const html = `https://github.com/${r.params.owner}/${r.params.repo}/pull/${pr.number}#discussion_r${id}`;
    const comment: ReviewComment = {
      url,
      pull_request_review_id: reviewId,
      id,
      node_id: `PRRC_${id}`,
      diff_hunk: file.patch ?? '',
      path: input.path,
      commit_id: input.commit_id ?? pr.head.sha,
      original_commit_id: input.commit_id ?? pr.head.sha,
      user: r.user!,
      body: input.body,
      created_at: gh.now,
      updated_at: gh.now,
      html_url: html,
      pull_request_url: prUrl,
      author_association: 'NONE',
      _links: { self: { href: url }, html: { href: html }, pull_request: { href: prUrl } },
      start_line: input.start_line ?? null,
      original_start_line: input.start_line ?? null,
      start_side: input.start_line === undefined ? null : 'RIGHT',
      line: input.line,
      original_line: input.line,
      side: 'RIGHT',
      subject_type: 'line',
    };
    return comment;
  };
  gh.route('POST', '/repos/{owner}/{repo}/pulls/{number}/comments', (r) => {
    if (!issueExists(r)) return notFound();
    const made = addReviewComment(r, r.body ?? {}, gh.id());
    if ('status' in made) return made;
    repoOf(r)!.reviewComments.push(made);
    return { status: 201, body: made };
  });
  gh.route('POST', '/repos/{owner}/{repo}/pulls/{number}/reviews', (r) => {
    const pr = pullOf(r);
    if (!pr) return notFound();
    const event = r.body?.event;
    if ((event === 'COMMENT' || event === 'REQUEST_CHANGES') && !r.body?.body && !(r.body?.comments?.length > 0)) {
      return unprocessable('Unprocessable Entity', ['Review body is required']);
    }
    const reviewId = gh.id();
    const made: ReviewComment[] = [];
    // All or nothing, as on GitHub: one comment off the diff fails the whole review.
    for (const input of r.body?.comments ?? []) {
      const comment = addReviewComment(r, { ...input, commit_id: r.body.commit_id }, reviewId);
      if ('status' in comment) return comment;
      made.push(comment);
    }
    repoOf(r)!.reviewComments.push(...made);
    const html = `https://github.com/${r.params.owner}/${r.params.repo}/pull/${pr.number}#pullrequestreview-${reviewId}`;
    const review: PullRequestReview = {
      id: reviewId,
      node_id: `PRR_${reviewId}`,
      user: r.user!,
      body: r.body?.body ?? '',
      state: event === 'APPROVE' ? 'APPROVED' : event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : event === 'COMMENT' ? 'COMMENTED' : 'PENDING',
      html_url: html,
      pull_request_url: `${apiBase(r)}/pulls/${pr.number}`,
      _links: { html: { href: html }, pull_request: { href: `${apiBase(r)}/pulls/${pr.number}` } },
      submitted_at: gh.now,
      commit_id: r.body?.commit_id ?? pr.head.sha,
      author_association: 'NONE',
    };
    repoOf(r)!.reviews.push(review);
    return { status: 200, body: review };
  });

  // Labels.
  gh.route('GET', '/repos/{owner}/{repo}/issues/{number}/labels', (r) => {
    if (!issueExists(r)) return notFound();
    const repo = repoOf(r)!;
    return page(r, gh, (repo.issueLabels.get(Number(r.params.number)) ?? []).map((n) => gh.ensureLabel(repo, n)));
  });
  gh.route('POST', '/repos/{owner}/{repo}/issues/{number}/labels', (r) => {
    if (!issueExists(r)) return notFound();
    const repo = repoOf(r)!;
    const names: unknown = Array.isArray(r.body) ? r.body : r.body?.labels;
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) return unprocessable('Invalid request.');
    const number = Number(r.params.number);
    const current = repo.issueLabels.get(number) ?? [];
    for (const name of names) if (!current.some((c) => c.toLowerCase() === name.toLowerCase())) current.push(name);
    repo.issueLabels.set(number, current);
    return { status: 200, body: current.map((n) => gh.ensureLabel(repo, n)) };
  });
  gh.route('DELETE', '/repos/{owner}/{repo}/issues/{number}/labels/{name}', (r) => {
    if (!issueExists(r)) return notFound();
    const repo = repoOf(r)!;
    const number = Number(r.params.number);
    const current = repo.issueLabels.get(number) ?? [];
    const index = current.findIndex((c) => c.toLowerCase() === r.params.name.toLowerCase());
    if (index === -1) return { status: 404, body: { message: 'Label does not exist', documentation_url: ERROR_DOCS, status: '404' } };
    current.splice(index, 1);
    return { status: 200, body: current.map((n) => gh.ensureLabel(repo, n)) };
  });
  gh.route('GET', '/repos/{owner}/{repo}/labels', (r) => page(r, gh, [...(repoOf(r)?.labels.values() ?? [])]));
}
