"""Print a report :class:`Document` to PDF with WeasyPrint, from the same HTML as the web page.

Only the page furniture is added here: A4 pages, margins, a running title and "n / N" page
numbers. The PDF embeds its fonts, so they must be installed where it is made: Noto Sans for
Latin and Cyrillic (Uzbek ў қ ғ ҳ included) and Noto Sans CJK SC for Chinese.
:func:`check_fonts` says which Debian packages to install when they are not.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import weasyprint

from citybridge.reports.document import Document
from citybridge.reports.html import render_html

# Charts stay the inline SVG of the HTML rather than the PNG. WeasyPrint 70 draws SVG text
# itself, through Pango and fontconfig like the body text: labels in Cyrillic and Chinese come
# out in the same embedded Noto fonts, sharp at any zoom, selectable and searchable. The PNG is
# vl-convert's raster with its own font lookup (bold Cyrillic titles fell back to a serif face
# in our trials) and blurs when printed.
_PAGE_CSS = """
@page {
  size: A4;
  margin: 22mm 18mm 20mm 18mm;
  @top-left { content: string(report-title); font-size: 8pt; color: #52606d; }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #52606d; }
}
@page :first { @top-left { content: none; } }
h1.doc-title { string-set: report-title content(); }
nav.toc a::after { content: leader(". ") target-counter(attr(href), page); color: #52606d; }
"""


@dataclass(frozen=True)
class _FontNeed:
    family: str
    pattern: str  # fontconfig elements the family must match: languages, characters
    covers: str
    package: str  # the Debian package that installs it
    script: re.Pattern | None = None  # needed only by a page with these characters; None: always


_FONT_NEEDS = (
    _FontNeed(
        "Noto Sans",
        "lang=en:lang=ru:charset=45e 49b 493 4b3",
        "Latin, Cyrillic, Uzbek ў қ ғ ҳ",
        "fonts-noto-core",
    ),
    _FontNeed(
        "Noto Sans CJK SC", "lang=zh-cn", "Chinese", "fonts-noto-cjk",
        re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]"),
    ),
)  # fmt: skip


class MissingFontsError(RuntimeError):
    """The fonts a PDF report needs are not installed on this machine."""

    def __init__(self, message: str, packages: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.packages = packages  # the Debian packages to install


def check_fonts(html: str | None = None) -> None:
    """Raise :class:`MissingFontsError`, naming the packages to install, unless the fonts are there.

    With ``html``, only the fonts of the scripts that page is written in (a report without Chinese
    needs no CJK font); without, every font a report may need.
    """
    needed = [need for need in _FONT_NEEDS if html is None or need.script is None or need.script.search(html)]
    missing = [need for need in needed if not _installed(need)]
    if missing:
        fonts = "; ".join(f"{need.family} ({need.covers})" for need in missing)
        packages = tuple(need.package for need in missing)
        raise MissingFontsError(
            f"PDF reports need fonts that are not installed: {fonts}. "
            f"Install them with: apt-get install {' '.join(packages)}",
            packages,
        )


def write_pdf(doc: Document, path: Path) -> Path:
    """Print ``doc`` to a PDF file at ``path`` and return the path."""
    page = render_html(doc)
    check_fonts(page)
    # The page is self-contained; refusing every scheme but data: keeps it so.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    html = weasyprint.HTML(string=page, url_fetcher=fetcher)
    path = Path(path)
    html.write_pdf(path, stylesheets=[weasyprint.CSS(string=_PAGE_CSS)], pdf_tags=True)
    return path


def _installed(need: _FontNeed) -> bool:
    try:
        listed = subprocess.run(
            ["fc-list", f":family={need.family}:{need.pattern}", "family"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except FileNotFoundError as error:
        raise MissingFontsError(
            "fontconfig's fc-list is not installed, so the PDF fonts cannot be found. "
            "Install them with: apt-get install fontconfig fonts-noto-core fonts-noto-cjk",
            ("fontconfig", "fonts-noto-core", "fonts-noto-cjk"),
        ) from error
    return listed.returncode == 0 and bool(listed.stdout.strip())
