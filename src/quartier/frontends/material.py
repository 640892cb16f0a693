"""The adapter for Material's templates: MkDocs with Material, and Zensical, which renders the same ones.

Everything the engine's pages must do for this theme family is here. The engine passes
plain text; this module decides how the theme gets it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

from quartier.render.theme import PageMeta


class MaterialTheme:
    """Material and Zensical write a page's title (into ``<title>``, the header, the
    navigation) and the table of contents without escaping, so those are escaped here,
    once. The description is written only by the site's own templates, which escape it."""

    def title(self, text: str) -> str:
        return html.escape(text, quote=True)

    def heading(self, text: str) -> str:
        """A table of contents entry, which Material writes as HTML."""
        return html.escape(text)

    def front_matter(self, meta: PageMeta) -> str:
        values: dict[str, object] = {
            "title": self.title(meta.title),
            "description": meta.description,
            # What the site's templates switch on. Only the engine writes it: a hand-written
            # page's front matter reaches the templates as docs_meta() makes it, and the
            # engine refuses any key there but the fields of DOCS_PAGE.
            "quartier": meta.kind,
            # The left sidebar would list this section's one entry: the page itself.
            "hide": ["navigation"],
        }
        values.update(meta.extra)
        # A JSON string is a valid YAML scalar; yaml.safe_dump cost more than rendering the page.
        lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in sorted(values.items()))
        return "---\n" + lines + "---\n\n"

    def docs_search_body(self, fields: Mapping[str, object], body: str) -> str | None:
        """What ``overrides/main.html`` gives the search index of a hand-written page: its
        body in ``data-pagefind-body`` with the kind "Seite", below the heading Material's
        ``partials/content.html`` puts there; ``""`` when ``search.exclude`` keeps it out.
        ``None`` when the body has no ``<h1>``: Material then writes the page's title as
        the builder found it (navigation, file name), which only the builder knows."""
        search = fields.get("search")
        if isinstance(search, Mapping) and search.get("exclude") is True:
            return ""
        if "<h1" not in body:
            return None
        return '<div data-pagefind-body><span data-pagefind-filter="art:Seite"></span>\n' + body + "\n</div>"

    def docs_meta(self, fields: Mapping[str, object]) -> dict[str, object]:
        """A hand-written page's checked front matter (``DocsPage.meta``) as the templates get it."""
        meta = {key: list(value) if isinstance(value, tuple) else value for key, value in fields.items()}
        title = meta.get("title")
        if isinstance(title, str):
            meta["title"] = self.title(title)
        return meta


MATERIAL = MaterialTheme()
