/*
 * Quartier: the search page (/suche/), on Pagefind's index.
 *
 * Only this page loads anything for search, and only when the visitor focuses the
 * field or a search is to be shown: Pagefind's script, its WebAssembly and the index
 * chunks come from the site itself (pagefind/ next to the pages). The query and the
 * filters live in the address (?q=…&stadt=…), so a search can be linked and bookmarked;
 * without JavaScript the form still submits there and the page says what to do.
 *
 * Order: Pagefind's score, with a match in the metadata fields weighed by the page's
 * data-ranking (metaWeights: a place beats the same word in running text, a city's and a
 * program's own page come first for its name; see META_WEIGHTS in render/search.py), and a
 * past event's score multiplied by pastFactor (0.5), so upcoming and ongoing events come
 * first unless a past one matches at least twice as well. Which results are past events
 * comes from the index itself (the filter "zeit"), for all results before any is loaded.
 *
 * The filters sit in a closed <details> whose summary says how many are in use and which
 * ("Filter (2) Veranstaltung · Essen"), so on a phone the field and the first results
 * share the first screen.
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
const count = document.getElementById("q-search-count");
const root = new URL("../../", import.meta.url);
const ranking = JSON.parse(form.dataset.ranking || "{}");
const PAST_FACTOR = ranking.pastFactor ?? 1;

let engine = null;

function pagefind() {
  if (!engine) {
    engine = import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
      await module.options({
        baseUrl: root.pathname,
        excerptLength: 24,
        ranking: { metaWeights: ranking.metaWeights || {} },
      });
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
  showCount();
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const [name, value] of Object.entries(chosenFilters())) params.set(name, value);
  const query = params.toString();
  window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

function hiddenText(text) {
  const span = document.createElement("span");
  span.className = "q-visually-hidden";
  span.textContent = text;
  return span;
}

// "Filter (2) Veranstaltung · Essen" (read as "Filter (2 aktiv): Veranstaltung · Essen"):
// how many filters are in use, and which.
function showCount() {
  const values = Object.values(chosenFilters());
  if (!values.length) {
    count.replaceChildren();
    return;
  }
  const number = document.createElement("span");
  number.className = "q-search__number";
  number.append(` (${values.length}`, hiddenText(" aktiv"), ")", hiddenText(": "));
  const active = document.createElement("span");
  active.className = "q-search__active";
  active.textContent = values.join(" · ");
  count.replaceChildren(number, active);
}

// The ids of the past events among the results: the same search narrowed to zeit=vergangen
// (it loads the filter's chunk: 3.9 KB at 2,000 events, 21 KB at 10,000). Not needed for
// one result, or when the filters leave only past events, or no events at all.
async function pastIds(module, query, filters, count) {
  if (count < 2 || filters.zeit || (filters.art && filters.art !== "Veranstaltung") || PAST_FACTOR === 1) {
    return new Set();
  }
  const past = await module.search(query || null, { filters: { ...filters, zeit: "vergangen" } });
  return new Set(past.results.map((result) => result.id));
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

// A result's picture (events, projects, programs, posts that have one): the engine's
// smallest size from the site itself, WebP with its JPEG/PNG; beside the title, so decorative.
function thumbnail(meta) {
  if (!meta.bild || !meta.bild_ersatz) return null;
  const picture = document.createElement("picture");
  picture.className = "q-thumb q-search-result__picture";
  const source = document.createElement("source");
  source.type = "image/webp";
  source.srcset = new URL(meta.bild, root).href;
  const img = document.createElement("img");
  img.src = new URL(meta.bild_ersatz, root).href;
  img.alt = "";
  img.width = 96;
  img.height = 72;
  img.loading = "lazy";
  picture.append(source, img);
  return picture;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "q-search-result";
  const picture = thumbnail(data.meta);
  if (picture) item.append(picture);
  const kind = document.createElement("p");
  kind.className = "q-search-result__kind";
  kind.textContent = (data.filters.art || ["Seite"])[0];
  const heading = document.createElement("h2");
  heading.className = "q-search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.titel || data.meta.title || data.url;
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
  const past = await pastIds(module, query, filters, found.results.length);
  if (mine !== latest) return;
  // Without a word (filters alone) every score is the same: then the past comes last.
  const ranked = found.results.map((result, index) => {
    const isPast = past.has(result.id) ? 1 : 0;
    return { result, index, isPast, score: result.score * (isPast ? PAST_FACTOR : 1) };
  });
  ranked.sort((a, b) => b.score - a.score || a.isPast - b.isPast || a.index - b.index);
  const top = ranked.slice(0, SHOWN);
  const data = await Promise.all(top.map((entry) => entry.result.data()));
  if (mine !== latest) return;
  list.replaceChildren(...data.map(resultItem));
  list.hidden = top.length === 0;
  const total = found.results.length;
  if (!total) {
    status.textContent = "Keine Treffer. Versuchen Sie ein anderes Wort oder einen Ortsnamen, oder nehmen Sie Filter heraus.";
  } else {
    const shown = total > top.length ? `; die ersten ${top.length} stehen hier` : "";
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
showCount();
if (input.value || Object.keys(chosenFilters()).length) run();
