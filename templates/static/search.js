// The search page: runs the query in the box (and ?q=) over Pagefind's index of this page's
// written standard (Pagefind picks the index from <html lang>). Loaded only by the search
// page, as a module, so no other page waits for it. UI texts come from data-* attributes,
// translated in templates/search.html.
const version = new URL(import.meta.url).search;
const root = document.getElementById("search-results");
const form = document.querySelector("form.search-form");
const input = document.getElementById("search-q");
const count = document.getElementById("search-count");
const list = document.getElementById("search-list");
const PAGE = 10;
let latest = 0;

let loading = null;

// Pagefind, loaded once: its script, then the index of this page's standard and the WASM.
function engine() {
  loading ??= (async () => {
    const pf = await import(new URL(`../pagefind/pagefind.js${version}`, import.meta.url).href);
    // A match in a place page's name (meta "place", views/search.py) ranks that page first.
    // No worker: the index is small, and its script would be 40 KB more to fetch.
    await pf.options({ baseUrl: root.dataset.base, excerptLength: 0, noWorker: true,
                       ranking: { metaWeights: { title: 5, place: 10 } } });
    await pf.init();
    return pf;
  })();
  return loading;
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
  const a = text("a", data.meta.title || data.url);
  a.href = data.url;
  h.append(a);
  li.append(h);
  const m = data.meta;
  if (m.places) li.append(text("p", `${root.dataset.places}: ${m.places}`));
  const when = [m.when, m.status && `${root.dataset.status}: ${m.status}`].filter(Boolean);
  if (when.length) li.append(text("p", when.join(" · "), "muted"));
  if (m.notices) li.append(text("p", `${root.dataset.notices}: ${m.notices}`));
  if (m.description) li.append(text("p", m.description));
  return li;
}

function say(template, q, n) {
  count.textContent = template.replace("{q}", q).replace("{n}", String(n));
}

async function page(results, from) {
  return Promise.all(results.slice(from, from + PAGE).map((r) => r.data()));
}

function more(results, from, id) {
  document.querySelector(".search-results__more")?.remove();
  if (results.length <= from + PAGE) return;
  const button = text("button", root.dataset.more, "search-results__more");
  button.type = "button";
  button.addEventListener("click", async () => {
    const data = await page(results, from + PAGE);
    if (id !== latest) return;
    const next = list.children.length;
    list.append(...data.map(item));
    more(results, from + PAGE, id);
    list.children[next]?.querySelector("a")?.focus();
  });
  root.append(button);
}

async function run(q) {
  const id = ++latest;
  const query = q.trim();
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!query) {
    list.replaceChildren();
    count.textContent = "";
    more([], 0, id);
    return;
  }
  try {
    const found = await (await engine()).search(query);
    if (id !== latest || !found) return;
    const data = await page(found.results, 0);
    if (id !== latest) return;
    // The list and the count change together: the count is what a screen reader hears.
    list.replaceChildren(...data.map(item));
    const n = found.results.length;
    say(n === 0 ? root.dataset.none : n === 1 ? root.dataset.one : root.dataset.many, query, n);
    more(found.results, 0, id);
  } catch (err) {
    if (id === latest) count.textContent = root.dataset.error;
    console.error(err);
  }
}

let timer = 0;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value), 60);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run(input.value);
});
// Whoever opens the search page means to search: load Pagefind now, not at the first key.
engine().catch((err) => console.error(err));
const initial = new URL(location.href).searchParams.get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
