"""The front matter loader: line numbers, YAML 1.1 traps, refused constructs."""

from __future__ import annotations

from pathlib import Path

from quartier.loading import load_document, parse_document


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
    path.write_bytes("\ufeff---\r\ntitle: Caf\u00e9\r\nvenue:\r\n\tname: Hub\r\n\tcity: Essen\r\n---\r\nText\r\n".encode("utf-8"))
    doc = load_document(path, "x.md")
    assert doc.problems == []
    assert doc.fields["title"].data == "Café"
    assert doc.fields["venue"].plain() == {"name": "Hub", "city": "Essen"}
    assert doc.body == "Text\n"


def test_duplicate_key_is_reported_with_both_lines():
    doc = parse("---\ntitle: A\nstart: 2022-01-01\ntitle: B\n---\n")
    [problem] = doc.problems
    assert (problem.line, problem.field) == (4, "title")
    assert "Zeile 2" in problem.message
    assert doc.fields["title"].data == "A"  # the first is kept, nothing silently replaced


def test_python_tags_are_refused_and_never_constructed():
    doc = parse("---\ntitle: A\nx: !!python/object/apply:os.system ['touch /tmp/pwned']\n---\n")
    [problem] = doc.problems
    assert problem.line == 3 and "!!python/object/apply:os.system" in problem.message
    assert doc.fields["x"].kind == "refused" and doc.fields["x"].data is None
    assert doc.fields["title"].data == "A"


def test_alias_bomb_is_refused_quickly():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    ) + "---\n"
    doc = parse(bomb)
    assert doc.problems and all("Aliase" in p.message for p in doc.problems)


def test_missing_closing_boundary_and_empty_file():
    assert "nicht abgeschlossen" in parse("---\ntitle: A\n").problems[0].message
    assert "leer" in parse("").problems[0].message
    assert "beginnt nicht" in parse("title: A\n").problems[0].message


def test_front_matter_that_is_not_a_mapping():
    [problem] = parse("---\n- a\n- b\n---\n").problems
    assert "Liste" in problem.message and problem.line == 2


def test_yaml_syntax_error_points_at_the_line():
    [problem] = parse("---\ntitle: A\nvenue: [unclosed\nstart: 2022-01-01\n---\n").problems
    assert problem.message.startswith("YAML-Syntaxfehler") and problem.line >= 3


def test_invalid_utf8_names_the_line(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_bytes(b"---\ntitle: ok\nsummary: caf\xe9\n---\n")
    [problem] = load_document(path, "x.md").problems
    assert problem.line == 3 and "UTF-8" in problem.message


def test_size_limit(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_bytes(b"---\ntitle: x\n---\n" + b"a" * 2000)
    [problem] = load_document(path, "x.md", max_bytes=1000).problems
    assert "zu groß" in problem.message
