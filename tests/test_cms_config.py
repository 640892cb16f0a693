"""The form's configuration (admin/config.yml), generated from the content contract."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from quartier.config import ConfigError, config_from_mapping, load_config
from quartier.content.schema import CITY_FIELDS, EVENT, POST, PROGRAM, PROJECT, ContentType, FieldSpec
from quartier.editor import cms
from quartier.frontends.cli import main

REPO = Path(__file__).resolve().parent.parent


def _config(**options: Any):
    return config_from_mapping(REPO, {"site_url": "https://quartier.example.org/", "extra": {"quartier": options}})


def _parsed(**options: Any) -> dict[str, Any]:
    # Read back as Decap reads it: YAML text, not the Python mapping.
    return yaml.safe_load(cms.cms_config_text(_config(**options)))


def _collection(parsed: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in parsed["collections"] if c["name"] == name)


def _by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def test_the_committed_configuration_is_the_generated_one():
    committed = (REPO / "admin" / "config.yml").read_text(encoding="utf-8")
    assert committed == cms.cms_config_text(load_config(REPO)), "admin/config.yml ist veraltet: quartier cms ausführen"


def test_cms_check_fails_when_stale_and_cms_rewrites(tmp_path: Path, capsys):
    project = tmp_path / "projekt"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "admin").mkdir()
    (project / "admin" / "config.yml").write_text("locale: de\n", encoding="utf-8")
    assert main(["--root", str(project), "cms", "--check"]) == 1
    assert "admin/config.yml ist veraltet" in capsys.readouterr().err
    assert main(["--root", str(project), "cms"]) == 0
    assert main(["--root", str(project), "cms", "--check"]) == 0
    assert (project / "admin" / "config.yml").read_text(encoding="utf-8") == cms.cms_config_text(load_config(project))


def test_the_configuration_is_deterministic():
    assert cms.cms_config_text(_config()) == cms.cms_config_text(_config())


def test_collections_for_events_projects_programs_news_and_cities_as_a_file():
    parsed = _parsed()
    folders = {c["name"]: c.get("folder") for c in parsed["collections"]}
    assert folders["veranstaltungen"] == "content/events"
    assert folders["projekte"] == "content/projects"
    assert folders["programme"] == "content/programs"
    assert folders["aktuelles"] == "content/news"
    cities = _collection(parsed, "staedte")
    assert [f["file"] for f in cities["files"]] == ["content/cities.yml"]
    assert cities["format"] == cms.CITIES_FORMAT
    city_fields = _by_name(cities["files"][0]["fields"][0]["fields"])
    assert list(city_fields) == [spec.name for spec in CITY_FIELDS]
    assert parsed["locale"] == "de"
    assert parsed["publish_mode"] == "editorial_workflow"


def _walk(fields: tuple[FieldSpec, ...], configured: list[dict[str, Any]], parent: FieldSpec | None = None):
    by_name = _by_name(configured)
    assert list(by_name)[: len(fields)] == [spec.name for spec in fields]
    # A field in an optional group (not in an item of a list, which exists only once added).
    in_optional_group = parent is not None and not parent.required and parent.kind != "moves"
    for spec in fields:
        field = by_name[spec.name]
        yield spec, field, in_optional_group
        if spec.fields:
            yield from _walk(spec.fields, field["fields"], spec)


@pytest.mark.parametrize(
    "ctype,name", [(EVENT, "veranstaltungen"), (PROJECT, "projekte"), (PROGRAM, "programme"), (POST, "aktuelles")]
)
def test_every_field_of_the_contract_with_german_label_hint_and_required_mark(ctype: ContentType, name: str):
    collection = _collection(_parsed(), name)
    assert collection["format"] == cms.FORMAT
    seen = 0
    for spec, field, parent_optional in _walk(ctype.fields, collection["fields"]):
        seen += 1
        assert field["label"] == spec.label
        assert spec.hint.split(" Uhrzeiten")[0] in field["hint"]
        if parent_optional and spec.required and spec.kind != "moves":
            # Inside an optional group the form cannot insist; the hint says it, the check enforces it.
            assert field["required"] is False and field["hint"].startswith("Pflicht, wenn")
        else:
            assert field["required"] is spec.required, spec.name
        if spec.kind in ("date", "start", "end"):
            assert field["widget"] == "quartier-zeit" and field["zeit"] == spec.kind
    assert seen >= len(ctype.fields)
    body = collection["fields"][-1]
    assert (body["name"], body["widget"]) == ("body", "markdown")


def _markdown_fields(fields: list[dict]) -> list[dict]:
    found = []
    for field in fields:
        if field.get("widget") in ("markdown", "richtext"):
            found.append(field)
        found += _markdown_fields(field.get("fields", []))
    return found


def test_every_preview_of_a_text_is_sanitized():
    """The preview runs in /admin/, where an editor is signed in: an editor's (or a pull
    request's) ``<img onerror>`` in a body must not run there."""
    config = yaml.safe_load(cms.cms_config_text(_config()))
    fields = [
        field
        for collection in config["collections"]
        for group in [collection, *collection.get("files", [])]
        for field in _markdown_fields(group.get("fields", []))
    ]
    assert len(fields) >= 5
    assert all(field["sanitize_preview"] is True for field in fields)
    bundle = REPO / "admin" / cms.BUNDLE_DIR / cms.BUNDLE
    if not bundle.is_file():
        pytest.skip("Decap CMS ist nicht installiert (npm ci in admin/)")
    # The option Decap's Markdown preview reads (an upgrade that renames it fails here).
    assert 'get("sanitize_preview")' in bundle.read_text(encoding="utf-8")


def test_no_field_uses_decaps_utc_datetime_widget():
    text = cms.cms_config_text(_config())
    assert "widget: datetime" not in text and "picker_utc" not in text


def test_selects_for_status_and_format_save_the_german_words():
    fields = _by_name(_collection(_parsed(), "veranstaltungen")["fields"])
    assert fields["status"]["widget"] == "quartier-auswahl"
    assert fields["status"]["options"] == [
        {"label": "geplant", "value": "geplant", "code": "scheduled"},
        {"label": "abgesagt", "value": "abgesagt", "code": "cancelled"},
        {"label": "verschoben", "value": "verschoben", "code": "postponed"},
    ]
    assert fields["status"]["default_label"] == "ohne Angabe: geplant"
    assert fields["format"]["widget"] == "quartier-auswahl"
    assert [o["value"] for o in fields["format"]["options"]] == ["vor Ort", "online", "hybrid"]
    assert fields["format"]["options"][0]["code"] == "in-person"
    projects = _by_name(_collection(_parsed(), "projekte")["fields"])
    assert [o["value"] for o in projects["status"]["options"]] == ["laufend", "abgeschlossen"]


def test_relations_for_city_programs_projects_and_events():
    parsed = _parsed()
    events = _by_name(_collection(parsed, "veranstaltungen")["fields"])
    city = _by_name(events["venue"]["fields"])["city"]
    assert (city["widget"], city["collection"], city["value_field"]) == ("relation", "staedte", "cities.*.name")
    assert (events["programs"]["collection"], events["programs"]["multiple"]) == ("programme", True)
    assert events["programs"]["value_field"] == "{{slug}}"
    assert events["projects"]["collection"] == "projekte"
    posts = _by_name(_collection(parsed, "aktuelles")["fields"])
    assert (posts["events"]["widget"], posts["events"]["collection"]) == ("relation", "veranstaltungen")
    projects = _by_name(_collection(parsed, "projekte")["fields"])
    assert projects["city"]["collection"] == "staedte"


def test_the_recurring_event_fields_are_covered():
    repeat = _by_name(_collection(_parsed(), "veranstaltungen")["fields"])["repeat"]
    fields = _by_name(repeat["fields"])
    assert set(fields) == {spec.name for spec in EVENT.field("repeat").fields}  # type: ignore[union-attr]
    assert fields["freq"]["widget"] == "quartier-auswahl"
    assert [(o["label"], o["value"]) for o in fields["freq"]["options"]][0] == ("täglich", "daily")
    assert fields["interval"]["min"] == 1
    assert fields["until"]["widget"] == "quartier-zeit" and fields["until"]["zeit"] == "date"
    assert fields["except"]["field"]["widget"] == "quartier-zeit"
    moved = _by_name(fields["moved"]["fields"])
    assert (moved["start"]["zeit"], moved["end"]["zeit"], moved["from"]["zeit"]) == ("start", "end", "date")
    assert moved["from"]["required"] is True


GERMAN_COMMITS = {
    "create": "{{collection}} anlegen: {{slug}}",
    "update": "{{collection}} ändern: {{slug}}",
    "delete": "{{collection}} löschen: {{slug}}",
    "uploadMedia": "Bild hochladen: {{path}}",
    "deleteMedia": "Bild löschen: {{path}}",
}


def test_without_a_repository_the_form_works_only_with_the_local_server():
    parsed = _parsed()
    assert parsed["backend"] == {
        "name": "proxy",
        "proxy_url": cms.LOCAL_BACKEND_URL,
        "branch": "main",
        "commit_messages": GERMAN_COMMITS,
    }
    assert parsed["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}


def _csp(**options: Any) -> dict[str, list[str]]:
    from bs4 import BeautifulSoup

    template = (REPO / "admin" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(cms._index_html(_config(**options), template).decode("utf-8"), "html.parser")
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_with_gitlab_the_form_logs_in_with_pkce_and_needs_no_server_of_its_own():
    options = {
        "cms_backend": "gitlab",
        "cms_repo": "programmbuero/redaktion/quartier",
        "cms_gitlab_url": "https://gitlab.opencode.de/",
        "cms_app_id": "0123456789abcdef",
        "cms_branch": "live",
    }
    parsed = _parsed(**options)
    assert parsed["backend"] == {
        "name": "gitlab",
        "repo": "programmbuero/redaktion/quartier",
        "branch": "live",
        "auth_type": "pkce",
        "app_id": "0123456789abcdef",
        "base_url": "https://gitlab.opencode.de",
        "auth_endpoint": "oauth/authorize",
        "api_root": "https://gitlab.opencode.de/api/v4",
        "commit_messages": GERMAN_COMMITS,
    }
    # The form may talk to that GitLab and to no GitHub host.
    connect = _csp(**options)["connect-src"]
    assert "https://gitlab.opencode.de" in connect
    assert not any("github" in source for source in connect)
    assert _parsed(cms_backend="gitlab", cms_repo="a/b", cms_app_id="x")["backend"]["base_url"] == "https://gitlab.com"


def test_the_csp_allows_only_the_configured_service():
    assert _csp()["connect-src"] == ["'self'", "blob:", "data:", "http://127.0.0.1:*"]
    github = _csp(cms_repo="programmbuero/quartier")["connect-src"]
    assert github == ["'self'", "blob:", "data:", "http://127.0.0.1:*", "https://api.github.com"]
    assert _csp()["form-action"] == ["'none'"] and _csp()["img-src"] == ["'self'", "data:", "blob:"]


@pytest.mark.parametrize(
    "options,message",
    [
        ({"cms_backend": "gitlab", "cms_repo": "a/b"}, "extra.quartier.cms_app_id fehlt"),
        (
            {"cms_backend": "gitlab", "cms_app_id": "x", "cms_auth_url": "https://a.example.org"},
            "cms_auth_url gilt nur",
        ),
        ({"cms_gitlab_url": "https://gitlab.opencode.de"}, "cms_gitlab_url gilt nur bei cms_backend: gitlab"),
        ({"cms_app_id": "abc"}, "cms_app_id gilt nur bei cms_backend: gitlab"),
        ({"cms_repo": "gruppe/untergruppe/name"}, "cms_repo muss bei GitHub owner/name sein"),
        ({"cms_backend": "bitbucket"}, "extra.quartier.cms_backend muss github oder gitlab sein"),
        ({"cms_backend": "gitlab", "cms_gitlab_url": "http://gitlab.example.org"}, "cms_gitlab_url muss"),
        ({"cms_backend": "gitlab", "cms_app_id": "a b"}, "cms_app_id muss"),
    ],
)
def test_form_settings_that_do_not_fit_together_are_refused_in_german(options: dict, message: str):
    with pytest.raises(ConfigError) as caught:
        _config(**options)
    assert message in str(caught.value)


def test_with_a_repository_it_opens_pull_requests_on_github():
    parsed = _parsed(
        cms_repo="programmbuero/quartier", cms_branch="live", cms_auth_url="https://anmeldung.example.org/"
    )
    backend = parsed["backend"]
    assert (backend["name"], backend["repo"], backend["branch"], backend["base_url"]) == (
        "github",
        "programmbuero/quartier",
        "live",
        "https://anmeldung.example.org",
    )
    assert backend["commit_messages"] == GERMAN_COMMITS
    assert parsed["publish_mode"] == "editorial_workflow"


@pytest.mark.parametrize(
    "option,value",
    [
        ("cms_repo", "https://github.com/x/y"),
        ("cms_repo", "nur-ein-name"),
        ("cms_auth_url", "http://anmeldung.example.org"),
    ],
)
def test_bad_settings_are_refused_in_german(option: str, value: str):
    with pytest.raises(ConfigError) as caught:
        _config(**{option: value})
    assert f"extra.quartier.{option} muss" in str(caught.value)


def test_a_field_without_a_german_label_stops_the_generator():
    from dataclasses import replace

    unlabelled = replace(
        EVENT, fields=tuple(replace(spec, label="") if spec.name == "registration" else spec for spec in EVENT.fields)
    )
    with pytest.raises(cms.CmsError, match="registration: keine deutsche Beschriftung"):
        cms.folder_collection(replace(cms.COLLECTIONS[0], ctype=unlabelled), "content")


def test_admin_files_come_from_the_installed_packages_or_a_clear_message(tmp_path: Path):
    files = cms.admin_files(load_config(REPO))
    assert files["admin/config.yml"] == cms.cms_config_text(load_config(REPO)).encode("utf-8")
    assert files["admin/quartier-felder.js"] == cms.form_module_text().encode("utf-8")
    assert "admin/decap/decap-cms.js" in files and "admin/yaml/index.js" in files
    assert not any(path.endswith(".map") for path in files)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "content").mkdir()
    with pytest.raises(cms.AdminMissing, match="npm ci"):
        cms.admin_files(load_config(tmp_path))


def test_every_field_kind_has_a_form_widget():
    from typing import get_args

    from quartier.content.schema import Kind

    assert set(cms.WIDGETS) == set(get_args(Kind))


def _hints(fields: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for field in fields:
        if "hint" in field:
            found.append((field["name"], field["hint"]))
        found += _hints(field.get("fields", []))
        if "field" in field:
            found += _hints([field["field"]])
    return found


def test_hints_are_written_for_people_not_for_yaml():
    """No file path and no key of the files: editors in the form never see either."""
    from quartier.content.schema import CITY_FIELDS, CONTENT_TYPES, HOME

    keys: set[str] = set()

    def collect(specs: tuple[FieldSpec, ...]) -> None:
        for spec in specs:
            keys.add(spec.name)
            collect(spec.fields)

    for ctype in (*CONTENT_TYPES, HOME):
        collect(ctype.fields)
    collect(CITY_FIELDS)
    parsed = _parsed()
    hints = [
        (collection["name"], name, hint)
        for collection in parsed["collections"]
        for group in [collection, *collection.get("files", [])]
        for name, hint in _hints(group.get("fields", []))
    ]
    assert len(hints) > 60
    for collection, name, hint in hints:
        assert not re.search(r"content/|\.md\b|\.ya?ml\b", hint), (collection, name, hint)
        words = set(re.findall(r"[a-z_]+", hint))
        assert not words & keys, (collection, name, hint, words & keys)
        # The values of the series are shown by their German labels in the form.
        assert not re.search(r"\b(daily|weekly|monthly|yearly)\b", hint), (collection, name, hint)


def test_the_form_keeps_a_plain_name_for_every_field_that_may_be_one():
    """quartier-cms.js turns a plain name into the form's group for the fields of kind
    organizer, and keeps the cities' order: both read from the generated quartier-felder.js."""
    from quartier.content.schema import CONTENT_TYPES

    kinds = [spec.name for ctype in CONTENT_TYPES for spec in ctype.fields if spec.kind == "organizer"]
    assert cms.form_module()["NAME_OR_FIELDS"] == kinds == ["organizer"]
    assert cms.form_module()["CITY_FIELDS"] == [spec.name for spec in CITY_FIELDS]
    committed = (REPO / "admin" / cms.FIELDS_MODULE).read_text(encoding="utf-8")
    assert committed == cms.form_module_text(), "admin/quartier-felder.js ist veraltet: quartier cms ausführen"
    script = (REPO / "admin" / "quartier-cms.js").read_text(encoding="utf-8")
    assert "import { CITY_FIELDS, FORMAT_WORDS, NAME_OR_FIELDS, STATUS_NOTICES } from './quartier-felder.js';" in script
    # No copy of the contract's names is left in the script.
    assert not re.search(
        r"const (NAME_OR_FIELDS|CITY_FIELDS|FORMAT_WORDS|STATUS_NOTICES|STATUS_NOTES) =|\['name', 'state'", script
    )


def test_a_stale_fields_module_is_found_and_rewritten(tmp_path: Path):
    project = tmp_path / "projekt"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    config = load_config(project)
    cms.write_cms_config(config)
    assert not cms.cms_config_is_stale(config)
    (project / "admin" / cms.FIELDS_MODULE).write_text("export const NAME_OR_FIELDS = [];\n", encoding="utf-8")
    assert cms.cms_config_is_stale(config)
    cms.write_cms_config(config)
    assert (project / "admin" / cms.FIELDS_MODULE).read_text(encoding="utf-8") == cms.form_module_text()


def test_events_and_news_are_listed_newest_first():
    parsed = _parsed()
    events = _collection(parsed, "veranstaltungen")["sortable_fields"]
    assert events[0] == {"field": "start", "label": "Beginn", "default_sort": "desc"}
    assert all("default_sort" not in field for field in events[1:])
    assert _collection(parsed, "aktuelles")["sortable_fields"][0]["default_sort"] == "desc"


@pytest.mark.parametrize(
    ("collection", "folder"),
    [("veranstaltungen", "events"), ("projekte", "projects"), ("programme", "programs"), ("aktuelles", "news")],
)
def test_the_image_widget_saves_into_the_bilder_folder_beside_the_entries(collection: str, folder: str):
    entry = _collection(_parsed(), collection)
    fields = _by_name(entry["fields"])
    assert (fields["image"]["widget"], fields["image"]["choose_url"]) == ("image", False)
    assert (fields["image_alt"]["widget"], fields["image_credit"]["widget"]) == ("string", "string")
    # Decap resolves a collection's relative media folder against the entry's own folder:
    # content/events/bilder/, written into the file as bilder/name.jpg (what `image:` takes).
    assert entry["folder"] == f"content/{folder}"
    assert (entry["media_folder"], entry["public_folder"]) == ("bilder", "bilder")


def test_the_forms_patterns_are_the_json_schemas():
    """A text the form checks by a pattern is checked with the expression of the committed JSON
    Schema (one expression, so the form and editors' tools cannot disagree); and they agree
    with the validator, which reads a weekday in any case."""
    import json

    parsed = _parsed()
    checked = 0
    for collection, schema_name in [("veranstaltungen", "events"), ("projekte", "projects"), ("programme", "programs")]:
        schema = json.loads((REPO / "schemas" / f"{schema_name}.schema.json").read_text(encoding="utf-8"))

        def walk(fields: list[dict[str, Any]], properties: dict[str, Any]) -> int:
            found = 0
            for field in fields:
                prop = properties[field["name"]]
                if "pattern" in field:
                    assert field["pattern"][0] == prop["pattern"], field["name"]
                    found += 1
                if "field" in field and "pattern" in field["field"]:
                    assert field["field"]["pattern"][0] == prop["items"]["pattern"], field["name"]
                    found += 1
                # An organizer is a name or a mapping: the form's group is the mapping.
                mapping = next((p for p in prop.get("oneOf", [prop]) if "properties" in p), None)
                if "fields" in field and mapping is not None:
                    found += walk(field["fields"], mapping["properties"])
            return found

        checked += walk(
            [f for f in _collection(parsed, collection)["fields"] if f["name"] != "body"], schema["properties"]
        )
    # online_url, registration, organizer.url, organizer.email, repeat.byday, two websites
    assert checked == 7
    weekday = re.compile(
        _by_name(_by_name(_collection(parsed, "veranstaltungen")["fields"])["repeat"]["fields"])["byday"]["field"][
            "pattern"
        ][0]
    )
    assert weekday.match("1TU") and weekday.match("-1fr") and not weekday.match("tue")
