"""``daten/katalog.jsonld``: the DCAT-AP.de catalog of the site's open data.

One ``dcat:Dataset`` per table (events, projects, programs), each with publisher,
contact point, update frequency, language, theme, and one ``dcat:Distribution`` per file
with its ``downloadURL``, ``mediaType``, format and licence. DCAT-AP.de 3.0 (the profile
GovData harvests) builds on DCAT-AP 3.0; the choices that decide validity:

- ``dct:license`` on every distribution, an IRI from DCAT-AP.de's licence list
  (``config.LICENSES``; convention K31), and ``dcatde:licenseAttributionByText`` where
  the licence asks to name the source;
- ``dct:publisher`` on every dataset (a DCAT-AP.de addition to DCAT-AP), a
  ``foaf:Agent`` with ``foaf:name``;
- ``dcat:contactPoint`` a ``vcard:Kind`` with ``vcard:hasEmail`` (``contact_email``) or
  else ``vcard:hasURL`` (convention K01 wants one of them);
- ``dcat:accessURL`` beside ``dcat:downloadURL`` (DCAT-AP 3.0 requires accessURL);
- vocabularies of the Publications Office for frequency, language, theme and file type,
  IANA's media types for ``dcat:mediaType``;
- ``dcatde:contributorID`` only when the site names one (``open_data_contributor``):
  GovData assigns it, and a made-up one would be wrong.

JSON-LD rather than Turtle: the engine writes it with the standard library (no RDF
library at build time), it is the same form as ``veranstaltungen.jsonld``, and the
harvesters that read DCAT (ckanext-dcat, which GovData and most Länder portals run, via
rdflib) parse JSON-LD as they parse Turtle. The context is inline, so nothing is fetched.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quartier import paths
from quartier.config import SiteConfig
from quartier.text.json_types import JsonObject

EU = "http://publications.europa.eu/resource/authority/"
FREQUENCY = EU + "frequency/DAILY"
"""The site is built again every day (the deploy workflow's daily run), and the events
table with it: the feed window moves."""
THEME = EU + "data-theme/REGI"
"""„Regionen und Städte“: urban and rural development programs and what happens in them."""
IANA = "http://www.iana.org/assignments/media-types/"

CONTEXT: dict[str, str] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class FileFormat:
    media_type: str
    """IANA media type (``text/csv``)."""

    file_type: str
    """Code in the Publications Office's file-type table (``CSV``)."""

    label: str
    """What the page and the distribution's title call it."""


CSV = FileFormat("text/csv", "CSV", "CSV")
JSON_LD = FileFormat("application/ld+json", "JSON_LD", "JSON-LD")
ICALENDAR = FileFormat("text/calendar", "ICS", "iCalendar")


@dataclass(frozen=True)
class Distribution:
    path: str
    """Site path of the file."""

    format: FileFormat
    conforms_to: str = ""
    """The standard the file follows (an IRI), where one says more than the media type."""


@dataclass(frozen=True)
class Dataset:
    key: str
    """The fragment of its IRI on the /daten/ page (``#veranstaltungen``)."""

    title: str
    description: str
    keywords: tuple[str, ...]
    distributions: tuple[Distribution, ...]


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "veranstaltungen",
        "Veranstaltungen",
        "Veranstaltungen der Programme: Titel, Beginn und Ende, Status, Format, Ort mit Adresse und Koordinaten, "
        "Programme, Veranstalter. Eine Zeile je Termin; Terminreihen mit jedem Termin im Zeitraum der Kalender-Abos.",
        ("Veranstaltungen", "Termine", "Stadtentwicklung", "Quartier"),
        (
            Distribution(paths.OPEN_DATA_EVENTS_CSV, CSV, "https://www.rfc-editor.org/rfc/rfc4180"),
            Distribution(
                paths.OPEN_DATA_EVENTS_JSONLD,
                JSON_LD,
                "https://semiceu.github.io/Core-Public-Event-Vocabulary/releases/1.1.0/",
            ),
            Distribution(paths.SITE_FEED, ICALENDAR, "https://www.rfc-editor.org/rfc/rfc5545"),
        ),
    ),
    Dataset(
        "projekte",
        "Projekte",
        "Geförderte Projekte: Titel, Stadt, Programme, Status, Laufzeit, Träger, Website, Koordinaten.",
        ("Projekte", "Förderung", "Stadtentwicklung", "Quartier"),
        (Distribution(paths.OPEN_DATA_PROJECTS_CSV, CSV, "https://www.rfc-editor.org/rfc/rfc4180"),),
    ),
    Dataset(
        "programme",
        "Programme",
        "Förderprogramme und Initiativen: Titel, Fördergeber, Region, Website.",
        ("Förderprogramme", "Förderung", "Stadtentwicklung"),
        (Distribution(paths.OPEN_DATA_PROGRAMS_CSV, CSV, "https://www.rfc-editor.org/rfc/rfc4180"),),
    ),
)
"""Declared once: the catalog, the /daten/ page and the README's table read it."""


def dataset_iri(config: SiteConfig, dataset: Dataset) -> str:
    return config.absolute_url(paths.OPEN_DATA) + "#" + dataset.key


def distribution_iri(config: SiteConfig, distribution: Distribution) -> str:
    name = distribution.path.rsplit("/", 1)[-1].replace(".", "-")
    return config.absolute_url(paths.OPEN_DATA) + "#datei-" + name


def _german(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "de"}


def _iri(value: str) -> dict[str, str]:
    return {"@id": value}


def catalog_jsonld(config: SiteConfig, sizes: Mapping[str, int]) -> bytes:
    """The catalog; ``sizes`` are the files' lengths in bytes (``dcat:byteSize``)."""
    publisher: JsonObject = {"@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": _german(config.publisher)}
    contact: JsonObject = {"@type": ["vcard:Kind", "vcard:Organization"], "vcard:fn": config.publisher}
    if config.contact_email:
        contact["vcard:hasEmail"] = _iri("mailto:" + config.contact_email)
    else:
        contact["vcard:hasURL"] = _iri(config.absolute_url(""))
    datasets = [_dataset(config, dataset, publisher, contact, sizes) for dataset in DATASETS]
    catalog = {
        "@context": CONTEXT,
        "@id": config.absolute_url(paths.OPEN_DATA_CATALOG),
        "@type": "dcat:Catalog",
        "dct:title": _german(f"Offene Daten: {config.site_name}"),
        "dct:description": _german(
            "Veranstaltungen, Projekte und Programme der Website als Tabellen (CSV), verknüpfte Daten (JSON-LD) "
            "und Kalender (iCalendar)."
        ),
        "dct:publisher": publisher,
        "dct:language": _iri(EU + "language/DEU"),
        "foaf:homepage": _iri(config.absolute_url("")),
        "dcat:dataset": datasets,
    }
    return (json.dumps(catalog, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def attribution(config: SiteConfig, dataset: Dataset) -> str:
    """How a user names the source, as the licence asks: who, what, where."""
    return f"{config.publisher}: {dataset.title} ({config.absolute_url(paths.OPEN_DATA)})"


def _dataset(
    config: SiteConfig,
    dataset: Dataset,
    publisher: JsonObject,
    contact: JsonObject,
    sizes: Mapping[str, int],
) -> JsonObject:
    iri = dataset_iri(config, dataset)
    node: JsonObject = {
        "@id": iri,
        "@type": "dcat:Dataset",
        "dct:identifier": iri,
        "dct:title": _german(dataset.title),
        "dct:description": _german(dataset.description),
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "dct:accrualPeriodicity": _iri(FREQUENCY),
        "dct:language": _iri(EU + "language/DEU"),
        "dcat:theme": _iri(THEME),
        "dcat:keyword": [_german(word) for word in dataset.keywords],
        "dcat:landingPage": _iri(config.absolute_url(paths.OPEN_DATA)),
    }
    if config.open_data_contributor:
        node["dcatde:contributorID"] = _iri(config.open_data_contributor)
    node["dcat:distribution"] = [_distribution(config, dataset, d, sizes) for d in dataset.distributions]
    return node


def _distribution(
    config: SiteConfig, dataset: Dataset, distribution: Distribution, sizes: Mapping[str, int]
) -> JsonObject:
    url = config.absolute_url(distribution.path)
    license_ = config.license
    node: JsonObject = {
        "@id": distribution_iri(config, distribution),
        "@type": "dcat:Distribution",
        "dct:title": _german(f"{dataset.title} ({distribution.format.label})"),
        "dcat:accessURL": _iri(url),
        "dcat:downloadURL": _iri(url),
        "dcat:mediaType": _iri(IANA + distribution.format.media_type),
        "dct:format": _iri(EU + "file-type/" + distribution.format.file_type),
        "dct:license": _iri(license_.dcat),
    }
    if license_.attribution:
        node["dcatde:licenseAttributionByText"] = _german(attribution(config, dataset))
    if distribution.conforms_to:
        node["dct:conformsTo"] = _iri(distribution.conforms_to)
    if distribution.path in sizes:
        node["dcat:byteSize"] = {"@value": str(sizes[distribution.path]), "@type": "xsd:nonNegativeInteger"}
    return node


def distributions() -> Sequence[Distribution]:
    return [d for dataset in DATASETS for d in dataset.distributions]


__all__ = [
    "CONTEXT",
    "CSV",
    "DATASETS",
    "Dataset",
    "Distribution",
    "ICALENDAR",
    "JSON_LD",
    "attribution",
    "catalog_jsonld",
    "dataset_iri",
    "distribution_iri",
    "distributions",
]
