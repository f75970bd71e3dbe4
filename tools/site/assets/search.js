// Client-side search for the static site: the box on every page (#search-input) lists results as
// you type, from the index in search-index/ (tools/site/search/index-writer.ts). A search fetches
// the index's small meta file, the term chunks of the words typed and the document chunks of the
// results shown; nothing else, and nothing from another host. This file also holds the tokenizer
// the index writer uses, so both sides cut words the same way.

export const INDEX_VERSION = 1;
export const KIND_CODES = { task: 0, dataset: 1, method: 2, leaderboard: 3, source: 4, paper: 5 };
const KIND_LABELS = ['Task', 'Dataset', 'Method', 'Leaderboard', 'Source', 'Paper'];
const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'is', 'its', 'of', 'on', 'or', 'the', 'to', 'via', 'with']);

/** Lower-case words without accents; an arXiv id ("1706.03762") stays one word. */
export function tokenize(text) {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[\p{L}\p{N}]+(?:\.\p{N}+)*/gu) ?? [];
}

export function isStopWord(token) {
  return STOP_WORDS.has(token);
}

/** Terms the last word, matched as a prefix while it is being typed, may stand for. */
const MAX_PREFIX_TERMS = 12;
/** Term chunks one word may fetch (a short prefix can span several). */
const MAX_CHUNKS_PER_WORD = 2;
/** Document chunks one search may fetch while checking candidates. */
const MAX_DOC_CHUNKS = 16;
/** Words of one query whose term chunks are fetched (a pasted title can have twenty). */
const MAX_WORDS_LOOKED_UP = 6;

/**
 * A searcher over an index read through `load(path)` (a path inside search-index/, resolving to
 * its parsed JSON). Every file is fetched once.
 */
export function createSearcher(load) {
  const cache = new Map();
  const get = (path) => {
    if (!cache.has(path)) cache.set(path, load(path));
    return cache.get(path);
  };

  /** The postings of one word: weight by doc (2 in a name, 1 elsewhere), and the boundary past which presence is unknown. */
  async function wordSet(meta, word, prefix) {
    const chunks = meta.chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid] <= word) lo = mid;
      else hi = mid - 1;
    }
    const wanted = [lo];
    while (prefix && wanted.length < MAX_CHUNKS_PER_WORD && lo + wanted.length < chunks.length && chunks[lo + wanted.length].startsWith(word)) wanted.push(lo + wanted.length);
    const entries = (await Promise.all(wanted.map((i) => get(`t/${i}.json`)))).flat();
    const matched = entries
      .filter(([term]) => (prefix ? term.startsWith(word) : term === word))
      .sort((a, b) => (a[0] === word ? -1 : b[0] === word ? 1 : b[2].length + b[3].length - a[2].length - a[3].length))
      .slice(0, MAX_PREFIX_TERMS);
    const weights = new Map();
    let boundary = Infinity;
    for (const [term, last, inName, inOther] of matched) {
      const scale = term === word ? 1 : 0.75;
      for (const [gaps, weight] of [[inName, 2 * scale], [inOther, scale]]) {
        let doc = 0;
        for (let i = 0; i < gaps.length; i++) {
          doc = i === 0 ? gaps[0] : doc + gaps[i];
          if ((weights.get(doc) ?? 0) < weight) weights.set(doc, weight);
        }
      }
      if (last >= 0 && last < boundary) boundary = last;
    }
    return { word, prefix, weights, boundary };
  }

  /** Up to `limit` results for `query`: [{kind, url, title, detail}] (url relative to the site's root), best first. */
  async function search(query, limit = 8) {
    const words = [...new Set(tokenize(query))].filter((w) => !isStopWord(w));
    if (words.length === 0) return [];
    const typing = !/\s$/.test(query);
    const meta = await get('meta.json');
    if (meta.version !== INDEX_VERSION) throw new Error(`search index version ${meta.version}, this script reads ${INDEX_VERSION}`);
    const last = words[words.length - 1];
    // Only the longest words (the likeliest to be rare) are looked up; the others are checked against the text of the candidates.
    const looked = [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, MAX_WORDS_LOOKED_UP);
    const sets = await Promise.all(looked.map((w) => wordSet(meta, w, typing && w === last)));
    if (sets.some((s) => s.weights.size === 0 && s.boundary === Infinity)) return [];
    const textOnly = words.filter((w) => !looked.includes(w)).map((w) => ({ word: w, prefix: typing && w === last }));

    // Candidates come from the smallest complete word (or, when every word is cut short, the one cut earliest).
    const complete = sets.filter((s) => s.boundary === Infinity).sort((a, b) => a.weights.size - b.weights.size);
    const base = complete[0] ?? [...sets].sort((a, b) => a.boundary - b.boundary)[0];
    const candidates = [];
    for (const [doc, weight] of base.weights) {
      let score = weight;
      const unsure = [...textOnly];
      let ok = true;
      for (const s of sets) {
        if (s === base) continue;
        const w = s.weights.get(doc);
        if (w !== undefined) score += w;
        else if (doc > s.boundary) {
          score += 1;
          unsure.push(s);
        } else {
          ok = false;
          break;
        }
      }
      if (ok) candidates.push({ doc, score, unsure });
    }
    candidates.sort((a, b) => b.score - a.score || a.doc - b.doc);

    // Fetch the documents of the best candidates; words past a cut-off are checked against the text.
    const chunkOf = (doc) => Math.floor(doc / meta.docsPerChunk);
    const results = [];
    const fetched = new Set();
    let next = 0;
    while (results.length < limit && next < candidates.length) {
      const batch = [];
      while (batch.length < (limit - results.length) * 2 && next < candidates.length) {
        const chunk = chunkOf(candidates[next].doc);
        if (!fetched.has(chunk)) {
          if (fetched.size >= MAX_DOC_CHUNKS) break;
          fetched.add(chunk);
        }
        batch.push(candidates[next++]);
      }
      if (batch.length === 0) break;
      const rows = await Promise.all(batch.map((c) => get(`d/${chunkOf(c.doc)}.json`).then((chunk) => chunk[c.doc % meta.docsPerChunk])));
      batch.forEach((c, i) => {
        const [kind, url, title, detail] = rows[i];
        if (c.unsure.length > 0) {
          const text = tokenize(`${title} ${detail}`);
          if (!c.unsure.every((s) => text.some((t) => (s.prefix ? t.startsWith(s.word) : t === s.word)))) return;
        }
        if (results.length < limit) results.push({ kind: KIND_LABELS[kind], url, title, detail, fit: fit(title, words) });
      });
    }
    results.sort((a, b) => b.fit - a.fit);
    return results.map(({ fit, ...r }) => r);
  }

  return { search };
}

/** How well a title fits the words typed: 2 when it is exactly them (a task called what was typed), 1 when it holds them in that order. */
function fit(title, words) {
  const typed = words.join(' ');
  const name = tokenize(title).filter((w) => !isStopWord(w)).join(' ');
  return name === typed ? 2 : ` ${name} `.includes(` ${typed}`) ? 1 : 0;
}

/** The site's root: the search form's action is "<root>/search/"; else this script is in "<root>/assets/". */
function siteRoot(form) {
  return new URL('../', form?.getAttribute('action') ? form.action : new URL('./', import.meta.url));
}

function attach() {
  const input = document.getElementById('search-input');
  if (!input) return;
  const form = input.form;
  const root = siteRoot(form);
  const searcher = createSearcher((path) =>
    fetch(new URL(`search-index/${path}`, root)).then((r) => {
      if (!r.ok) throw new Error(`${r.status} ${r.url}`);
      return r.json();
    }),
  );

  const list = document.createElement('ul');
  list.id = 'search-results';
  list.className = 'search-results';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Search results');
  list.hidden = true;
  const status = document.createElement('p');
  status.className = 'search-status';
  status.setAttribute('role', 'status');
  (form ?? input.parentElement).append(list, status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('autocomplete', 'off');

  let active = -1;
  let options = [];
  let sequence = 0;
  let timer;

  const setActive = (i) => {
    active = i;
    options.forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', options[i].id);
      options[i].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const open = (shown) => {
    list.hidden = !shown;
    input.setAttribute('aria-expanded', String(shown));
    if (!shown) setActive(-1);
  };
  const render = (results, query) => {
    list.replaceChildren(...results.map((r, i) => resultItem(r, root, `search-option-${i}`, 'option')));
    options = [...list.children];
    setActive(-1);
    status.textContent = query.trim() === '' ? '' : results.length === 0 ? `No results for “${query.trim()}”` : `${results.length} result${results.length === 1 ? '' : 's'}`;
    list.dataset.query = query; // which query the list answers (for tests and styles)
    open(results.length > 0);
  };
  const run = async () => {
    const query = input.value;
    const mine = ++sequence;
    if (tokenize(query).length === 0) return render([], query);
    try {
      const results = await searcher.search(query, 8);
      if (mine === sequence) render(results, query);
    } catch (error) {
      if (mine === sequence) status.textContent = `Search is unavailable: ${error.message}`;
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener('focus', () => options.length > 0 && open(true));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (options.length === 0) return;
      event.preventDefault();
      open(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
    } else if (event.key === 'Enter' && active >= 0 && !list.hidden) {
      event.preventDefault();
      window.location.assign(options[active].querySelector('a').href);
    } else if (event.key === 'Escape') {
      if (!list.hidden) open(false);
      else input.value = '';
    }
  });
  (form ?? input.parentElement).addEventListener('focusout', (event) => {
    if (!(form ?? input.parentElement).contains(event.relatedTarget)) open(false);
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const editing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === '/' && !editing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  // The search page (search/index.html): the full results of the form's ?q=.
  const page = document.getElementById('search-page-results');
  const query = new URLSearchParams(window.location.search).get('q');
  if (page && query) {
    input.value = query;
    const heading = document.getElementById('search-page-status');
    searcher.search(query, 50).then(
      (results) => {
        page.replaceChildren(...results.map((r) => resultItem(r, root)));
        if (heading) heading.textContent = results.length === 0 ? `No results for “${query}”.` : `Results for “${query}”`;
      },
      (error) => heading && (heading.textContent = `Search is unavailable: ${error.message}`),
    );
  }
}

/** One result as a list item holding a link: its kind, title and detail. */
function resultItem(result, root, id, role) {
  const li = document.createElement('li');
  if (id) li.id = id;
  if (role) li.setAttribute('role', role);
  const a = document.createElement('a');
  a.href = new URL(result.url, root).href;
  if (role) a.tabIndex = -1;
  const kind = document.createElement('span');
  kind.className = `search-kind search-kind-${result.kind.toLowerCase()}`;
  kind.textContent = result.kind;
  const title = document.createElement('span');
  title.className = 'search-title';
  title.textContent = result.title;
  a.append(kind, title);
  if (result.detail) {
    const detail = document.createElement('span');
    detail.className = 'search-detail';
    detail.textContent = result.detail;
    a.append(detail);
  }
  li.append(a);
  return li;
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach);
  else attach();
}
