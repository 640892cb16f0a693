"""The engine's stages import one way: a module never imports a later stage.

The order is the pipeline (load → validate → model → render → feeds → site) with the
leaves first and the editor tools and front ends last. An upward import would let a
detail of the output leak into the content model; this test names the one that does.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "quartier"

LAYERS = {
    "quartier.text": 0,
    "quartier.paths": 0,
    "quartier.bounds": 0,
    "quartier.problems": 0,
    # A leaf: it keeps what a function of one input computes and knows no content.
    "quartier.cache": 0,
    "quartier.config": 1,
    "quartier.content": 2,
    # The rule as iCalendar spells it: the feeds write it, and so does the Google
    # Calendar link on an event's page (one spelling). It reads only the content model.
    "quartier.feeds.ical.rrule": 3,
    "quartier.render": 4,
    "quartier.feeds": 5,
    "quartier.site": 6,
    "quartier.editor": 7,
    "quartier.frontends": 8,
}


def _layer(module: str) -> int | None:
    """The layer of the longest prefix that names ``module``."""
    matches = [prefix for prefix in LAYERS if module == prefix or module.startswith(prefix + ".")]
    return LAYERS[max(matches, key=len)] if matches else None


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names if node.module == "quartier"]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def test_every_module_has_a_layer() -> None:
    missing = [
        _module_name(p)
        for p in PACKAGE.rglob("*.py")
        if _layer(_module_name(p)) is None and _module_name(p) not in ("quartier", "quartier.__main__")
    ]
    assert missing == []


def test_no_module_imports_a_later_stage() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        own = _layer(name)
        if own is None:
            continue
        for line, imported in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            target = _layer(imported)
            if target is not None and target > own:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {name} imports {imported}")
    assert upward == []


def test_the_engine_imports_nothing_of_a_builder() -> None:
    for path in PACKAGE.rglob("*.py"):
        for _line, imported in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            assert imported.split(".")[0] not in ("mkdocs", "material", "zensical"), path


CONTENT = PACKAGE / "content"

WORDING_MODULES = ("quartier.render.wording", "quartier.text.german_rules")
"""Where the site's German words for dates of a series live."""


def _public_names(path: Path) -> set[str]:
    """The functions, classes and constants a module defines at its top level, private ones left out."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {target.id for target in targets if isinstance(target, ast.Name)}
    return {name for name in names if not name.startswith("_")}


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """The string constants of a module that are values; docstrings (of modules, classes,
    functions and attributes) are left out: they may quote the RFC."""
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_the_wording_modules_hold_the_known_wording() -> None:
    """The names the next test looks for are where the words are (else it checks nothing)."""
    defined = set().union(*(_public_names(_path(module)) for module in WORDING_MODULES))
    assert {"rule_text", "occurrence_note", "occurrence_when", "DAY_NAMES", "STATUS_WORDS"} <= defined


def _path(module: str) -> Path:
    return PACKAGE.parent.joinpath(*module.split(".")).with_suffix(".py")


def test_the_site_s_wording_stays_out_of_content() -> None:
    """content/ computes; how the site says a rule or a date of a series is decided in
    text/ and render/. No module in content/ defines a name of the wording modules
    (``rule_text``, ``occurrence_note``, ``DAY_NAMES``, …) or imports render/."""
    wording = set().union(*(_public_names(_path(module)) for module in WORDING_MODULES))
    found = []
    for path in sorted(CONTENT.rglob("*.py")):
        where = path.relative_to(PACKAGE.parent)
        found += [f"{where}: defines {name}" for name in sorted(_public_names(path) & wording)]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            f"{where}:{line}: imports {name}" for line, name in _imports(tree) if name.startswith("quartier.render")
        ]
    assert found == []


def test_icalendar_encoding_stays_out_of_content() -> None:
    """The RRULE and every other iCalendar spelling are the feeds' (``feeds/ical/``):
    content/ neither imports icalendar nor writes rule parts like ``FREQ=`` or ``BYDAY``."""
    found = []
    for path in sorted(CONTENT.rglob("*.py")):
        where = path.relative_to(PACKAGE.parent)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            f"{where}:{line}: imports {name}"
            for line, name in _imports(tree)
            if name.split(".")[0] == "icalendar" or name.startswith("quartier.feeds")
        ]
        found += [
            f"{where}:{line}: {text!r}"
            for line, text in _strings(tree)
            if re.search(r"\b(RRULE|FREQ|UNTIL|COUNT|INTERVAL|BYDAY|BYMONTHDAY|WKST|EXDATE)\b", text)
        ]
    assert found == []
