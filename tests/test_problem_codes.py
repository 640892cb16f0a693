"""Problem codes: what a problem is, for machines. Code and tests compare codes; only a few
tests read the German wording, as examples for editors.

The codes are declared per area (``class TimeCode(ProblemCode)``) beside the checks that
raise them; this file keeps them one namespace: unique, well formed, each one raised
somewhere, and carried by every problem the validator reports.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ContentFolder

import quartier
from quartier.problems import ProblemCode, all_codes, format_report

SOURCE = Path(quartier.__file__).parent
CORPUS = Path(__file__).parent / "corpus"
CODE_FORMAT = re.compile(r"^[a-z]+(-[a-z]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$")


def _import_every_module() -> list[str]:
    # By file, not pkgutil.walk_packages: most subpackages have no __init__.py (namespace
    # packages), and walk_packages does not descend into them.
    names = []
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        if parts[-1] in ("__main__", "__init__"):
            parts = parts[:-1] if parts[-1] == "__init__" else ()
        if parts:
            names.append(".".join(parts))
            importlib.import_module(names[-1])
    return names


@pytest.fixture(scope="module")
def codes() -> tuple[ProblemCode, ...]:
    imported = _import_every_module()
    assert {"quartier.content.times", "quartier.site.site_paths", "quartier.content.files.svg"} <= set(imported)
    return all_codes()


def test_every_area_declares_its_codes(codes: tuple[ProblemCode, ...]):
    areas = {type(code).__name__ for code in codes}
    assert {"LoadCode", "KindCode", "MomentCode", "TimeCode", "SeriesCode", "FileCode", "PathCode", "YamlCode"} <= areas


def test_codes_are_unique_and_well_formed(codes: tuple[ProblemCode, ...]):
    values = [code.value for code in codes]
    assert len(values) == len(set(values)), sorted(v for v in values if values.count(v) > 1)
    assert [v for v in values if not CODE_FORMAT.match(v)] == []


def test_every_declared_code_is_raised_somewhere(codes: tuple[ProblemCode, ...]):
    """A code nothing raises is a check that was removed, or never written."""
    used: set[tuple[str, str]] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                used.add((node.value.id, node.attr))
    unused = [f"{type(code).__name__}.{code.name}" for code in codes if (type(code).__name__, code.name) not in used]
    assert unused == []


def _corpus_cases() -> list[Path]:
    return sorted(p for kind in ("events", "projects", "programs") for p in (CORPUS / kind).glob("*.md"))


def test_every_problem_of_the_bad_input_corpus_has_a_code(folder: ContentFolder):
    """Every bad file at once: each problem carries a declared code, and the JSON report has it."""
    folder.write(
        "content/projects/buergerhaus-altendorf.md", "---\ntitle: Bürgerhaus Altendorf\ncity: Essen\n---\nA.\n"
    )
    for case in _corpus_cases():
        target = folder.root / "content" / case.parent.name / case.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case, target)
    problems = folder.validate().problems
    assert len(problems) >= len(_corpus_cases())
    declared = set(all_codes())
    assert [p.format_text() for p in problems if p.code not in declared] == []
    reported = json.loads(format_report(problems, "json"))
    assert [entry["code"] for entry in reported] == [p.code.value for p in sorted(problems) if p.code]
    # Many different checks fired, so the codes tell them apart.
    assert len({p.code for p in problems}) >= 30
