"""Render a report :class:`Document` as one self-contained HTML file.

The file works offline and can be mailed as it is: the CSS is inline, charts are inline SVG, and
nothing points outside the file. The PDF renderer prints this same HTML, so what the officer
reviews in a browser is what the PDF shows.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import babel
import babel.dates
import jinja2
from markupsafe import Markup

from citybridge.reports.document import BulletList, Caution, Document, Figure, Paragraph, Table
from citybridge.reports.i18n import LANGUAGES, Translator

FONT_STACK = '"Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", sans-serif'
# The same stack for SVG font-family attributes: WeasyPrint's SVG reader splits on commas and
# strips quotes but not spaces, so it needs the unquoted form with no space after the commas.
_SVG_FONT_STACK = ",".join(name.strip(' "') for name in FONT_STACK.split(","))

@dataclass(frozen=True)
class Furniture:
    """The text a renderer adds around the content: the contents heading and the date lines."""

    contents: str
    as_of: str  # "" when the document has no as-of date
    generated: str  # "" when the document has no generation time


def furniture(doc: Document) -> Furniture:
    """The contents heading and date lines of ``doc``, in its language (from the catalogues)."""
    t = Translator(doc.language if doc.language in LANGUAGES else "en")
    when = babel.dates.format_datetime(doc.generated_at, "long", locale=t.locale) if doc.generated_at else ""
    return Furniture(
        contents=t.gettext("Contents"),
        as_of=t.gettext("As of {date}").format(date=t.format_date(doc.as_of)) if doc.as_of else "",
        generated=t.gettext("Generated {when}").format(when=when) if when else "",
    )


def render_html(doc: Document) -> str:
    """``doc`` as one HTML page with inline CSS and inline SVG charts."""
    template = _environment().get_template("report.html.j2")
    return template.render(doc=doc, furniture=furniture(doc), font_stack=Markup(FONT_STACK))


def inline_svg(svg: str, alt: str, prefix: str) -> Markup:
    """``svg`` made safe to inline: no script, no outside reference, ids prefixed, alt text added.

    Several charts share one page, so their ids (clip paths, gradients) get ``prefix`` to stay
    unique. The namespace declarations go too: inline SVG in HTML needs none, and the page
    must not contain any http URL, even a namespace name.
    """
    root = ET.fromstring(svg)
    _strip_namespaces(root)
    _drop_unsafe(root)
    _prefix_ids(root, prefix)
    root.set("role", "img")
    root.set("aria-label", alt)
    title = ET.Element("title")
    title.text = alt
    root.insert(0, title)
    return Markup(ET.tostring(root, encoding="unicode"))


_UNSAFE_ELEMENTS = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video"}
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
_LINK_ATTRIBUTES = {"href", "src"}


def _strip_namespaces(root: ET.Element) -> None:
    for element in root.iter():
        element.tag = element.tag.rpartition("}")[2]
        for name in [name for name in element.attrib if name.startswith("{")]:
            element.set(name.rpartition("}")[2], element.attrib.pop(name))


def _drop_unsafe(root: ET.Element) -> None:
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in _UNSAFE_ELEMENTS or (
                child.tag == "style" and _points_outside("style", child.text or "")
            ):
                parent.remove(child)
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if name.lower().startswith("on") or _points_outside(name, value):
                del element.attrib[name]
            elif name == "font-family" and value.strip() == "sans-serif":
                # Vega's default font: name ours, so Chinese labels use the Simplified forms.
                element.set(name, _SVG_FONT_STACK)


def _points_outside(name: str, value: str) -> bool:
    if name in _LINK_ATTRIBUTES:
        return not value.startswith(("#", "data:image/"))
    return "@import" in value or bool(_OUTSIDE_URL.search(value))


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    for element in root.iter():
        if "id" in element.attrib:
            element.set("id", f"{prefix}-{element.get('id')}")
        for name, value in element.attrib.items():
            if name in _LINK_ATTRIBUTES and value.startswith("#"):
                element.set(name, f"#{prefix}-{value[1:]}")
            elif "url(#" in value:
                element.set(name, value.replace("url(#", f"url(#{prefix}-"))


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("citybridge.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["kind"] = _kind
    env.globals["figure_svg"] = lambda figure, prefix: inline_svg(figure.chart.svg, figure.alt, prefix)
    return env


_KINDS = {Paragraph: "paragraph", BulletList: "list", Table: "table", Figure: "figure", Caution: "caution"}


def _kind(block: object) -> str:
    return _KINDS[type(block)]
