"""The ``quartier`` command: validate content and generate the site's pages and feeds."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from quartier.cache import project_cache
from quartier.config import ConfigError, SiteConfig, load_config, today_from_environment
from quartier.content.schema import ContentType
from quartier.editor.check_changes import CheckChangesError, check_changes
from quartier.editor.cms import (
    ADMIN_DIR,
    CONFIG_FILE,
    AdminMissing,
    AdminUnreadable,
    CmsError,
    admin_files,
    cms_config_is_stale,
    write_cms_config,
)
from quartier.editor.json_schema import SCHEMA_DIR, stale_schemas, write_schemas
from quartier.editor.local_form import FormCopyError, prepare_form_copy
from quartier.editor.new_file import TYPES, NewFileError, create, create_interactively, describe, options, with_today
from quartier.frontends.material import MATERIAL
from quartier.frontends.zensical import ZensicalError, build_site
from quartier.problems import errors_in, format_report
from quartier.render.search import INDEX_FOLDER, IndexJob, SearchIndexError, build_index, cancel_index, start_index
from quartier.site.build import build, check
from quartier.site.project import MARKER, ProjectError, output_folder_problem, write_project
from quartier.site.search_pages import search_documents

# argparse words its errors in English; editors run `quartier new`, so the ones a typing
# mistake causes are said in German (anything else keeps argparse's words).
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^unrecognized arguments: (?P<what>.*)$"), "unbekannte Angabe: {what} (--help zeigt alle)"),
    (re.compile(r"^the following arguments are required: (?P<what>.*)$"), "Pflichtangabe fehlt: {what}"),
    (re.compile(r"^argument (?P<what>\S+): expected one argument$"), "{what} braucht einen Wert"),
    (
        re.compile(r"^argument (?P<what>\S+): invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)$"),
        "{what}: {value} gibt es nicht (möglich: {choices})",
    ),
)


class _GermanParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for pattern, german in _ARGPARSE_ERRORS:
            match = pattern.match(message)
            if match is not None:
                message = german.format(**match.groupdict())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: Fehler: {message}\n")


def parser(types: Mapping[str, ContentType] = TYPES) -> argparse.ArgumentParser:
    """The command line; ``quartier new``'s options are the fields the declaration asks for
    (``types``, the real ones by default)."""
    parser = _GermanParser(prog="quartier", description="Quartier: Inhalte prüfen und Seiten erzeugen.")
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="Projektordner mit mkdocs.yml und content/ (Standard: .)"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="alle Inhalte prüfen und jeden Fehler melden")
    validate.add_argument("--format", choices=("text", "github", "json"), default="text")

    generate = commands.add_parser(
        "generate",
        help=(
            "ein vollständiges Projekt (mkdocs.yml ohne hooks:, Seiten, Dateien, "
            "Theme) für Builder ohne Hook schreiben, z. B. zensical build"
        ),
    )
    generate.add_argument("outdir", type=Path)
    generate.add_argument(
        "--zensical",
        action="store_true",
        help=(
            "im neuen Projekt auch „zensical build“ und den Suchindex ausführen; "
            "OUTDIR wird nur ersetzt, wenn alles gelang"
        ),
    )

    new = commands.add_parser("new", help="neue Inhaltsdatei mit allen Feldern anlegen")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="{" + ",".join(sorted(types)) + "}")
    for kind in sorted(types):
        ctype = types[kind]
        one = kinds.add_parser(kind, help=f"{ctype.label} in content/{ctype.folder}/")
        for option in options(ctype):
            one.add_argument(option.option, dest=option.answer, help=option.text)
        one.add_argument("--no-input", action="store_true", help="nicht nachfragen (für Skripte)")

    check = commands.add_parser("check-changes", help="Änderungen für Abonnenten gegenüber einer git-Basis prüfen")
    check.add_argument("--base", required=True, help="z. B. origin/main")
    check.add_argument("--format", choices=("text", "github"), default="text")

    schemas = commands.add_parser("schemas", help="JSON-Schemas nach schemas/ schreiben oder prüfen")
    schemas.add_argument("--check", action="store_true", help="nur prüfen, ob schemas/ aktuell ist")

    cms = commands.add_parser(
        "cms", help="Einstellungen des Formulars (/admin/) nach admin/config.yml schreiben oder prüfen"
    )
    cms.add_argument("--check", action="store_true", help="nur prüfen, ob admin/config.yml aktuell ist")
    cms.add_argument(
        "--local-copy",
        action="store_true",
        help=(
            "die Arbeitskopie .formular/ für das Formular auf diesem Rechner anlegen oder "
            "auffrischen und ihren Pfad ausgeben (make cms); Ihr Ordner bleibt unberührt"
        ),
    )

    index = commands.add_parser("index", help="Suchindex (Pagefind) für eine gebaute Website erstellen")
    index.add_argument("site", type=Path, help="Ordner der gebauten Website, z. B. site/")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root: Path = args.root
    if args.command == "index":
        # Needs only the built site and the Pagefind of --root: for builders that run no hooks.
        return _index(args.site, root)
    if not (root / "mkdocs.yml").is_file() and not (root / "content").is_dir():
        print(f"{root}: kein Quartier-Projekt (mkdocs.yml oder content/ fehlt)", file=sys.stderr)
        return 2
    try:
        config = load_config(root)
        if args.command == "validate":
            return _validate(config, args.format)
        if args.command == "new":
            return _new(config, args)
        if args.command == "check-changes":
            return _check_changes(config, args.base, args.format)
        if args.command == "schemas":
            return _schemas(config, args.check)
        if args.command == "cms" and args.local_copy:
            return _local_copy(config)
        if args.command == "cms":
            return _cms(config, args.check)
        return _generate(config, args.outdir, args.zensical)
    except ConfigError as exc:
        # A setting, not content: nothing was checked or written.
        print(f"Einstellung ungültig, abgebrochen:\n{exc}", file=sys.stderr)
        return 2


def _index(site: Path, root: Path) -> int:
    if not (site / "index.html").is_file():
        print(f"{site}: keine gebaute Website (index.html fehlt)", file=sys.stderr)
        return 2
    try:
        summary = build_index(site, root)
    except SearchIndexError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(summary or f"Suchindex in {site / INDEX_FOLDER} erstellt.", file=sys.stderr)
    return 0


def new_values(args: argparse.Namespace, types: Mapping[str, ContentType] = TYPES) -> dict[str, str]:
    """What ``quartier new``'s options gave, by answer name."""
    given = {option.answer: getattr(args, option.answer) for option in options(types[args.kind])}
    return {name: value for name, value in given.items() if value is not None}


def _new(config: SiteConfig, args: argparse.Namespace) -> int:
    values = new_values(args)
    try:
        if not args.no_input and sys.stdin.isatty():
            created = create_interactively(args.kind, values, config, input, _tell, today_from_environment())
        else:
            created = create(args.kind, with_today(args.kind, values, today_from_environment()), config)
    except NewFileError as exc:
        print(f"Nicht angelegt: {exc}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nAbgebrochen, nichts angelegt.", file=sys.stderr)
        return 1
    print(created.path.relative_to(config.root).as_posix())
    for warning in created.warnings:
        print(f"Warnung: {describe(warning)}", file=sys.stderr)
    return 0


def _tell(text: str) -> None:
    print(text, file=sys.stderr)


def _check_changes(config: SiteConfig, base: str, fmt: str) -> int:
    try:
        changes = check_changes(config, base, today_from_environment())
    except CheckChangesError as exc:
        print(f"check-changes: {exc}", file=sys.stderr)
        return 2
    for change in changes:
        print(change.format_github() if fmt == "github" else change.format_text())
    if not changes and fmt == "text":
        print("Keine Änderungen an Veranstaltungen.")
    return 1 if any(c.level == "fehler" for c in changes) else 0


def _schemas(config: SiteConfig, check: bool) -> int:
    folder = config.root / SCHEMA_DIR
    if check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"{SCHEMA_DIR}/{name} ist veraltet: quartier schemas ausführen", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(folder):
        print(path.relative_to(config.root).as_posix())
    return 0


def _cms(config: SiteConfig, check: bool) -> int:
    try:
        if check:
            if cms_config_is_stale(config):
                print(f"{ADMIN_DIR}/{CONFIG_FILE} ist veraltet: quartier cms ausführen", file=sys.stderr)
                return 1
            return 0
        path = write_cms_config(config)
    except CmsError as exc:
        print(f"Formular: {exc}", file=sys.stderr)
        return 1
    print(path.relative_to(config.root).as_posix())
    return 0


def _local_copy(config: SiteConfig) -> int:
    try:
        copy = prepare_form_copy(config.root, config.cms_branch)
    except FormCopyError as exc:
        print(f"Formular: {exc}", file=sys.stderr)
        return 1
    for note in copy.notes:
        print(note, file=sys.stderr)
    print(copy.path)
    return 0


def _validate(config: SiteConfig, fmt: str) -> int:
    # Content, paths and links without rendering: every page's address and content
    # file is known from the plan the build renders, so collisions need no HTML.
    with project_cache(config.root) as cache:
        result = check(config, today_from_environment(), cache)
    report = format_report(result.problems, fmt)
    if fmt == "json":
        print(report)
    elif report:
        print(report, file=sys.stdout if fmt == "github" else sys.stderr)
    errors = errors_in(result.problems)
    if fmt == "text":
        # What the check says besides the problems (the Git history).
        for warning in result.warnings:
            print(f"Warnung: {warning}", file=sys.stderr)
        for note in result.notes:
            print(f"Hinweis: {note}", file=sys.stderr)
        warnings = len(result.problems) - len(errors)
        summary = (
            f"{len(errors)} Fehler, {warnings} {'Warnung' if warnings == 1 else 'Warnungen'}"
            if result.problems
            else "Alle Inhalte sind in Ordnung."
        )
        print(summary, file=sys.stderr)
    return 1 if errors else 0


def _generate(config: SiteConfig, outdir: Path, zensical: bool = False) -> int:
    # OUTDIR is replaced as a whole: only a new, empty or earlier generated folder.
    refused = output_folder_problem(config, outdir)
    if refused is not None:
        print(refused, file=sys.stderr)
        return 2
    with project_cache(config.root) as cache:
        result = build(config, today_from_environment(), cache)
    if result.problems:
        print(format_report(result.problems), file=sys.stderr)
    if result.output is None:
        print(f"Abgebrochen: {len(errors_in(result.problems))} Fehler; {outdir} bleibt unverändert.", file=sys.stderr)
        return 1
    for warning in result.output.warnings:
        print(f"Warnung: {warning}", file=sys.stderr)
    for note in result.output.notes:
        print(f"Hinweis: {note}", file=sys.stderr)
    output = result.output
    try:
        # The form at /admin/ is a file like the feeds: other builders copy it as it is.
        output = replace(output, files={**output.files, **admin_files(config)})
    except AdminMissing as exc:
        print(f"Hinweis: {exc}", file=sys.stderr)
    except AdminUnreadable as exc:
        print(f"{exc}\nAbgebrochen; {outdir} bleibt unverändert.", file=sys.stderr)
        return 1
    summary: list[str] = []
    index: IndexJob | None = None
    try:
        if zensical:
            # Pagefind indexes the searchable pages on the second core while Zensical builds.
            validation = result.validation
            documents = search_documents(output, validation.docs_bodies, validation.docs_meta, MATERIAL)
            index = start_index(documents, config.root) if documents is not None else None
        write_project(
            config,
            output,
            result.validation.docs_bodies,
            outdir,
            MATERIAL,
            (lambda project: summary.append(build_site(project, config.root, index))) if zensical else None,
        )
    except (ProjectError, ZensicalError, SearchIndexError) as exc:
        print(f"{exc}\nAbgebrochen; {outdir} bleibt unverändert.", file=sys.stderr)
        return 1
    finally:
        if index is not None:
            cancel_index(index)  # nothing left to do when build_site finished it
    print(
        f"{len(output.pages)} Seiten, {len(output.files)} Dateien und {len(output.docs_files)} aus "
        f"{config.docs_dir}/ nach {outdir} geschrieben ({MARKER} kennzeichnet den Ordner); "
        + ("Zensical hat die Website gebaut." if zensical else "dort baut z. B. „zensical build“ die Website."),
        file=sys.stderr,
    )
    for line in summary:
        if line:
            print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
