"""The form's date fields (admin/quartier-zeit.js) read exactly the spellings the validator and
the JSON Schema accept in a file, and write what the validator reads as the same moment."""

from __future__ import annotations

import json
import shutil
import subprocess

import jsonschema
import pytest
from conftest import REPO, ContentFolder

ZEIT = REPO / "admin" / "quartier-zeit.js"

SPELLINGS = [
    "2027-09-14",
    "2027-09-14 17:00",
    "2027-09-14T17:00",
    "2027-09-14 17:00:00",
    "2027-09-14 9:05",
    "14.09.2027",
    "14.09.2027 17:00",
    "14.9.2027",
    "17:00",
    "2027-9-14",
    "2027-09-14 17:00:30",
    "2027-09-14 17",
    "14. September 2027",
]


def _node(script: str) -> object:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node fehlt")
    result = subprocess.run(
        [node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    return json.loads(result.stdout)


def _widget_reads(mode: str) -> dict[str, dict]:
    script = (
        f"import {{ readStored }} from {json.dumps(ZEIT.as_uri())};"
        f"const out = {{}};"
        f"for (const text of {json.dumps(SPELLINGS)}) out[text] = readStored({json.dumps(mode)}, text);"
        "console.log(JSON.stringify(out));"
    )
    found = _node(script)
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize("field", ["start", "end"])
def test_widget_validator_and_schema_accept_the_same_spellings(folder: ContentFolder, field: str):
    schema = json.loads((REPO / "schemas" / "events.schema.json").read_text(encoding="utf-8"))
    field_schema = schema["properties"][field]
    widget = _widget_reads(field)
    for text in SPELLINGS:
        # An end gets a start of its own shape a day earlier: what is checked is the spelling.
        start = "2027-09-13 10:00" if ":" in text else "2027-09-13"
        front = {"start": f'"{start}"', "end": f'"{text}"'} if field == "end" else {"start": f'"{text}"'}
        lines = "".join(f"{key}: {value}\n" for key, value in front.items())
        folder.write("content/events/2027-09-13-w.md", f"---\ntitle: W\n{lines}format: online\n---\nText.\n")
        problems = [p for p in folder.validate().problems if p.severity == "error" and p.field == field]
        accepted = not problems
        in_schema = jsonschema.Draft202012Validator(field_schema).is_valid(text)
        readable = "unreadable" not in widget[text]
        assert accepted == in_schema == readable, (field, text, problems, widget[text])


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
