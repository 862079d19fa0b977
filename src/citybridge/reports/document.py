"""A report as a neutral document: sections of headings, paragraphs, tables and figures.

The report builder writes one :class:`Document` per language; the HTML, PDF and DOCX renderers
each turn it into their format. Keeping the content apart from the format is what makes the
three outputs say the same thing, and lets the knowledge booklet reuse the renderers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # "body", "lead" (a summary sentence), "note" (small print), "quote"


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    numeric: tuple[int, ...] = ()  # indexes of the columns to right-align


@dataclass(frozen=True)
class Chart:
    """A rendered Vega-Lite chart: its spec (for the web page), SVG (HTML) and PNG (DOCX, PDF)."""

    spec: dict
    svg: str
    png: bytes
    width: int  # pixels of the PNG at scale 1
    height: int


@dataclass(frozen=True)
class Figure:
    chart: Chart
    caption: str
    alt: str  # what the chart shows, in words, for readers who cannot see it
    source: str = ""  # the base and the as-of day of its figures, printed under it


@dataclass(frozen=True)
class Caution:
    text: str  # e.g. a small-base caution


Block = Paragraph | BulletList | Table | Figure | Caution


@dataclass(frozen=True)
class Section:
    key: str  # stable anchor: "summary", "programme", "key-results", ...
    title: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    language: str  # BCP 47 tag: en, ru, uz-Latn, uz-Cyrl, zh
    sections: tuple[Section, ...]
    as_of: dt.date | None = None
    generated_at: dt.datetime | None = None
    footer: str = ""  # e.g. "Figures as of 14 December 2020; base n in every table"
    metadata: dict[str, str] = field(default_factory=dict)
