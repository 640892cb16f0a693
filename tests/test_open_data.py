"""The open data in /daten/, read the way its consumers read it.

The CSV files with Python's ``csv`` (as a spreadsheet or pandas would get them), the
JSON-LD with pyld and rdflib to triples (nothing fetched: pyld's document loader refuses
every request), the DCAT-AP.de catalog with pySHACL against the shapes in tests/shapes/,
and the page /daten/ with an HTML parser. The expectations come from the content files'
front matter and the example site's known facts, not from the engine's own tables.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from datetime import date
from enum import Enum
from pathlib import Path

import pyshacl
import pytest
import rdflib
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, VENUE, ContentFolder
from pyld import jsonld
from rdflib import RDF, Literal, Namespace, URIRef
from test_history import git

from quartier import paths
from quartier.config import LICENSES, load_config
from quartier.content.schema import EventFormatChoices, EventStatusChoices
from quartier.site.build import build

# rdflib's JSON-LD and N-Quads parsers use their own deprecated names internally.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

TODAY = date(2026, 12, 4)
SHAPES = Path(__file__).parent / "shapes"
SCHEMA = Namespace("http://schema.org/")
CV = Namespace("http://data.europa.eu/m8g/")
DCT = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
TIME = Namespace("http://www.w3.org/2006/time#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
EVENT_HEADER = [
    "titel",
    "beginn",
    "ende",
    "ganztaegig",
    "status",
    "vorheriger_beginn",
    "format",
    "ort",
    "adresse",
    "stadt",
    "breitengrad",
    "laengengrad",
    "programme",
    "veranstalter",
    "url",
    "uid",
]


def _no_network(url: str, options: dict | None = None) -> dict:
    raise AssertionError(f"pyld wanted to fetch {url}: the context must be inline")


jsonld.set_document_loader(_no_network)


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> dict[str, bytes]:
    """The example site's files, built without its Git history (as the golden test does)."""
    project = tmp_path_factory.mktemp("beispiel")
    for name in ("content", "docs"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    result = build(load_config(project), TODAY)
    assert result.output is not None, result.problems
    files = dict(result.output.files)
    files["daten/index.html"] = next(p.html for p in result.output.pages if p.url_path == paths.OPEN_DATA).encode()
    return files


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark"
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")  # RFC 4180 line ends
    return list(csv.DictReader(io.StringIO(text, newline="")))


def front_matters() -> dict[str, dict]:
    result = {}
    for path in sorted((REPO / "content" / "events").glob("*.md")):
        result[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return result


# -- CSV --------------------------------------------------------------------------------------


def _code(values: type[Enum], written: str) -> str:
    """The model's code of a value as a file writes it (the German word or the code)."""
    [code] = [member.value.code for member in values if written in member.value.accepted]
    return code


def test_the_events_table_has_one_row_per_date(example):
    rows = read_csv(example[paths.OPEN_DATA_EVENTS_CSV])
    assert list(rows[0]) == EVENT_HEADER
    events = front_matters()
    singles = {slug for slug, fm in events.items() if "repeat" not in fm}
    by_uid: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_uid.setdefault(row["uid"], []).append(row)
    assert {uid.split("@")[0] for uid in by_uid} == set(events)
    for slug in singles:
        assert len(by_uid[f"{slug}@quartier.example.org"]) == 1, slug
    # The consultation hour is a series (first Tuesday of the month): each date in the feed
    # window, 2026-06-07 … 2027-12-03, is a row with its own anchor.
    series = by_uid["2027-01-05-sprechstunde-initiative-ergreifen@quartier.example.org"]
    assert len(series) > 1 and len({row["url"] for row in series}) == len(series)
    assert all(row["url"].split("#")[1].startswith("termin-") for row in series)
    assert min(row["beginn"] for row in series) >= "2026-06-07" and max(row["beginn"] for row in series) < "2027-12-04"
    starts = [row["beginn"][:10] for row in rows]
    assert starts == sorted(starts)

    ko = by_uid["2022-09-14-ko-kreative-transformation@quartier.example.org"][0]
    assert ko == {
        "titel": "Ko-kreative Transformation von Innenstädten, Wohnquartieren und ländlichen Räumen",
        "beginn": "2022-09-14T10:00:00+02:00",
        "ende": "2022-09-14T12:00:00+02:00",
        "ganztaegig": "false",
        "status": "scheduled",
        "vorheriger_beginn": "",
        "format": "in-person",
        "ort": "STATION Berlin",
        "adresse": "Luckenwalder Straße 4–6, 10963",
        "stadt": "Berlin",
        "breitengrad": "52.4986",
        "laengengrad": "13.377",
        "programme": "Gemeinsam für das Quartier",
        "veranstalter": "Deutscher Verband für Wohnungswesen, Städtebau und Raumordnung (DV)",
        "url": "https://quartier.example.org/veranstaltungen/2022-09-14-ko-kreative-transformation/",
        "uid": "2022-09-14-ko-kreative-transformation@quartier.example.org",
    }
    first = by_uid["2020-01-28-next-generation-stadtmacher@quartier.example.org"][0]
    assert (first["beginn"], first["ende"], first["ganztaegig"]) == ("2020-01-28", "2020-01-28", "true")
    for slug, fm in events.items():
        # The files may write the German word or the code; the table has the code.
        status = _code(EventStatusChoices, fm.get("status", "scheduled"))
        for row in by_uid[f"{slug}@quartier.example.org"]:
            assert row["status"] in ("scheduled", "cancelled", "postponed", "rescheduled")
            if "repeat" not in fm:
                assert row["status"] == status, slug
            elif row["status"] == "cancelled" and status != "cancelled":
                assert date.fromisoformat(row["beginn"][:10]) in fm["repeat"].get("except", []), slug
            assert row["format"] == _code(EventFormatChoices, fm.get("format", "in-person"))
            assert row["titel"] == fm["title"]


def test_projects_and_programs_tables(example):
    projects = read_csv(example[paths.OPEN_DATA_PROJECTS_CSV])
    programs = read_csv(example[paths.OPEN_DATA_PROGRAMS_CSV])
    assert len(projects) == len(list((REPO / "content" / "projects").glob("*.md")))
    assert len(programs) == len(list((REPO / "content" / "programs").glob("*.md")))
    assert list(projects[0]) == [
        "titel",
        "stadt",
        "programme",
        "status",
        "beginn_jahr",
        "ende_jahr",
        "traeger",
        "website",
        "breitengrad",
        "laengengrad",
        "zusammenfassung",
        "url",
    ]
    assert list(programs[0]) == ["titel", "foerdergeber", "region", "website", "zusammenfassung", "url"]
    titles = {row["titel"] for row in programs}
    for row in projects:
        assert row["status"] in ("active", "completed")
        assert all(title in titles for title in row["programme"].split(" | ") if title)
        assert row["url"].startswith("https://quartier.example.org/projekte/")


def test_a_text_that_looks_like_a_formula_is_not_one(folder: ContentFolder):
    folder.event("formel", 'title: "=HYPERLINK(\\"https://example.org\\")"\nstart: 2027-05-06\n' + VENUE)
    folder.event("plus", 'title: "+49 Nachbarschaft"\nstart: 2027-05-07\n' + VENUE)
    result = build(folder.config(), TODAY)
    assert result.output is not None, result.problems
    rows = {row["uid"].split("@")[0]: row for row in read_csv(result.output.files[paths.OPEN_DATA_EVENTS_CSV])}
    assert rows["formel"]["titel"] == '\'=HYPERLINK("https://example.org")'
    assert rows["plus"]["titel"] == "'+49 Nachbarschaft"
    graph = rdflib.Graph().parse(data=result.output.files[paths.OPEN_DATA_EVENTS_JSONLD], format="json-ld")
    assert Literal('=HYPERLINK("https://example.org")') in set(graph.objects(None, SCHEMA.name))


def test_same_content_and_day_give_the_same_bytes(example, tmp_path):
    project = tmp_path / "beispiel"
    for name in ("content", "docs"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    again = build(load_config(project), TODAY).output
    for path in (
        paths.OPEN_DATA_EVENTS_CSV,
        paths.OPEN_DATA_EVENTS_JSONLD,
        paths.OPEN_DATA_PROJECTS_CSV,
        paths.OPEN_DATA_PROGRAMS_CSV,
        paths.OPEN_DATA_CATALOG,
    ):
        assert again.files[path] == example[path], path


# -- JSON-LD: schema.org and CPEV --------------------------------------------------------------


def test_the_events_json_ld_expands_to_the_same_dates_as_triples(example):
    document = json.loads(example[paths.OPEN_DATA_EVENTS_JSONLD])
    quads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    graph = rdflib.Graph().parse(data=quads, format="nquads")
    other = rdflib.Graph().parse(data=example[paths.OPEN_DATA_EVENTS_JSONLD], format="json-ld")
    assert len(graph) == len(other) > 0  # pyld and rdflib read the same triples

    rows = read_csv(example[paths.OPEN_DATA_EVENTS_CSV])
    events = set(graph.subjects(RDF.type, SCHEMA.Event))
    assert events == set(graph.subjects(RDF.type, CV.PublicEvent))
    assert len(events) == len(rows)
    urls = {str(graph.value(event, SCHEMA.url)) for event in events}
    assert urls == {row["url"] for row in rows}

    ko = URIRef("https://quartier.example.org/veranstaltungen/2022-09-14-ko-kreative-transformation/#veranstaltung")
    assert graph.value(ko, SCHEMA.startDate) == Literal("2022-09-14T10:00:00+02:00")
    assert graph.value(ko, SCHEMA.eventStatus) == SCHEMA.EventScheduled
    assert graph.value(ko, SCHEMA.eventAttendanceMode) == SCHEMA.OfflineEventAttendanceMode
    title = graph.value(ko, DCT.title)
    assert title.language == "de" and str(title).startswith("Ko-kreative Transformation")
    assert graph.value(ko, DCT.language) == URIRef("http://publications.europa.eu/resource/authority/language/DEU")
    assert graph.value(ko, URIRef("http://xmlns.com/foaf/0.1/homepage")) == URIRef(
        "https://quartier.example.org/veranstaltungen/2022-09-14-ko-kreative-transformation/"
    )
    address = graph.value(ko, LOCN.address)
    assert str(graph.value(address, LOCN.postCode)) == "10963"
    assert str(graph.value(address, LOCN.thoroughfare)) == "Luckenwalder Straße 4–6"
    assert str(graph.value(address, LOCN.postName)) == "Berlin"
    interval = graph.value(ko, TIME.hasTime)
    begin = graph.value(graph.value(interval, TIME.hasBeginning), TIME.inXSDDateTimeStamp)
    assert begin.datatype == XSD.dateTimeStamp and str(begin) == "2022-09-14T10:00:00+02:00"
    end = graph.value(graph.value(interval, TIME.hasEnd), TIME.inXSDDateTimeStamp)
    assert str(end) == "2022-09-14T12:00:00+02:00"
    # All day: OWL-Time dates, not timestamps.
    first = URIRef("https://quartier.example.org/veranstaltungen/2020-01-28-next-generation-stadtmacher/#veranstaltung")
    day = graph.value(graph.value(graph.value(first, TIME.hasTime), TIME.hasBeginning), TIME.inXSDDate)
    assert day.datatype == XSD.date and str(day) == "2020-01-28"


def test_a_moved_date_of_a_series_is_rescheduled_in_every_form(tmp_path):
    """The recurring fixture's regulars' table moved 6 April 2027 to the 7th (``repeat.moved``)."""
    root = tmp_path / "reihen"
    shutil.copytree(Path(__file__).parent / "fixtures" / "recurring_site", root)
    config = replace(load_config(root), site_url="https://quartier.example.org/")
    files = build(config, date(2027, 2, 15)).output.files
    rows = [r for r in read_csv(files[paths.OPEN_DATA_EVENTS_CSV]) if r["uid"].startswith("2027-01-05-stammtisch@")]
    moved = [r for r in rows if r["status"] == "rescheduled"]
    assert [(r["beginn"], r["vorheriger_beginn"]) for r in moved] == [
        ("2027-04-07T18:00:00+02:00", "2027-04-06T18:00:00+02:00")
    ]
    assert [r["beginn"][:10] for r in rows if r["status"] == "cancelled"] == ["2027-08-03"]
    graph = rdflib.Graph().parse(data=files[paths.OPEN_DATA_EVENTS_JSONLD], format="json-ld")
    node = URIRef("https://quartier.example.org/veranstaltungen/2027-01-05-stammtisch/#termin-2027-04-06")
    assert graph.value(node, SCHEMA.eventStatus) == SCHEMA.EventRescheduled
    assert graph.value(node, SCHEMA.previousStartDate) == Literal("2027-04-06T18:00:00+02:00")


def test_an_event_moved_in_git_is_rescheduled_in_the_table_and_the_json_ld(folder: ContentFolder):
    folder.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-06 10:00"\nend: "12:00"\n' + VENUE)
    git(folder.root, "init", "-q", "-b", "main")
    git(folder.root, "add", "-A")
    git(folder.root, "commit", "-q", "-m", "Erste Fassung")
    folder.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-11 18:00"\nend: "20:00"\n' + VENUE)
    git(folder.root, "commit", "-q", "-am", "verschoben", when="2027-01-05T09:30:00+00:00")
    files = build(folder.config(), TODAY).output.files
    [row] = read_csv(files[paths.OPEN_DATA_EVENTS_CSV])
    assert (row["status"], row["beginn"], row["vorheriger_beginn"]) == (
        "rescheduled",
        "2027-05-11T18:00:00+02:00",
        "2027-05-06T10:00:00+02:00",
    )
    graph = rdflib.Graph().parse(data=files[paths.OPEN_DATA_EVENTS_JSONLD], format="json-ld")
    [event] = graph.subjects(RDF.type, CV.PublicEvent)
    assert graph.value(event, SCHEMA.eventStatus) == SCHEMA.EventRescheduled
    assert graph.value(event, SCHEMA.previousStartDate) == Literal("2027-05-06T10:00:00+02:00")


# -- the DCAT-AP.de catalog ----------------------------------------------------------------------


def shapes_graph() -> rdflib.Graph:
    shapes = rdflib.Graph()
    for path in sorted((SHAPES / "dcat-ap-de-3.0").glob("*.ttl")) + [SHAPES / "quartier-vocabularies.ttl"]:
        shapes.parse(path, format="turtle")
    return shapes


def shacl(data: rdflib.Graph) -> tuple[bool, str]:
    conforms, _report, text = pyshacl.validate(data, shacl_graph=shapes_graph(), allow_warnings=True)
    return conforms, text


def test_the_catalog_describes_every_file_and_passes_the_dcat_ap_de_shapes(example):
    graph = rdflib.Graph().parse(data=example[paths.OPEN_DATA_CATALOG], format="json-ld")
    conforms, report = shacl(graph)
    assert conforms, report
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert {str(d).rsplit("#", 1)[1] for d in datasets} == {"veranstaltungen", "projekte", "programme"}
    downloads = {}
    for dataset in datasets:
        assert graph.value(dataset, DCT.title).language == "de"
        assert graph.value(dataset, DCT.accrualPeriodicity) == URIRef(
            "http://publications.europa.eu/resource/authority/frequency/DAILY"
        )
        contact = graph.value(dataset, DCAT.contactPoint)
        assert graph.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail")) == URIRef(
            "mailto:kontakt@quartier.example.org"
        )
        publisher = graph.value(dataset, DCT.publisher)
        assert str(graph.value(publisher, URIRef("http://xmlns.com/foaf/0.1/name"))) == (
            "Quartier – Programme für Stadt und Dorf"
        )
        for distribution in graph.objects(dataset, DCAT.distribution):
            url = str(graph.value(distribution, DCAT.downloadURL))
            downloads[url] = (
                str(graph.value(distribution, DCAT.mediaType)).rsplit("media-types/", 1)[1],
                graph.value(distribution, DCT.license),
                int(graph.value(distribution, DCAT.byteSize)),
            )
    license_ = URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
    site = "https://quartier.example.org/"
    assert downloads == {
        site + paths.OPEN_DATA_EVENTS_CSV: ("text/csv", license_, len(example[paths.OPEN_DATA_EVENTS_CSV])),
        site + paths.OPEN_DATA_EVENTS_JSONLD: (
            "application/ld+json",
            license_,
            len(example[paths.OPEN_DATA_EVENTS_JSONLD]),
        ),
        site + paths.SITE_FEED: ("text/calendar", license_, len(example[paths.SITE_FEED])),
        site + paths.OPEN_DATA_PROJECTS_CSV: ("text/csv", license_, len(example[paths.OPEN_DATA_PROJECTS_CSV])),
        site + paths.OPEN_DATA_PROGRAMS_CSV: ("text/csv", license_, len(example[paths.OPEN_DATA_PROGRAMS_CSV])),
    }
    attribution = set(graph.objects(None, DCATDE.licenseAttributionByText))
    assert {str(a) for a in attribution} == {
        f"Quartier – Programme für Stadt und Dorf: {title} (https://quartier.example.org/daten/)"
        for title in ("Veranstaltungen", "Projekte", "Programme")
    }


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda g: g.remove((None, DCT.license, None)), "MUSS eine dcterms:license haben"),
        (lambda g: g.remove((None, DCT.publisher, None)), "dcterms:publisher"),
        (lambda g: g.remove((None, DCAT.accessURL, None)), "dcat:accessURL"),
        (
            lambda g: g.set((next(g.subjects(RDF.type, DCAT.Distribution)), DCT.license, URIRef("https://x.org/l"))),
            "K31",
        ),
    ],
)
def test_the_shapes_refuse_a_broken_catalog(example, break_it, message):
    graph = rdflib.Graph().parse(data=example[paths.OPEN_DATA_CATALOG], format="json-ld")
    break_it(graph)
    conforms, report = shacl(graph)
    assert not conforms and message in report


@pytest.mark.parametrize("name", sorted(LICENSES))
def test_every_licence_and_a_contributor_id_pass_the_shapes(folder: ContentFolder, name):
    folder.event("werkstatt", 'title: Werkstatt\nstart: "2027-05-06 10:00"\n' + VENUE)
    config = folder.config(
        open_data_license=name,
        open_data_publisher="Programmbüro Quartier",
        open_data_contributor="http://dcat-ap.de/def/contributors/bmwsb",
    )
    files = build(config, TODAY).output.files
    graph = rdflib.Graph().parse(data=files[paths.OPEN_DATA_CATALOG], format="json-ld")
    conforms, report = shacl(graph)
    assert conforms, report
    assert set(graph.objects(None, DCT.license)) == {URIRef(LICENSES[name].dcat)}
    assert bool(set(graph.objects(None, DCATDE.licenseAttributionByText))) == LICENSES[name].attribution
    assert set(graph.objects(None, DCATDE.contributorID)) == {URIRef("http://dcat-ap.de/def/contributors/bmwsb")}
    # Without an e-mail address the contact point is the site (K01: e-mail or URL).
    contact = next(graph.objects(None, DCAT.contactPoint))
    assert graph.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasURL")) == URIRef(
        "https://quartier.example.org/"
    )


# -- the page ----------------------------------------------------------------------------------


def test_the_page_links_every_file_and_names_the_licence_and_the_columns(example):
    page = BeautifulSoup(example["daten/index.html"], "html.parser")
    links = {a["href"] for a in page.select("table a[href]")}
    assert links == {
        paths.relative(paths.OPEN_DATA, path)
        for path in (
            paths.OPEN_DATA_EVENTS_CSV,
            paths.OPEN_DATA_EVENTS_JSONLD,
            paths.SITE_FEED,
            paths.OPEN_DATA_PROJECTS_CSV,
            paths.OPEN_DATA_PROGRAMS_CSV,
            paths.OPEN_DATA_CATALOG,
        )
    }
    licence = page.select_one('a[rel~="license"]')
    assert licence.get_text() == "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    assert licence["href"] == "https://www.govdata.de/dl-de/by-2-0"
    events = page.find(id="veranstaltungen").find_next("table")
    assert [code.get_text() for code in events.select("tbody code")] == EVENT_HEADER
    assert page.find("h1").get_text() == "Offene Daten"


def test_the_footer_links_the_open_data_page():
    footer = BeautifulSoup((REPO / "overrides" / "partials" / "footer.html").read_text(encoding="utf-8"), "html.parser")
    assert any(a.get_text() == "Offene Daten" and "daten/" in a["href"] for a in footer.select("a"))
