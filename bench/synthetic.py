"""Synthetic but realistic content for benchmarks: a whole project folder on disk.

N events across years (all-day, timed, online, hybrid, cancelled, postponed mixed),
N/4 projects, 100 cities, 20 programs, N/7 news posts, bodies of a few German
paragraphs. The same seed gives the same files. With ``mentions``, every fifth event's
text also names another city („Gäste aus Lindenhausen berichten …“), as real texts
mention places that are not the venue: what the search ranking must tell apart.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_STEMS = [
    "Linden",
    "Eichen",
    "Birken",
    "Buchen",
    "Wald",
    "Berg",
    "Tal",
    "Au",
    "Brunn",
    "Hof",
    "Feld",
    "Stein",
    "Rosen",
    "Mühl",
    "Kirch",
    "Neu",
    "Alt",
    "Ober",
    "Unter",
    "Hohen",
]
_ENDINGS = ["dorf", "hausen", "heim", "stadt", "berg", "feld", "au", "bach", "burg", "felde"]
_STATES = [
    "Nordrhein-Westfalen",
    "Niedersachsen",
    "Bayern",
    "Hessen",
    "Sachsen",
    "Brandenburg",
    "Baden-Württemberg",
    "Thüringen",
    "Schleswig-Holstein",
    "Rheinland-Pfalz",
]
_TOPICS = [
    "Quartierswerkstatt",
    "Stadtteilspaziergang",
    "Netzwerktreffen",
    "Praxiswerkstatt",
    "Fachtag",
    "Bürgerforum",
    "Zukunftskonferenz",
    "Sprechstunde",
    "Projektbörse",
    "Dorfgespräch",
]
_THEMES = [
    "Leerstand",
    "Engagement",
    "Klimaanpassung",
    "Nachbarschaft",
    "Ortskerne",
    "Jugend",
    "Wohnen",
    "Mobilität",
    "Kultur im Quartier",
    "Dorfläden",
]
_SENTENCES = [
    "Die Veranstaltung bringt Menschen aus Verwaltung, Vereinen und Nachbarschaft zusammen.",
    "Im Mittelpunkt stehen Erfahrungen aus geförderten Projekten und ihre Übertragbarkeit.",
    "Nach kurzen Impulsen arbeiten die Teilnehmenden in kleinen Gruppen weiter.",
    "Die Ergebnisse werden dokumentiert und im Netzwerk geteilt.",
    "Eingeladen sind alle, die sich für ihren Stadtteil oder ihr Dorf einsetzen wollen.",
    "Für Getränke und einen kleinen Imbiss ist gesorgt.",
    "Der Veranstaltungsort ist barrierefrei erreichbar.",
    "Die Teilnahme ist kostenlos, eine Anmeldung hilft bei der Planung.",
    "Gemeinsam wird besprochen, welche Schritte als Nächstes anstehen.",
    "Das Projekt zeigt, wie leerstehende Gebäude wieder zu Treffpunkten werden.",
]


def _body(rng: random.Random, paragraphs: int = 3) -> str:
    return "\n\n".join(" ".join(rng.sample(_SENTENCES, 4)) for _ in range(paragraphs)) + "\n"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def city_names(count: int = 100) -> list[str]:
    names = [f"{stem}{ending}" for ending in _ENDINGS for stem in _STEMS]
    return names[:count]


def write_content(root: Path, events: int, posts: int | None = None, seed: int = 1, mentions: bool = False) -> None:
    """Write ``content/`` (news in ``content/news/``) for ``events`` events into ``root``."""
    rng = random.Random(seed)
    content = root / "content"
    for sub in ("events", "projects", "programs"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    cities = city_names()
    (content / "cities.yml").write_text(
        "".join(
            (
                f"- name: {name}\n  state: {_STATES[i % len(_STATES)]}\n"
                f"  lat: {47.5 + (i % 40) * 0.2:.4f}\n  lon: {6.5 + (i // 4) * 0.3:.4f}\n"
            )
            for i, name in enumerate(cities)
        ),
        encoding="utf-8",
    )
    programs = [f"programm-{i:02d}" for i in range(20)]
    for i, slug in enumerate(programs):
        (content / "programs" / f"{slug}.md").write_text(
            (
                f"---\ntitle: {_q(f'Programm {_THEMES[i % 10]} {i}')}\n"
                f"region: Nordrhein-Westfalen\nsummary: Ein Förderprogramm.\n---\n{_body(rng, 2)}"
            ),
            encoding="utf-8",
        )
    projects = [f"projekt-{i:05d}" for i in range(max(1, events // 4))]
    for i, slug in enumerate(projects):
        (content / "projects" / f"{slug}.md").write_text(
            f"---\ntitle: {_q(f'{_THEMES[i % 10]} in {cities[i % 100]}')}\ncity: {cities[i % 100]}\n"
            f"programs: [{programs[i % 20]}]\nstatus: {'completed' if i % 5 == 0 else 'active'}\n"
            f"start_year: {2015 + i % 10}\n---\n{_body(rng, 2)}",
            encoding="utf-8",
        )
    first = date(2020, 1, 1)
    span = (date(2028, 12, 31) - first).days
    for i in range(events):
        day = first + timedelta(days=rng.randrange(span))
        topic, theme, city = rng.choice(_TOPICS), rng.choice(_THEMES), cities[rng.randrange(100)]
        slug = f"{day.isoformat()}-{i:05d}"
        kind = rng.random()
        lines = [f"title: {_q(f'{topic} {theme} in {city}')}"]
        if kind < 0.2:
            lines.append(f"start: {day.isoformat()}")
            lines.append(f"end: {(day + timedelta(days=rng.randrange(3))).isoformat()}")
        else:
            hour = rng.choice([9, 10, 14, 17, 18])
            lines.append(f'start: "{day.isoformat()} {hour:02d}:{rng.choice(["00", "30"])}"')
            lines.append(f'end: "{hour + 2:02d}:00"')
        if kind > 0.85:
            lines += ["format: online", "online_url: https://konferenz.example.org/raum"]
        else:
            if kind > 0.75:
                lines += ["format: hybrid", "online_url: https://konferenz.example.org/raum"]
            lines += [
                "venue:",
                f"  name: {_q(f'Bürgerhaus {city}')}",
                f"  address: {_q(f'Marktplatz {i % 40 + 1}, {10000 + i % 89999}')}",
                f"  city: {city}",
            ]
        status = rng.random()
        if status < 0.05:
            lines.append("status: cancelled")
        elif status < 0.08:
            lines.append("status: postponed")
        lines.append(f"programs: [{programs[i % 20]}]")
        if i % 3 == 0:
            lines.append(f"projects: [{projects[i % len(projects)]}]")
        lines.append(f"tags: [{theme}]")
        body = _body(rng)
        if mentions and i % 5 == 0:
            # Another city named in the text; not from rng, so the rest stays the same.
            guest = cities[(cities.index(city) + 1 + i % 7) % 100]
            body += f"\nGäste aus {guest} berichten von ihren Erfahrungen.\n"
        (content / "events" / f"{slug}.md").write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")
    write_posts(root, events // 7 if posts is None else posts, rng)


def write_posts(root: Path, count: int, rng: random.Random | None = None) -> None:
    rng = rng or random.Random(7)
    folder = root / "content" / "news"
    folder.mkdir(parents=True, exist_ok=True)
    first = date(2020, 1, 1)
    for i in range(count):
        day = first + timedelta(days=i % 2500)
        (folder / f"{day.isoformat()}-beitrag-{i:05d}.md").write_text(
            f"---\ntitle: {_q(f'Bericht {i}: {rng.choice(_THEMES)}')}\ndate: {day.isoformat()}\n"
            f"categories: [{rng.choice(['Rückblick', 'Ankündigung', 'Netzwerk'])}]\n"
            f"programs: [programm-{i % 20:02d}]\n---\n{_body(rng, 3)}",
            encoding="utf-8",
        )


def make_project(root: Path, events: int, posts: int | None = None, mentions: bool = False) -> Path:
    """A full project: the repository's mkdocs.yml, hooks, overrides and docs, synthetic
    content, and search/ as a link to the repository's (its Pagefind, installed by npm)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("hooks", "overrides", "docs"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "posts"))
    (root / "search").symlink_to(REPO / "search", target_is_directory=True)
    write_content(root, events, posts, mentions=mentions)
    return root


def make_floor(root: Path, pages: int, seed: int = 1) -> Path:
    """The MkDocs floor: ``pages`` plain Markdown pages of the same size, same theme and search, not in the nav."""
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(seed)
    docs = root / "docs" / "seiten"
    docs.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Start\n\nDie Untergrenze.\n", encoding="utf-8")
    for i in range(pages):
        (docs / f"seite-{i:05d}.md").write_text(f"# Seite {i}\n\n{_body(rng)}", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Untergrenze\nsite_url: https://quartier.example.org/\n"
        "theme:\n  name: material\n  language: de\n  font: false\n"
        "plugins:\n  - search:\n      lang: de\nnav:\n  - Start: index.md\nnot_in_nav: |\n  /seiten/\n",
        encoding="utf-8",
    )
    return root


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Synthetische Inhalte schreiben")
    parser.add_argument("target", type=Path)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=None)
    parser.add_argument("--mentions", action="store_true", help="every fifth event's text names another city")
    args = parser.parse_args()
    make_project(args.target, args.events, args.posts, args.mentions)
    print(args.target)
