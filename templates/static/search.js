// The search page: runs the query in the box (and ?q=) over the site's own index of this
// page's written standard (generator/search/: a manifest per language, shards of terms in order,
// small files of what results show). Loaded only by the search page, as a module, so no
// other page waits for it. UI texts come from data-* attributes, translated in
// templates/search.html. Words are found as the index stored them: lower case, stemmed
// (stem.js), the last word also as the start of longer words while it is being typed.
const version = new URL(import.meta.url).search;
const lang = document.documentElement.lang;
const root = document.getElementById("search-results");
const form = document.querySelector("form.search-form");
const input = document.getElementById("search-q");
const count = document.getElementById("search-count");
const list = document.getElementById("search-list");
const title = document.title; // the page's own; a search puts its count in front
const PAGE = 10;
const PARTIAL = 0.6; // a word that only starts with what was typed counts less
const NEAR = 0.5; // a word spelt a little differently (a typing error) counts less still
const PREFIX = 3; // letters a word being typed needs before it also matches longer words
const WAIT = 150; // ms after the last key before searching: the count is read out once
const ECHO = 80; // characters of the query repeated in the count
let latest = 0;

const here = (path) => new URL(path, import.meta.url);
const fetched = new Map();

function json(url, fresh) {
  const key = String(url);
  if (!fetched.has(key)) {
    fetched.set(key, fetch(url, fresh ? { cache: "no-cache" } : {}).then((r) => {
      if (!r.ok) throw new Error(`${r.status} ${url}`);
      return r.json();
    }));
  }
  return fetched.get(key);
}

// The manifest of this standard's index and the stemmer, loaded once.
let loading = null;
function engine() {
  loading ??= Promise.all([
    json(here(`../search/${lang}.json`), true),
    import(here(`stem.js${version}`).href),
  ]).then(([manifest, stemmer]) => ({
    manifest, stem: stemmer.stem, firsts: manifest.shards ? manifest.shards.split(" ") : [],
    folder: here(`../search/${lang}/${manifest.version}/`),
    stop: new Set((manifest.stop ?? "").split(" ")),
    other: (manifest.other ?? "").split(" ").filter(Boolean).map((p) => p.split("=")),
  }));
  return loading;
}

// The shard that holds `term` if the index has it: the last whose first term is not after
// it (the shards hold the terms in order, generator/search/shards.py).
function shardOf(e, term) {
  let lo = 0;
  let hi = e.firsts.length - 1;
  if (hi < 0 || term < e.firsts[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (e.firsts[mid] <= term) lo = mid; else hi = mid - 1;
  }
  return lo;
}

// The shards that may hold terms starting with `start`: its own and the next ones that
// begin with it (at most five in all).
function shardsFrom(e, start) {
  const own = shardOf(e, start);
  const out = [own];
  for (let n = own + 1; n < e.firsts.length && e.firsts[n].startsWith(start) && out.length < 5; n++) {
    out.push(n);
  }
  return out;
}

function shard(e, n) {
  return n < 0 ? Promise.resolve({}) : json(new URL(`${n}.json`, e.folder));
}

function decode(flat) {
  const out = [];
  for (let i = 0, doc = 0; i < flat.length; i += 2) {
    doc += flat[i];
    out.push([doc, flat[i + 1]]);
  }
  return out;
}

const NAMED = 100; // a score from here: the word is the page's place name (10 × weight 10)
const SHORT_PART = 4; // a part this short is replaced only at the start of a word

// `word` with the other standard's spellings of its parts replaced by this one's
// («sykehus» -> «sjukehus» on a Nynorsk page; manifest.other, generator/search/words.py).
function ownSpelling(e, word) {
  let out = word;
  for (const [from, to] of e.other) {
    if (Array.from(from).length <= SHORT_PART) {
      if (out.startsWith(from)) out = to + out.slice(from.length);
    } else {
      out = out.split(from).join(to);
    }
  }
  return out;
}

// Letters that may differ between a word typed and a word of the index (a letter missing,
// added, wrong or two swapped): none in short words, one from 4 letters, two from 8.
function allowed(word) {
  const n = Array.from(word).length;
  return n >= 8 ? 2 : n >= 4 ? 1 : 0;
}

// Edit distance of a and b, a swap of neighbours counting one (optimal string alignment,
// Damerau 1964); any value above `max` is returned as max + 1.
function distance(a, b, max) {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let before = [];
  let prev = y.map((_, j) => j + 1);
  prev.unshift(0);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
    }
    if (Math.min(...row) > max) return max + 1;
    before = prev;
    prev = row;
  }
  return prev[y.length];
}

function addPostings(e, scores, flat, factor) {
  const postings = decode(flat);
  const idf = Math.log(1 + (e.manifest.pages - postings.length + 0.5) / (postings.length + 0.5));
  for (const [doc, value] of postings) {
    const s = value * idf * factor;
    if (s > (scores.get(doc) ?? 0)) scores.set(doc, s);
  }
}

// The index's terms nearest to `stem` (a word that matched nothing: most likely mistyped), in
// its own shard or, failing that, the shards on either side.
async function nearest(e, stem) {
  const max = allowed(stem);
  const own = shardOf(e, stem);
  if (!max) return [];
  for (const ns of [[Math.max(own, 0)], [own - 1, own + 1]]) {
    const shards = await Promise.all(ns.filter((n) => n >= 0 && n < e.firsts.length)
      .map((n) => shard(e, n)));
    let best = max + 1;
    let found = [];
    for (const terms of shards) {
      for (const [term, flat] of Object.entries(terms)) {
        const d = distance(stem, term, Math.min(max, best));
        if (d < best) [best, found] = [d, [flat]];
        else if (d === best && d <= max) found.push(flat);
      }
    }
    if (found.length) return found;
  }
  return [];
}

// {scores: doc -> score, named: docs whose place name it is, near} of one word of the
// query: its stem exactly, and while it is the word being typed, any word that starts
// with it; when nothing has it, the word in this standard's spelling, then the nearest
// spellings (near: true). Rare words weigh more (idf, as BM25).
async function wordScores(e, word, typing, again = false) {
  const exact = e.stem(word);
  const partial = typing && Array.from(word).length >= PREFIX;
  const wanted = new Set([shardOf(e, exact), ...(partial ? shardsFrom(e, word) : [])]);
  const shards = await Promise.all([...wanted].map((n) => shard(e, n)));
  const scores = new Map();
  const named = new Set();
  for (const terms of shards) {
    for (const [term, flat] of Object.entries(terms)) {
      const factor = term === exact ? 1 : partial && term.startsWith(word) ? PARTIAL : 0;
      if (factor) addPostings(e, scores, flat, factor);
      if (term === exact) for (const [doc, value] of decode(flat)) if (value >= NAMED) named.add(doc);
    }
  }
  if (scores.size || again) return { scores, named, near: again && scores.size > 0 };
  const own = ownSpelling(e, word);
  if (own !== word) {
    const found = await wordScores(e, own, typing, true);
    if (found.scores.size) return found;
  }
  for (const flat of await nearest(e, exact)) addPostings(e, scores, flat, NEAR);
  return { scores, named, near: scores.size > 0 };
}

// [docs, near]: the pages of the places the query names first, then the pages with every
// word of the query, best first (ties in index order, so the same query always gives the
// same list). Words a question is made of («hva», «med», manifest.stop) need not match
// when there are others. When no page has them all («hva skjer med timen min i rauma»),
// the pages with the most of them, best first. `near`: some word was found only in
// another spelling.
async function search(e, query) {
  const words = (query.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => Array.from(w).length >= 2);
  if (!words.length) return [[], false];
  const typing = !/\s$/.test(query);
  const each = await Promise.all(words.map((w, i) => wordScores(e, w, typing && i === words.length - 1)));
  const content = words.some((w) => !e.stop.has(w));
  const found = new Map();
  const named = new Map();
  words.forEach((w, i) => {
    const required = !content || !e.stop.has(w);
    for (const [doc, s] of each[i].scores) {
      const [n, sum] = found.get(doc) ?? [0, 0];
      found.set(doc, [n + (required ? 1 : 0), sum + s]);
    }
    for (const doc of each[i].named) named.set(doc, 0);
  });
  const needed = content ? words.filter((w) => !e.stop.has(w)).length : words.length;
  const all = [...found].filter(([, [n]]) => n === needed);
  const ranked = all.length ? all : [...found].filter(([, [n]]) => n > 0);
  const order = (a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || a[0] - b[0];
  const places = [...found].filter(([doc]) => named.has(doc)).sort(order).map(([doc]) => doc);
  const rest = ranked.sort(order).map(([doc]) => doc).filter((doc) => !named.has(doc));
  return [[...places, ...rest], each.some((w) => w.near)];
}

function text(tag, value, className) {
  const el = document.createElement(tag);
  el.textContent = value;
  if (className) el.className = className;
  return el;
}

function item(data) {
  const li = document.createElement("li");
  const h = document.createElement("h2");
  const a = text("a", data.title || data.url);
  a.href = here(`../${data.url}`).pathname;
  h.append(a);
  li.append(h);
  const m = Object.fromEntries(data.meta);
  if (m.places) li.append(text("p", `${root.dataset.places}: ${m.places}`));
  const when = [m.when, m.status && `${root.dataset.status}: ${m.status}`].filter(Boolean);
  if (when.length) li.append(text("p", when.join(" · "), "muted"));
  if (m.notices) li.append(text("p", `${root.dataset.notices}: ${m.notices}`));
  if (m.description) li.append(text("p", m.description));
  return li;
}

function say(template, q, n) {
  const shown = Array.from(q).length > ECHO ? `${Array.from(q).slice(0, ECHO).join("")}…` : q;
  // functions as replacements: «$&» or «{n}» in the query stay as typed
  count.textContent = template.replace("{n}", () => String(n)).replace("{q}", () => shown);
  document.title = `${count.textContent} – ${title}`; // heard first on a page opened with ?q=
}

// What the results from `from` show: each page's fields, from the file holding them.
async function page(e, docs, from) {
  const per = e.manifest.per_file;
  return Promise.all(docs.slice(from, from + PAGE).map(async (d) =>
    (await json(new URL(`d/${Math.floor(d / per)}.json`, e.folder)))[d % per]));
}

function more(e, docs, from, id) {
  document.querySelector(".search-results__more")?.remove();
  if (docs.length <= from + PAGE) return;
  const button = text("button", root.dataset.more, "search-results__more");
  button.type = "button";
  button.addEventListener("click", async () => {
    const data = await page(e, docs, from + PAGE);
    if (id !== latest) return;
    const next = list.children.length;
    list.append(...data.map(item));
    more(e, docs, from + PAGE, id);
    list.children[next]?.querySelector("a")?.focus();
  });
  root.append(button);
}

// The other standard's search page gets the same query: switching keeps what was typed.
function keepInSwitch(query) {
  for (const a of document.querySelectorAll("a.lang-switch, a.search-other")) {
    const url = new URL(a.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    a.href = url.href;
  }
}

async function run(q, retried = false) {
  const id = ++latest;
  const query = q.trim() ? q : "";
  const url = new URL(location.href);
  if (query.trim()) url.searchParams.set("q", query.trim()); else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  keepInSwitch(query.trim());
  document.getElementById("search-help").hidden = true;
  if (!query) {
    list.replaceChildren();
    count.textContent = "";
    document.title = title;
    more(null, [], 0, id);
    return;
  }
  try {
    const e = await engine();
    const [docs, near] = await search(e, query);
    if (id !== latest) return;
    const data = await page(e, docs, 0);
    if (id !== latest) return;
    // The list and the count change together: the count is what a screen reader hears.
    list.replaceChildren(...data.map(item));
    const n = docs.length;
    const [one, many] = near ? [root.dataset.nearOne, root.dataset.nearMany]
      : [root.dataset.one, root.dataset.many];
    say(n === 0 ? root.dataset.none : n === 1 ? one : many, query.trim(), n);
    document.getElementById("search-help").hidden = n !== 0;
    more(e, docs, 0, id);
  } catch (err) {
    if (id !== latest) return;
    if (!retried) {  // the site may have been published anew since the manifest came
      loading = null;
      fetched.clear();
      run(q, true);
      return;
    }
    count.textContent = root.dataset.error;
    document.getElementById("search-help").hidden = false; // the A–Å list, as a link
    console.error(err);
  }
}

let timer = 0;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value), WAIT);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run(input.value);
});
// Whoever opens the search page means to search: load the manifest now, not at the first key.
engine().catch((err) => console.error(err));
const initial = new URL(location.href).searchParams.get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
