"""Properties of the SVG and CSS allowlists, on generated files.

Hypothesis builds SVGs from a mix of allowed and refused pieces (elements, namespaces and
prefixes, attributes, links written with character references, styles, DTDs, processing
instructions) in UTF-8, UTF-16 and Latin-1, and stylesheets from allowed and refused
declarations and at-rules, nested at random. For each, the test knows from its own lists
whether something refused went in, and checks:

- a file is accepted exactly when nothing refused went in (nothing slips through, and
  nothing harmless is refused);
- what is accepted, parsed again by another parser (ElementTree for SVG; a plain scan for
  CSS), holds only allowlisted elements and attributes in the SVG namespace, no script in
  any namespace, and ``url()``/``href`` only to ``#name`` or to files the site publishes;
- the engine's output is its own fixed point (writing it again changes nothing), and the
  SVG's elements are the generated ones, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from defusedxml.ElementTree import fromstring
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quartier.content.files.css import clean_stylesheet, published_file
from quartier.content.files.svg import clean_svg

PROPERTIES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SVG = "http://www.w3.org/2000/svg"
XHTML = "http://www.w3.org/1999/xhtml"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

# The test's own lists: a subset of the engine's allowlist, and things it must refuse.
ALLOWED_ELEMENTS = ["g", "rect", "circle", "path", "text", "tspan", "defs", "title", "clipPath", "filter"]
HREF_ELEMENTS = ["use", "linearGradient", "pattern"]
REFUSED_ELEMENTS = [
    "script",
    "Script",
    "foreignObject",
    "animate",
    "set",
    "image",
    "a",
    "iframe",
    "metadata",
    "feImage",
    "handler",
    "namedview",
]
ALLOWED_ATTRIBUTES = [
    ("width", "3"),
    ("x", "1.5"),
    ("fill", "#abc"),
    ("fill", "url(#g)"),
    ("clip-path", "url('#c')"),
    ("style", "fill: red; stroke: url(#g)"),
    ("class", "a b"),
    ("id", "g"),
    ("data-name", "Ebene 1"),
    ("transform", "rotate(45) translate(1 2)"),
    ("d", "M0 0L1 1Z"),
    ("font-family", "'Open Sans', sans-serif"),
    ("xml:space", "preserve"),
]
REFUSED_ATTRIBUTES = [
    ("onload", "alert(1)"),
    ("ONCLICK", "alert(1)"),
    ("onbegin", "x"),
    ("fill", "url(https://t.example/p.svg#g)"),
    ("style", "background: url(//t.example/p.png)"),
    ("style", "fill: u\\72 l(https://t.example/p)"),
    ("fill", "u\\72 l(https://t.example/p.svg#g)"),
    ("stroke", "URL(//t.example/p.svg#g)"),
    ("style", "@import 'x.css'"),
    ("style", "background: image-set('https://t.example/p.png' 1x)"),
    ("mask", "url(&quot;https://t.example/m.svg#m&quot;)"),
    ("filter", "url(&#104;ttps://t.example/#f)"),
    ("cursor", "url(c.png), auto"),
    ("xml:base", "https://t.example/"),
    ("inkscape:label", "Ebene"),
    ("href", "#g"),  # refused on elements that may not point anywhere
]
ALLOWED_HREFS = ["#g", "#verlauf-1", "#a.b:c"]
REFUSED_HREFS = [
    "javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x4A;avascript:alert(1)",
    "java&#9;script:alert(1)",
    "java&#x0A;script:alert(1)",
    " #g",
    "https://t.example/s.svg#x",
    "//t.example/s.svg#x",
    "data:image/svg+xml,%3Csvg%20onload=alert(1)%3E",
    "andere.svg#x",
    "",
]
TEXTS = ["", "Häuser", "A &amp; B", "&lt;script&gt;alert(1)&lt;/script&gt;", "&#228;&#x20AC;", " \n  "]
ALLOWED_STYLES = [".a { fill: red }", "@media print { .a { fill: url(#g) } }", "text { font: 2px sans-serif }"]
REFUSED_STYLES = [
    "@import url(https://t.example/x.css);",
    ".a { background: url(https://t.example/p.png) }",
    "@\\69mport 'x.css';",
    ".a { background-image: image-set('//t.example/p.png' 1x) }",
    "@font-face { font-family: X; src: url(https://t.example/x.woff2) }",
    ".a { fill: url(&quot;data:image/svg+xml,x&quot;) }",
]


@dataclass
class Node:
    namespace: str
    prefix: str | None
    local: str
    attributes: list[tuple[str, str]]
    children: list[Node] = field(default_factory=list)
    text: str = ""
    refused: bool = False


@st.composite
def nodes(draw: st.DrawFn, depth: int, clean: bool) -> Node:
    """An element with children; ``clean``: only from the allowed pools (half the files,
    so that accepted files are as well explored as refused ones)."""
    namespace = SVG if clean else draw(st.sampled_from([SVG, SVG, SVG, SVG, XHTML, "urn:x-fremd", ""]))
    prefix = draw(st.sampled_from([None, None, "s", "x", "html"]))
    if namespace == "":
        prefix = None  # an empty namespace cannot be bound to a prefix
    kind = draw(st.sampled_from(["allowed", "allowed", "allowed", "href", "style"] + ([] if clean else ["refused"])))
    refused = namespace != SVG
    attributes: list[tuple[str, str]] = []
    text = draw(st.sampled_from(TEXTS))
    if kind == "allowed":
        local = draw(st.sampled_from(ALLOWED_ELEMENTS))
    elif kind == "href":
        local = draw(st.sampled_from(HREF_ELEMENTS))
        link = draw(st.sampled_from(ALLOWED_HREFS + ([] if clean else REFUSED_HREFS)))
        attributes.append((draw(st.sampled_from(["href", "xlink:href"])), link))
        refused = refused or link not in ALLOWED_HREFS
    elif kind == "style":
        local = "style"
        text = draw(st.sampled_from(ALLOWED_STYLES + ([] if clean else REFUSED_STYLES)))
        refused = refused or text in REFUSED_STYLES
        if draw(st.booleans()):
            text = f"<![CDATA[{text}]]>"
    else:
        local = draw(st.sampled_from(REFUSED_ELEMENTS))
        refused = True
    pool = ALLOWED_ATTRIBUTES + ([] if clean else REFUSED_ATTRIBUTES)
    for name, value in draw(st.lists(st.sampled_from(pool), max_size=3)):
        if any(name == seen for seen, _ in attributes):
            continue  # XML allows each attribute once
        attributes.append((name, value))
        if (name, value) == ("href", "#g") and local in HREF_ELEMENTS:
            continue  # where a link to a part of the file is allowed
        refused = refused or (name, value) in REFUSED_ATTRIBUTES
    children = [] if depth == 0 or local == "style" else draw(st.lists(nodes(depth - 1, clean), max_size=3))
    return Node(namespace, prefix, local, attributes, children, text, refused)


@dataclass
class Generated:
    data: bytes
    refused: bool
    elements: list[str]
    """The allowed elements in document order (what an accepted file must still hold)."""


def serialize(node: Node, out: list[str]) -> None:
    tag = f"{node.prefix}:{node.local}" if node.prefix else node.local
    declaration = f' xmlns:{node.prefix}="{node.namespace}"' if node.prefix else f' xmlns="{node.namespace}"'
    attributes = "".join(f' {name}="{value}"' for name, value in node.attributes)
    out.append(f"<{tag}{declaration}{attributes}>{node.text}")
    for child in node.children:
        serialize(child, out)
    out.append(f"</{tag}>")


def walk(node: Node) -> list[Node]:
    found = [node]
    for child in node.children:
        found += walk(child)
    return found


REFUSED_PROLOGS = [
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n',
    '<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]>\n',
    '<?xml-stylesheet href="https://t.example/x.css"?>\n',
]


@st.composite
def svgs(draw: st.DrawFn) -> Generated:
    """A third clean, a third with exactly one refused piece somewhere (the sharpest test
    of the allowlist), a third with refused pieces anywhere."""
    mode = draw(st.sampled_from(["clean", "one", "many"]))
    clean = mode != "many"
    root = Node(SVG, draw(st.sampled_from([None, "s"])), "svg", [], draw(st.lists(nodes(2, clean), max_size=4)))
    if draw(st.booleans()):
        root.attributes.append(("viewBox", "0 0 10 10"))
    prolog = draw(st.sampled_from(["", "<!-- Kommentar -->\n"] + ([] if clean else REFUSED_PROLOGS)))
    if mode == "one":
        prolog = inject(draw, root, prolog)
    elif mode == "many" and draw(st.integers(0, 9)) == 0:
        root.local, root.refused = draw(st.sampled_from(["html", "g", "Svg"])), True
    out: list[str] = []
    serialize(root, out)
    body = "".join(out).replace("<svg ", f'<svg xmlns:xlink="{XLINK}" xmlns:inkscape="urn:inkscape" ', 1)
    body = body.replace("<s:svg ", f'<s:svg xmlns:xlink="{XLINK}" xmlns:inkscape="urn:inkscape" ', 1)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-declared", "utf-16", "utf-16-be", "latin-1"]))
    text = prolog + body + "\n"
    if encoding == "utf-8":
        data = text.encode("utf-8")
    elif encoding == "utf-8-declared":
        data = ('<?xml version="1.0" encoding="UTF-8"?>\n' + text).encode("utf-8")
    elif encoding == "latin-1":
        data = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n' + text).encode("latin-1", errors="replace")
    else:
        data = ("\ufeff" + '<?xml version="1.0" encoding="UTF-16"?>\n' + text).encode(
            "utf-16-le" if encoding == "utf-16" else "utf-16-be"
        )
    everything = walk(root)
    refused = prolog in REFUSED_PROLOGS or any(n.refused for n in everything)
    # Inside a refused element nothing is looked at, so only the allowed ones count.
    return Generated(data, refused, [n.local for n in everything if not n.refused])


def inject(draw: st.DrawFn, root: Node, prolog: str) -> str:
    """Put one refused piece into a clean tree; the prolog, changed or not."""
    fault = draw(st.sampled_from(["element", "namespace", "attribute", "href", "style", "prolog", "root"]))
    target = draw(st.sampled_from([n for n in walk(root) if n.local != "style"]))
    if fault == "element":
        target.children.append(Node(SVG, None, draw(st.sampled_from(REFUSED_ELEMENTS)), [], refused=True))
    elif fault == "namespace":
        namespace = draw(st.sampled_from([XHTML, "urn:x-fremd", ""]))
        prefix = None if namespace == "" else draw(st.sampled_from([None, "s", "html"]))
        target.children.append(Node(namespace, prefix, draw(st.sampled_from(ALLOWED_ELEMENTS)), [], refused=True))
    elif fault == "attribute":
        name, value = draw(st.sampled_from(REFUSED_ATTRIBUTES))
        if name == "href" and target.local in HREF_ELEMENTS:
            target = root
        target.attributes = [a for a in target.attributes if a[0] != name] + [(name, value)]
        target.refused = True
    elif fault == "href":
        link = draw(st.sampled_from(REFUSED_HREFS))
        name = draw(st.sampled_from(["href", "xlink:href"]))
        target.children.append(Node(SVG, None, draw(st.sampled_from(HREF_ELEMENTS)), [(name, link)], refused=True))
    elif fault == "style":
        target.children.append(Node(SVG, None, "style", [], [], draw(st.sampled_from(REFUSED_STYLES)), True))
    elif fault == "prolog":
        return draw(st.sampled_from(REFUSED_PROLOGS))
    else:
        root.local, root.refused = draw(st.sampled_from(["html", "g", "Svg"])), True
    return prolog


_LOCAL = re.compile(r"#[A-Za-z_][A-Za-z0-9_.:\-]*")
_URL = re.compile(r"url\(\s*(['\"]?)([^'\")\s]*)\1\s*\)", re.IGNORECASE)
ALL_ALLOWED_ELEMENTS = {*ALLOWED_ELEMENTS, *HREF_ELEMENTS, "svg", "style"}
ALL_ALLOWED_ATTRIBUTES = {"viewBox"} | {name for name, _ in ALLOWED_ATTRIBUTES if ":" not in name}


def assert_only_allowlisted(data: bytes) -> None:
    """The engine's SVG, read by ElementTree: only what the test itself allows."""
    root = fromstring(data, forbid_dtd=True)
    for element in root.iter():
        namespace, local = element.tag[1:].split("}")
        assert namespace == SVG and local in ALL_ALLOWED_ELEMENTS, element.tag
        assert "script" not in local.lower()
        for key, value in element.attrib.items():
            if key in (f"{{{XLINK}}}href", "href"):
                assert local in HREF_ELEMENTS and _LOCAL.fullmatch(value), (key, value)
            else:
                assert key in ALL_ALLOWED_ATTRIBUTES or key == f"{{{XML}}}space", key
            assert_css_is_local(value)
        if local == "style":
            assert_css_is_local(element.text or "")


def assert_css_is_local(text: str) -> None:
    lowered = text.lower()
    assert "\\" not in text and "@import" not in lowered and "javascript:" not in lowered
    assert "image-set" not in lowered and "src(" not in lowered
    assert lowered.count("url(") == len(_URL.findall(text))
    for _, target in _URL.findall(text):
        assert _LOCAL.fullmatch(target), target


@PROPERTIES
@given(svgs())
@example(Generated(b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', False, ["svg", "rect"]))
def test_an_svg_is_accepted_exactly_when_it_holds_nothing_refused(generated: Generated):
    cleaned = clean_svg(generated.data)
    assert cleaned.ok == (not generated.refused), (generated.data, cleaned.flaws)
    if not cleaned.ok:
        assert cleaned.data == b"" and all(flaw.line >= 1 for flaw in cleaned.flaws)
        return
    assert_only_allowlisted(cleaned.data)
    assert [element.tag.split("}")[1] for element in fromstring(cleaned.data).iter()] == generated.elements
    assert clean_svg(cleaned.data).data == cleaned.data


# -- CSS ----------------------------------------------------------------------------

PUBLISHED = frozenset({"bilder/logo.png", "stylesheets/site.css", "index.md"})
ALLOWED_DECLARATIONS = [
    "color: red",
    "background: url(../bilder/logo.png) no-repeat",
    "background: url('../bilder/logo.png')",
    "background: URL( ../bilder/logo.png )",
    "mask: url(#maske)",
    "background-image: image-set('../bilder/logo.png' 1x, url(../bilder/logo.png) 2x)",
    "content: 'https://nur-ein-text.example'",
    "--abstand: 1px",
    "font-family: 'Open Sans', sans-serif",
]
REFUSED_DECLARATIONS = [
    "background: url(https://t.example/p.png)",
    "background: url(//t.example/p.png)",
    "background: url('data:image/png;base64,AAAA')",
    "background: url(fehlt.png)",
    "background: url(../index.md)",
    "background: url(/bilder/logo.png)",
    "background: url(../../content/x.png)",
    "background: u\\72 l(https://t.example/p.png)",
    "background-image: image-set('https://t.example/p.png' 1x)",
    "background-image: image-set(var(--bild) 1x)",
    "--bild: url(https://t.example/p.png)",
    "width: expression(alert(1))",
    "background: url(javascript:alert(1))",
    "background: src('https://t.example/p.png')",
]
ALLOWED_AT_RULES = ["@charset 'utf-8';", "@font-face { font-family: L; src: local(Arial) }", "@layer basis;"]
REFUSED_AT_RULES = [
    "@import 'andere.css';",
    "@import url(https://t.example/x.css);",
    "@namespace svg url(http://www.w3.org/2000/svg);",
    "@font-face { font-family: X; src: url(https://t.example/x.woff2) }",
    "@-moz-document url-prefix() { .a { color: red } }",
    "@\\69mport 'x.css';",
]


@st.composite
def stylesheets(draw: st.DrawFn) -> tuple[str, bool]:
    parts: list[str] = []
    refused = False
    clean = draw(st.booleans())
    at_rules = ALLOWED_AT_RULES + ([] if clean else REFUSED_AT_RULES)
    declaration_pool = ALLOWED_DECLARATIONS + ([] if clean else REFUSED_DECLARATIONS)
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.integers(0, 3)) == 0:
            rule = draw(st.sampled_from(at_rules))
            refused = refused or rule in REFUSED_AT_RULES
        else:
            declarations = draw(st.lists(st.sampled_from(declaration_pool), max_size=3))
            refused = refused or any(d in REFUSED_DECLARATIONS for d in declarations)
            selector = draw(st.sampled_from([".a", "#b", "a:hover", ".x > .y", "html body"]))
            rule = f"{selector} {{ {'; '.join(declarations)} }}"
            wrapper = draw(
                st.sampled_from(["{}", "@media screen {{ {} }}", "@supports (display: grid) {{ {} }}", ".p {{ {} }}"])
            )
            rule = wrapper.format(rule)
        parts.append(rule)
        if draw(st.booleans()):
            parts.append("/* Kommentar */")
    return "\n".join(parts) + "\n", refused


_IMAGE_SET = re.compile(r"image-set\(([^()]*(?:\([^()]*\)[^()]*)*)\)", re.IGNORECASE)
_STRING = re.compile(r"'([^']*)'|\"([^\"]*)\"")


@PROPERTIES
@given(stylesheets())
def test_a_stylesheet_is_accepted_exactly_when_it_loads_only_published_files(sheet: tuple[str, bool]):
    text, refused = sheet
    cleaned = clean_stylesheet(text, published_file("stylesheets/site.css", PUBLISHED))
    assert cleaned.ok == (not refused), (text, cleaned.flaws)
    if not cleaned.ok:
        return
    output = cleaned.data.decode("utf-8")
    without_comments = re.sub(r"/\*.*?\*/", "", output, flags=re.DOTALL)
    lowered = without_comments.lower()
    assert "\\" not in output and "@import" not in lowered and "@namespace" not in lowered
    assert "expression(" not in lowered and "javascript:" not in lowered
    assert lowered.count("url(") == len(_URL.findall(without_comments))
    for _, target in _URL.findall(without_comments):
        assert target == "#maske" or target == "../bilder/logo.png", target
    for arguments in _IMAGE_SET.findall(without_comments):
        for single, double in _STRING.findall(arguments):
            assert (single or double) == "../bilder/logo.png"
    assert clean_stylesheet(output, published_file("stylesheets/site.css", PUBLISHED)).data == cleaned.data
