"""The ``quartier`` command: validate content and generate the site's pages and feeds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build
from .config import load_config, today_from_environment
from .output import write_output
from .problems import errors_in, format_report
from .validation import validate_site


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quartier", description="Quartier: Inhalte prüfen und Seiten erzeugen.")
    parser.add_argument("--root", type=Path, default=Path("."), help="Projektordner mit mkdocs.yml und content/ (Standard: .)")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="alle Inhalte prüfen und jeden Fehler melden")
    validate.add_argument("--format", choices=("text", "github", "json"), default="text")

    generate = commands.add_parser("generate", help="Seiten (Markdown) und Kalender-Dateien in einen Ordner schreiben")
    generate.add_argument("outdir", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root
    if not (root / "mkdocs.yml").is_file() and not (root / "content").is_dir():
        print(f"{root}: kein Quartier-Projekt (mkdocs.yml oder content/ fehlt)", file=sys.stderr)
        return 2
    config = load_config(root)
    if args.command == "validate":
        return _validate(config, args.format)
    return _generate(config, args.outdir)


def _validate(config, fmt: str) -> int:
    result = validate_site(config)
    report = format_report(result.problems, fmt)
    if fmt == "json":
        print(report)
    elif report:
        print(report, file=sys.stdout if fmt == "github" else sys.stderr)
    errors = errors_in(result.problems)
    if fmt == "text":
        summary = f"{len(errors)} Fehler, {len(result.problems) - len(errors)} Warnungen" if result.problems else "Alle Inhalte sind in Ordnung."
        print(summary, file=sys.stderr)
    return 1 if errors else 0


def _generate(config, outdir: Path) -> int:
    result = build(config, today_from_environment())
    if result.problems:
        print(format_report(result.problems), file=sys.stderr)
    if result.output is None:
        print(f"Abgebrochen: {len(errors_in(result.problems))} Fehler; {outdir} bleibt unverändert.", file=sys.stderr)
        return 1
    for warning in result.output.warnings:
        print(f"Warnung: {warning}", file=sys.stderr)
    write_output(result.output, outdir)
    print(f"{len(result.output.pages)} Seiten und {len(result.output.files)} Dateien nach {outdir} geschrieben.", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
