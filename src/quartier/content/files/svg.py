"""SVG images: parsed as XML, checked against an allowlist, written again.

An SVG opened on its own (a visitor follows the image's address) is a document of the
site: a script in it runs with the site's origin. Searching the text for bad words does
not work (``<x:script>``, ``<html:script>`` in the XHTML namespace, ``&#106;avascript:``,
a file saved as UTF-16 all pass a search). So the file is parsed by expat through
defusedxml, from its bytes and in the encoding it declares, with no DTD and no entity
declarations, and every element and attribute is compared with an allowlist by
namespace and local name, as the browser will see them:

- elements (SVG namespace only): ``ELEMENTS``; anything else is an error, whatever its
  prefix; script, animation, links, embedded documents and images get their own message;
- attributes (no namespace): ``ATTRIBUTES`` and ``data-*``; ``xml:space``, ``xml:lang``;
  ``href``/``xlink:href`` only on ``HREF_ELEMENTS`` and only as ``#name`` in the same file;
  ``style`` and every value with a function in it (``fill="url(#verlauf)"``) are read as
  CSS (``css.py``), where ``url()`` may only point to ``#name`` as well;
- ``<style>`` elements: a stylesheet under the same rule, no ``@import``;
- processing instructions (``<?xml-stylesheet?>``), ``<!DOCTYPE>`` and entities are errors.

Nothing is removed silently: every finding is an error at its line of the SVG file
(comments, which carry nothing, are the one exception). What is published is the
engine's serialization of the parsed file: UTF-8, one namespace, only allowlisted names.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_external_ges, feature_external_pes, feature_namespaces
from xml.sax.xmlreader import AttributesNSImpl, InputSource, Locator

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import DefusedExpatParser

from quartier.content.files import Cleaned, FileCode, Flaw, shown, unique_flaws
from quartier.content.files.css import clean_stylesheet, local_fragment, value_flaws

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

MAX_SVG_BYTES = 1_000_000

EXPECTED = (
    "ein SVG nur aus Formen, Text, Verläufen und Filtern, ohne Skript, Animation und fremde "
    "Adressen (oder das Bild als PNG speichern)"
)

ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "defs",
        "symbol",
        "use",
        "title",
        "desc",
        "style",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "linearGradient",
        "radialGradient",
        "stop",
        "clipPath",
        "mask",
        "pattern",
        "marker",
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
    }
)
"""Shapes, text, paint servers, clipping, masking and filters (not ``feImage``, which loads)."""

ACTIVE_ELEMENTS = frozenset(
    {
        "script",
        "handler",
        "listener",
        "foreignObject",
        "animate",
        "animateMotion",
        "animateTransform",
        "animateColor",
        "set",
        "discard",
        "mpath",
        "a",
        "image",
        "feImage",
        "iframe",
        "embed",
        "object",
        "video",
        "audio",
        "canvas",
        "cursor",
        "font-face-uri",
    }
)
"""Not allowed in any namespace, and named as what they are: script or active content."""

HREF_ELEMENTS = frozenset({"use", "textPath", "linearGradient", "radialGradient", "pattern"})
"""Elements that may point to another element of the same file (``href="#name"``)."""

PRESENTATION = frozenset(
    {
        "alignment-baseline",
        "baseline-shift",
        "clip",
        "clip-path",
        "clip-rule",
        "color",
        "color-interpolation",
        "color-interpolation-filters",
        "color-rendering",
        "direction",
        "display",
        "dominant-baseline",
        "enable-background",
        "fill",
        "fill-opacity",
        "fill-rule",
        "filter",
        "flood-color",
        "flood-opacity",
        "font-family",
        "font-size",
        "font-size-adjust",
        "font-stretch",
        "font-style",
        "font-variant",
        "font-weight",
        "image-rendering",
        "isolation",
        "letter-spacing",
        "lighting-color",
        "marker-end",
        "marker-mid",
        "marker-start",
        "mask",
        "mask-type",
        "mix-blend-mode",
        "opacity",
        "overflow",
        "paint-order",
        "pointer-events",
        "shape-rendering",
        "stop-color",
        "stop-opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-opacity",
        "stroke-width",
        "text-anchor",
        "text-decoration",
        "text-rendering",
        "transform-origin",
        "unicode-bidi",
        "vector-effect",
        "visibility",
        "word-spacing",
        "writing-mode",
    }
)
"""Presentation attributes (not ``cursor``, which loads an image)."""

GEOMETRY = frozenset(
    {
        "id",
        "class",
        "style",
        "lang",
        "role",
        "aria-label",
        "aria-labelledby",
        "aria-describedby",
        "aria-hidden",
        "version",
        "baseProfile",
        "transform",
        "viewBox",
        "preserveAspectRatio",
        "width",
        "height",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "fx",
        "fy",
        "fr",
        "d",
        "points",
        "pathLength",
        "offset",
        "gradientUnits",
        "gradientTransform",
        "spreadMethod",
        "patternUnits",
        "patternContentUnits",
        "patternTransform",
        "clipPathUnits",
        "maskUnits",
        "maskContentUnits",
        "markerUnits",
        "markerWidth",
        "markerHeight",
        "refX",
        "refY",
        "orient",
        "dx",
        "dy",
        "rotate",
        "textLength",
        "lengthAdjust",
        "startOffset",
        "method",
        "spacing",
        "side",
        "type",
        "media",
        # filters
        "filterUnits",
        "primitiveUnits",
        "result",
        "in",
        "in2",
        "stdDeviation",
        "mode",
        "values",
        "tableValues",
        "slope",
        "intercept",
        "amplitude",
        "exponent",
        "operator",
        "k1",
        "k2",
        "k3",
        "k4",
        "radius",
        "scale",
        "xChannelSelector",
        "yChannelSelector",
        "baseFrequency",
        "numOctaves",
        "seed",
        "stitchTiles",
        "order",
        "kernelMatrix",
        "divisor",
        "bias",
        "targetX",
        "targetY",
        "edgeMode",
        "preserveAlpha",
        "kernelUnitLength",
        "surfaceScale",
        "diffuseConstant",
        "specularConstant",
        "specularExponent",
        "azimuth",
        "elevation",
        "z",
        "pointsAtX",
        "pointsAtY",
        "pointsAtZ",
        "limitingConeAngle",
    }
)
"""Structure, geometry, text layout, paint servers and filter parameters."""

ATTRIBUTES = GEOMETRY | PRESENTATION

_DATA_ATTRIBUTE = re.compile(r"data-[a-z0-9][a-z0-9\-]*")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)


def clean_svg(data: bytes) -> Cleaned:
    """The SVG as the engine writes it, or every finding with its line."""
    if len(data) > MAX_SVG_BYTES:
        too_large = f"SVG-Bild ist zu groß (mehr als {MAX_SVG_BYTES:,} Bytes)".replace(",", ".")
        return Cleaned(b"", (Flaw(1, too_large, FileCode.TOO_LARGE),))
    handler = _Allowlist()
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setFeature(feature_namespaces, True)
    parser.setFeature(feature_external_ges, False)
    parser.setFeature(feature_external_pes, False)
    parser.setContentHandler(handler)
    source = InputSource()
    source.setByteStream(io.BytesIO(data))
    try:
        parser.parse(source)
    except SAXParseException as exc:
        return _only(FileCode.INVALID_XML, exc.getLineNumber(), f"SVG-Bild ist kein gültiges XML ({exc.getMessage()})")
    except DTDForbidden:
        return _only(
            FileCode.DOCTYPE, parser.getLineNumber(), "SVG-Bild enthält eine Dokumenttyp-Deklaration (<!DOCTYPE …>)"
        )
    except (EntitiesForbidden, ExternalReferenceForbidden):
        return _only(
            FileCode.ACTIVE_CONTENT, parser.getLineNumber(), "SVG-Bild enthält Skript oder aktive Inhalte: eine Entität"
        )
    except (DefusedXmlException, ValueError, LookupError) as exc:  # an encoding expat or Python does not know
        return _only(FileCode.UNREADABLE, parser.getLineNumber(), f"SVG-Bild kann nicht gelesen werden ({exc})")
    if handler.flaws:
        return Cleaned(b"", unique_flaws(handler.flaws))
    if not handler.out:
        return _only(FileCode.EMPTY, 1, "SVG-Bild ist leer")
    return Cleaned(handler.serialized())


def _only(code: FileCode, line: int | None, message: str) -> Cleaned:
    return Cleaned(b"", (Flaw(line or 1, message, code),))


@dataclass
class _Open:
    name: str
    refused: bool
    """Refused elements are reported once; what is inside them is not looked at."""

    style_line: int = 0
    text: list[str] = field(default_factory=list)


class _Allowlist(ContentHandler):
    """Checks each element and attribute as the parser reports it, and writes it out.

    The parser's events arrive one by one, so this holds the state between them (the open
    elements, the text so far); the allowlist itself is the pure functions below it."""

    def __init__(self) -> None:
        super().__init__()
        self.locator: Locator | None = None
        self.flaws: list[Flaw] = []
        self.out: list[str] = []
        self.open: list[_Open] = []
        self.pending = False
        """A start tag was written without its ``>``: ``/>`` if the element stays empty."""

        self.uses_xlink = False

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    @property
    def line(self) -> int:
        return (self.locator.getLineNumber() or 1) if self.locator is not None else 1

    def flaw(self, code: FileCode, message: str) -> None:
        self.flaws.append(Flaw(self.line, message, code))

    def serialized(self) -> bytes:
        return _serialized(self.out, self.uses_xlink)

    # -- parser events ---------------------------------------------------------

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl) -> None:
        namespace, local = name
        if self.open and self.open[-1].refused:
            self.open.append(_Open(local, True))
            return
        refused = _element_problem(namespace, local)
        if refused:
            self.flaw(*refused)
            self.open.append(_Open(local, True))
            return
        if not self.open and local != "svg":
            self.flaw(
                FileCode.NOT_AN_IMAGE, f"Datei ist kein SVG-Bild (äußerstes Element <{shown(local)}> statt <svg>)"
            )
        line = self.line
        verdicts = [_attribute(local, key, attrs.getQNameByName(key), value, line) for key, value in attrs.items()]
        for verdict in verdicts:
            self.flaws += verdict.flaws
            self.uses_xlink = self.uses_xlink or verdict.xlink
        self.close_pending()
        self.out.append(f"<{local}" + "".join(f" {v.text}" for v in verdicts if v.text))
        self.pending = True
        self.open.append(_Open(local, False, line if local == "style" else 0))

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        element = self.open.pop()
        if element.refused:
            return
        if element.name == "style":
            self.flaws += _stylesheet_flaws(element)
        if self.pending:
            self.out.append("/>")
            self.pending = False
        else:
            self.out.append(f"</{element.name}>")

    def characters(self, content: str) -> None:
        if not self.open or self.open[-1].refused:
            return
        if self.open[-1].name == "style":
            if not self.open[-1].text:
                self.open[-1].style_line = self.line  # where the stylesheet's first line is
            self.open[-1].text.append(content)
        self.close_pending()
        self.out.append(content.translate(_TEXT_ESCAPES))

    def processingInstruction(self, target: str, data: str) -> None:
        self.flaw(
            FileCode.NOT_PUBLISHED,
            f"SVG-Bild enthält eine Verarbeitungsanweisung, die nicht veröffentlicht wird: <?{shown(target)} …?>",
        )

    def skippedEntity(self, name: str) -> None:
        self.flaw(FileCode.ACTIVE_CONTENT, f"SVG-Bild enthält Skript oder aktive Inhalte: eine Entität &{shown(name)};")

    def close_pending(self) -> None:
        if self.pending:
            self.out.append(">")
            self.pending = False


# -- the allowlist -------------------------------------------------------------


def _serialized(out: list[str], uses_xlink: bool) -> bytes:
    """The written parts as one UTF-8 file, the namespaces declared on the root."""
    root = out[0]
    if uses_xlink:
        root = root.replace("<svg", f'<svg xmlns:xlink="{XLINK_NS}"', 1)
    root = root.replace("<svg", f'<svg xmlns="{SVG_NS}"', 1)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + root + "".join(out[1:]) + "\n").encode("utf-8")


def _element_problem(namespace: str | None, local: str) -> tuple[FileCode, str] | None:
    """Why an element is not published, or ``None`` for an allowlisted one."""
    where = "" if namespace == SVG_NS else f" (Namensraum {shown(namespace or 'keiner')})"
    if local in ACTIVE_ELEMENTS or local.lower() in ("script", "iframe", "object", "embed"):
        return (
            FileCode.ACTIVE_CONTENT,
            f"SVG-Bild enthält Skript oder aktive Inhalte: Element <{shown(local)}>{where}",
        )
    if namespace != SVG_NS or local not in ELEMENTS:
        return (
            FileCode.NOT_PUBLISHED,
            f"SVG-Bild enthält ein Element, das nicht veröffentlicht wird: <{shown(local)}>{where}",
        )
    return None


def _stylesheet_flaws(element: _Open) -> list[Flaw]:
    """What a ``<style>`` element's stylesheet holds that is not published."""
    css = clean_stylesheet("".join(element.text), local_fragment, element.style_line)
    return [
        Flaw(f.line, f"SVG-Bild enthält CSS, das nicht veröffentlicht wird: {f.message}", f.code) for f in css.flaws
    ]


@dataclass(frozen=True)
class _Verdict:
    """One attribute as written out ("" when refused), and why it was refused."""

    text: str
    flaws: tuple[Flaw, ...] = ()
    xlink: bool = False
    """Written as ``xlink:href``: the root must declare the xlink namespace."""


def _refused(line: int, code: FileCode, message: str) -> _Verdict:
    return _Verdict("", (Flaw(line, message, code),))


def _attribute(element: str, key: tuple[str | None, str], qname: str, value: str, line: int) -> _Verdict:
    """The attribute ``key`` of ``element`` at ``line``, as written out or refused."""
    namespace, local = key
    at = f"{shown(qname)}= an <{element}>"
    if local.lower().startswith("on"):
        return _refused(line, FileCode.ACTIVE_CONTENT, f"SVG-Bild enthält Skript oder aktive Inhalte: Attribut {at}")
    if local == "href" and namespace in (None, XLINK_NS):
        return _href(element, namespace, qname, value, line)
    if namespace == XML_NS and local in ("space", "lang"):
        name = f"xml:{local}"
    elif namespace is None and (local in ATTRIBUTES or _DATA_ATTRIBUTE.fullmatch(local)):
        name = local
    else:
        where = f" (Namensraum {shown(namespace)})" if namespace else ""
        message = f"SVG-Bild enthält ein Attribut, das nicht veröffentlicht wird: {at}{where}"
        return _refused(line, FileCode.NOT_PUBLISHED, message)
    if "(" in value or "\\" in value or local == "style":
        found = value_flaws(value, local_fragment, line)
        if found:
            return _Verdict(
                "",
                tuple(
                    Flaw(f.line, f"SVG-Bild enthält CSS, das nicht veröffentlicht wird: {f.message} ({at})", f.code)
                    for f in found
                ),
            )
    return _Verdict(f'{name}="{value.translate(_ATTRIBUTE_ESCAPES)}"')


def _href(element: str, namespace: str | None, qname: str, value: str, line: int) -> _Verdict:
    """``href``/``xlink:href``: only on ``HREF_ELEMENTS``, and only to ``#name`` in the same file."""
    at = f"{shown(qname)}= an <{element}>"
    if element not in HREF_ELEMENTS:
        message = f"SVG-Bild enthält ein Attribut, das nicht veröffentlicht wird: {at}"
        return _refused(line, FileCode.NOT_PUBLISHED, message)
    refusal = local_fragment(value)
    if refusal:
        active = refusal.code is FileCode.ACTIVE_CONTENT
        kind = "Skript oder aktive Inhalte" if active else "einen Verweis, der nicht veröffentlicht wird"
        said = f"{shown(qname)}=„{shown(value)}“ an <{element}> {refusal.reason}"
        return _refused(line, refusal.code, f"SVG-Bild enthält {kind}: {said}")
    xlink = namespace == XLINK_NS
    name = "xlink:href" if xlink else "href"
    return _Verdict(f'{name}="{value.translate(_ATTRIBUTE_ESCAPES)}"', xlink=xlink)


__all__ = ["ELEMENTS", "ATTRIBUTES", "EXPECTED", "HREF_ELEMENTS", "MAX_SVG_BYTES", "clean_svg"]
