"""Write a Document in the formats asked for, next to each other in one folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from citybridge.reports.document import Document

FORMATS = ("html", "pdf", "docx")


def parse_formats(text: str) -> tuple[str, ...]:
    """"all", one format, or a comma-separated list; unknown names are refused."""
    wanted = FORMATS if text == "all" else tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ValueError(f"format '{text}': choose from {', '.join(FORMATS)} or all")
    return wanted


def write_document(doc: Document, folder: Path, stem: str, formats: Iterable[str]) -> list[Path]:
    """``folder/stem.html`` etc.; each file is written to a temporary name first, then renamed,
    so an interrupted run never leaves half a report behind."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = folder / f"{stem}.{fmt}"
        partial = target.with_name(f".{target.name}.partial")
        _WRITERS[fmt](doc, partial)
        partial.replace(target)
        written.append(target)
    return written


def _write_html(doc: Document, path: Path) -> None:
    from citybridge.reports.html import render_html

    path.write_text(render_html(doc), encoding="utf-8")


def _write_pdf(doc: Document, path: Path) -> None:
    from citybridge.reports.pdf import write_pdf

    write_pdf(doc, path)


def _write_docx(doc: Document, path: Path) -> None:
    from citybridge.reports.docx import write_docx

    write_docx(doc, path)


_WRITERS: dict[str, Callable[[Document, Path], None]] = {"html": _write_html, "pdf": _write_pdf, "docx": _write_docx}
