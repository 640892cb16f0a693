"""The form's date fields (admin/quartier-zeit.js) read exactly the spellings the validator and
the JSON Schema accept in a file, and write what the validator reads as the same moment."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import jsonschema
import pytest
from conftest import REPO, ContentFolder

from quartier.content.moments import NUMBERS, MomentCode, Number, form_module

ZEIT = REPO / "admin" / "quartier-zeit.js"

GRAMMAR = REPO / "admin" / "quartier-zeit-grammar.js"

SPELLINGS = [
    "2027-09-14",
    "2027-09-14 17:00",
    "2027-09-14T17:00",
    "2027-09-14 17:00:00",
    "2027-09-14 9:05",
    "2027-09-14 ",
    " 2027-09-14 17:00",
    "2027-09-14\t",
    "17:00",
    "7:00",
    "14.09.2027",
    "14.09.2027 17:00",
    "14.9.2027",
    "14. September 2027",
    "2027-9-14",
    "2027-09-14 17:00:30",
    "2027-09-14 17",
    "2027-09-14  17:00",
    "2027-09-14t17:00",
    "2027-09-14T17:00Z",
    "2027-09-14 24:00",
    "2027-09-14 17:60",
    "2027-13-01",
    "2027-09-32",
    "1899-12-31",
    "2201-01-01",
    "\u0662\u0660\u0662\u0667-\u0660\u0669-\u0661\u0664",
    "\uff12\uff10\uff12\uff17-09-14",
]
"""Written in a file as a start, an end, or a cancelled day (``except``) of a daily series
beginning 2027-09-13; the last two are 2027-09-14 in Arabic-Indic and in full-width digits,
which Python's ``\\d`` reads and JavaScript's does not."""

WITH_DAY = {
    "2027-09-14",
    "2027-09-14 ",
    "2027-09-14\t",
}
WITH_TIME = {
    "2027-09-14 17:00",
    "2027-09-14T17:00",
    "2027-09-14 17:00:00",
    "2027-09-14 9:05",
    " 2027-09-14 17:00",
}
ACCEPTED = {
    "start": WITH_DAY | WITH_TIME,
    "end": WITH_DAY | WITH_TIME | {"17:00", "7:00"},
    "repeat.except": WITH_DAY,
    "repeat.until": WITH_DAY,
    # A post's date, which may carry a time as a start does.
    "post date": WITH_DAY | WITH_TIME,
}
"""What each field takes: the table below checks the three readers against each other and
against this, so that three readers refusing everything would not pass."""


def _node(script: str) -> object:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node fehlt")
    result = subprocess.run(
        [node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    return json.loads(result.stdout)


def _widget_reads(mode: str, spellings: list[str]) -> dict[str, dict]:
    script = (
        f"import {{ readStored }} from {json.dumps(ZEIT.as_uri())};"
        f"const out = {{}};"
        f"for (const text of {json.dumps(spellings)}) out[text] = readStored({json.dumps(mode)}, text);"
        "console.log(JSON.stringify(out));"
    )
    found = _node(script)
    assert isinstance(found, dict)
    return found


def _front_matter(field: str, text: str) -> str:
    quoted = json.dumps(text)
    if field == "start":
        return f"start: {quoted}\n"
    if field == "end":
        # An end gets a start of its own shape a day earlier, early enough for any time alone.
        start = "2027-09-13 00:30" if ":" in text else "2027-09-13"
        return f'start: "{start}"\nend: {quoted}\n'
    if field == "repeat.until":
        return f"start: 2027-09-13\nrepeat:\n  freq: daily\n  until: {quoted}\n"
    return f"start: 2027-09-13\nrepeat:\n  freq: daily\n  except: [{quoted}]\n"


def _validator_accepts(folder: ContentFolder, field: str, text: str) -> bool:
    if field == "post date":
        folder.write("content/news/2027-09-13-b.md", f"---\ntitle: B\ndate: {json.dumps(text)}\n---\nText.\n")
        return not [p for p in folder.validate().problems if p.severity == "error" and p.field == "date"]
    folder.write(
        "content/events/2027-09-13-w.md", f"---\ntitle: W\n{_front_matter(field, text)}format: online\n---\nText.\n"
    )
    return not [p for p in folder.validate().problems if p.severity == "error" and p.field == field]


def _schema_of(field: str) -> dict:
    if field == "post date":
        return json.loads((REPO / "schemas" / "posts.schema.json").read_text(encoding="utf-8"))["properties"]["date"]
    schema = json.loads((REPO / "schemas" / "events.schema.json").read_text(encoding="utf-8"))["properties"]
    if field == "repeat.except":
        return schema["repeat"]["properties"]["except"]["items"]
    if field == "repeat.until":
        return schema["repeat"]["properties"]["until"]
    return schema[field]


@pytest.mark.parametrize(
    ("field", "mode"),
    [("start", "start"), ("end", "end"), ("repeat.except", "date"), ("repeat.until", "date"), ("post date", "start")],
)
def test_validator_schema_and_widget_accept_the_same_spellings(folder: ContentFolder, field: str, mode: str):
    widget = _widget_reads(mode, SPELLINGS)
    schema = jsonschema.Draft202012Validator(_schema_of(field))
    for text in SPELLINGS:
        accepted = _validator_accepts(folder, field, text)
        in_schema = schema.is_valid(text)
        readable = "unreadable" not in widget[text]
        assert accepted == in_schema == readable == (text in ACCEPTED[field]), (field, text, widget[text])


def test_a_day_the_calendar_lacks_is_a_spelling_the_validator_alone_refuses(folder: ContentFolder):
    # A pattern cannot know February: the schema and the form take 2027-02-30 as a spelling,
    # the validator reads it and says that the day does not exist.
    assert jsonschema.Draft202012Validator(_schema_of("start")).is_valid("2027-02-30")
    assert "unreadable" not in _widget_reads("start", ["2027-02-30"])["2027-02-30"]
    folder.write("content/events/2027-02-28-w.md", '---\ntitle: W\nstart: "2027-02-30"\nformat: online\n---\nText.\n')
    [problem] = [p for p in folder.validate().problems if p.field == "start"]
    assert problem.code == MomentCode.NO_SUCH_DATE
    assert problem.message == "Das Datum 2027-02-30 gibt es nicht"


def test_the_forms_grammar_module_is_generated_from_moments():
    if os.environ.get("QUARTIER_WRITE_GOLDEN") == "1":
        GRAMMAR.write_text(form_module(), encoding="utf-8")
    assert GRAMMAR.read_text(encoding="utf-8") == form_module(), (
        "admin/quartier-zeit-grammar.js ist veraltet: "
        "QUARTIER_WRITE_GOLDEN=1 pytest tests/test_form_dates.py schreibt es neu"
    )


def _digit_strings() -> list[str]:
    return [f"{n:0{width}d}" for width in (1, 2, 3, 4) for n in range(10**width)]


@pytest.mark.parametrize("number", NUMBERS, ids=lambda n: n.pattern)
def test_each_numbers_pattern_takes_exactly_its_range_as_written(number: Number):
    for text in _digit_strings():
        written = re.fullmatch(number.digits, text) is not None
        in_range = written and number.low <= int(text) <= number.high
        assert (re.fullmatch(f"(?:{number.pattern})", text) is not None) == in_range, (number, text)


def test_what_is_typed_in_german_is_written_as_the_file_spells_it():
    cases = [
        ["start", "14.9.2027", "17.00 Uhr"],
        ["start", "14.09.2027", ""],
        ["end", "", "9:30"],
        ["end", "16.09.2027", ""],
        ["date", "01.01.2027", "12:00"],
        ["start", "31.02.2027", "10:00"],
        ["start", "2027-09-14", ""],
        ["start", "", "10:00"],
        ["start", "14.09.2027", "24:00"],
    ]
    script = (
        f"import {{ readTyped }} from {json.dumps(ZEIT.as_uri())};"
        f"console.log(JSON.stringify({json.dumps(cases)}.map(([m, d, t]) => readTyped(m, d, t))));"
    )
    assert _node(script) == [
        {"value": "2027-09-14 17:00"},
        {"value": "2027-09-14"},
        {"value": "09:30"},
        {"value": "2027-09-16"},
        {"value": "2027-01-01"},
        {"error": "Das Datum „31.02.2027“ gibt es nicht."},
        {"error": "„2027-09-14“ ist kein Datum in der Form TT.MM.JJJJ, z. B. 14.09.2027."},
        {"error": "Bitte auch das Datum angeben."},
        {"error": "„24:00“ ist keine Uhrzeit in der Form HH:MM, z. B. 17:00."},
    ]


def test_the_widget_shows_a_stored_value_in_german():
    script = (
        f"import {{ readStored }} from {json.dumps(ZEIT.as_uri())};"
        "console.log(JSON.stringify([readStored('start', '2027-01-05 9:05'), readStored('end', '18:00'),"
        " readStored('date', '2027-08-03'), readStored('date', '2027-08-03 10:00')]));"
    )
    assert _node(script) == [
        {"date": "05.01.2027", "time": "09:05"},
        {"date": "", "time": "18:00"},
        {"date": "03.08.2027", "time": ""},
        {"unreadable": "2027-08-03 10:00"},
    ]
