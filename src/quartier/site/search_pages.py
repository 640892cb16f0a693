"""The searchable pages of a build, as Pagefind reads them, before any builder writes them.

The index is made from these documents while the builder renders the site
(``render.search.start_index``): the engine's pages carry their marked bodies, and the
theme adapter says what its templates mark on a hand-written page.
"""

from __future__ import annotations

from collections.abc import Mapping

from quartier.render.search import page_document
from quartier.render.theme import Theme
from quartier.site.build import SiteOutput
from quartier.site.site_paths import docs_page_url
from quartier.text.markup import RenderedBody


def search_documents(
    output: SiteOutput,
    docs_bodies: Mapping[str, RenderedBody],
    docs_meta: Mapping[str, Mapping[str, object]],
    theme: Theme,
) -> dict[str, str] | None:
    """HTML by site path for every page the index holds; ``None`` when a hand-written
    page's indexed text depends on the builder (then the finished site is indexed)."""
    documents = {
        page.url_path + "index.html": page_document(page.html, page.meta.title) for page in output.pages if page.search
    }
    for uri, body in docs_bodies.items():
        if uri not in output.docs_files:
            continue
        fields = docs_meta.get(uri, {})
        marked = theme.docs_search_body(fields, body.html)
        if marked is None:
            return None
        if marked:
            title = fields.get("title")
            documents[docs_page_url(uri) + "index.html"] = page_document(
                marked, title if isinstance(title, str) else ""
            )
    return documents


__all__ = ["search_documents"]
