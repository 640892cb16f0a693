"""The adapter for Material's templates: MkDocs with Material, and Zensical, which renders the same ones.

Everything the engine's pages must do for this theme family is here. The engine passes
plain text; this module decides how the theme gets it.
"""

from __future__ import annotations

import html
import json

from quartier.render.theme import PageMeta


class MaterialTheme:
    """Material and Zensical write a page's title (into ``<title>``, the header, the search
    index), its description (into a meta attribute) and the table of contents without
    escaping, so every text is escaped here, once."""

    def title(self, text: str) -> str:
        return html.escape(text, quote=True)

    def heading(self, text: str) -> str:
        """A table of contents entry, which Material writes as HTML."""
        return html.escape(text)

    def front_matter(self, meta: PageMeta) -> str:
        values: dict[str, object] = {
            "title": self.title(meta.title),
            "description": html.escape(meta.description, quote=True),
            "quartier": meta.kind,
            # The left sidebar would list this section's one entry: the page itself.
            "hide": ["navigation"],
        }
        values.update(meta.extra)
        # A JSON string is a valid YAML scalar; yaml.safe_dump cost more than rendering the page.
        lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in sorted(values.items()))
        return "---\n" + lines + "---\n\n"


MATERIAL = MaterialTheme()
