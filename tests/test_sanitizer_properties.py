"""What reaches a visitor from an editor's body, whatever Markdown and HTML it holds.

Hypothesis writes bodies from pieces attackers use (dangerous elements, event handlers,
URLs with hidden schemes, attr_list blocks, reference links, comments that end early,
nesting) and every body goes through ``quartier.text.markup.render``, the one way editor text
becomes published HTML. The published HTML is then read back with an HTML parser and
checked against the policy, independently of the allowlist in ``quartier.sanitize``:
the test names what must never appear, so a widened allowlist cannot widen the test.

The hostile bodies in ``tests/hostile/`` (also used by the browser test) run through
the same checks as fixed examples.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quartier.text.markup import EXTENSION_CONFIGS, EXTENSIONS, render

try:  # a second, browser-grade reading when available (not a test dependency)
    import html5lib  # noqa: F401

    PARSERS: tuple[str, ...] = ("html.parser", "html5lib")
except ImportError:
    PARSERS = ("html.parser",)

HOSTILE = Path(__file__).parent / "hostile"
HOSTILE_FILES = sorted(HOSTILE.glob("*.md"))

pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")  # "<?xml" in bodies is the point

PROPERTIES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- the policy, stated on its own ----------------------------------------------------

FORBIDDEN_ELEMENTS = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "param",
        "svg",
        "math",
        "base",
        "meta",
        "link",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "option",
        "template",
        "noscript",
        "noembed",
        "noframes",
        "xmp",
        "plaintext",
        "title",
        "animate",
        "set",
        "use",
        "image",
        "foreignobject",
        "video",
        "audio",
        "source",
        "portal",
        "marquee",
        "body",
        "html",
        "head",
    }
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping")
FORBIDDEN_ATTRIBUTES = frozenset({"srcdoc", "srcset"})
"""An HTML document of its own; images from anywhere."""
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
ALIGNMENT = re.compile(r"^\s*text-align\s*:\s*(left|right|center|justify|start|end)\s*;?\s*$", re.IGNORECASE)

_EDGE = "".join(chr(c) for c in range(0x21))
_INSIDE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def browser_url(value: str) -> str:
    """The URL as a browser's URL parser sees it (WHATWG URL standard).

    Entities are already decoded by the HTML parser. Leading and trailing C0 controls
    and spaces are dropped, tabs and line breaks vanish anywhere (``java&#9;script:``
    is ``javascript:``); a space inside a scheme ends it, so ``java   script:`` is a
    harmless relative path, not a scheme.
    """
    return _INSIDE.sub("", value.strip(_EDGE))


def browser_scheme(value: str) -> str | None:
    match = _SCHEME.match(browser_url(value))
    return match.group(1).lower() if match else None


def reaches_another_host(value: str) -> bool:
    """``//host``, and the spellings a browser reads the same way (``/\\host``, ``\\\\host``)."""
    url = browser_url(value).replace("\\", "/")
    return browser_scheme(value) is not None or url.startswith("//")


def policy_violations(html: str) -> list[str]:
    """Everything in published HTML that the policy forbids, described for the failure."""
    found: list[str] = []
    for parser in PARSERS:
        soup = BeautifulSoup(html, parser)
        for element in soup.find_all(True):
            tag = element.name.lower()
            if tag in FORBIDDEN_ELEMENTS and not (parser == "html5lib" and tag in ("html", "head", "body")):
                found.append(f"[{parser}] element <{tag}>")
            for name, value in element.attrs.items():
                name = name.lower()
                value = " ".join(value) if isinstance(value, list) else str(value)
                if name.startswith("on"):
                    found.append(f"[{parser}] event handler {name}={value!r} on <{tag}>")
                if name in FORBIDDEN_ATTRIBUTES:
                    found.append(f"[{parser}] attribute {name}={value!r} on <{tag}>")
                if name in URL_ATTRIBUTES:
                    scheme = browser_scheme(value)
                    if scheme is not None and scheme not in SAFE_SCHEMES:
                        found.append(f"[{parser}] {name}={value!r} on <{tag}> has scheme {scheme}:")
                if name == "style" and not (tag in ("th", "td") and ALIGNMENT.match(value)):
                    found.append(f"[{parser}] style={value!r} on <{tag}>")
    return found


def foreign_images(html: str) -> list[str]:
    """``<img src>`` that would make the visitor's browser ask another server."""
    soup = BeautifulSoup(html, "html.parser")
    return [img["src"] for img in soup.find_all("img", src=True) if reaches_another_host(img["src"])]


# --- what changed between Markdown's output and the published HTML ------------------

_raw_converter = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)


def raw_html(source: str) -> str:
    """Python-Markdown's output before sanitizing, with the converter render() uses."""
    return _raw_converter.reset().convert(source)


def _inventory(html: str) -> Counter:
    """Elements and (element, attribute, value) as an HTML parser reads them."""
    items: Counter = Counter()
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        items[(element.name,)] += 1
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name == "style":  # Ammonia writes a kept declaration without spaces
                value = re.sub(r"\s+|;$", "", value)
            items[(element.name, name, value)] += 1
    return items


def significant_losses(raw: str, published: str) -> list[tuple[str, ...]]:
    """Elements and attributes in Markdown's output that the published HTML lacks."""
    return sorted((_inventory(raw) - _inventory(published)).keys())


# --- the bodies -----------------------------------------------------------------------

TAGS = st.sampled_from(
    [
        "script",
        "svg",
        "math",
        "style",
        "iframe",
        "img",
        "a",
        "noscript",
        "template",
        "object",
        "details",
        "input",
        "form",
        "base",
        "meta",
        "embed",
        "link",
        "textarea",
        "title",
        "select",
        "plaintext",
        "xmp",
        "noembed",
        "mglyph",
        "mtext",
        "annotation-xml",
        "foreignObject",
        "animate",
        "set",
        "use",
        "image",
        "button",
        "video",
        "source",
        "p",
        "div",
        "span",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "h2",
        "code",
        "pre",
        "ul",
        "li",
        "SCRIPT",
        "Svg",
        "IMG",
    ]
)
ATTRIBUTE_NAMES = st.sampled_from(
    [
        "onerror",
        "onload",
        "onclick",
        "onfocus",
        "ontoggle",
        "onmouseover",
        "onbegin",
        "OnError",
        "ONLOAD",
        "href",
        "src",
        "xlink:href",
        "formaction",
        "action",
        "srcdoc",
        "style",
        "data",
        "poster",
        "srcset",
        "background",
        "id",
        "class",
        "title",
        "alt",
        "autofocus",
        "open",
        "attributeName",
        "values",
        "to",
        "from",
        "http-equiv",
        "content",
        "markdown",
        "name",
        "on",
        "on\u00ad",
        "o\nnerror",
    ]
)
SCHEMED = st.sampled_from(
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&#x3A;alert(1)",
        "&#106avascript&#58alert(1)",
        "&#0000106;avascript:alert(1)",
        "java&#9;script:alert(1)",
        "java&#10;script:alert(1)",
        "java&#13;script:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        " &#1;javascript:alert(1)",
        "\x01javascript:alert(1)",
        "&#x20;javascript:alert(1)",
        "javascript&colon;alert(1)",
        "jav&#x09;ascript:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "livescript:alert(1)",
        "javascript://%0aalert(1)",
        "&Tab;javascript:alert(1)",
        "javascript&NewLine;:alert(1)",
        "//tracker.example.org/p.png",
        "/\\tracker.example.org/p.png",
        "\\\\tracker.example.org/p.png",
        "/&#9;/tracker.example.org/p.png",
        "https://tracker.example.org/p.png",
        "http://example.org/",
        "mailto:a@example.org",
        "tel:+49201",
        "plakat.png",
        "#__config",
        "../x",
        "",
    ]
)
OTHER_VALUES = st.sampled_from(
    [
        "alert(1)",
        "window.__pwned=1",
        "position:fixed;inset:0",
        "text-align:left",
        "text-align: right;",
        "text-align:left;background:url(https://tracker.example.org/x)",
        "color:red",
        "__config",
        "q-body",
        "md-content",
        "admonition note",
        "headerlink evil",
        "language-python",
        "1",
        "href",
        "onload",
        "refresh",
        "0;url=javascript:alert(1)",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "</style><img src=x onerror=alert(1)>",
        "<!--",
        "-->",
        "",
    ]
)
VALUES = st.one_of(SCHEMED, OTHER_VALUES)
SEPARATORS = st.sampled_from([" ", "/", "\n", "\t", "  ", " /"])


@st.composite
def attribute(draw) -> str:
    name = draw(ATTRIBUTE_NAMES)
    value = draw(VALUES)
    quoting = draw(st.sampled_from(['"{}"', "'{}'", "{}", "`{}`", None]))
    return draw(SEPARATORS) + name + ("" if quoting is None else "=" + quoting.format(value))


@st.composite
def start_tag(draw) -> str:
    return (
        "<"
        + draw(TAGS)
        + "".join(draw(st.lists(attribute(), max_size=3)))
        + draw(st.sampled_from([">", "/>", " >", "\n>"]))
    )


RAW_PIECES = st.sampled_from(
    [
        "<!--",
        "<!-->",
        "<!--->",
        "-->",
        "--!>",
        "<!---->",
        "<![CDATA[",
        "]]>",
        "<?xml",
        "?>",
        "</style>",
        "</noscript>",
        "</textarea>",
        "</title>",
        "</svg>",
        "</math>",
        "</p>",
        "</div>",
        "</script>",
        "</template>",
        "```",
        "~~~",
        "`",
        "&lt;",
        "&#60;",
        "<",
        ">",
        '"',
        "'",
        "Text",
        "Ein Absatz.",
        "\n",
        "\n\n",
    ]
)
LEAF = st.one_of(start_tag(), RAW_PIECES)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw) -> str:
        tag = draw(TAGS)
        attrs = "".join(draw(st.lists(attribute(), max_size=3)))
        inner = "".join(draw(st.lists(children, max_size=3)))
        close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag.upper()}>"]))
        return f"<{tag}{attrs}>{inner}{close}"

    return build()


HTML = st.recursive(LEAF, _element, max_leaves=8)


@st.composite
def attr_list(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["pair", "id", "class"]))
        if kind == "id":
            parts.append("#" + draw(st.sampled_from(["__config", "q-body", "md-content", "ok", "x"])))
        elif kind == "class":
            parts.append("." + draw(st.sampled_from(["admonition", "note", "md-typeset", "evil", "headerlink"])))
        else:
            quoting = draw(st.sampled_from(['"{}"', "'{}'", "{}"]))
            parts.append(
                draw(ATTRIBUTE_NAMES).replace("\n", "") + "=" + quoting.format(draw(VALUES).replace("\n", " "))
            )
    return "{: " + " ".join(parts) + " }"


URLS = SCHEMED.map(lambda url: url.replace("\n", "%0a"))


@st.composite
def block(draw) -> str:
    kind = draw(
        st.sampled_from(
            [
                "html",
                "paragraph",
                "attr_paragraph",
                "attr_heading",
                "attr_image",
                "attr_link",
                "link",
                "image",
                "reference",
                "admonition",
                "indented",
                "list",
                "md_in_html",
                "code_heading",
            ]
        )
    )
    html = draw(HTML)
    if kind == "html":
        return html
    if kind == "paragraph":
        return "Text " + html + " Text"
    if kind == "attr_paragraph":
        return "Ein Absatz " + html + "\n" + draw(attr_list())
    if kind == "attr_heading":
        return "## Titel " + html.replace("\n", " ") + " " + draw(attr_list())
    if kind == "attr_image":
        return f"![Bild]({draw(URLS)}){draw(attr_list())}"
    if kind == "attr_link":
        return f"[Link]({draw(URLS)}){draw(attr_list())}"
    if kind == "link":
        return f'[Link {html}]({draw(URLS)} "Titel")'
    if kind == "image":
        return f"![Bild]({draw(URLS)})"
    if kind == "reference":
        title = draw(st.sampled_from(["", ' "Titel"', " 'Titel'", " (Titel)"]))
        target = draw(URLS)
        target = draw(st.sampled_from([target, f"<{target}>"]))
        use = draw(st.sampled_from(["[Link][ref]", "[ref][]", "![Bild][ref]", "[![Bild](plakat.png)][ref]"]))
        definition = f"[ref]: {target}{title}"
        if draw(st.booleans()):
            return f'!!! note "Hinweis"\n    {use}\n\n    {definition}'
        return f"{use}\n\n{definition}"
    if kind == "admonition":
        return '!!! warning "Achtung"\n' + "\n".join("    " + line for line in html.split("\n"))
    if kind == "indented":
        return "<div>\n" + "\n".join("    " + line for line in html.split("\n")) + "\n</div>"
    if kind == "list":
        return "- Punkt\n\n" + "\n".join("    " + line for line in html.split("\n"))
    if kind == "md_in_html":
        return f"<div markdown>\n[Link]({draw(URLS)})\n{html}\n</div>"
    return "## `" + html.replace("\n", " ").replace("`", "") + "`"


BODIES = st.lists(block(), min_size=1, max_size=5).flatmap(
    lambda blocks: st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=len(blocks), max_size=len(blocks)).map(
        lambda joins: "".join(b + j for b, j in zip(blocks, joins, strict=True))
    )
)


# --- the properties -------------------------------------------------------------------


def _explain(source: str, published: str, problems: list) -> str:
    return f"\nMarkdown: {source!r}\nPublished: {published!r}\nProblems: {problems}"


@PROPERTIES
@given(BODIES)
@example("<svg><style><img src=x onerror=alert(1)></style></svg>")
@example('[x][r]\n\n[r]: java&#9;script:alert(1) "t"')
@example('<a href="java\tscript:alert(1)">x</a>\n\n[x](java\tscript:alert(1))')  # Markdown expands the tab
@example("<div markdown>\n[x](JaVaScRiPt:alert(1))\n</div>")
@example('![x](plakat.png){: onerror=alert(1) style="position:fixed" }')
def test_published_html_holds_nothing_executable(source: str) -> None:
    body = render(source)
    problems = policy_violations(body.html)
    assert not problems, _explain(source, body.html, problems)


@PROPERTIES
@given(BODIES)
@example("<!--> <img src=x onerror=alert(1)> -->")
@example('<a href="https://example.org/" href="javascript:alert(1)">x</a>')
@example("<div><td>x</td></div>")
def test_editor_is_told_what_the_sanitizer_removed(source: str) -> None:
    body = render(source)
    if body.refused:
        return  # nothing published, and the editor is told why
    losses = significant_losses(raw_html(source), body.html)
    assert not losses or body.removals, _explain(source, body.html, losses)


@PROPERTIES
@given(BODIES)
@example('<img src="/\\tracker.example.org/p.png">')
@example('<img src="/&#9;/tracker.example.org/p.png">')
def test_images_never_come_from_another_server(source: str) -> None:
    """The sanitizer's promise: images only relative, no request to another server."""
    body = render(source)
    found = foreign_images(body.html)
    assert not found, _explain(source, body.html, found)


# --- the fixed hostile bodies --------------------------------------------------------


@pytest.mark.parametrize("path", HOSTILE_FILES, ids=lambda p: p.stem)
def test_hostile_body_is_published_harmless(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    body = render(source)
    assert not body.refused, body.refused
    problems = policy_violations(body.html) + [f"image from another server: {src}" for src in foreign_images(body.html)]
    assert not problems, _explain(source, body.html, problems)
    losses = significant_losses(raw_html(source), body.html)
    assert not losses or body.removals, _explain(source, body.html, losses)
    if path.stem.startswith("benign--"):
        assert not body.removals, f"ordinary content reported as removed: {body.removals}"


def test_hostile_folder_is_there() -> None:
    assert len(HOSTILE_FILES) > 100, HOSTILE
