"""The page a preview shows while the content has errors (``make serve``, ``make cms``).

A build with errors writes no site; a preview server that stopped there would show the
editor nothing at all, neither the site nor why. So the preview serves this page at
every address instead, listing each problem as ``path:line``, until the next save
builds the site again. Standalone HTML: it must not depend on anything the failed build
would have made (the theme's pages, the stylesheet of ``docs/``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; color: #8a1c1c; }
ol { padding-left: 1.5rem; }
li { margin: 0 0 .75rem; overflow-wrap: anywhere; }
code { font: .95em/1.4 ui-monospace, monospace; background: #f3f3f3; padding: .1em .3em; }
a { color: #1a3a9c; }
"""


def error_page_html(problems: Sequence[str], site_name: str, admin: bool = False) -> str:
    """German HTML listing ``problems`` (each ``path:line: field: message (Erwartet: …)``)."""
    items = []
    for text in problems:
        where, sep, rest = text.partition(": ")
        if sep and ":" in where:
            items.append(f"<li><code>{html.escape(where)}</code>: {html.escape(rest)}</li>")
        else:
            items.append(f"<li>{html.escape(text)}</li>")
    count = len(problems)
    form = '<p>Im <a href="/admin/">Formular</a> lassen sich die Inhalte weiter bearbeiten.</p>' if admin else ""
    return (
        "<!doctype html>\n"
        '<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>Vorschau angehalten: {count} Fehler im Inhalt – {html.escape(site_name)}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>Die Vorschau zeigt gerade keine Website: {count} Fehler im Inhalt</h1>\n"
        "<p>Sobald die Fehler behoben und die Dateien gespeichert sind, baut die Vorschau die "
        "Website neu und diese Seite lädt sich von selbst neu.</p>\n"
        f"{form}"
        f'<ol class="q-problems">\n{chr(10).join(items)}\n</ol>\n'
        "<p>Was die Meldungen bedeuten, steht im Redaktionshandbuch unter „Was die Prüfung meldet“.</p>\n"
        "</main>\n</body>\n</html>\n"
    )
