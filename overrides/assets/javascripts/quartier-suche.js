/*
 * Quartier: the search page (/suche/), on Pagefind's index.
 *
 * Only this page loads anything for search, and only when the visitor focuses the
 * field or a search is to be shown: Pagefind's script, its WebAssembly and the index
 * chunks come from the site itself (pagefind/ next to the pages). The query and the
 * filters live in the address (?q=…&stadt=…), so a search can be linked and bookmarked;
 * without JavaScript the form still submits there and the page says what to do.
 *
 * Results are built as DOM nodes with textContent: nothing from the index becomes HTML
 * except Pagefind's <mark> around the words found, rebuilt from an inert document.
 */
const FILTERS = ["art", "stadt", "programm", "format", "jahr", "zeit"];
const SHOWN = 20;

const form = document.getElementById("q-search");
const input = document.getElementById("q-search-query");
const status = document.getElementById("q-search-status");
const list = document.getElementById("q-search-results");
const root = new URL("../../", import.meta.url);

let engine = null;

function pagefind() {
  if (!engine) {
    engine = import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
      await module.options({ baseUrl: root.pathname, excerptLength: 24 });
      return module;
    });
  }
  return engine;
}

function chosenFilters() {
  const filters = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value;
    if (value) filters[name] = value;
  }
  return filters;
}

function readAddress() {
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  for (const name of FILTERS) {
    const select = form.elements[name];
    const value = params.get(name) || "";
    select.value = [...select.options].some((o) => o.value === value) ? value : "";
  }
}

function writeAddress() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const [name, value] of Object.entries(chosenFilters())) params.set(name, value);
  const query = params.toString();
  window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

// For equal relevance an upcoming event comes before a past one (filter "zeit").
function timeRank(data) {
  const when = (data.filters.zeit || [])[0];
  return when === "kommend" ? 0 : when === "vergangen" ? 2 : 1;
}

function excerpt(html) {
  // DOMParser documents are inert: no script runs, no image loads.
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const paragraph = document.createElement("p");
  paragraph.className = "q-search-result__excerpt";
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(document.createTextNode(node.textContent));
    }
  }
  return paragraph;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "q-search-result";
  const kind = document.createElement("p");
  kind.className = "q-search-result__kind";
  kind.textContent = (data.filters.art || ["Seite"])[0];
  const heading = document.createElement("h2");
  heading.className = "q-search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(heading, kind);
  const facts = [data.meta.datum, data.meta.ort, data.meta.status].filter(Boolean);
  if (facts.length) {
    const line = document.createElement("p");
    line.className = "q-search-result__facts";
    line.textContent = facts.join(" · ");
    item.append(line);
  }
  if (data.excerpt) item.append(excerpt(data.excerpt));
  return item;
}

let latest = 0;

async function run() {
  const query = input.value.trim();
  const filters = chosenFilters();
  writeAddress();
  const mine = ++latest;
  if (!query && !Object.keys(filters).length) {
    status.textContent = "";
    list.replaceChildren();
    list.hidden = true;
    return;
  }
  status.textContent = "Suche läuft …";
  const module = await pagefind();
  const found = await module.search(query || null, { filters });
  if (mine !== latest) return;
  const top = found.results.slice(0, SHOWN);
  const data = await Promise.all(top.map((result) => result.data()));
  if (mine !== latest) return;
  const ranked = top.map((result, index) => ({ score: Math.round(result.score * 1000), data: data[index], index }));
  ranked.sort((a, b) => b.score - a.score || timeRank(a.data) - timeRank(b.data) || a.index - b.index);
  list.replaceChildren(...ranked.map((entry) => resultItem(entry.data)));
  list.hidden = ranked.length === 0;
  const total = found.results.length;
  if (!total) {
    status.textContent = "Keine Treffer. Versuchen Sie ein anderes Wort oder einen Ortsnamen, oder nehmen Sie Filter heraus.";
  } else {
    const shown = total > ranked.length ? `; die ersten ${ranked.length} stehen hier` : "";
    status.textContent = `${total} ${total === 1 ? "Treffer" : "Treffer"}${shown}.`;
  }
}

let timer = 0;
function soon() {
  window.clearTimeout(timer);
  timer = window.setTimeout(run, 200);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  window.clearTimeout(timer);
  run();
});
input.addEventListener("input", soon);
input.addEventListener("focus", () => { pagefind(); }, { once: true });
input.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && input.value) {
    event.preventDefault();
    input.value = "";
    run();
  }
});
for (const name of FILTERS) form.elements[name].addEventListener("change", run);

readAddress();
// Filters from a link or bookmark are shown, not hidden behind the closed box.
if (Object.keys(chosenFilters()).length) document.getElementById("q-search-more").open = true;
if (input.value || Object.keys(chosenFilters()).length) run();
