"""Figures for issue 29's closing note: the largest class, the largest function and the
uses of ``typing.Any`` in ``src/``, counted from the syntax tree (not from text, so a
docstring that says "Any" does not count).

    python tools/code_figures.py [src]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def figures(root: Path) -> dict[str, object]:
    classes: list[tuple[int, str]] = []
    functions: list[tuple[int, str]] = []
    any_uses = 0
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(root.parent).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes.append((_length(node), f"{where}:{node.lineno} {node.name}"))
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                functions.append((_length(node), f"{where}:{node.lineno} {node.name}"))
            elif isinstance(node, ast.Name) and node.id == "Any":
                any_uses += 1
            elif isinstance(node, ast.Attribute) and node.attr == "Any":
                any_uses += 1
    classes.sort(reverse=True)
    functions.sort(reverse=True)
    return {
        "largest classes": classes[:3],
        "largest functions": functions[:3],
        "Any (uses in annotations and code, imports excluded)": any_uses,
    }


def _length(node: ast.AST) -> int:
    end = getattr(node, "end_lineno", None) or 0
    start = getattr(node, "lineno", 0)
    decorators = getattr(node, "decorator_list", [])
    if decorators:
        start = min(start, *(d.lineno for d in decorators))
    return end - start + 1


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "src/quartier")
    for name, value in figures(root).items():
        print(f"{name}:")
        if isinstance(value, list):
            for lines, where in value:
                print(f"  {lines:5d} lines  {where}")
        else:
            print(f"  {value}")
