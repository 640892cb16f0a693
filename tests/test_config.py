"""Site settings: every option under extra.quartier is declared; anything else stops the build.

A misspelt or mistyped option used to be ignored (the default applied without a word)
or crashed deep in the build; a bad QUARTIER_TODAY ended the program with SystemExit.
Both front ends now stop with a German message: the command with exit code 2, MkDocs
with a PluginError.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import get_origin, get_type_hints

import pytest
from conftest import FIXTURES, REPO
from test_site_build import copy_project, mkdocs_build

from quartier.config import OPTIONS, ConfigError, SiteConfig, config_from_mapping, load_config, today_from_environment
from quartier.frontends.cli import main
from quartier.problems import Severity


def options(**values) -> SiteConfig:
    return config_from_mapping(Path("."), {"site_url": "https://quartier.example.org/", "extra": {"quartier": values}})


def refusal(**values) -> str:
    with pytest.raises(ConfigError) as caught:
        options(**values)
    return str(caught.value)


# -- declared once -------------------------------------------------------------------


def test_every_option_has_a_type_a_default_and_a_german_description():
    for name, option in OPTIONS.items():
        assert option.name == name
        assert option.kind.name in (
            "int",
            "str",
            "timezone",
            "folder",
            "bool",
            "endings",
            "email",
            "label",
            "repo",
            "https",
            "name",
            "contributor",
            "app_id",
            "tiles",
            "text",
        )
        assert option.description, name
        assert "z. B." in option.expected or " oder " in option.expected, name
        # the declared default passes the declared type
        assert options(**{name: option.default})


def test_site_config_defaults_are_the_declared_ones():
    config = SiteConfig(root=Path("."))
    for name, option in OPTIONS.items():
        assert getattr(config, name) == option.default, name
    assert options() == replace(config, site_url="https://quartier.example.org/")


def test_every_option_is_a_typed_attribute_and_nothing_reads_a_dict_of_options():
    """One declaration: each option is an attribute of SiteConfig with its type; no code
    reads options out of a mapping with a default of its own (``extra.get("x") or …``)."""
    hints = get_type_hints(SiteConfig)
    for name, option in OPTIONS.items():
        expected = get_origin(hints[name]) or hints[name]
        assert isinstance(option.default, expected), name
        assert isinstance(getattr(options(**{name: option.default}), name), expected), name
    assert "extra" not in {item.name for item in fields(SiteConfig)}
    reads = []
    for path in [*(REPO / "src").rglob("*.py"), *(REPO / "hooks").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        reads += [f"{path.name}: {m}" for m in re.findall(r"""config\(?\)?\.extra(?:\.get\(|\[)\s*["'](\w+)""", text)]
    assert reads == []


def test_a_valid_configuration_is_taken_as_written():
    config = options(
        timezone="Europe/Vienna",
        feed_past_days=30,
        feed_max_bytes=500_000,
        max_file_bytes=1000,
        removed_html="warning",
        download_types=["pdf", ".ODT"],
        memoize_nav=False,
        content_dir="inhalt",
        contact_email="redaktion@example.org",
    )
    assert (config.timezone, config.feed_past_days, config.feed_max_bytes, config.max_file_bytes) == (
        "Europe/Vienna",
        30,
        500_000,
        1000,
    )
    assert (
        config.removed_html == "warning"
        and config.download_types == ("pdf", ".ODT")
        and config.download_suffixes == (".pdf", ".odt")
    )
    assert config.memoize_nav is False and config.content_dir == "inhalt"
    assert config.contact_email == "redaktion@example.org"
    assert config.removed_html is Severity.WARNING
    assert config.contact_email == "redaktion@example.org"


def test_the_open_data_options():
    config = options(
        open_data_license="cc-by/4.0",
        open_data_publisher="Programmbüro Quartier",
        open_data_contributor="http://dcat-ap.de/def/contributors/bmwsb",
    )
    assert (
        config.license.dcat == "http://dcat-ap.de/def/licenses/cc-by/4.0"
        and config.publisher == "Programmbüro Quartier"
    )
    assert config.open_data_contributor == "http://dcat-ap.de/def/contributors/bmwsb"
    assert options().license.dcat == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    assert options().publisher == "Quartier"  # the site's name
    assert "dl-de/by-2-0 oder dl-de/zero-2-0 oder cc-by/4.0 oder cc-zero" in refusal(open_data_license="CC-BY")
    assert "contributors" in refusal(open_data_contributor="https://example.org/wir")
    assert "open_data_publisher" in refusal(open_data_publisher="Zeile\nund noch eine")


def test_an_empty_value_means_the_default():
    # `feed_past_days:` without a value, or `!ENV` (resolved only by MkDocs), read as None
    assert options(feed_past_days=None).feed_past_days == 180


def test_the_repository_configuration_is_valid():
    assert load_config(REPO).timezone == "Europe/Berlin"


# -- refused -------------------------------------------------------------------------


def test_unknown_key_is_refused_with_a_suggestion():
    message = refusal(feed_past_day=30)
    assert message.startswith("extra.quartier.feed_past_day gibt es nicht (meinten Sie „feed_past_days“?)")
    assert "feed_max_bytes" in message  # the options that exist are listed


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        (
            "feed_max_bytes",
            "1MB",
            "extra.quartier.feed_max_bytes muss eine ganze Zahl ab 1 (z. B. 1000000) sein, nicht „1MB“",
        ),
        (
            "feed_max_bytes",
            1.5,
            "extra.quartier.feed_max_bytes muss eine ganze Zahl ab 1 (z. B. 1000000) sein, nicht 1.5",
        ),
        (
            "feed_past_days",
            True,
            "extra.quartier.feed_past_days muss eine ganze Zahl von 0 bis 100000 (z. B. 180) sein, nicht true",
        ),
        (
            "feed_past_days",
            -1,
            "extra.quartier.feed_past_days muss eine ganze Zahl von 0 bis 100000 (z. B. 180) sein, nicht -1",
        ),
        (
            "max_file_bytes",
            "200 KB",
            "extra.quartier.max_file_bytes muss eine ganze Zahl ab 1 (z. B. 200000) sein, nicht „200 KB“",
        ),
        ("memoize_nav", "no", "extra.quartier.memoize_nav muss true oder false sein, nicht „no“"),
        (
            "download_types",
            "pdf",
            "extra.quartier.download_types muss eine Liste von Dateiendungen (z. B. [pdf, odt]) sein, nicht „pdf“",
        ),
        (
            "download_types",
            ["pdf", 3],
            "extra.quartier.download_types muss eine Liste von Dateiendungen (z. B. [pdf, odt]) sein, nicht [pdf, 3]",
        ),
        (
            "download_types",
            ["../pdf"],
            "extra.quartier.download_types muss eine Liste von Dateiendungen (z. B. [pdf, odt]) sein, nicht [../pdf]",
        ),
        ("removed_html", "warn", "extra.quartier.removed_html muss error oder warning sein, nicht „warn“"),
        ("timezone", 1, "extra.quartier.timezone muss ein Text (z. B. Europe/Berlin) sein, nicht 1"),
        (
            "contact_email",
            "Redaktion Quartier",
            (
                "extra.quartier.contact_email muss eine E-Mail-Adresse "
                "(z. B. redaktion@example.org) sein, nicht „Redaktion Quartier“"
            ),
        ),
        (
            "contact_email",
            "mailto:redaktion@example.org",
            (
                "extra.quartier.contact_email muss eine E-Mail-Adresse (z. B. "
                "redaktion@example.org) sein, nicht „mailto:redaktion@example.org“"
            ),
        ),
        (
            "content_dir",
            "../anderswo",
            "extra.quartier.content_dir muss ein Ordner im Projekt sein (z. B. content), nicht „../anderswo“",
        ),
    ],
)
def test_wrong_type_names_the_key_and_the_expected_type(key: str, value, expected: str):
    assert refusal(**{key: value}) == expected


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (
            "Europe/Berln",
            (
                "extra.quartier.timezone: Zeitzone „Europe/Berln“ gibt es nicht (meinten "
                "Sie „Europe/Berlin“?) (Erwartet: ein IANA-Name wie Europe/Berlin)"
            ),
        ),
        (
            "Mitteleuropa",
            (
                "extra.quartier.timezone: Zeitzone „Mitteleuropa“ gibt "
                "es nicht (Erwartet: ein IANA-Name wie Europe/Berlin)"
            ),
        ),
        # real tz database entries, but no place's rules (the same rule as an event's timezone)
        (
            "EST5EDT",
            "extra.quartier.timezone: Zeitzone „EST5EDT“ gibt es nicht (Erwartet: ein IANA-Name wie Europe/Berlin)",
        ),
    ],
)
def test_timezone_must_be_a_real_iana_zone(zone: str, expected: str):
    assert refusal(timezone=zone) == expected


def test_every_problem_is_named_at_once():
    assert refusal(feed_past_day=1, memoize_nav="ja").splitlines() == [
        refusal(feed_past_day=1),
        refusal(memoize_nav="ja"),
    ]


def test_raw_html_is_refused_with_its_message():
    assert refusal(raw_html=True) == (
        "extra.quartier.raw_html gibt es nicht mehr: HTML aus Inhalten wird immer bereinigt "
        "(siehe README, „What the validator guarantees“); Option entfernen"
    )


def test_docs_dir_belongs_to_mkdocs():
    assert "docs_dir steht in mkdocs.yml ganz oben" in refusal(docs_dir="seiten")
    assert config_from_mapping(Path("."), {"docs_dir": "seiten"}).docs_dir == "seiten"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("site_name", 12, "site_name muss ein Text sein (z. B. Quartier), nicht 12"),
        ("docs_dir", ["seiten"], "docs_dir muss ein Ordner im Projekt sein (z. B. docs), nicht [seiten]"),
    ],
)
def test_top_level_settings_of_the_wrong_type_are_refused(key, value, expected):
    with pytest.raises(ConfigError) as caught:
        config_from_mapping(Path("."), {key: value})
    assert str(caught.value) == expected


def test_extra_quartier_must_be_a_mapping():
    with pytest.raises(ConfigError, match="extra.quartier muss eine Zuordnung sein"):
        config_from_mapping(Path("."), {"extra": {"quartier": ["timezone"]}})


# -- QUARTIER_TODAY ------------------------------------------------------------------


def test_today_from_the_environment():
    assert today_from_environment({"QUARTIER_TODAY": " 2026-11-21 "}) == date(2026, 11, 21)
    assert today_from_environment({}) == date.today()
    assert today_from_environment({"QUARTIER_TODAY": ""}) == date.today()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("morgen", "QUARTIER_TODAY=„morgen“ ist kein Datum"),
        ("2026-02-30", "QUARTIER_TODAY=„2026-02-30“ ist kein Datum"),
        ("21.11.2026", "QUARTIER_TODAY=„21.11.2026“ ist kein Datum"),
        ("20261121", "QUARTIER_TODAY=„20261121“ ist kein Datum"),  # Python would read it; YYYY-MM-DD is documented
        ("0001-01-01", "QUARTIER_TODAY=„0001-01-01“ liegt nicht zwischen 1900 und 2200"),
    ],
)
def test_bad_today_is_a_config_error(value: str, message: str):
    with pytest.raises(ConfigError) as caught:
        today_from_environment({"QUARTIER_TODAY": value})
    assert str(caught.value).startswith(message)
    assert "(Erwartet: JJJJ-MM-TT zwischen 1900 und 2200, z. B. 2026-11-21)" in str(caught.value)


# -- the command ---------------------------------------------------------------------


def run_quartier(*args: str, today: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "QUARTIER_TODAY"}
    if today is not None:
        env["QUARTIER_TODAY"] = today
    return subprocess.run([sys.executable, "-m", "quartier", *args], capture_output=True, text=True, env=env, cwd=REPO)


def test_command_with_bad_today_stops_with_exit_2_and_no_traceback():
    result = run_quartier("--root", str(FIXTURES / "valid_site"), "validate", today="2026-13-01")
    assert result.returncode == 2
    assert "QUARTIER_TODAY=„2026-13-01“ ist kein Datum (Erwartet: JJJJ-MM-TT" in result.stderr
    assert "Traceback" not in result.stderr and "SystemExit" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize("command", [["validate"], ["generate", "out"], ["new", "post", "--title", "P", "--no-input"]])
def test_every_command_checks_today(folder, tmp_path: Path, monkeypatch, capsys, command: list[str]):
    monkeypatch.setenv("QUARTIER_TODAY", "gestern")
    monkeypatch.chdir(tmp_path)
    assert main(["--root", str(folder.root), *command]) == 2
    assert "QUARTIER_TODAY=„gestern“ ist kein Datum" in capsys.readouterr().err
    assert not (folder.root / "content/news").exists() and not (tmp_path / "out").exists()


def test_command_with_unknown_option_stops_with_exit_2(folder, capsys):
    folder.write("mkdocs.yml", "site_url: https://quartier.example.org/\nextra:\n  quartier:\n    feed_past_day: 30\n")
    assert main(["--root", str(folder.root), "validate"]) == 2
    err = capsys.readouterr().err
    assert "extra.quartier.feed_past_day gibt es nicht (meinten Sie „feed_past_days“?)" in err


def test_command_with_broken_mkdocs_yml_says_where_in_german(folder, capsys):
    folder.write("mkdocs.yml", "site_url: https://quartier.example.org/\nsite_name: Quartier: Stadt\n")
    assert main(["--root", str(folder.root), "validate"]) == 2
    err = capsys.readouterr().err
    assert (
        "mkdocs.yml:2: site_name: YAML-Syntaxfehler: Doppelpunkt im Text (Erwartet: "
        'Text mit Doppelpunkt in Anführungszeichen setzen: site_name: "Quartier: Stadt")'
    ) in err


# -- mkdocs build --------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("config") / "project")


def test_mkdocs_build_with_bad_today_fails_in_german(project: Path, tmp_path: Path):
    result = mkdocs_build(project, tmp_path / "site", today="2026-11-31")
    assert result.returncode != 0
    assert "QUARTIER_TODAY=„2026-11-31“ ist kein Datum (Erwartet: JJJJ-MM-TT" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_mkdocs_build_with_mistyped_option_fails_in_german(project: Path, tmp_path: Path):
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    assert "    feed_past_days: 180\n" in original
    try:
        config.write_text(
            original.replace("    feed_past_days: 180\n", '    feed_past_days: 180\n    feed_max_bytes: "1MB"\n'),
            encoding="utf-8",
        )
        result = mkdocs_build(project, tmp_path / "site")
    finally:
        config.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert "extra.quartier.feed_max_bytes muss eine ganze Zahl ab 1 (z. B. 1000000) sein, nicht „1MB“" in result.stderr
    assert "Traceback" not in result.stderr
