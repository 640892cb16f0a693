"""The front matter loader: line numbers, YAML 1.1 traps, refused constructs."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from pathlib import Path

import pytest
import yaml

from quartier.content import loading
from quartier.content.kinds import KindCode
from quartier.content.loading import (
    LoadCode,
    _yaml11_float,
    _yaml11_int,
    load_document,
    load_yaml,
    parse_document,
    read_text,
)
from quartier.problems import Problem, format_report
from quartier.text.yaml_syntax import SYNTAX_MESSAGES, YamlCode


def parse(text: str):
    return parse_document(text, "content/events/x.md", "x")


def test_fields_keep_their_lines_and_raw_text():
    doc = parse("---\ntitle: Workshop\nstart: 2022-09-14\nend: 12:00\nvenue:\n  name: Hub\n  city: Essen\n---\nBody\n")
    assert doc.problems == []
    assert doc.fields["title"].line == 2
    assert doc.fields["start"].kind == "timestamp" and doc.fields["start"].data == "2022-09-14"
    # YAML 1.1 reads 12:00 as the sexagesimal integer 720; the text as written survives.
    assert doc.fields["end"].data == 720 and doc.fields["end"].raw == "12:00"
    assert doc.fields["venue"].data["city"].line == 7
    assert doc.body == "Body\n" and doc.body_line == 9


def test_crlf_bom_and_tab_indentation_are_accepted(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_bytes(
        "\ufeff---\r\ntitle: Caf\u00e9\r\nvenue:\r\n\tname: Hub\r\n\tcity: Essen\r\n---\r\nText\r\n".encode("utf-8")
    )
    doc = load_document(path, "x.md")
    assert doc.problems == []
    assert doc.fields["title"].data == "Café"
    assert doc.fields["venue"].plain() == {"name": "Hub", "city": "Essen"}
    assert doc.body == "Text\n"


def test_duplicate_key_is_reported_with_both_lines():
    doc = parse("---\ntitle: A\nstart: 2022-01-01\ntitle: B\n---\n")
    [problem] = doc.problems
    assert (problem.line, problem.field, problem.code) == (4, "title", LoadCode.DUPLICATE_KEY)
    assert "Zeile 2" in problem.message
    assert doc.fields["title"].data == "A"  # the first is kept, nothing silently replaced


def test_python_tags_are_refused_and_never_constructed():
    doc = parse("---\ntitle: A\nx: !!python/object/apply:os.system ['touch /tmp/pwned']\n---\n")
    [problem] = doc.problems
    assert (problem.line, problem.code) == (3, LoadCode.TAG)
    assert "!!python/object/apply:os.system" in problem.message
    assert doc.fields["x"].kind == "refused" and doc.fields["x"].data is None
    assert doc.fields["title"].data == "A"


def test_alias_bomb_is_refused_quickly():
    bomb = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            (
                f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
                f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
            )
            for i in range(9)
        )
        + "---\n"
    )
    doc = parse(bomb)
    assert doc.problems and all(p.code is LoadCode.ALIAS for p in doc.problems)


def test_missing_closing_boundary_and_empty_file():
    assert parse("---\ntitle: A\n").problems[0].code is LoadCode.NOT_CLOSED
    assert parse("").problems[0].code is LoadCode.EMPTY
    assert parse("title: A\n").problems[0].code is LoadCode.NO_FRONT_MATTER


def test_boundaries_are_lines_of_dashes_with_nothing_but_spaces_after_them():
    doc = parse("----  \ntitle: A\n\n---\t\n\nBody\n")
    assert doc.problems == [] and doc.fields["title"].line == 2
    assert doc.body == "\nBody\n" and doc.body_line == 5
    # A dash line with text after it neither opens nor closes the front matter.
    assert parse("--- title: A\n---\n").problems[0].code is LoadCode.NO_FRONT_MATTER
    assert parse("---\ntitle: A\n--- Ende\n").problems[0].code is LoadCode.NOT_CLOSED


def test_front_matter_that_is_not_a_mapping():
    [problem] = parse("---\n- a\n- b\n---\n").problems
    assert (problem.line, problem.code) == (2, LoadCode.NOT_A_MAPPING) and "Liste" in problem.message


def test_yaml_syntax_error_points_at_the_line():
    [problem] = parse("---\ntitle: A\nvenue: [unclosed\nstart: 2022-01-01\n---\n").problems
    assert problem.code is YamlCode.LIST and problem.line >= 3


def test_invalid_utf8_names_the_line(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_bytes(b"---\ntitle: ok\nsummary: caf\xe9\n---\n")
    [problem] = load_document(path, "x.md").problems
    assert (problem.line, problem.code) == (3, LoadCode.NOT_UTF8)


def test_size_limit(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_bytes(b"---\ntitle: x\n---\n" + b"a" * 2000)
    [problem] = load_document(path, "x.md", max_bytes=1000).problems
    assert problem.code is LoadCode.TOO_LARGE


# -- safe by construction: control characters ----------------------------------

FORBIDDEN = [
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x80",
    "\x85",
    "\x9f",
    "\ufffe",
    "\uffff",
    "\u2028",
    "\u2029",
]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.md"
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("char", FORBIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_control_character_in_front_matter_is_reported_at_its_line(tmp_path: Path, char: str):
    doc = load_document(write(tmp_path, f"---\ntitle: A\nsummary: vor{char}nach\n---\nText\n"), "x.md")
    [problem] = doc.problems
    assert (problem.line, problem.field, problem.code) == (3, "-", LoadCode.FORBIDDEN_CHARACTER)
    assert f"U+{ord(char):04X}" in problem.message and "Spalte 13" in problem.message  # which one, and where
    assert doc.fields == {} and doc.body == ""  # nothing of the file is used


@pytest.mark.parametrize("char", FORBIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_control_character_in_body_is_reported_at_its_line(tmp_path: Path, char: str):
    doc = load_document(write(tmp_path, f"---\ntitle: A\n---\nErster Absatz.\n\nText {char}\n"), "x.md")
    [problem] = doc.problems
    assert problem.line == 6 and doc.fields == {}


def test_control_character_messages_are_german_and_name_the_fix(tmp_path: Path):
    [c1] = load_document(write(tmp_path, "---\ntitle: A\x85B\n---\n"), "x.md").problems
    assert (c1.message, c1.expected) == (
        "Steuerzeichen U+0085 ist nicht erlaubt (Spalte 9)",
        "sichtbaren Text (Zeichen löschen)",
    )
    [ls] = load_document(write(tmp_path, "---\ntitle: A\u2028B\n---\n"), "x.md").problems
    assert ls.message == "Zeilentrennzeichen U+2028 ist nicht erlaubt (Spalte 9)"
    assert "Zeilenumbruch" in ls.expected
    [ps] = load_document(write(tmp_path, "---\ntitle: A\u2029B\n---\n"), "x.md").problems
    assert ps.message.startswith("Absatztrennzeichen U+2029")
    [nc] = load_document(write(tmp_path, "---\ntitle: A\ufffeB\n---\n"), "x.md").problems
    assert nc.message == "Zeichen U+FFFE ist nicht erlaubt (Spalte 9)"


def test_tab_crlf_cr_and_direction_marks_are_allowed(tmp_path: Path):
    # LRM/RLM are ordinary in Arabic or Hebrew names; bidi overrides are the validator's business.
    text = "---\r\ntitle: A\tB \u200e\u200f\r\nsummary: x \u202e y\rtags: [a]\r\n---\r\nText\u2066x\u2069\r\n"
    doc = load_document(write(tmp_path, text), "x.md")
    assert doc.problems == [] and doc.fields["tags"].line == 4


def test_line_numbers_count_crlf_and_cr_as_one_break(tmp_path: Path):
    [problem] = load_document(write(tmp_path, "---\r\ntitle: A\r\n---\rText\r\n\r\nZeile\x07\r\n"), "x.md").problems
    assert problem.line == 6


def test_several_control_characters_on_one_line_are_one_problem(tmp_path: Path):
    [problem] = load_document(write(tmp_path, "---\ntitle: \x1b[31mrot\x1b[0m\x00\n---\n"), "x.md").problems
    assert (problem.line, problem.code) == (2, LoadCode.FORBIDDEN_CHARACTER) and "U+001B" in problem.message


def test_many_lines_with_control_characters_are_capped(tmp_path: Path):
    lines = "".join(f"Zeile {i}\x00\n" for i in range(5000))
    problems = load_document(write(tmp_path, "---\ntitle: A\n---\n" + lines), "x.md").problems
    assert len(problems) == 11
    assert [p.line for p in problems[:10]] == list(range(4, 14))
    assert problems[10].line == 14 and problems[10].code is LoadCode.MORE_FORBIDDEN_CHARACTERS
    assert "4990" in problems[10].message  # the lines not listed


def test_read_text_checks_every_file_not_only_markdown(tmp_path: Path):
    path = tmp_path / "cities.yml"
    path.write_bytes("- name: Essen\n  state: N\u0085RW\n".encode("utf-8"))
    text, [problem] = read_text(path, "content/cities.yml")
    assert text is None and problem.line == 2 and problem.path == "content/cities.yml"


def test_text_not_read_from_a_file_gets_the_same_check():
    [problem] = parse("---\ntitle: A\n---\nText\x00\n").problems
    assert (problem.line, problem.code) == (4, LoadCode.FORBIDDEN_CHARACTER) and "U+0000" in problem.message
    [problem] = load_yaml("a: 1\nb: x\x7f\n", "content/redirects.yml", first_line=1)[1]
    assert (problem.line, problem.code) == (2, LoadCode.FORBIDDEN_CHARACTER) and "U+007F" in problem.message


def test_control_character_scan_is_linear(tmp_path: Path):
    # A quadratic scan (recounting lines from the start for each hit) would take
    # minutes here; the test just has to finish.
    text = "---\ntitle: A\n---\n" + "\x00\n" * 400_000
    problems = load_document(write(tmp_path, text), "x.md", max_bytes=2_000_000).problems
    assert len(problems) == 11 and problems[-1].code is LoadCode.MORE_FORBIDDEN_CHARACTERS
    assert "399990" in problems[-1].message


# -- safe by construction: numbers ----------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("0", 0),
        ("42", 42),
        ("-17", -17),
        ("+12", 12),
        ("1_000", 1000),
        ("017", 15),
        ("0_17", 15),
        ("0x1F", 31),
        ("-0x_1f", -31),
        ("0b101", 5),
        ("+0b1_0", 2),
        ("000", 0),
        ("10:00", 600),
        ("12:00", 720),
        ("1:30:00", 5400),
        ("-1:00", -60),
        ("1_0:0_0", 600),
        ("999999999999999999", 999_999_999_999_999_999),
        ("0" * 100 + "7", 7),
        ("1" + "_" * 5000, 1),
    ],
)
def test_yaml11_integers_keep_their_meaning(raw: str, value: int):
    assert _yaml11_int(raw) == value


@pytest.mark.parametrize(
    "raw",
    [
        "0b_",
        "0x_",
        "-0x_",
        "0b",
        "0o",
        "0o17",
        "_",
        "-",
        "+",
        "",
        "9" * 19,
        "1" * 5000,
        "0x" + "f" * 5000,
        "0b" + "1" * 64,
        "1:" + "00:" * 3000 + "00",
        "9" * 5000 + ":00",
        "1:xx",
        "08",
        "٣",
        "1 2",
        "1e5",
    ],
)
def test_yaml11_integer_never_raises_and_refuses_what_is_too_big(raw: str):
    assert _yaml11_int(raw) is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1.5", 1.5), ("-.5", -0.5), ("1_0.2_5", 10.25), ("1.e+2", 100.0), ("1:30.5", 90.5), ("51.4556", 51.4556)],
)
def test_yaml11_floats_keep_their_meaning(raw: str, value: float):
    assert _yaml11_float(raw) == value


def test_yaml11_float_infinity_and_nan_as_written_stay():
    assert _yaml11_float(".inf") == math.inf and _yaml11_float("-.INF") == -math.inf
    assert math.isnan(_yaml11_float(".NaN"))


@pytest.mark.parametrize(
    "raw",
    ["1.0e+99999", "-1.0e+99999", "9" * 5000 + ".0", "1:" + "00:" * 300 + "00.0", "1e99999", "x", "", "1.2.3", "inf"],
)
def test_yaml11_float_never_raises_and_refuses_overflow(raw: str):
    assert _yaml11_float(raw) is None


@pytest.mark.parametrize(
    "raw", ["0b_", "0x_", "1" * 5000, "1.0e+99999", "99999999999999999999:00", "1234567890123456789"]
)
def test_unreadable_number_is_one_problem_and_the_value_is_refused(raw: str):
    doc = parse(f"---\ntitle: A\nvenue:\n  name: Hub\n  lat: {raw}\n---\n")
    [problem] = doc.problems
    assert (problem.line, problem.field, problem.code) == (5, "venue.lat", LoadCode.NUMBER_UNREADABLE)
    assert "18 Ziffern" in problem.expected
    # refused, not missing: the validator neither reports it again nor uses it
    assert doc.fields["venue"].data["lat"].kind == "refused"
    assert doc.fields["title"].data == "A"


def test_unreadable_number_in_a_list_names_the_list():
    doc = parse("---\ntitle: A\ntags:\n  - gut\n  - 0x_\n---\n")
    [problem] = doc.problems
    assert (problem.line, problem.field) == (5, "tags")
    assert [item.kind for item in doc.fields["tags"].data] == ["str", "refused"]


def test_what_yaml_reads_as_text_is_not_a_number_problem():
    doc = parse("---\ntitle: A\nx: 1e99999\ny: 0o17\nz: _\n---\n")
    assert doc.problems == []
    assert [doc.fields[k].kind for k in "xyz"] == ["str", "str", "str"]


def test_front_matter_that_is_one_huge_number_is_reported_once():
    [problem] = parse("---\n" + "1" * 5000 + "\n---\n").problems
    assert problem.code is LoadCode.NUMBER_UNREADABLE


# -- safe by construction: nesting ---------------------------------------------


def nested(style: str, depth: int) -> str:
    """A front matter field ``x`` whose value nests ``depth`` collections (the front matter adds one)."""
    if style == "flow-seq":
        return "x: " + "[" * depth + "]" * depth + "\n"
    if style == "flow-map":
        return "x: " + "{a: " * depth + "1" + "}" * depth + "\n"
    if style == "block-seq":
        return "x:\n  " + "- " * depth + "1\n"
    if style == "block-map":
        return "x:\n" + "".join("  " * (level + 1) + "a:\n" for level in range(depth - 1)) + "  " * depth + "a: 1\n"
    raise AssertionError(style)


STYLES = ["flow-seq", "flow-map", "block-seq", "block-map"]
LOADERS = [pytest.param(yaml.CSafeLoader, id="libyaml"), pytest.param(yaml.SafeLoader, id="pure")]


@pytest.fixture(params=LOADERS)
def loader(request, monkeypatch):
    monkeypatch.setattr(loading, "_Loader", request.param)
    return request.param


@pytest.mark.parametrize("style", STYLES)
def test_nesting_up_to_the_limit_is_fine(loader, style: str):
    doc = parse("---\ntitle: A\n" + nested(style, loading.MAX_NESTING - 1) + "---\n")
    assert doc.problems == [] and doc.fields["title"].data == "A"


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("depth", [loading.MAX_NESTING, 5_000, 100_000])
def test_deep_nesting_is_one_problem_without_recursion(loader, style: str, depth: int):
    if style == "block-map":
        depth = min(depth, 1_000)  # indentation grows quadratically: 1,000 levels fill the 1 MB file limit
    doc = parse("---\ntitle: A\n" + nested(style, depth) + "---\n")
    [problem] = doc.problems
    assert problem.code is LoadCode.TOO_DEEP
    # the line where the eleventh level opens
    assert problem.line == (3 if style.startswith("flow") else 4 if style == "block-seq" else 3 + loading.MAX_NESTING)
    assert doc.fields == {}


def test_the_nesting_message_names_the_limit():
    [problem] = parse("---\ntitle: A\n" + nested("flow-seq", loading.MAX_NESTING) + "---\n").problems
    # The wording, as an example for editors:
    assert problem.message == "Werte sind zu tief verschachtelt (mehr als 10 Ebenen)"
    assert problem.expected == "höchstens 10 Ebenen aus Listen und Zuordnungen"


def test_nesting_check_comes_before_syntax_errors_only_when_reached(loader):
    # An error before the limit is the usual German syntax message.
    [problem] = parse("---\ntitle: A\nx: [[[\n---\n").problems
    assert isinstance(problem.code, YamlCode)
    [problem] = parse("---\ntitle: A\nx: " + "[" * 100_000 + "\n---\n").problems
    assert problem.code is LoadCode.TOO_DEEP


def test_nesting_message_whichever_parser_layer_notices_first(monkeypatch):
    # A fast parser that gives up on depth before the eleventh level reaches the
    # walk as an event (PyYAML 6.0.4's libyaml scanner runs ahead and stops at 1,000
    # levels): the editor still gets the nesting message at the eleventh level's line.
    class GivesUpEarly(yaml.SafeLoader):
        def get_event(self):
            raise yaml.scanner.ScannerError("while increasing flow level", None, "exceeded maximum nesting depth", None)

    monkeypatch.setattr(loading, "_Loader", GivesUpEarly)
    [problem] = parse("---\ntitle: A\n" + nested("block-map", 50) + "---\n").problems
    assert (problem.line, problem.code) == (3 + loading.MAX_NESTING, LoadCode.TOO_DEEP)
    # A real syntax error stays a syntax error.
    [problem] = parse("---\ntitle: A\nx: [[[\n---\n").problems
    assert isinstance(problem.code, YamlCode)


def test_a_plain_syntax_error_is_not_walked_a_second_time(monkeypatch):
    # Only an error that speaks of depth sends the text to the slow pure-Python parser;
    # a syntax error at the end of a long file would otherwise cost seconds.
    walked = []
    original = loading._walk_nesting

    def counting(loader_class, *args):
        walked.append(loader_class)
        return original(loader_class, *args)

    monkeypatch.setattr(loading, "_walk_nesting", counting)
    [problem] = parse("---\ntitle: A\n" + "x: y\n" * 1000 + " z: w\n---\n").problems
    assert isinstance(problem.code, YamlCode)
    assert walked == [loading._Loader]


def test_nesting_limit_counts_levels_not_entries():
    wide = "---\ntitle: A\nx:\n" + "".join(f"  - [{i}, [{i}]]\n" for i in range(2000)) + "---\n"
    assert parse(wide).problems == []


def test_load_yaml_reports_deep_nesting_in_data_files():
    value, [problem] = load_yaml("- " + "[" * 50 + "]" * 50 + "\n", "content/cities.yml")
    assert value is None and problem.line == 1 and problem.path == "content/cities.yml"


# -- safe output ------------------------------------------------------------------


def test_problem_output_escapes_control_characters():
    problem = Problem(
        "content/events/\x1b[31mrot\x1b[0m.md", 3, "ti\x85tle", "Wert\x07 \x7f\nneu", "A\tB", code=LoadCode.NOT_UTF8
    )
    assert (
        problem.format_text()
        == "content/events/\\x1b[31mrot\\x1b[0m.md:3: ti\\x85tle: Wert\\x07 \\x7f\\x0aneu (Erwartet: A\\x09B)"
    )
    github = problem.format_github()
    assert "\x1b" not in github and "\x85" not in github and "\n" not in github
    assert github.startswith("::error file=content/events/\\x1b[31mrot\\x1b[0m.md,line=3,title=ti\\x85tle::")
    report = format_report([problem], "json")
    assert not any(0x7F <= ord(c) <= 0x9F or (ord(c) < 0x20 and c != "\n") for c in report)
    assert json.loads(report)[0]["path"] == problem.path  # the data itself is unchanged


def test_problem_output_of_normal_text_is_unchanged():
    message = "Unbekannte Stadt „Kö ln“ – ß€ \u200e"
    problem = Problem("content/events/köln „x“.md", 2, "venue.city", message, "Stadt", code=KindCode.CITY_UNKNOWN)
    assert (
        problem.format_text()
        == "content/events/köln „x“.md:2: venue.city: Unbekannte Stadt „Kö ln“ – ß€ \u200e (Erwartet: Stadt)"
    )
    warning = Problem("a.md", 1, "-", "x", severity="warning", code=LoadCode.EMPTY)
    assert warning.format_text() == "Warnung: a.md:1: -: x"
    assert format_report([problem], "json") == json.dumps([asdict(problem)], ensure_ascii=False, indent=2)


# -- YAML syntax errors in German, at the line of the mistake ------------------------

SYNTAX_CASES = [
    # (front matter, line, field, code, fix as written in "Erwartet")
    (
        "title: Workshop: Stadt machen\nstart: 2027-05-06\n",
        2,
        "title",
        YamlCode.COLON_IN_VALUE,
        'Text mit Doppelpunkt in Anführungszeichen setzen: title: "Workshop: Stadt machen"',
    ),
    (
        'title: Workshop: "Stadt" machen\n',
        2,
        "title",
        YamlCode.COLON_IN_VALUE,
        "Text mit Doppelpunkt in Anführungszeichen setzen: title: 'Workshop: \"Stadt\" machen'",
    ),
    (
        "title: A\nvenue:\n  name: Zeche: Carl\n  city: Essen\n",
        4,
        "venue.name",
        YamlCode.COLON_IN_VALUE,
        'Text mit Doppelpunkt in Anführungszeichen setzen: name: "Zeche: Carl"',
    ),
    # the quote opened on line 2 and was left open: the parser gives up only at the end
    (
        'title: "Werkstatt\nstart: 2027-05-06\nformat: online\n',
        2,
        "title",
        YamlCode.UNCLOSED_QUOTE,
        'Anführungszeichen am Ende des Werts schließen: title: "Werkstatt"',
    ),
    # ... or at the next quote, which it takes for the closing one
    (
        'title: "Werkstatt\nstart: 2027-05-06\nsummary: "Text"\n',
        2,
        "title",
        YamlCode.UNCLOSED_QUOTE,
        'Anführungszeichen am Ende des Werts schließen: title: "Werkstatt"',
    ),
    (
        "title: A\nvenue:\n  name: 'Zeche\n  city: Essen\n",
        4,
        "venue.name",
        YamlCode.UNCLOSED_QUOTE,
        "Anführungszeichen am Ende des Werts schließen: name: 'Zeche'",
    ),
    (
        'title: "Das "Quartier" lebt"\n',
        2,
        "title",
        YamlCode.AFTER_QUOTE,
        "ganzen Text in andere Anführungszeichen setzen: title: 'Das \"Quartier\" lebt'",
    ),
    (
        "title: 'Peter's Werkstatt'\n",
        2,
        "title",
        YamlCode.AFTER_QUOTE,
        'ganzen Text in andere Anführungszeichen setzen: title: "Peter\'s Werkstatt"',
    ),
    (
        "venue:\n  name: Hub\n  \tcity: Essen\n",
        4,
        "venue.city",
        YamlCode.TAB_INDENT,
        "nur mit Leerzeichen einrücken (2 Leerzeichen): city: Essen",
    ),
    (
        "programs:\n  -\tinitiative-ergreifen\n",
        3,
        "programs",
        YamlCode.TAB,
        "Leerzeichen statt Tabulator: - initiative-ergreifen",
    ),
    (
        'title: A\nstart:"2027-05-06 10:00"\nformat: online\n',
        3,
        "start",
        YamlCode.NO_SPACE,
        'ein Leerzeichen nach dem Doppelpunkt: start: "2027-05-06 10:00"',
    ),
    # YAML reads "title:Werkstatt" as text that goes on in the next line, and stops there
    (
        "title:Werkstatt\nstart: 2027-05-06\n",
        2,
        "title",
        YamlCode.NO_SPACE,
        "ein Leerzeichen nach dem Doppelpunkt: title: Werkstatt",
    ),
    (
        "title: A\nvenue:\n  name: Hub\n  city:Essen\nformat: online\n",
        5,
        "venue.city",
        YamlCode.NO_SPACE,
        "ein Leerzeichen nach dem Doppelpunkt: city: Essen",
    ),
    (
        "title: A\nvenue:\n  city:Essen\n  name: Hub\n",
        4,
        "venue.city",
        YamlCode.NO_SPACE,
        "ein Leerzeichen nach dem Doppelpunkt: city: Essen",
    ),
    (
        "title: A\nprograms:\n  - initiative-ergreifen\n  stadt-machen\nstart: 2027-05-06\n",
        5,
        "programs",
        YamlCode.NO_DASH,
        "jeden Listeneintrag mit „- “ beginnen: - stadt-machen",
    ),
    (
        "title: A\nstart 2027-05-06\nformat: online\n",
        3,
        "start",
        YamlCode.NO_COLON,
        "Doppelpunkt und Leerzeichen nach dem Feldnamen: start: 2027-05-06",
    ),
    (
        "title: A\nvenue:\n  name: Hub\n city: Essen\n",
        5,
        "venue.city",
        YamlCode.INDENT,
        "Felder eines Blocks gleich weit einrücken (2 Leerzeichen): city: Essen",
    ),
    (
        "title: A\ntags: [Workshop, Engagement\nstart: 2027-05-06\n",
        3,
        "tags",
        YamlCode.LIST,
        "] am Ende des Werts: tags: [Workshop, Engagement]",
    ),
    (
        "title: @quartier\n",
        2,
        "title",
        YamlCode.CHARACTER,
        'Wert in Anführungszeichen setzen: title: "@quartier"',
    ),
    ("title: `x`\n", 2, "title", YamlCode.CHARACTER, 'Wert in Anführungszeichen setzen: title: "`x`"'),
    (
        'title: "C:\\Daten"\n',
        2,
        "title",
        YamlCode.BACKSLASH,
        "einfache Anführungszeichen verwenden: title: 'C:\\Daten'",
    ),
]


@pytest.mark.parametrize(
    ("front_matter", "line", "field", "code", "fix"),
    SYNTAX_CASES,
    ids=lambda v: v if isinstance(v, str) and len(v) < 40 else None,
)
def test_yaml_syntax_errors_name_line_field_and_fix(
    loader, front_matter: str, line: int, field: str, code: YamlCode, fix: str
):
    [problem] = parse("---\n" + front_matter + "---\n").problems
    # The fix is the line as it should be written: its wording is what the editor copies.
    assert (problem.line, problem.field, problem.code, problem.expected) == (line, field, code, fix)


def test_yaml_syntax_messages_as_editors_read_them(loader):
    # The wording, as examples for editors: the parser's place and the German words for it.
    [colon] = parse("---\ntitle: Workshop: Stadt machen\n---\n").problems
    assert colon.format_text() == (
        "content/events/x.md:2: title: YAML-Syntaxfehler: Doppelpunkt im Text "
        '(Erwartet: Text mit Doppelpunkt in Anführungszeichen setzen: title: "Workshop: Stadt machen")'
    )
    [at] = parse("---\ntitle: @quartier\n---\n").problems
    assert at.message == "YAML-Syntaxfehler: Zeichen „@“ am Anfang eines Werts"


def test_a_quoted_value_over_several_lines_is_not_blamed():
    [problem] = parse('---\nsummary: "Ein langer\n  Text"\nvenue:\n  name: Hub\n city: Essen\n---\n').problems
    assert (problem.line, problem.field, problem.code) == (6, "venue.city", YamlCode.INDENT)


def test_tab_indentation_stays_accepted_and_a_tab_in_a_value_is_fine():
    doc = parse("---\ntitle: Werk\tstatt\nvenue:\n\tname: Hub\n\tcity: Essen\n---\n")
    assert doc.problems == [] and doc.fields["venue"].plain() == {"name": "Hub", "city": "Essen"}


def test_long_lines_give_a_short_fix():
    [problem] = parse("---\ntitle: Workshop: " + "Stadt " * 200 + "\n---\n").problems
    assert problem.code is YamlCode.COLON_IN_VALUE
    assert len(problem.expected) < 140 and problem.expected.endswith('…"')


ENGLISH = (
    "found",
    "expected",
    "while",
    "scanning",
    "parsing",
    "allowed",
    "token",
    "stream",
    "mapping",
    "indicator",
    "could not",
)
PIECES = list("[]{}:,-?&*!|>'\"#%@`.\\ \n\t") + [
    "- ",
    ": ",
    "? ",
    "...",
    "&a ",
    "*a",
    "\n  ",
    "\n    ",
    "\n\t",
    "title",
    "Werkstatt",
    "2027-05-06",
    "  - ",
]


def test_no_english_parser_text_reaches_editors(loader):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    messages = {text.split("{}")[0] for text in SYNTAX_MESSAGES.values()}

    @settings(
        max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
    def check(front_matter: str) -> None:
        text = "---\n" + front_matter + "\n---\n"
        for problem in parse(text).problems:
            assert 1 <= problem.line <= text.count("\n") + 1
            if isinstance(problem.code, YamlCode):
                said = problem.message.removeprefix("YAML-Syntaxfehler: ")
                assert said.startswith(SYNTAX_MESSAGES[problem.code].split("{}")[0]), problem
                assert any(said.startswith(m) for m in messages), problem
                assert not any(word in (problem.message + problem.expected).lower() for word in ENGLISH), problem

    check()


@pytest.mark.parametrize(
    "front_matter",
    [
        "title: Workshop: a" + " " * 150_000 + "b\n",  # a colon in the value, spaces after it
        "a" + " " * 150_000 + "b: c: d\n",  # a key with spaces
        'title: "a"' + " " * 150_000 + "b\n",  # text after the closing quote
        "title: A\n" + "x: y\n" * 30_000 + " z: w\n",  # the error at the end of many lines
    ],
    ids=["colon", "key", "quote", "lines"],
)
def test_syntax_messages_take_one_pass_over_the_lines(front_matter: str):
    import signal

    # A pattern that backtracks needs minutes here, one pass well under a second. The
    # deadline only catches the minutes: a busy machine's seconds must not fail the test
    # (timings are measured in bench/, not asserted here).
    def too_slow(signum: int, frame: object) -> None:
        raise TimeoutError("YAML-Fehlermeldung braucht mehr als 60 s: die Muster laufen nicht in einem Durchgang")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        [problem] = parse("---\n" + front_matter + "---\n").problems
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert isinstance(problem.code, YamlCode)
