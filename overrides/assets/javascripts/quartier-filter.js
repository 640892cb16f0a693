/*
 * Quartier: the quick filters of the events index (/veranstaltungen/), in place.
 *
 * Without this script every filter is a link to a page of its own (heute/, diese-woche/,
 * wochenende/, naechste-30-tage/, a city's or a program's page, online/, vor-ort/,
 * hybrid/), made at build time. With it, the same links filter the list on this page:
 * each link's address becomes the filtered view it leads to (?zeit=heute&stadt=essen),
 * a click applies it here (history.replaceState, so the address can be shared and a
 * reload keeps it), the chosen links are marked aria-current, and the number of events
 * shown is announced in a live region. Loading such an address applies it.
 *
 * The cards say what the filters read (written by the engine, render/filters.py):
 * data-tage (the ISO days they take place on, from the build day on), data-stadt,
 * data-programme and data-format. "Heute" is the visitor's day in the site's time zone
 * when the page was built at most a week before it (the daily rebuild keeps it so);
 * otherwise, or when the visitor's clock is behind the build, it is the build day.
 *
 * Nothing is fetched, nothing is stored; every text is set with textContent.
 */
const NAMES = ["zeit", "stadt", "programm", "format"];

const nav = document.getElementById("q-filters");
const results = document.getElementById("q-filter-results");
const status = document.getElementById("q-filters-status");

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function addDays(day, count) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return isoDay(date);
}

// 0 = Monday … 6 = Sunday: weeks begin on Monday.
function weekday(day) {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function visitorDay(zone) {
  try {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).formatToParts(new Date());
    const part = (type) => parts.find((p) => p.type === type).value;
    return `${part("year")}-${part("month")}-${part("day")}`;
  } catch {
    return null;
  }
}

// The day "heute" means: the visitor's, if the cards' days reach 30 days past it.
function referenceDay() {
  const built = nav.dataset.stand;
  const visitor = visitorDay(nav.dataset.zeitzone || "Europe/Berlin");
  if (visitor && visitor >= built && addDays(visitor, 29) <= nav.dataset.tageBis) return visitor;
  return built;
}

// The same ranges as render/filters.py: [first, last], inclusive.
function ranges(today) {
  const sunday = addDays(today, 6 - weekday(today));
  return {
    heute: [today, today],
    "diese-woche": [today, sunday],
    wochenende: [weekday(today) >= 5 ? today : addDays(sunday, -1), sunday],
    "naechste-30-tage": [today, addDays(today, 29)],
  };
}

const longDate = new Intl.DateTimeFormat("de-DE", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

function spoken(day) {
  return longDate.format(new Date(`${day}T00:00:00Z`));
}

function start() {
  const today = referenceDay();
  const spans = ranges(today);
  const links = [...nav.querySelectorAll("a[data-filter]")];
  const reset = nav.querySelector("[data-filter-reset]");
  const cards = [...results.querySelectorAll("li.q-event-card")];
  const groups = [...results.querySelectorAll(".q-events-month")];
  const known = (name, value) => links.some((a) => a.dataset.filter === name && a.dataset.value === value);

  function read() {
    const params = new URLSearchParams(window.location.search);
    const state = {};
    for (const name of NAMES) {
      const value = params.get(name);
      if (value && known(name, value)) state[name] = value;
    }
    return state;
  }

  function query(state) {
    const params = new URLSearchParams();
    for (const name of NAMES) if (state[name]) params.set(name, state[name]);
    const text = params.toString();
    return text ? `?${text}` : window.location.pathname;
  }

  function shows(card, state) {
    if (state.zeit) {
      const [first, last] = spans[state.zeit];
      const days = card.dataset.tage ? card.dataset.tage.split(" ") : [];
      if (!days.some((day) => first <= day && day <= last)) return false;
    }
    if (state.stadt && card.dataset.stadt !== state.stadt) return false;
    if (state.programm && !card.dataset.programme.split(" ").includes(state.programm)) return false;
    if (state.format && card.dataset.format !== state.format) return false;
    return true;
  }

  function describe(state) {
    const parts = [];
    for (const name of NAMES) {
      if (!state[name]) continue;
      const link = links.find((a) => a.dataset.filter === name && a.dataset.value === state[name]);
      let phrase = link.dataset.phrase;
      if (name === "zeit") {
        const [first, last] = spans[state.zeit];
        phrase += first === last ? ` (${spoken(first)})` : ` (${spoken(first)} bis ${spoken(last)})`;
      }
      parts.push(phrase);
    }
    return parts.join(", ");
  }

  function apply(state, announce) {
    let shown = 0;
    for (const card of cards) {
      card.hidden = !shows(card, state);
      if (!card.hidden) shown += 1;
    }
    for (const group of groups) group.hidden = !group.querySelector("li.q-event-card:not([hidden])");
    const active = NAMES.some((name) => state[name]);
    for (const link of links) {
      const { filter: name, value } = link.dataset;
      const chosen = state[name] === value;
      if (chosen) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
      link.href = query({ ...state, [name]: chosen ? undefined : value });
    }
    for (const label of nav.querySelectorAll("[data-chosen]")) {
      const name = label.dataset.chosen;
      const link = links.find((a) => a.dataset.filter === name && a.dataset.value === state[name]);
      label.textContent = link ? `: ${link.textContent.trim()}` : "";
    }
    reset.href = window.location.pathname;
    reset.parentElement.hidden = !active;
    if (!announce) return;
    const noun = shown === 1 ? "Veranstaltung" : "Veranstaltungen";
    if (!active) status.textContent = `Alle ${shown} kommenden ${noun}.`;
    else status.textContent = `${shown === 0 ? "Keine" : shown} ${noun}: ${describe(state)}.`;
  }

  function choose(state) {
    window.history.replaceState(null, "", query(state));
    apply(state, true);
  }

  nav.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-filter], a[data-filter-reset]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (link.hasAttribute("data-filter-reset")) {
      choose({});
      return;
    }
    const state = read();
    const { filter: name, value } = link.dataset;
    state[name] = state[name] === value ? undefined : value;
    choose(state);
  });

  const state = read();
  // Values the page does not offer are dropped from the address.
  if (query(state) !== (window.location.search || window.location.pathname)) {
    window.history.replaceState(null, "", query(state));
  }
  apply(state, NAMES.some((name) => state[name]));
}

if (nav && results && status) start();
