"""The loader under hostile input: whatever the text, problems come back and nothing escapes.

Hypothesis builds front matter out of the shapes that used to get through to
Python's recursion, int() and the terminal: deep lists and mappings, long digit
strings in every YAML 1.1 number form, control characters and bare YAML
punctuation. The properties are the loader's contract: no exception, every
problem at a real line of the file.
"""

from __future__ import annotations

from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.content import loading
from quartier.content.loading import LoadCode, parse_document

FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Everything the loader has a rule for, and the characters around them.
CONTROLS = [chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]] + [
    "\u2028",
    "\u2029",
    "\ufffe",
    "\uffff",
    "\ufeff",
    "\u200e",
    "\u202e",
]
PUNCTUATION = list("[]{}:,-?&*!|>'\"#%@`. \n\t") + [
    "- ",
    ": ",
    "? ",
    "---",
    "...",
    "!!python/object:os.system",
    "&a ",
    "*a",
]


def nesting() -> st.SearchStrategy[str]:
    """A value nested ``depth`` times, in one of YAML's four ways of nesting, closed or not."""

    def build(style: str, depth: int, closed: bool) -> str:
        if style == "flow-seq":
            return "[" * depth + ("]" * depth if closed else "")
        if style == "flow-map":
            return "{a: " * depth + "1" + ("}" * depth if closed else "")
        if style == "block-seq":
            return "\n  " + "- " * depth + "1"
        depth = min(depth, 300)  # block mappings grow quadratically with their indentation
        return "\n" + "".join("  " * (level + 1) + "a:\n" for level in range(depth)) + "  " * (depth + 1) + "b: 1"

    return st.builds(
        build,
        st.sampled_from(["flow-seq", "flow-map", "block-seq", "block-map"]),
        st.one_of(st.integers(0, 20), st.integers(0, 20_000)),
        st.booleans(),
    )


def number() -> st.SearchStrategy[str]:
    """Number-looking text in each YAML 1.1 form, from tiny to thousands of digits."""
    digits = st.one_of(st.text("0123456789_", max_size=30), st.integers(0, 6_000).map(lambda n: "9" * n))
    return st.one_of(
        st.builds(
            lambda sign, prefix, body: sign + prefix + body,
            st.sampled_from(["", "-", "+"]),
            st.sampled_from(["", "0", "0b", "0x", "0o"]),
            digits,
        ),
        st.builds(
            lambda head, parts: head + "".join(":" + p for p in parts),
            digits,
            st.lists(st.sampled_from(["00", "59", "5", "_"]), max_size=400),
        ),
        st.builds(
            lambda a, b, e: f"{a}.{b}e{e}",
            digits,
            st.text("0123456789_", max_size=10),
            st.sampled_from(["+99999", "-99999", "+5", "99999"]),
        ),
        st.sampled_from([".inf", "-.inf", ".nan", "0b_", "0x_", "_", "1e99999", "1.0e+99999"]),
    )


def noise() -> st.SearchStrategy[str]:
    return st.lists(
        st.one_of(st.sampled_from(CONTROLS), st.sampled_from(PUNCTUATION), st.text(max_size=5)), max_size=60
    ).map("".join)


def value() -> st.SearchStrategy[str]:
    return st.one_of(nesting(), number(), noise())


front_matters = st.lists(
    st.tuples(st.sampled_from(["title", "start", "venue", "tags", "x", "lat"]), value()), min_size=1, max_size=6
)


def document(fields: list[tuple[str, str]], body: str) -> str:
    return "---\n" + "".join(f"{name}: {text}\n" for name, text in fields) + "---\n" + body


def check(text: str) -> None:
    doc = parse_document(text, "content/events/x.md", "x")
    lines = text.count("\n") + 1
    for problem in doc.problems:
        assert 1 <= problem.line <= lines + 1, problem
        assert problem.message and problem.path == "content/events/x.md"
        problem.format_text()
        problem.format_github()


@FUZZ
@given(front_matters, noise())
def test_hostile_front_matter_gives_problems_not_exceptions(fields, body):
    check(document(fields, body))


@FUZZ
@given(front_matters, noise())
def test_hostile_front_matter_with_the_pure_python_parser(fields, body):
    # The pure parser is what runs where PyYAML was built without libyaml.
    with mock.patch.object(loading, "_Loader", yaml.SafeLoader):
        check(document(fields, body))


@FUZZ
@given(noise())
def test_raw_noise_without_front_matter_structure(text):
    check(text)
    check("---\n" + text + "\n---\n")


@pytest.mark.parametrize(
    "value",
    [
        "[" * 100_000 + "]" * 100_000,
        "[" * 100_000,
        "{a: " * 100_000 + "1" + "}" * 100_000,
        "\n  " + "- " * 100_000 + "1",
    ],
    ids=["flow-seq", "flow-seq-unclosed", "flow-map", "block-seq"],
)
def test_hundred_thousand_levels_give_exactly_one_nesting_problem(value):
    # Before the limit existed this crashed the interpreter (libyaml's composer
    # recursing in C). The parser walk stops after eleven levels, so the work does
    # not grow with the depth; no wall time is asserted.
    doc = parse_document("---\ntitle: A\ntags: " + value + "\n---\nText\n", "content/events/x.md", "x")
    [problem] = doc.problems
    assert (problem.code, problem.line) == (LoadCode.TOO_DEEP, 3 + value.startswith("\n"))
