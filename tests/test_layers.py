"""The engine's stages import one way: a module never imports a later stage.

The order is the pipeline (load → validate → model → render → feeds → site) with the
leaves first and the editor tools and front ends last. An upward import would let a
detail of the output leak into the content model; this test names the one that does.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "quartier"

LAYERS = {
    "quartier.text": 0,
    "quartier.paths": 0,
    "quartier.bounds": 0,
    "quartier.problems": 0,
    "quartier.config": 1,
    "quartier.cache": 0,
    "quartier.content": 2,
    "quartier.render": 3,
    "quartier.feeds": 4,
    "quartier.site": 5,
    "quartier.editor": 6,
    "quartier.frontends": 7,
}


def _layer(module: str) -> int | None:
    for prefix, layer in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return layer
    return None


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
